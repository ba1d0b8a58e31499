"""Checks of lessons 03 and 04: right answers pass, wrong ones get a hint, nothing raises."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from postlab.audience import Audience
from postlab.exercises import Exercise, Status
from postlab.exercises.checks import Outcome
from postlab.exercises.lessons import know_your_audience as k03
from postlab.exercises.lessons import simulating_engagement as k04
from postlab.exercises.questions import questions_of
from postlab.simulation import Post, simulate
from postlab.simulation.segments import segment_specs

RIGHT_03 = {
    "most-sceptical": "critics",
    "english-readers": "journalists_civil_society",
    "reach-the-target": {"segment": "seniors", "hour": 9, "languages": "hi"},
}
WRONG_03 = {
    "most-sceptical": "seniors",
    "english-readers": "rural_families",
    "reach-the-target": {"segment": "seniors", "hour": 3, "languages": "hi"},
}
RIGHT_04 = {
    "predict-rate": "C",
    "which-rate": "by_followers",
    "best-hour": 7,
}
WRONG_04 = {
    "predict-rate": "A",
    "which-rate": "by_reach",
    "best-hour": 3,
    "engagement-rates": {"by_reach": 0.5, "by_followers": 0.5, "by_impressions": 0.5},
}
ODD = [
    None,
    3.5,
    -1,
    True,
    "",
    "?",
    [],
    [1, 2],
    {"x": 1},
    pytest.param(object(), id="object"),
    float("nan"),
    10**30,
]


def _rates_from(result) -> dict[str, float]:
    engaged = sum(result.engagements[kind] for kind in ("like", "reply", "reshare"))
    return {
        "by_reach": engaged / result.reach,
        "by_followers": engaged / result.followers,
        "by_impressions": engaged / result.impressions,
    }


@pytest.fixture(scope="module")
def rates_result():
    """Question 2's result, computed here from the public API as the notebook does."""
    audience = Audience.synthetic(followers=20_000, seed=3)
    post = Post(format="image", hour=19, languages=("hi",), topic="health")
    return simulate(post, audience, seed=4)


@pytest.fixture(scope="module")
def rural_sweep() -> dict[int, float]:
    """Question 4's sweep, computed here from the public API as the notebook does."""
    audience = Audience.synthetic(followers=20_000, seed=3)
    post = Post(topic="agriculture", languages=("hi", "regional"))
    return {
        hour: float(
            simulate(post.replace(hour=hour), audience, runs=10, seed=5).by_segment.loc[
                "rural_families", "reached"
            ]
        )
        for hour in range(24)
    }


def _exercise(lesson: str, tmp_path: Path) -> Exercise:
    return Exercise(lesson, folder=tmp_path)


# --- registration and placeholders --------------------------------------------------------


def test_questions_are_registered_in_order(tmp_path: Path) -> None:
    _exercise(k03.LESSON, tmp_path)
    _exercise(k04.LESSON, tmp_path)
    assert list(questions_of(k03.LESSON)) == list(RIGHT_03)
    assert list(questions_of(k04.LESSON)) == [
        "predict-rate",
        "engagement-rates",
        "which-rate",
        "best-hour",
    ]


@pytest.mark.parametrize(
    ("lesson", "qid"),
    [(k03.LESSON, q) for q in RIGHT_03] + [(k04.LESSON, q) for q in WRONG_04],
)
@pytest.mark.parametrize(
    "answer",
    [..., "", {"segment": ..., "hour": ..., "languages": ...}, {"by_reach": ...}],
)
def test_placeholder_is_unanswered_and_never_raises(
    lesson: str, qid: str, answer: object, tmp_path: Path
) -> None:
    result = _exercise(lesson, tmp_path).check(qid, answer)
    assert result.status is Status.UNANSWERED


# --- right answers pass, wrong ones get not_yet with a hint ----------------------------------


@pytest.mark.parametrize(("qid", "answer"), list(RIGHT_03.items()))
def test_right_answers_pass_03(qid: str, answer: object, tmp_path: Path) -> None:
    result = _exercise(k03.LESSON, tmp_path).check(qid, answer)
    assert result.passed, result.message


@pytest.mark.parametrize(("qid", "answer"), list(WRONG_03.items()))
def test_wrong_answers_get_a_hint_03(qid: str, answer: object, tmp_path: Path) -> None:
    result = _exercise(k03.LESSON, tmp_path).check(qid, answer)
    assert result.status is Status.NOT_YET
    assert result.hint.strip()
    assert "could not be checked" not in result.message


@pytest.mark.parametrize(("qid", "answer"), list(RIGHT_04.items()))
def test_right_answers_pass_04(qid: str, answer: object, tmp_path: Path) -> None:
    result = _exercise(k04.LESSON, tmp_path).check(qid, answer)
    assert result.passed, result.message


@pytest.mark.parametrize(("qid", "answer"), list(WRONG_04.items()))
def test_wrong_answers_get_a_hint_04(qid: str, answer: object, tmp_path: Path) -> None:
    result = _exercise(k04.LESSON, tmp_path).check(qid, answer)
    assert result.status is Status.NOT_YET
    assert result.hint.strip()
    assert "could not be checked" not in result.message


@pytest.mark.parametrize("answer", ODD, ids=repr)
@pytest.mark.parametrize(
    "check",
    [
        k03.most_sceptical,
        k03.english_readers,
        k03.reach_the_target,
        k04.predict_rate,
        k04.engagement_rates,
        k04.which_rate,
        k04.best_hour,
    ],
)
def test_odd_answers_are_handled_by_the_check_itself(check, answer: object) -> None:
    """Not even the safety net is needed: each function returns a friendly not_yet."""
    outcome = check(answer)
    assert isinstance(outcome, Outcome)
    assert not outcome.ok
    assert outcome.message


# --- lesson 03 ---------------------------------------------------------------------------


@pytest.mark.parametrize("answer", ["Critics of the account", " CRITICS ", "critics"])
def test_segment_names_and_labels_are_both_accepted(answer: str) -> None:
    assert k03.most_sceptical(answer).ok


def test_read_the_table_answers_come_from_the_data(monkeypatch: pytest.MonkeyPatch) -> None:
    specs = tuple(
        dataclasses.replace(s, stance=-0.9) if s.name == "seniors" else s for s in segment_specs()
    )
    monkeypatch.setattr(k03, "_specs", lambda: specs)
    assert k03.most_sceptical("seniors").ok
    assert not k03.most_sceptical("critics").ok


@pytest.mark.parametrize(
    "answer",
    [
        {"segment": "Seniors", "hour": "09:00", "languages": ["Hindi"]},
        {"segment": "seniors", "hour": 18, "languages": "hi and regional"},
        {"segment": "seniors", "hour": "6 pm", "languages": "hindi"},
        {"segment": "seniors", "hour": 8, "languages": ("hi", "en", "regional")},
    ],
)
def test_good_scenario_choices_pass_in_any_spelling(answer: dict) -> None:
    outcome = k03.reach_the_target(answer)
    assert outcome.ok, outcome.message
    assert "times as many readers" in outcome.message


def test_the_naive_choice_itself_does_not_pass() -> None:
    naive = {"segment": "seniors", "hour": k03.NAIVE_HOUR, "languages": k03.NAIVE_LANGUAGES}
    assert not k03.reach_the_target(naive).ok


def test_good_hour_wrong_language_is_told_about_the_language() -> None:
    outcome = k03.reach_the_target({"segment": "seniors", "hour": 9, "languages": "en"})
    assert not outcome.ok
    assert "language" in outcome.hint


def test_good_language_at_the_old_hour_is_told_about_the_hour() -> None:
    outcome = k03.reach_the_target({"segment": "seniors", "hour": 15, "languages": "hi"})
    assert not outcome.ok
    assert "online" in outcome.hint


def test_wrong_segment_is_told_who_the_camp_is_for() -> None:
    outcome = k03.reach_the_target({"segment": "students", "hour": 9, "languages": "hi"})
    assert not outcome.ok
    assert "pension" in outcome.message


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    hour=st.sampled_from([0, 1, 2, 3, 4, 22, 23]),
    languages=st.sampled_from(["hi", "en", "regional", ["hi", "regional"], ["hi", "en"]]),
)
def test_no_night_hour_passes_whatever_the_language(hour: int, languages: object) -> None:
    outcome = k03.reach_the_target({"segment": "seniors", "hour": hour, "languages": languages})
    assert not outcome.ok


def test_scenario_scores_agree_with_an_independent_simulation() -> None:
    """The check's numbers are the simulator's: seniors reached at 09:00 beat 15:00 by 10 %+."""
    audience = Audience.synthetic(followers=20_000, seed=3)

    def seniors(hour: int) -> float:
        post = Post(hour=hour, languages=("hi",), topic="pensions")
        result = simulate(post, audience, runs=20, seed=11)
        return float(result.by_segment.loc["seniors", "reached"])

    assert seniors(9) >= 1.1 * seniors(15)
    assert k03._score(9, ("hi",)).reached == pytest.approx(seniors(9))


# --- lesson 04 ---------------------------------------------------------------------------


def test_rates_computed_from_the_result_pass(rates_result) -> None:
    outcome = k04.engagement_rates(_rates_from(rates_result))
    assert outcome.ok, outcome.message


def test_rates_match_the_results_own_numbers(rates_result) -> None:
    rate = rates_result.engagement_rate
    answer = {
        "by_reach": rate.by_reach,
        "by_followers": rate.by_followers,
        "by_impressions": rate.by_impressions,
    }
    assert k04.engagement_rates(answer).ok
    assert _rates_from(rates_result)["by_reach"] == pytest.approx(rate.by_reach)


def test_rates_as_percentages_are_explained(rates_result) -> None:
    answer = {k: v * 100 for k, v in _rates_from(rates_result).items()}
    outcome = k04.engagement_rates(answer)
    assert not outcome.ok
    assert "percentage" in outcome.message


def test_rates_with_clicks_or_the_wrong_denominator_are_explained(rates_result) -> None:
    answer = _rates_from(rates_result)
    clicks = rates_result.engagements["click"]
    assert clicks > 0, "this scenario needs a click for the test to mean something"
    answer["by_followers"] += clicks / rates_result.followers
    answer["by_impressions"], answer["by_reach"] = answer["by_reach"], answer["by_impressions"]
    outcome = k04.engagement_rates(answer)
    assert not outcome.ok
    assert "clicks" in outcome.message
    assert "divided by the reach, not the impressions" in outcome.message


@given(scale=st.floats(min_value=0.0, max_value=10.0).filter(lambda x: abs(x - 1) > 0.05))
@settings(max_examples=30, deadline=None)
def test_rates_off_by_more_than_rounding_never_pass(scale: float) -> None:
    right = _rates_from(k04._rates_result())
    assert not k04.engagement_rates({**right, "by_reach": right["by_reach"] * scale}).ok


def test_predicted_option_is_the_one_nearest_the_simulated_rate() -> None:
    audience = Audience.synthetic(followers=20_000, seed=3)
    rate = simulate(Post(), audience, runs=10, seed=1).engagement_rate.by_followers
    assert 0.0001 < rate < 0.001, "a plain post on X should sit near the 0.035 % benchmark"
    assert k04.predict_rate("c").ok
    assert not k04.predict_rate("B").ok


@given(text=st.text(max_size=30))
@settings(max_examples=60, deadline=None)
def test_which_rate_passes_only_when_followers_alone_is_named(text: str) -> None:
    outcome = k04.which_rate(text)
    named = [w for w in ("reach", "follower", "impression") if w in text.lower()]
    assert outcome.ok == (named == ["follower"])


def test_best_hour_agrees_with_an_independent_sweep(rural_sweep: dict[int, float]) -> None:
    top = max(rural_sweep, key=rural_sweep.__getitem__)
    assert k04.best_hour(top).ok
    for hour, reach in rural_sweep.items():
        if reach < 0.8 * rural_sweep[top]:
            assert not k04.best_hour(hour).ok, hour
    assert k04._sweep() == pytest.approx(rural_sweep)


def test_best_hour_is_not_the_middle_of_the_night(rural_sweep: dict[int, float]) -> None:
    """The sweep itself is sensible, so the check teaches the right thing."""
    assert rural_sweep[7] > 2 * rural_sweep[3]
    assert rural_sweep[20] > 2 * rural_sweep[13]
