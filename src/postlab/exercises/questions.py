"""A lesson's questions, read from its data file, and the one way an answer is judged.

Each lesson's questions live in ``data/lessons/<lesson>.yaml``: id, what it asks,
the kind of check and its parameters, hints and messages. The build, the grader,
the trainee's kernel and the tests all take the question list from there.
:func:`evaluate` turns answer data into a :class:`~postlab.exercises.record.CheckRecord`
with the question's kind of check; the live check and the grader both call it, so
what a trainee sees in class is what the grade says.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from postlab.errors import PostLabValueError
from postlab.exercises.checks import Outcome, is_unanswered
from postlab.exercises.kinds import KINDS
from postlab.exercises.record import CheckRecord, Status, answer_data, now

__all__ = ["Question", "Written", "evaluate", "question_of", "questions_of", "written_of"]

_UNANSWERED = "Replace the ... with your answer, then run this cell again."
_ODD_ANSWER = "Look at the example above the question and keep the same shape."


@dataclass(frozen=True)
class Question:
    """One question of a lesson, as its data file gives it.

    ``kind`` names a check written once (see :mod:`postlab.exercises.kinds`);
    ``params`` are that check's settings (for ``kind: python``, ``check`` names the
    function and ``params`` its keyword arguments). ``examples`` is the question's
    table of plausible answers: ``right`` ones that must pass and ``wrong`` (tempting)
    ones that must not, each with words the trainee's message must contain (``says``);
    the tests run every row. ``rubric`` lists what a good free-text answer mentions.
    """

    lesson: str
    id: str
    asks: str
    kind: str
    hint: str = ""
    params: Mapping[str, Any] = field(default_factory=dict)
    examples: Mapping[str, Any] = field(default_factory=dict)
    rubric: tuple[str, ...] = ()
    source: str = ""

    def judge(self, answer: Any) -> Outcome:
        """The check's verdict on answer data (may raise on an odd answer: see evaluate)."""
        return KINDS[self.kind](answer, **self.params)


_FIELDS = {"id", "asks", "kind", "hint", "examples", "rubric", "source"}


def _question(lesson: str, row: Any, where: str) -> Question:
    if not isinstance(row, dict) or not {"id", "asks", "kind"} <= row.keys():
        msg = f"{where}: each question needs an id, asks and kind"
        raise PostLabValueError(msg)
    if row["kind"] not in KINDS:
        msg = f"{where}: question {row['id']!r} has kind={row['kind']!r}; kinds: {', '.join(KINDS)}"
        raise PostLabValueError(msg)
    params = {k: v for k, v in row.items() if k not in _FIELDS}
    return Question(
        lesson,
        str(row["id"]),
        str(row["asks"]),
        row["kind"],
        row.get("hint", ""),
        params,
        row.get("examples") or {},
        tuple(row.get("rubric") or ()),
        str(row.get("source", "")),
    )


@dataclass(frozen=True)
class Written:
    """A question answered in the trainee's own words (a markdown cell), with its rubric:
    what a good answer mentions. Not checked by code: the facilitator reads it."""

    lesson: str
    id: str
    asks: str
    rubric: tuple[str, ...] = ()


@cache
def _data(lesson: str) -> dict[str, Any]:
    from postlab.exercises.catalogue import lessons

    if lesson not in lessons():
        return {}
    name = f"{lesson}.yaml"
    text = resources.files("postlab.data").joinpath("lessons", name).read_text(encoding="utf-8")
    data = yaml.safe_load(text) or {}
    return data if isinstance(data, dict) else {}


@cache
def questions_of(lesson: str) -> dict[str, Question]:
    """The questions of ``lesson`` in the order of its data file (empty for an unknown lesson)."""
    rows = _data(lesson).get("questions", [])
    found = [_question(lesson, row, f"data/lessons/{lesson}.yaml") for row in rows]
    return {q.id: q for q in found}


@cache
def written_of(lesson: str) -> dict[str, Written]:
    """The lesson's questions answered in the trainee's own words, with their rubrics."""
    rows = _data(lesson).get("written", []) or []
    return {
        str(r["id"]): Written(
            lesson, str(r["id"]), str(r.get("asks", "")), tuple(r.get("rubric", ()))
        )
        for r in rows
        if isinstance(r, dict) and "id" in r
    }


def question_of(lesson: str, qid: str) -> Question | None:
    """One question, or None when the lesson has no such question."""
    return questions_of(lesson).get(qid)


def evaluate(lesson: str, qid: str, answer: Any) -> CheckRecord:
    """Judge ``answer`` (turned into answer data first) to question ``qid``. Never raises.

    Example
    -------
    >>> evaluate("00-welcome", "rumour-lesson", 8).status.value
    'passed'
    >>> evaluate("00-welcome", "rumour-lesson", ...).status.value
    'unanswered'
    """
    data = answer_data(answer)
    known = questions_of(lesson) if isinstance(lesson, str) else {}
    q = known.get(qid) if isinstance(qid, str) else None
    if q is None:
        names = ", ".join(known) or "none"
        message = f"There is no question called {qid!r} in this lesson (questions: {names})."
        return CheckRecord(str(lesson), str(qid), Status.NOT_YET, message, at=now())
    if is_unanswered(data):
        return CheckRecord(lesson, qid, Status.UNANSWERED, _UNANSWERED, at=now())
    try:
        outcome = q.judge(data)
    except Exception as exc:  # a trainee's odd answer must never end in a traceback
        message = f"This answer could not be checked ({str(exc)[:200]})."
        return CheckRecord(lesson, qid, Status.NOT_YET, message, q.hint or _ODD_ANSWER, now())
    status = Status.PASSED if outcome.ok else Status.NOT_YET
    return CheckRecord(lesson, qid, status, outcome.message, outcome.hint or q.hint, now())
