"""The engagement simulator widget: controls, button, charts and explanation."""

from __future__ import annotations

import ipywidgets  # noqa: F401  (required: a widget test never skips)
import pytest

from postlab.widgets.simulator import EngagementSimulator


@pytest.fixture
def sim():
    return EngagementSimulator(followers=10_000)


def test_outer_box_has_the_css_class(sim):
    assert "postlab-simulator" in sim._dom_classes


def test_button_click_produces_result_chart_and_explanation(sim):
    assert sim.result is None
    sim._button.click()
    assert sim.result is not None and sim.result.reach > 0
    assert len(sim._plot.outputs) == 1
    chart = sim._plot.outputs[0]["data"]["text/html"]  # a PNG with its finding as alt text
    assert '<img src="data:image/png;base64,' in chart and 'alt="The post reaches' in chart
    assert "Reach" in sim._summary.value
    assert "<li>" in sim._explanation.value


def test_night_posting_lowers_reach_and_says_why(sim):
    sim._button.click()
    day_reach = sim.result.reach
    sim._hour.value = 3
    sim._button.click()
    assert sim.post.hour == 3
    assert sim.result.reach < day_reach
    assert "Posting at 03:00 instead of the audience" in sim._explanation.value


def test_controls_change_the_post(sim):
    sim._format.value = "image"
    sim._languages.value = ("en",)
    sim._hashtags.value = 2
    sim._cta.value = True
    post = sim.post
    assert (post.format, post.languages, post.hashtag_count, post.call_to_action) == (
        "image",
        ("en",),
        2,
        True,
    )
    sim._button.click()
    assert "Written in English only" in sim._explanation.value


def test_many_runs_show_the_spread(sim):
    sim._many.value = True
    sim._button.click()
    assert sim.result.n_runs == 100
    assert "luck, not strategy" in sim._explanation.value


def test_errors_are_a_sentence_not_a_traceback(sim):
    sim._languages.value = ()
    assert sim.run() is None
    assert "could not be simulated" in sim._status.value
    assert "Traceback" not in sim._status.value


def test_trainee_visible_text_is_escaped(sim, monkeypatch):
    import postlab.widgets.simulator as mod

    def boom(*args, **kwargs):
        raise ValueError("<script>x</script>")

    monkeypatch.setattr(mod, "simulate", boom)
    sim.run()
    assert "<script>" not in sim._status.value
    assert "&lt;script&gt;" in sim._status.value


def test_audience_mix_and_platform_are_used(sim):
    sim._mix.value = "Mostly seniors"
    sim._platform.value = "instagram"
    sim._button.click()
    assert sim.result.post.platform == "instagram"
    assert sim.result.by_segment.loc["seniors", "followers"] > 4_000


# Issue 14: the old result is marked out of date at once; counts are pluralised.
def test_issue14_changing_a_control_marks_the_result_out_of_date(sim):
    sim._button.click()
    assert "postlab-stale" not in sim._results._dom_classes
    sim._hour.value = 20
    assert "postlab-stale" in sim._results._dom_classes and "out of date" in sim._status.value
    sim._button.click()
    assert "postlab-stale" not in sim._results._dom_classes and sim._status.value == ""


def test_issue14_simulate_says_at_once_that_it_is_working(sim, monkeypatch):
    import postlab.widgets.simulator as module

    seen = []
    real = module.simulate

    def spy(*args, **kwargs):
        seen.append((sim._status.value, tuple(sim._results._dom_classes)))
        return real(*args, **kwargs)

    monkeypatch.setattr(module, "simulate", spy)
    sim.run()
    assert "Simulating" in seen[0][0] and "postlab-stale" in seen[0][1]


def test_issue14_counts_are_pluralised_and_results_announced(sim):
    from postlab.widgets.simulator import _count

    assert _count(1, "reply", "replies") == "1 reply"
    assert _count(0.2, "reply", "replies") == "0 replies"
    assert _count(1234, "reply", "replies") == "1,234 replies"
    sim._button.click()
    assert " 1 replies" not in sim._summary.value and " 1 reshares" not in sim._summary.value
    assert all("postlab-live" in w._dom_classes for w in (sim._summary, sim._status))
    assert "Run this cell again" in sim._repr_mimebundle_()["text/plain"]
