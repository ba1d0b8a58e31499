"""The one record of a check's outcome, and the one shape of an answer as data.

A check's outcome travels as a :class:`CheckRecord` from the trainee's kernel to the
workbook, the grader, the reports, the gallery and the live room: every reader and
writer uses this type and its :meth:`CheckRecord.to_dict` / :meth:`CheckRecord.from_dict`,
never the text a check displays.

An answer travels as *answer data* (:func:`answer_data`): JSON-ready values only
(text, finite numbers, booleans, None, lists and dicts with text keys). The live
check and the grader both judge that data with the same code, so they agree, and
nothing a notebook does to Python objects can change a verdict, only which answer
is reported.
"""

from __future__ import annotations

import dataclasses
import html
import math
import numbers
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

__all__ = [
    "ANSWER_MIME",
    "GRADING_ENV",
    "ICONS",
    "LABELS",
    "MAX_ANSWER_CHARS",
    "AnswerReport",
    "CheckRecord",
    "Status",
    "answer_data",
    "now",
]

#: MIME type under which a graded kernel reports an answer (and nothing else) to the grader.
ANSWER_MIME = "application/vnd.postlab.answer+json"
#: Set in a graded kernel: checks then report answers as data and judge nothing.
GRADING_ENV = "POSTLAB_GRADING"
#: Longest text kept in an answer; a longer one is cut with a visible note.
MAX_ANSWER_CHARS = 100_000
_MAX_DEPTH = 12
_SURROGATE = re.compile("[\ud800-\udfff]")
_MAX_ITEMS = 2_000


class Status(StrEnum):
    """The states of a question: checked and passed, checked and not yet, or not answered;
    ``not_run`` is the grader's word for a check cell that never ran."""

    PASSED = "passed"
    NOT_YET = "not_yet"
    UNANSWERED = "unanswered"
    NOT_RUN = "not_run"


ICONS = {Status.PASSED: "✅", Status.NOT_YET: "🟡", Status.UNANSWERED: "⬜", Status.NOT_RUN: "⛔"}
_COLOURS = {
    Status.PASSED: "#e6f4ea",
    Status.NOT_YET: "#fff4e5",
    Status.UNANSWERED: "#f1f3f4",
    Status.NOT_RUN: "#fce8e6",
}
LABELS = {
    Status.PASSED: "Well done",
    Status.NOT_YET: "Not yet",
    Status.UNANSWERED: "Not answered yet",
    Status.NOT_RUN: "Did not run",
}


def now() -> str:
    """The time now, as the records keep it (UTC, ISO 8601, seconds)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class CheckRecord:
    """What one check said about one answer: lesson, question, status, message, hint, when.

    It shows itself in a notebook as a coloured note, and is stored and read back as
    plain data. It never holds the answer itself (the live room must not see answers).

    Example
    -------
    >>> r = CheckRecord("00-welcome", "first-post", Status.PASSED, "It fits.")
    >>> CheckRecord.from_dict(r.to_dict()) == r
    True
    """

    lesson: str
    question: str
    status: Status
    message: str = ""
    hint: str = ""
    at: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "status", Status(self.status))

    @property
    def passed(self) -> bool:
        """True when the answer passed."""
        return self.status is Status.PASSED

    @property
    def label(self) -> str:
        """The status in words ("Well done", "Not yet", ...)."""
        return LABELS[self.status]

    @property
    def icon(self) -> str:
        """The status as one symbol, for tables read at a glance."""
        return ICONS[self.status]

    def to_dict(self) -> dict[str, str]:
        """Plain JSON-ready data (the status as its value)."""
        return {
            "lesson": self.lesson,
            "question": self.question,
            "status": self.status.value,
            "message": self.message,
            "hint": self.hint,
            "at": self.at,
        }

    @classmethod
    def from_dict(cls, data: Any) -> CheckRecord:
        """The inverse of :meth:`to_dict`; raises ValueError on anything else."""
        if not isinstance(data, dict):
            msg = f"a check record must be a dict, not {type(data).__name__}"
            raise ValueError(msg)
        try:
            return cls(
                lesson=str(data.get("lesson", "")),
                question=str(data["question"]),
                status=Status(data["status"]),
                message=str(data.get("message", "")),
                hint=str(data.get("hint", "")),
                at=str(data.get("at", "")),
            )
        except KeyError as exc:
            msg = f"a check record needs {exc.args[0]!r}"
            raise ValueError(msg) from None

    def _text(self) -> str:
        hint = f" Hint: {self.hint}" if self.hint and not self.passed else ""
        return f"{self.icon} {self.question}: {self.label}. {self.message}{hint}"

    def __repr__(self) -> str:
        return self._text()

    def _repr_html_(self) -> str:
        hint = (
            f"<div><b>Hint:</b> {html.escape(self.hint)}</div>"
            if self.hint and not self.passed
            else ""
        )
        return (
            f'<div class="postlab-check postlab-check-{self.status.value}" role="status" '
            f'style="background:{_COLOURS[self.status]};padding:8px 12px;border-radius:6px">'
            f"<b>{self.icon} {html.escape(self.question)}: {self.label}.</b> "
            f"{html.escape(self.message)}{hint}</div>"
        )


@dataclass(frozen=True)
class AnswerReport:
    """What a check cell shows in a graded kernel: the answer as data, for the grader to judge."""

    lesson: str
    question: str
    answer: Any

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        data = {"lesson": self.lesson, "question": self.question, "answer": self.answer}
        return {ANSWER_MIME: data, "text/plain": f"answer to {self.question} reported"}


def _text(value: str) -> str:
    """Text that can always be saved: lone surrogates (half an emoji) become U+FFFD."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        value = _SURROGATE.sub("\ufffd", value)
    if len(value) > MAX_ANSWER_CHARS:
        value = value[:MAX_ANSWER_CHARS] + " [cut: the answer was too long to keep whole]"
    return value


def _safe_repr(value: Any) -> str:
    try:
        return _text(repr(value))
    except Exception:  # an object whose repr raises still gets a name
        return f"<{type(value).__name__} object>"


def answer_data(value: Any) -> Any:
    """``value`` as answer data: JSON-ready, finite, bounded, and saveable. Never raises.

    Text, booleans, None and finite numbers stay; tuples and sets become lists; dict
    keys become text; non-finite numbers, cycles, deep nesting and other objects
    become their text. An object may say how it is answered with ``to_answer_data()``.

    Example
    -------
    >>> answer_data({"times": ("08:00",), 3: float("nan")})
    {'times': ['08:00'], '3': 'nan'}
    """
    return _data(value, 0, set())


def _data(value: Any, depth: int, seen: set[int]) -> Any:
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        return _text(value)
    if isinstance(value, numbers.Integral):
        return int(value) if abs(int(value)) < 2**63 else str(int(value))
    if isinstance(value, numbers.Real):
        number = float(value)
        return number if math.isfinite(number) else str(number)
    if value is Ellipsis:
        return "..."
    if depth >= _MAX_DEPTH or id(value) in seen:
        return "[...]"
    seen = seen | {id(value)}
    own = getattr(type(value), "to_answer_data", None)
    if own is not None:
        try:
            return _data(own(value), depth + 1, seen)
        except Exception:
            return _safe_repr(value)
    if isinstance(value, dict):
        items = list(value.items())[:_MAX_ITEMS]
        return {_text(str(k)): _data(v, depth + 1, seen) for k, v in items}
    if isinstance(value, list | tuple):
        return [_data(v, depth + 1, seen) for v in value[:_MAX_ITEMS]]
    if isinstance(value, set | frozenset):
        items = sorted(value, key=_safe_repr)[:_MAX_ITEMS]
        return [_data(v, depth + 1, seen) for v in items]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: getattr(value, f.name, None) for f in dataclasses.fields(value)}
        return _data(fields, depth + 1, seen)
    item = getattr(value, "item", None)  # numpy scalars
    if callable(item):
        try:
            return _data(item(), depth + 1, seen)
        except Exception:
            pass
    return _safe_repr(value)
