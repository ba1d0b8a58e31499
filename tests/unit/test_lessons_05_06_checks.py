"""Checks of exercises 05 and 06: right answers pass, wrong ones get a hint, ``...`` is fine."""

from __future__ import annotations

import copy

import pytest

from postlab.exercises.checks import questions_of
from postlab.exercises.exercise import Exercise
from postlab.exercises.lessons import comparing_strategies as c05
from postlab.exercises.lessons import plan_a_campaign as c06

HEATWAVE_PLAN = {
    "name": "Heatwave: stay safe",
    "objective": "Reach 800 seniors on X with the heat helpline number by 16 May 2026",
    "segments": ["seniors", "rural_families"],
    "insight": "Older people read Hindi and are online around 09:00 and 18:00.",
    "idea": "One simple heat rule a day, always with the free helpline number.",
    "topic": "health",
    "calendar": [
        {
            "day": "mon",
            "time": "09:00",
            "format": "image",
            "text": "लू की चेतावनी: 12 से 16 मई। बार-बार पानी पिएँ। हेल्पलाइन 1800-000-4477",
            "alt_text": "An older man drinks water in the shade of a tree.",
        },
        {
            "day": "tue",
            "time": "18:00",
            "text": "Heatwave 12-16 May: drink water often. Dizzy? Call 1800-000-4477.",
        },
        {
            "day": "wed",
            "time": "09:00",
            "text": "Stay out of the sun from noon to 4 pm. https://example.com/navapur/heatwave",
        },
        {
            "day": "thu",
            "time": "18:00",
            "format": "video",
            "text": "Check on older neighbours. https://example.com/navapur/heatwave",
        },
        {"day": "fri", "time": "09:00", "text": "Keep drinking water. Helpline: 1800-000-4477."},
    ],
    "measures": {
        "Seniors reached on X (platform analytics)": "output",
        "Calls to the heat helpline (helpline log)": "outcome",
    },
}


def _with(**changes: object) -> dict:
    plan = copy.deepcopy(HEATWAVE_PLAN)
    plan.update(changes)
    return plan


# -- 05 ------------------------------------------------------------------------------------


def test_05_registers_three_questions() -> None:
    assert list(questions_of(c05.LESSON)) == ["same-strategy", "beat-baseline", "ab-verdicts"]


def test_same_strategy() -> None:
    assert c05.same_strategy(0).ok
    assert c05.same_strategy(0.0).ok
    wrong = c05.same_strategy(120)
    assert not wrong.ok and "same luck" in wrong.message
    assert not c05.same_strategy("0").ok
    assert not c05.same_strategy(True).ok


def test_beat_baseline_right_answer_passes() -> None:
    outcome = c05.beat_baseline(
        {"times": ["08:00", "20:00"], "format": "image", "languages": ["hi", "en"]}
    )
    assert outcome.ok, outcome.message
    assert "excludes zero" in outcome.message


def test_beat_baseline_the_baseline_itself_is_not_better() -> None:
    outcome = c05.beat_baseline({"times": ["10:00"], "format": "image", "languages": ["hi", "en"]})
    assert not outcome.ok
    assert "includes zero" in outcome.message


def test_beat_baseline_a_worse_hour_is_not_better() -> None:
    outcome = c05.beat_baseline({"time": "13:00", "format": "image", "languages": ["hi"]})
    assert not outcome.ok
    assert "fewer" in outcome.message


def test_beat_baseline_over_the_cap() -> None:
    outcome = c05.beat_baseline({"times": ["08:00", "12:00", "20:00"]})
    assert not outcome.ok
    assert "over the posting cap of 2" in outcome.message
    assert outcome.hint


@pytest.mark.parametrize(
    "answer",
    [
        {"times": "25:00"},
        {"times": [8, 20]},
        {"times": ["08:00"], "format": "gif"},
        {"colour": 1},
        [1],
    ],
)
def test_beat_baseline_odd_answers_get_not_yet(answer) -> None:
    assert not c05.beat_baseline(answer).ok


def test_ab_verdicts_right_answer_passes() -> None:
    answer = {
        "test_1": "B is better",
        "test_2": "Too few people to tell",
        "test_3": "no clear difference yet",
    }
    assert c05.ab_verdicts(answer).ok


def test_ab_verdicts_small_sample_trap_gets_its_hint() -> None:
    answer = {"test_1": "B is better", "test_2": "B is better", "test_3": "no clear difference yet"}
    outcome = c05.ab_verdicts(answer)
    assert not outcome.ok
    assert outcome.message == "test_2: not 'B is better'."
    assert "so few people" in outcome.hint


def test_ab_verdicts_other_mistakes() -> None:
    answer = {"test_1": "no clear difference yet", "test_2": "too few", "test_3": "maybe"}
    outcome = c05.ab_verdicts(answer)
    assert not outcome.ok
    assert "test_1" in outcome.message and "'maybe' is not one of" in outcome.message
    assert "p-value" in outcome.hint
    assert not c05.ab_verdicts({"test_1": "B is better"}).ok


# -- 06 ------------------------------------------------------------------------------------


def test_06_registers_five_questions() -> None:
    assert list(questions_of(c06.LESSON)) == [
        "smart-objective",
        "calendar-passes",
        "measures",
        "plan-complete",
        "meets-objective",
    ]


def test_smart_objective() -> None:
    assert c06.smart_objective(HEATWAVE_PLAN["objective"]).ok
    vague = c06.smart_objective("Raise awareness of the heatwave")
    assert not vague.ok and "no number" in vague.message and "no deadline" in vague.message
    assert not c06.smart_objective("Reach 800 seniors by 16 May").ok
    assert not c06.smart_objective(800).ok


def test_calendar_passes() -> None:
    assert c06.calendar_passes(HEATWAVE_PLAN["calendar"]).ok
    no_alt = copy.deepcopy(HEATWAVE_PLAN["calendar"])
    del no_alt[0]["alt_text"]
    outcome = c06.calendar_passes(no_alt)
    assert not outcome.ok and "alt text" in outcome.message and outcome.hint
    assert "at least three" in c06.calendar_passes(HEATWAVE_PLAN["calendar"][:2]).message
    assert not c06.calendar_passes([{"day": "mon", "time": "26:00", "text": "x"}] * 3).ok
    assert not c06.calendar_passes("mon 09:00").ok


def test_measures() -> None:
    assert c06.measures_have_outcome(HEATWAVE_PLAN["measures"]).ok
    outputs = c06.measures_have_outcome({"Seniors reached": "output"})
    assert not outputs.ok and "Every measure is an output" in outputs.message
    mislabelled = c06.measures_have_outcome({"Impressions": "outcome"})
    assert not mislabelled.ok and mislabelled.hint
    assert not c06.measures_have_outcome({"Calls": "result"}).ok
    assert not c06.measures_have_outcome(["Calls"]).ok


def test_plan_complete() -> None:
    assert c06.plan_complete(HEATWAVE_PLAN).ok
    outcome = c06.plan_complete(_with(insight="Seniors."))
    assert not outcome.ok and "audience insight" in outcome.message
    assert not c06.plan_complete(_with(segments=["aliens"])).ok
    assert not c06.plan_complete("plan").ok


def test_meets_objective() -> None:
    assert c06.meets_objective(HEATWAVE_PLAN).ok
    short = c06.meets_objective(_with(objective="Reach 1,900 seniors by 16 May 2026"))
    assert not short.ok and "falls short" in short.message
    vague = c06.meets_objective(_with(objective="Raise awareness by 16 May 2026"))
    assert not vague.ok and "cannot be simulated" in vague.message


# -- never raising on an unanswered question -----------------------------------------------


@pytest.mark.parametrize(
    ("lesson", "answers"),
    [
        (c05.LESSON, {"same-strategy": ..., "beat-baseline": ..., "ab-verdicts": {"test_1": ...}}),
        (
            c06.LESSON,
            {
                "smart-objective": ...,
                "calendar-passes": [{"day": "mon", "time": "09:00", "text": ...}],
                "measures": ...,
                "plan-complete": _with(objective=...),
                "meets-objective": _with(idea=...),
            },
        ),
    ],
)
def test_ellipsis_is_unanswered_and_never_raises(lesson, answers, tmp_path) -> None:
    ex = Exercise(lesson, folder=tmp_path)
    for qid, answer in answers.items():
        assert ex.check(qid, answer).status.value == "unanswered"
