"""The workbook: a trainee's answers and drafts, saved beside the notebook.

Nothing a trainee writes may be lost. Every change is written atomically (a
temporary file in the same folder, flushed, then renamed over the old one), every
answer is appended to a history that is never rewritten, and a file that cannot
be read is renamed aside and reported instead of being overwritten.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from postlab.atomic import write_json_atomic
from postlab.errors import PostLabValueError

__all__ = ["WORKBOOK_DIR_ENV", "Workbook", "WorkbookStore", "workbook_path"]

#: Environment variable that moves workbooks elsewhere (tests, graders, shared hubs).
WORKBOOK_DIR_ENV = "POSTLAB_WORKBOOK_DIR"
_FORMAT = 1
_MAX_DRAFT_VERSIONS = 50
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def workbook_path(lesson: str, folder: str | os.PathLike[str] | None = None) -> Path:
    """Where the workbook of ``lesson`` lives: ``folder``, else $POSTLAB_WORKBOOK_DIR, else cwd."""
    base = Path(folder or os.environ.get(WORKBOOK_DIR_ENV) or Path.cwd())
    name = _SAFE_NAME.sub("-", lesson).strip("-.") or "workbook"
    return base / f"{name}.workbook.json"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _json_safe(value: Any) -> Any:
    """Answers of any type become JSON: containers kept, other objects as their text."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_json_safe(v) for v in value]
    if value is Ellipsis:
        return "..."
    return repr(value)


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock beside ``path`` so two kernels never interleave writes."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    lock = path.with_name(path.name + ".lock")
    with open(lock, "a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


@dataclass
class Workbook:
    """A lesson's saved answers (latest per question), drafts and full history.

    Parameters
    ----------
    lesson : str
        Lesson id such as ``"00-welcome"``.
    path : Path
        The JSON file this workbook reads and writes.

    Example
    -------
    >>> import tempfile
    >>> wb = Workbook.open("00-welcome", folder=tempfile.mkdtemp())
    >>> wb.record("first-post", "Hello", status="passed")
    >>> wb.answers["first-post"]["status"]
    'passed'
    """

    lesson: str
    path: Path
    answers: dict[str, dict[str, Any]] = field(default_factory=dict)
    drafts: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    history: list[dict[str, Any]] = field(default_factory=list)
    trainee: str | None = None
    notice: str | None = None

    @classmethod
    def open(cls, lesson: str, *, folder: str | os.PathLike[str] | None = None) -> Workbook:
        """Open (or start) the workbook of ``lesson``; a broken file is kept aside with a notice."""
        if not isinstance(lesson, str) or not lesson.strip():
            msg = f"lesson={lesson!r}, must be a lesson id such as '00-welcome'"
            raise PostLabValueError(msg)
        path = workbook_path(lesson, folder)
        book = cls(lesson=lesson, path=path)
        book._reload()
        return book

    def _reload(self) -> None:
        if not self.path.exists():
            return
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or not isinstance(data.get("answers", {}), dict):
                msg = "the file does not hold a PostLab workbook"
                raise ValueError(msg)
            self.answers = dict(data.get("answers", {}))
            self.drafts = {k: list(v) for k, v in dict(data.get("drafts", {})).items()}
            self.history = list(data.get("history", []))
            self.trainee = data.get("trainee")
        except (ValueError, OSError, TypeError, AttributeError) as exc:
            aside = self._keep_aside()
            self.notice = (
                f"Your saved work in {self.path.name} could not be read "
                f"({exc.__class__.__name__}). "
                f"It has been kept, unchanged, as {aside.name}; a new workbook starts now. "
                "Tell your facilitator so they can recover it."
            )

    def _keep_aside(self) -> Path:
        stamp = time.strftime("%Y%m%dT%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        n = 1
        while aside.exists():
            aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{n}")
            n += 1
        os.replace(self.path, aside)
        return aside

    def to_dict(self) -> dict[str, Any]:
        """The workbook as plain JSON-ready data."""
        return {
            "format": _FORMAT,
            "lesson": self.lesson,
            "trainee": self.trainee,
            "saved_at": _now(),
            "answers": self.answers,
            "drafts": self.drafts,
            "history": self.history,
        }

    def save(self) -> None:
        """Write the workbook atomically (creating its folder if needed)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with _locked(self.path):
            write_json_atomic(self.path, self.to_dict())

    def record(self, question: str, answer: Any, *, status: str, message: str = "") -> None:
        """Record an answer: the latest per question, and an entry in the history."""
        entry = {
            "question": question,
            "answer": _json_safe(answer),
            "status": status,
            "message": message,
            "at": _now(),
        }
        self.answers[question] = entry
        self.history.append(entry)
        self.save()

    def save_draft(self, key: str, text: str) -> None:
        """Keep a draft; earlier versions stay (the last few dozen) so an accident can be undone."""
        versions = self.drafts.setdefault(key, [])
        if versions and versions[-1].get("text") == text:
            return
        versions.append({"text": text, "at": _now()})
        del versions[:-_MAX_DRAFT_VERSIONS]
        self.save()

    def load_draft(self, key: str) -> str | None:
        """The latest saved version of a draft, or None."""
        versions = self.drafts.get(key) or []
        return versions[-1].get("text") if versions else None


@dataclass(frozen=True)
class WorkbookStore:
    """The small ``load``/``save`` face widgets use to persist what a trainee types."""

    workbook: Workbook
    prefix: str = ""

    def load(self, key: str) -> str | None:
        """Latest saved text under ``key``."""
        return self.workbook.load_draft(self.prefix + key)

    def save(self, key: str, value: str) -> None:
        """Save ``value`` under ``key`` (atomic, history kept)."""
        self.workbook.save_draft(self.prefix + key, value)
