"""Checks of exercises 05 and 06: right answers pass, wrong ones get a hint, ``...`` is fine."""

from __future__ import annotations

import copy
from importlib import resources

import pytest
import yaml

from postlab.exercises.exercise import Exercise
from postlab.exercises.lessons import comparing_strategies as c05
from postlab.exercises.lessons import plan_a_campaign as c06
from postlab.exercises.questions import questions_of

#: The worked heatwave plan of exercise 06: the ``answers`` of its questions file (one source).
_ANSWERS = yaml.safe_load(
    resources.files("postlab.data")
    .joinpath("lessons", "06-plan-a-campaign.yaml")
    .read_text("utf-8")
)["answers"]
HEATWAVE_PLAN = _ANSWERS["plan"]


def _with(**changes: object) -> dict:
    plan = copy.deepcopy(HEATWAVE_PLAN)
    plan.update(changes)
    return plan


# -- 05 ------------------------------------------------------------------------------------


def test_05_registers_three_questions() -> None:
    assert list(questions_of(c05.LESSON)) == ["same-strategy", "beat-baseline", "ab-verdicts"]


def test_same_strategy() -> None:
    same = questions_of(c05.LESSON)["same-strategy"]
    assert same.judge(0).ok
    assert same.judge(0.0).ok
    assert same.judge("0").ok  # digits typed in quotes count: no Python needed to answer
    wrong = same.judge(120)
    assert not wrong.ok and "same luck" in wrong.message
    assert not same.judge(True).ok
    assert not same.judge("nan").ok


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


@pytest.mark.parametrize(
    "text",
    [
        "Vaccinate 9,000 children in rural districts by 14 June 2026",
        "Get 3,000 calls to the heat helpline by 16 May 2026",
        "Get 600 seniors to call the heat helpline 1800-000-4477 by 16 May 2026",
    ],
)
def test_outcome_objectives_pass_as_outcomes(text: str) -> None:
    outcome = c06.smart_objective(text)
    assert outcome.ok and "outcome objective" in outcome.message


def test_raising_awareness_is_refused_with_a_plain_reason() -> None:
    outcome = c06.smart_objective("Raise awareness among 5,000 people by 16 May 2026")
    assert not outcome.ok and "awareness on its own cannot be counted" in outcome.message
    surveyed = c06.smart_objective(
        "Raise to 40% the share of seniors who know the heat helpline number by 16 May 2026, "
        "measured by a phone survey"
    )
    assert surveyed.ok and "out-take" in surveyed.message


def test_an_output_objective_passes_only_when_labelled() -> None:
    bare = c06.smart_objective(
        "Reach 800 seniors on X with the heat helpline number by 16 May 2026"
    )
    assert not bare.ok and "which is an output" in bare.message
    labelled = c06.smart_objective(
        "Output: reach 800 seniors on X with the heat helpline number by 16 May 2026"
    )
    assert labelled.ok and "an outcome objective is stronger" in labelled.message


def test_calendar_passes() -> None:
    assert c06.calendar_passes(HEATWAVE_PLAN["calendar"]).ok
    no_alt = copy.deepcopy(HEATWAVE_PLAN["calendar"])
    del no_alt[0]["alt_text"]
    outcome = c06.calendar_passes(no_alt)
    assert not outcome.ok and "alt text" in outcome.message and outcome.hint
    assert "at least 3" in c06.calendar_passes(HEATWAVE_PLAN["calendar"][:2]).message
    assert not c06.calendar_passes([{"day": "mon", "time": "26:00", "text": "x"}] * 3).ok
    assert not c06.calendar_passes("mon 09:00").ok


def test_each_post_must_keep_the_key_facts() -> None:
    lost = copy.deepcopy(HEATWAVE_PLAN["calendar"])
    lost[2]["text"] = "Stay out of the sun from noon to 4 pm. https://example.com/navapur/heatwave"
    outcome = c06.calendar_passes(lost)
    assert not outcome.ok
    assert "Wed 09:00 on x leaves out the first day (12 May 2026)" in outcome.message
    assert "the heat helpline (1800-000-4477)" in outcome.message
    wrong = copy.deepcopy(HEATWAVE_PLAN["calendar"])
    wrong[1]["text"] = wrong[1]["text"].replace("4477", "4478")
    outcome = c06.calendar_passes(wrong)
    assert not outcome.ok and "1800-000-4478, but the right one is 1800-000-4477" in outcome.message


def test_measures() -> None:
    assert c06.measures_have_outcome(HEATWAVE_PLAN["measures"]).ok
    outputs = c06.measures_have_outcome(
        [{"name": "Seniors reached", "kind": "output", "source": "analytics"}]
    )
    assert not outputs.ok and "Every measure is an output" in outputs.message
    mislabelled = c06.measures_have_outcome({"Impressions": "outcome"})
    assert not mislabelled.ok and mislabelled.hint
    assert not c06.measures_have_outcome({"Calls": "result"}).ok
    assert not c06.measures_have_outcome(["Calls"]).ok


def test_a_measure_needs_a_source_and_an_outcome_an_action() -> None:
    happy = c06.measures_have_outcome({"Happiness": "outcome"})
    assert not happy.ok and "does not say where its number will come from" in happy.message
    sourced = c06.measures_have_outcome(
        [{"name": "Happiness", "kind": "outcome", "source": "survey"}]
    )
    assert not sourced.ok and "does not say what people did" in sourced.message


def test_plan_complete() -> None:
    assert c06.plan_complete(HEATWAVE_PLAN).ok
    outcome = c06.plan_complete(_with(insight="Seniors."))
    assert not outcome.ok and "audience insight" in outcome.message
    assert not c06.plan_complete(_with(segments=["aliens"])).ok
    assert not c06.plan_complete("plan").ok
    lost = copy.deepcopy(HEATWAVE_PLAN["calendar"])
    lost[4]["text"] = "Keep drinking water."
    outcome = c06.plan_complete(_with(calendar=lost))
    assert not outcome.ok and "Fri 09:00 on x leaves out" in outcome.message


def test_meets_objective() -> None:
    assert c06.meets_objective(HEATWAVE_PLAN).ok
    short = c06.meets_objective(_with(output_target="Output: reach 1,900 seniors by 16 May 2026"))
    assert not short.ok and "falls short" in short.message
    no_target = {k: v for k, v in HEATWAVE_PLAN.items() if k != "output_target"}
    missing = c06.meets_objective(no_target)
    assert not missing.ok and "add an output target" in missing.message
    vague = c06.meets_objective({**no_target, "objective": "Raise awareness by 16 May 2026"})
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
