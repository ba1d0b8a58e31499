"""The strategy lab widget: grid clicks, objective, Compare with a progress bar, verdict."""

from __future__ import annotations

import html

import ipywidgets  # noqa: F401  (required: a widget test never skips)
import matplotlib
import pytest

matplotlib.use("Agg")

from postlab.widgets.strategy_lab import StrategyLab


@pytest.fixture
def lab():
    return StrategyLab(strategies=2, followers=3_000, runs=20, seed=1)


def test_starts_from_presets_with_a_css_class(lab):
    assert "postlab-strategy-lab" in lab._dom_classes
    names = [s.name for s in lab.strategies]
    assert names == ["One big post a day at 10:00", "Bilingual morning and evening"]
    assert lab.comparison is None


def test_compare_button_fills_progress_chart_and_verdict(lab):
    lab._button.click()
    assert lab.comparison is not None
    assert lab._progress.value == lab._progress.max == 40
    chart = lab._chart.value
    assert '<img src="data:image/png;base64,' in chart
    # the alt text is the finding (the verdict), and the numbers are offered as a table
    assert f'alt="{html.escape(lab.verdict, quote=True)}"' in chart
    assert "<table" in chart and '<th scope="col">mean</th>' in chart
    assert "did best" in lab.verdict and "teaching model" in lab.verdict


def test_clicking_the_grid_places_and_removes_posts(lab):
    lab._plans[0]._cap.value = 2
    before = len(lab.strategies[0].posts)
    lab.toggle(0, "mon", 19)
    assert len(lab.strategies[0].posts) == before + 1
    cell = lab._plans[0]._cells[("mon", 19)]
    assert cell.description == "img"
    lab.toggle(0, "mon", 19)
    assert len(lab.strategies[0].posts) == before
    assert cell.description.strip() == ""  # a non-breaking space: ipywidgets keeps "" stale
    assert "no post" in cell.tooltip and "postlab-on" not in cell._dom_classes


def test_format_and_language_apply_to_new_slots(lab):
    plan = lab._plans[0]
    plan._format.value = "video"
    plan._langs.value = ("hi",)
    plan._cap.value = 2
    lab.toggle(0, "sat", 20)
    post = next(p for p in lab.strategies[0].posts if p.day == "sat" and p.hour == 20)
    assert (post.format, post.languages) == ("video", ("hi",))


def test_over_the_cap_shows_a_message_not_a_traceback(lab):
    lab.toggle(0, "mon", 19)  # a second post on Monday, cap is 1
    assert lab.run() is None
    assert "Cannot compare yet" in lab._verdict.value
    assert "posting cap" in lab.verdict


def test_objective_changes_the_verdict_metric(lab):
    lab.set_objective("engagement_rate")
    lab.run()
    assert "engagement rate" in lab.verdict


def test_trainee_text_is_escaped(lab):
    lab._plans[1]._name.value = "<b>mine</b>"
    lab.add_strategy()
    lab.run()
    assert "<b>mine</b>" not in lab._verdict.value
    assert len(lab.strategies) == 3


# Issue 14: every grid cell has a name that says its state; toggles expose it.
def test_issue14_grid_cells_are_named_and_show_their_state(lab):
    cells = lab._plans[0]._cells
    assert len(cells) == 7 * 17
    assert all(c.tooltip and "postlab-toggle" in c._dom_classes for c in cells.values())
    lab._plans[0]._cap.value = 2
    lab.toggle(0, "tue", 19)
    cell = cells[("tue", 19)]
    assert cell.tooltip == "Tue 19:00: image post in Hindi and English. Press to remove it."
    assert "postlab-on" in cell._dom_classes and cell.description == "img"


def test_issue14_compare_marks_the_old_result_out_of_date(lab):
    lab.run()
    assert "postlab-stale" not in lab._results._dom_classes and lab._status.value == ""
    lab.toggle(0, "wed", 8)
    assert "postlab-stale" in lab._results._dom_classes
    assert "out of date" in lab._status.value
    lab.toggle(0, "wed", 8)
    lab.run()
    assert "postlab-stale" not in lab._results._dom_classes
    assert "postlab-live" in lab._verdict._dom_classes


def test_issue14_compare_says_at_once_that_it_is_working(lab):
    seen = []
    lab._on_progress = lambda done, total: seen.append(
        (lab._status.value, lab._button.disabled, tuple(lab._results._dom_classes))
    )
    lab.run()
    status, disabled, classes = seen[0]
    assert "Comparing" in status and disabled and "postlab-stale" in classes
    assert not lab._button.disabled


def test_issue14_no_program_names_reach_the_trainee(lab):
    lab.toggle(0, "mon", 19)  # over the cap
    lab.run()
    assert "cap_per_day" not in lab._verdict.value and "Posts a day, at most" in lab.verdict


def test_issue14_add_a_strategy_selects_it_and_stops_at_four(lab):
    lab.add_strategy()
    assert lab._tabs.selected_index == 2
    lab.add_strategy()
    assert lab._add.disabled and len(lab.strategies) == 4
