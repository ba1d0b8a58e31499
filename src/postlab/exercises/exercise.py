"""The object an exercise notebook talks to: checks answers and keeps the workbook."""

from __future__ import annotations

import html
import os
from dataclasses import dataclass, field, replace
from typing import Any

from postlab.exercises.catalogue import get_lesson
from postlab.exercises.checks import CheckResult, Status, is_unanswered, questions_of
from postlab.exercises.workbook import Workbook, WorkbookStore

__all__ = ["Exercise", "start"]


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
        get_lesson(self.lesson).load_checks()
        self.workbook = Workbook.open(self.lesson, folder=self.folder)

    @property
    def store(self) -> WorkbookStore:
        """Where widgets save what the trainee types, so a restart loses nothing."""
        return WorkbookStore(self.workbook)

    def check(self, question: str, answer: Any) -> CheckResult:
        """Check ``answer`` to ``question``, record it, and say how it went. Never raises."""
        known = questions_of(self.lesson)
        if question not in known:
            names = ", ".join(known) or "none"
            return CheckResult(
                question,
                Status.NOT_YET,
                f"There is no question called {question!r} in this lesson (questions: {names}).",
            )
        q = known[question]
        if is_unanswered(answer):
            result = CheckResult(
                question,
                Status.UNANSWERED,
                "Replace the ... with your answer, then run this cell again.",
            )
        else:
            result = self._run(q.check, answer, question, q.hint)
        return self._record(question, answer, result)

    @staticmethod
    def _run(fn: Any, answer: Any, question: str, hint: str) -> CheckResult:
        try:
            outcome = fn(answer)
        except Exception as exc:  # a trainee's odd answer must never end in a traceback
            return CheckResult(
                question,
                Status.NOT_YET,
                f"This answer could not be checked ({exc}).",
                hint or "Look at the example above the question and keep the same shape.",
            )
        status = Status.PASSED if outcome.ok else Status.NOT_YET
        return CheckResult(question, status, outcome.message, outcome.hint or hint)

    def _record(self, question: str, answer: Any, result: CheckResult) -> CheckResult:
        try:
            self.workbook.record(
                question, answer, status=result.status.value, message=result.message
            )
        except OSError as exc:
            warning = f" (Your answer could not be saved: {exc.strerror}. Tell your facilitator.)"
            return replace(result, message=result.message + warning)
        return result

    def progress(self) -> dict[str, str]:
        """Each question's latest status (unanswered when never checked)."""
        return {
            qid: self.workbook.answers.get(qid, {}).get("status", Status.UNANSWERED.value)
            for qid in questions_of(self.lesson)
        }

    def _repr_html_(self) -> str:
        done = sum(s == Status.PASSED for s in self.progress().values())
        notice = (
            f'<div style="color:#a50e0e">{html.escape(self.workbook.notice)}</div>'
            if self.workbook.notice
            else ""
        )
        return (
            f'<div class="postlab-exercise">Exercise <b>{html.escape(self.lesson)}</b>: '
            f"{done} of {len(self.progress())} questions passed. Your answers are saved as you "
            f"check them.{notice}</div>"
        )

    def __repr__(self) -> str:
        done = sum(s == Status.PASSED for s in self.progress().values())
        notice = f" {self.workbook.notice}" if self.workbook.notice else ""
        return (
            f"Exercise {self.lesson}: {done} of {len(self.progress())} questions passed. "
            f"Your answers are saved as you check them.{notice}"
        )


def start(lesson: str) -> Exercise:
    """Open ``lesson``'s exercise for the trainee (workbook beside the notebook)."""
    return Exercise(lesson)
