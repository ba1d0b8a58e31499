"""The strategy lab widget: grid clicks, objective, Compare with a progress bar, verdict."""

from __future__ import annotations

import pytest

pytest.importorskip("ipywidgets")

import matplotlib

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
    assert lab._chart.value[:4] == b"\x89PNG"
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
    assert cell.description == ""


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
