"""Per-question checks: friendly, immediate, and never raising on a trainee.

A lesson module registers its questions with :func:`question`. A check function
receives the trainee's answer and returns :func:`passed` or :func:`not_yet`;
answers still holding the ``...`` placeholder are "not answered yet" before the
function is even called, and a check that trips over an odd answer reports
"not yet" with a plain sentence instead of a traceback.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

__all__ = [
    "CheckResult",
    "Question",
    "Status",
    "is_unanswered",
    "not_yet",
    "passed",
    "question",
    "questions_of",
]


class Status(StrEnum):
    """The three states of an answer."""

    PASSED = "passed"
    NOT_YET = "not_yet"
    UNANSWERED = "unanswered"


_ICONS = {Status.PASSED: "✅", Status.NOT_YET: "🟡", Status.UNANSWERED: "⬜"}
_COLOURS = {Status.PASSED: "#e6f4ea", Status.NOT_YET: "#fff4e5", Status.UNANSWERED: "#f1f3f4"}
_LABELS = {
    Status.PASSED: "Well done",
    Status.NOT_YET: "Not yet",
    Status.UNANSWERED: "Not answered yet",
}


@dataclass(frozen=True)
class CheckResult:
    """What a check says about one answer; shows itself as a coloured note in a notebook."""

    question: str
    status: Status
    message: str
    hint: str = ""

    @property
    def passed(self) -> bool:
        """True when the answer passed."""
        return self.status is Status.PASSED

    def _text(self) -> str:
        hint = f" Hint: {self.hint}" if self.hint and not self.passed else ""
        return (
            f"{_ICONS[self.status]} {self.question}: {_LABELS[self.status]}. {self.message}{hint}"
        )

    def __repr__(self) -> str:
        return self._text()

    def _repr_html_(self) -> str:
        hint = (
            f"<div><b>Hint:</b> {html.escape(self.hint)}</div>"
            if self.hint and not self.passed
            else ""
        )
        return (
            f'<div class="postlab-check postlab-check-{self.status.value}" '
            f'style="background:{_COLOURS[self.status]};padding:8px 12px;border-radius:6px">'
            f"<b>{_ICONS[self.status]} {html.escape(self.question)}: {_LABELS[self.status]}.</b> "
            f"{html.escape(self.message)}{hint}</div>"
        )


@dataclass(frozen=True)
class Outcome:
    """What a lesson's check function returns: passed or not, with words for the trainee."""

    ok: bool
    message: str
    hint: str = ""


def passed(message: str = "That works.") -> Outcome:
    """The answer meets the question."""
    return Outcome(True, message)


def not_yet(message: str, hint: str = "") -> Outcome:
    """The answer does not meet the question yet; say why, and how to get there."""
    return Outcome(False, message, hint)


@dataclass(frozen=True)
class Question:
    """One question of a lesson: its id, what it asks, and the function that checks it."""

    lesson: str
    id: str
    asks: str
    check: Callable[[Any], Outcome]
    hint: str = ""


_REGISTRY: dict[str, dict[str, Question]] = {}


def question(lesson: str, qid: str, *, asks: str, hint: str = "") -> Callable:
    """Register the decorated function as the check of question ``qid`` in ``lesson``."""

    def register(fn: Callable[[Any], Outcome]) -> Callable[[Any], Outcome]:
        _REGISTRY.setdefault(lesson, {})[qid] = Question(lesson, qid, asks, fn, hint)
        return fn

    return register


def questions_of(lesson: str) -> dict[str, Question]:
    """The registered questions of ``lesson`` in the order they were defined."""
    return dict(_REGISTRY.get(lesson, {}))


def is_unanswered(answer: Any) -> bool:
    """True when the answer is, or still contains, the ``...`` placeholder (or is empty text)."""
    if answer is Ellipsis or answer is None:
        return True
    if isinstance(answer, str):
        return not answer.strip()
    if isinstance(answer, dict):
        return any(is_unanswered(v) for v in answer.values())
    if isinstance(answer, list | tuple):
        return len(answer) == 0 or any(is_unanswered(v) for v in answer)
    return False
