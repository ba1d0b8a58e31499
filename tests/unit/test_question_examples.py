"""Every question's table of plausible answers: right ones pass, tempting wrong ones do not.

The table lives beside the check in ``data/lessons/NN-name.yaml`` (``examples``):

    examples:
      right:
        - answer: "..."          # any answer data
          says: "words the message must contain"   # optional
      wrong:
        - answer: "..."
          says: "what the trainee is told"          # required: a wrong answer must be told why
          why: "why a trainee might try it"         # optional, for reviewers

Where the right answer is whatever the model says, a row gives ``answer_from:
module:function`` instead of ``answer``: the function returns the answer data.

A question with no wrong answers listed fails: a check is only useful when passing it
means the trainee did what the lesson teaches.
"""

from __future__ import annotations

import pytest

from postlab.exercises.catalogue import lessons
from postlab.exercises.kinds import _function
from postlab.exercises.questions import evaluate, questions_of
from postlab.exercises.record import Status

QUESTIONS = [(lesson, qid) for lesson in lessons() for qid in questions_of(lesson)]
#: Program internals that must never reach a trainee in a message.
_INTERNALS = ("Traceback", "NaN", "Error:", "<function", "object at 0x")


def _answer(row: dict) -> object:
    return row["answer"] if "answer" in row else _function(row["answer_from"])()


def _rows(lesson: str, qid: str, which: str) -> list[dict]:
    rows = questions_of(lesson)[qid].examples.get(which) or []
    assert isinstance(rows, list), f"{lesson}/{qid}: examples.{which} must be a list"
    return rows


@pytest.mark.parametrize(("lesson", "qid"), QUESTIONS, ids=[f"{a}/{b}" for a, b in QUESTIONS])
def test_every_question_lists_right_and_wrong_answers(lesson: str, qid: str) -> None:
    assert _rows(lesson, qid, "right"), f"{lesson}/{qid} lists no right answer"
    assert _rows(lesson, qid, "wrong"), f"{lesson}/{qid} lists no tempting wrong answer"


def _ids(which: str) -> list[tuple[str, str, int]]:
    return [
        (lesson, qid, n)
        for lesson, qid in QUESTIONS
        for n in range(len(questions_of(lesson)[qid].examples.get(which) or []))
    ]


RIGHT = _ids("right")
WRONG = _ids("wrong")


@pytest.mark.parametrize(("lesson", "qid", "n"), RIGHT, ids=[f"{a}/{b}#{c}" for a, b, c in RIGHT])
def test_right_answers_pass(lesson: str, qid: str, n: int) -> None:
    row = _rows(lesson, qid, "right")[n]
    record = evaluate(lesson, qid, _answer(row))
    assert record.status is Status.PASSED, record.message
    if row.get("says"):
        assert row["says"].lower() in record.message.lower()


@pytest.mark.parametrize(("lesson", "qid", "n"), WRONG, ids=[f"{a}/{b}#{c}" for a, b, c in WRONG])
def test_tempting_wrong_answers_are_refused_with_a_reason(lesson: str, qid: str, n: int) -> None:
    row = _rows(lesson, qid, "wrong")[n]
    record = evaluate(lesson, qid, _answer(row))
    assert record.status is Status.NOT_YET, f"passed: {_answer(row)!r}"
    assert row.get("says"), f"{lesson}/{qid} wrong answer #{n} must say what the trainee is told"
    told = f"{record.message} {record.hint}"
    assert row["says"].lower() in told.lower(), told
    assert not [bit for bit in _INTERNALS if bit in told], told
