"""The object an exercise notebook talks to: checks answers and keeps the workbook.

In class, :meth:`Exercise.check` judges the answer with the question's check from
the lesson's data file, records the outcome in the workbook and shows it. In a
graded kernel (``POSTLAB_GRADING`` set) it only reports the answer as data: the
grader judges it in its own process with the same check, so nothing a notebook
does to this object can change a grade.
"""

from __future__ import annotations

import html
import os
import reprlib
from dataclasses import dataclass, field, replace
from typing import Any

from postlab.exercises.catalogue import get_lesson
from postlab.exercises.questions import evaluate, questions_of
from postlab.exercises.record import (
    GRADING_ENV,
    AnswerReport,
    CheckRecord,
    Status,
    answer_data,
)
from postlab.exercises.safety import BROKEN, install
from postlab.exercises.workbook import Workbook, WorkbookStore
from postlab.room.progress import publish

__all__ = ["Exercise", "start"]

_SHORT = reprlib.Repr()
_SHORT.maxstring = 80
_SHORT.maxother = 80


@dataclass
class Exercise:
    """A trainee's session with one lesson's exercise.

    Example
    -------
    >>> import tempfile
    >>> ex = Exercise("00-welcome", folder=tempfile.mkdtemp())
    >>> ex.check("first-post", ...).status.value
    'unanswered'
    """

    lesson: str
    folder: str | os.PathLike[str] | None = None
    workbook: Workbook = field(init=False)

    def __post_init__(self) -> None:
        get_lesson(self.lesson)
        self.workbook = Workbook.open(self.lesson, folder=self.folder)

    @property
    def store(self) -> WorkbookStore:
        """Where widgets save what the trainee types, so a restart loses nothing."""
        return WorkbookStore(self.workbook)

    def check(self, question: str, answer: Any) -> CheckRecord | AnswerReport:
        """Check ``answer`` to ``question``, record it, and say how it went. Never raises."""
        data = answer_data(answer)
        if os.environ.get(GRADING_ENV):
            return AnswerReport(self.lesson, str(question), data)
        record = evaluate(self.lesson, question, data)
        if question not in questions_of(self.lesson):
            return record
        if answer is BROKEN:  # never a verdict for an older value under a failed cell
            return replace(record, status=Status.NOT_YET, message=_FIX_ABOVE, hint="")
        earlier = self.workbook.latest(question)
        problem = self.workbook.record(record, data)
        if problem:
            return replace(record, message=f"{record.message} ({problem})")
        publish(record, data)  # the live room (a no-op without a room folder); never raises
        if record.status is Status.UNANSWERED and earlier is not None:
            if earlier.record.status is not Status.UNANSWERED:
                return replace(record, message=_kept(earlier.record, earlier.answer))
        return record

    def progress(self) -> dict[str, str]:
        """Each question's latest status (unanswered when never checked)."""
        records = self.workbook.records()
        return {
            qid: (records[qid].status if qid in records else Status.UNANSWERED).value
            for qid in questions_of(self.lesson)
        }

    def _summary(self) -> tuple[int, int]:
        states = self.progress().values()
        return sum(s == Status.PASSED for s in states), len(states)

    def _repr_html_(self) -> str:
        done, total = self._summary()
        notice = (
            f'<div style="color:#a50e0e">{html.escape(self.workbook.notice)}</div>'
            if self.workbook.notice
            else ""
        )
        return (
            f'<div class="postlab-exercise">Exercise <b>{html.escape(self.lesson)}</b>: '
            f"{done} of {total} questions passed. Your answers are saved as you "
            f"check them.{notice}</div>"
        )

    def __repr__(self) -> str:
        done, total = self._summary()
        notice = f" {self.workbook.notice}" if self.workbook.notice else ""
        return (
            f"Exercise {self.lesson}: {done} of {total} questions passed. "
            f"Your answers are saved as you check them.{notice}"
        )


_FIX_ABOVE = (
    "The answer cell above did not run, so there is nothing new to check. Fix it as its "
    "message says, run it, then run this check again."
)


def _kept(earlier: CheckRecord, answer: Any) -> str:
    """What an unanswered check says when an earlier answer is on record (it stays)."""
    return (
        f"This cell has no answer yet, but your earlier answer is kept ({earlier.label}): "
        f"{_SHORT.repr(answer)}. Type it in again above (or a better one), then run this "
        "cell."
    )


def start(lesson: str) -> Exercise:
    """Open ``lesson``'s exercise for the trainee (workbook beside the notebook); in a
    notebook, errors a trainee can cause get plain messages from now on."""
    install()
    return Exercise(lesson)
