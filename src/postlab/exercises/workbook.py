"""The workbook: a trainee's checked answers and drafts, saved beside the notebook.

This module is the only reader and writer of ``*.workbook.json``. Nothing a trainee
writes may be lost, so:

- every write takes a lock beside the file, **re-reads** the file and merges what it
  finds with what this process holds (history: the union of every check, in time
  order; drafts: the union of versions), then writes atomically
  (:mod:`postlab.atomic`). Two kernels, or two ``Workbook`` objects, never undo each
  other's work; within one process there is one ``Workbook`` per file anyway;
- only answer data (:func:`~postlab.exercises.record.answer_data`) is stored, and a
  save that fails is rolled back and reported in words, never raised;
- a check of an unanswered question is kept in the history but never replaces a
  recorded answer as the latest;
- a file that cannot be read is renamed aside, unchanged, and reported;
- drafts typed into widgets are kept in memory at once and written after half a
  second of quiet (and before every check, on :meth:`Workbook.flush` and at exit).

On disk (format 2)::

    {"format": 2, "lesson": ..., "trainee": ..., "saved_at": ...,
     "answers": {QUESTION: ENTRY},          # the latest per question, for people to read
     "drafts": {KEY: [{"text": ..., "at": ...}, ...]},
     "history": [ENTRY, ...]}               # every check, oldest first

where an ENTRY is ``CheckRecord.to_dict()`` plus ``"answer"`` and a unique ``"id"``.
Format 1 files (the same, with entries of question, answer, status, message, at) are read.
"""

from __future__ import annotations

import atexit
import contextlib
import errno
import hashlib
import json
import os
import re
import secrets
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from postlab.atomic import write_text_atomic
from postlab.errors import PostLabValueError
from postlab.exercises.record import MAX_ANSWER_CHARS, CheckRecord, Status, answer_data, now

__all__ = [
    "WORKBOOK_DIR_ENV",
    "Entry",
    "Workbook",
    "WorkbookData",
    "WorkbookStore",
    "flush_all",
    "read_workbook",
    "workbook_path",
]

#: Environment variable that moves workbooks elsewhere (tests, graders, shared hubs).
WORKBOOK_DIR_ENV = "POSTLAB_WORKBOOK_DIR"
_FORMAT = 2
_MAX_DRAFT_VERSIONS = 50
_MAX_DRAFT_CHARS = MAX_ANSWER_CHARS
_QUIET = 0.5  # seconds without a keystroke before drafts are written
_MAX_WAIT = 5.0  # ... but never later than this after the first unsaved keystroke
_MEANINGFUL = frozenset({Status.PASSED, Status.NOT_YET})
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
_SURROGATE = re.compile("[\ud800-\udfff]")


def workbook_path(lesson: str, folder: str | os.PathLike[str] | None = None) -> Path:
    """Where the workbook of ``lesson`` lives: ``folder``, else $POSTLAB_WORKBOOK_DIR, else cwd."""
    base = Path(folder or os.environ.get(WORKBOOK_DIR_ENV) or Path.cwd())
    name = _SAFE_NAME.sub("-", lesson).strip("-.") or "workbook"
    return base / f"{name}.workbook.json"


# --- the data ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One checked answer: what the check said (``record``) and the answer, as answer data.

    ``id`` tells this check apart from every other, so merging two copies of a workbook
    never drops or doubles a check.
    """

    record: CheckRecord
    answer: Any
    id: str = ""


@dataclass(frozen=True)
class WorkbookData:
    """A workbook as read: for the grader, the gallery and hand-in.

    ``entries`` holds the latest meaningful check per question (a passed or not-yet
    check; an unanswered one only when nothing else was ever recorded), ``history``
    every check, oldest first, and ``drafts`` the latest text per draft key.
    ``problem`` is a plain sentence when the file could not be read.
    """

    lesson: str | None
    trainee: str | None
    entries: dict[str, Entry]
    history: tuple[Entry, ...]
    drafts: dict[str, str]
    problem: str | None = None


@dataclass(frozen=True)
class _Version:
    text: str
    at: str


@dataclass
class _State:
    trainee: str | None = None
    history: list[Entry] = field(default_factory=list)
    drafts: dict[str, list[_Version]] = field(default_factory=dict)
    lesson: str | None = None  # as the file names it


class _Unreadable(ValueError):
    """The file exists but does not hold a workbook this PostLab can read."""


def _clean(value: Any) -> str:
    """Text that can always be saved (lone surrogates replaced, length capped)."""
    return answer_data(value if isinstance(value, str) else str(value))


def _clean_text(value: str) -> str:
    """Draft text that can always be saved: lone surrogates become U+FFFD, nothing cut."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        value = _SURROGATE.sub("\ufffd", value)
    return str(value)


def _latest(history: list[Entry] | tuple[Entry, ...]) -> dict[str, Entry]:
    """The latest meaningful entry per question; ``history`` is in time order."""
    best: dict[str, Entry] = {}
    for entry in history:
        q = entry.record.question
        if (
            entry.record.status in _MEANINGFUL
            or q not in best
            or best[q].record.status not in _MEANINGFUL
        ):
            best[q] = entry
    return best


def _merge(disk: _State | None, mine: _State) -> _State:
    """Everything in either: every check once (time order), draft versions (last 50 per key)."""
    if disk is None:
        return _State(
            mine.trainee, list(mine.history), {k: list(v) for k, v in mine.drafts.items()}
        )
    seen = {e.id for e in disk.history}
    history = [*disk.history, *(e for e in mine.history if e.id not in seen)]
    history.sort(key=lambda e: e.record.at)  # stable: ties keep disk order, then ours
    drafts: dict[str, list[_Version]] = {}
    for key in {**disk.drafts, **mine.drafts}:
        versions = list(disk.drafts.get(key, ()))
        have = set(versions)
        versions += [v for v in mine.drafts.get(key, ()) if v not in have]
        versions.sort(key=lambda v: v.at)
        drafts[key] = versions[-_MAX_DRAFT_VERSIONS:]
    trainee = mine.trainee if mine.trainee is not None else disk.trainee
    return _State(trainee, history, drafts)


def _snapshot(state: _State, lesson: str | None, problem: str | None = None) -> WorkbookData:
    return WorkbookData(
        lesson=lesson,
        trainee=state.trainee,
        entries=_latest(state.history),
        history=tuple(state.history),
        drafts={k: v[-1].text for k, v in state.drafts.items() if v},
        problem=problem,
    )


# --- reading -------------------------------------------------------------------------------


def _derived_id(item: dict[str, Any], n: int) -> str:
    """A stable id for an entry written before entries had ids (format 1)."""
    text = json.dumps([n, answer_data(item)], sort_keys=True, ensure_ascii=True)
    return "v1-" + hashlib.sha256(text.encode("ascii")).hexdigest()[:16]


def _entry_from(item: Any, lesson: str, n: int) -> Entry:
    if not isinstance(item, dict) or not isinstance(item.get("question"), str):
        msg = "a check in it names no question"
        raise _Unreadable(msg)
    try:
        status = Status(item.get("status", Status.NOT_YET))
    except (ValueError, TypeError):
        status = Status.NOT_YET  # an answer was recorded; its verdict is the grader's to give
    record = CheckRecord(
        lesson=_clean(item.get("lesson") or lesson),
        question=_clean(item["question"]),
        status=status,
        message=_clean(item.get("message", "")),
        hint=_clean(item.get("hint", "")),
        at=_clean(item.get("at", "")),
    )
    given = item.get("id")
    ident = given if isinstance(given, str) and given else _derived_id(item, n)
    return Entry(record, answer_data(item.get("answer")), ident)


def _content(entry: Entry) -> str:
    return json.dumps([entry.record.to_dict(), entry.answer], sort_keys=True)


def _state_from(raw: Any, lesson: str) -> _State:
    if not isinstance(raw, dict):
        msg = "it does not hold a PostLab workbook"
        raise _Unreadable(msg)
    fmt = raw.get("format", 1)
    if type(fmt) is not int or fmt not in (1, _FORMAT):
        msg = f"it is in workbook format {fmt!r}, which this PostLab cannot read"
        raise _Unreadable(msg)
    answers, history, drafts = (
        raw.get(k) or d for k, d in (("answers", {}), ("history", []), ("drafts", {}))
    )
    if (
        not isinstance(answers, dict)
        or not isinstance(history, list)
        or not isinstance(drafts, dict)
    ):
        msg = "it does not hold a PostLab workbook"
        raise _Unreadable(msg)
    named = raw.get("lesson")
    if isinstance(named, str) and named:
        lesson = named
    entries = [_entry_from(item, lesson, n) for n, item in enumerate(history)]
    ids = {e.id for e in entries}
    contents: set[str] | None = None
    for n, (question, item) in enumerate(answers.items()):
        if not isinstance(item, dict):
            msg = f"its answer to {str(question)[:40]!r} is not a record"
            raise _Unreadable(msg)
        entry = _entry_from({**item, "question": str(question)}, lesson, -1 - n)
        if entry.id in ids:
            continue
        if contents is None:  # format 1: the latest answers repeat history entries, without ids
            contents = {_content(e) for e in entries}
        if _content(entry) not in contents:
            entries.append(entry)  # a latest answer missing from the history is kept too
    entries.sort(key=lambda e: e.record.at)
    versions: dict[str, list[_Version]] = {}
    for key, items in drafts.items():
        if not isinstance(items, list):
            msg = f"its draft {str(key)[:40]!r} is not a list of versions"
            raise _Unreadable(msg)
        kept = [
            _Version(_clean_text(v["text"]), _clean(v.get("at", "")))
            for v in items
            if isinstance(v, dict) and isinstance(v.get("text"), str)
        ]
        if kept:
            versions[_clean_text(str(key))] = kept
    trainee = raw.get("trainee")
    trainee = _clean(trainee) if isinstance(trainee, str) else None
    return _State(trainee, entries, versions, _clean(named) if isinstance(named, str) else None)


def _read_state(path: Path, lesson: str) -> _State | None:
    """The workbook at ``path``; None when there is none; raises _Unreadable when broken."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        msg = f"it could not be opened ({exc.strerror or type(exc).__name__})"
        raise _Unreadable(msg) from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        msg = "it is not UTF-8 text"
        raise _Unreadable(msg) from None
    except (ValueError, RecursionError):
        msg = "it is not complete JSON"
        raise _Unreadable(msg) from None
    try:
        return _state_from(data, lesson)
    except _Unreadable:
        raise
    except Exception as exc:  # deep nesting, odd shapes: the file is kept, never a traceback
        msg = f"its content has an unexpected shape ({type(exc).__name__})"
        raise _Unreadable(msg) from None


def read_workbook(path: str | os.PathLike[str]) -> WorkbookData:
    """Read a workbook file without changing anything. Never raises.

    A missing file gives empty data; a broken one gives empty data with ``problem``
    set to a plain sentence (the file is left where it is).

    Example
    -------
    >>> import tempfile
    >>> read_workbook(Path(tempfile.mkdtemp()) / "none.workbook.json").entries
    {}
    """
    try:
        where = Path(path)
        state = _read_state(where, "")
    except _Unreadable as why:
        return _snapshot(_State(), None, f"{where.name} could not be read: {why}.")
    except Exception as exc:
        return _snapshot(_State(), None, f"{path!r:.80} could not be read ({type(exc).__name__}).")
    if state is None:
        return _snapshot(_State(), None)
    return _snapshot(state, state.lesson)


# --- writing -------------------------------------------------------------------------------


def _entry_dict(entry: Entry) -> dict[str, Any]:
    return {**entry.record.to_dict(), "answer": entry.answer, "id": entry.id}


def _dumps(state: _State, lesson: str) -> str:
    data = {
        "format": _FORMAT,
        "lesson": lesson,
        "trainee": state.trainee,
        "saved_at": now(),
        "answers": {q: _entry_dict(e) for q, e in _latest(state.history).items()},
        "drafts": {
            k: [{"text": v.text, "at": v.at} for v in versions]
            for k, versions in state.drafts.items()
        },
        "history": [_entry_dict(e) for e in state.history],
    }
    return json.dumps(data, ensure_ascii=False, allow_nan=False, indent=1)


def _lock_path(path: Path) -> Path:
    """The lock beside ``path``, dot-named so JupyterLab's file browser hides it."""
    return path.with_name(f".{path.name}.lock")


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock beside ``path`` so two kernels never interleave writes."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    with open(_lock_path(path), "a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
    legacy = path.with_name(path.name + ".lock")  # visible lock files of earlier versions
    if legacy.exists():
        with contextlib.suppress(OSError):
            legacy.unlink()


def _reason(exc: BaseException) -> str:
    """Why a save failed, in words."""
    if isinstance(exc, OSError):
        if exc.errno == errno.ENOSPC:
            return "the disk is full"
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return "the folder cannot be written to"
        return exc.strerror or type(exc).__name__
    if isinstance(exc, UnicodeError):
        return "it holds characters that cannot be saved"
    if isinstance(exc, ValueError | TypeError | RecursionError):
        return "it holds a value that cannot be saved"
    return type(exc).__name__


_REGISTRY: dict[str, Workbook] = {}
_REGISTRY_LOCK = threading.Lock()


class Workbook:
    """A lesson's checked answers, drafts and full history, saved beside the notebook.

    Use :meth:`Workbook.open`: there is one ``Workbook`` per file per process, so
    running ``ex = start(...)`` again gives the same workbook.

    Attributes
    ----------
    lesson : str
        Lesson id such as ``"00-welcome"``.
    path : Path
        The JSON file this workbook reads and writes.
    notice : str or None
        A plain sentence when the file could not be read when opened (it was kept aside).
    problem : str or None
        A plain sentence when the latest save failed; None once a save succeeds.

    Example
    -------
    >>> import tempfile
    >>> wb = Workbook.open("00-welcome", folder=tempfile.mkdtemp())
    >>> wb.record(CheckRecord("00-welcome", "first-post", Status.PASSED, "It fits."), "Hello")
    >>> wb.latest("first-post").answer
    'Hello'
    """

    def __init__(self, lesson: str, path: Path) -> None:
        self.lesson = lesson
        self.path = Path(path)
        self.notice: str | None = None
        self.problem: str | None = None
        self._state = _State()
        self._pending: dict[str, _Version] = {}
        self._first_change = 0.0
        self._last_change = 0.0
        self._timer: threading.Timer | None = None
        self._mutex = threading.RLock()

    def __repr__(self) -> str:
        return f"Workbook(lesson={self.lesson!r}, path={str(self.path)!r})"

    @classmethod
    def open(cls, lesson: str, *, folder: str | os.PathLike[str] | None = None) -> Workbook:
        """The workbook of ``lesson`` (one object per file), refreshed from disk.

        A file that cannot be read is renamed aside, unchanged, and :attr:`notice` says so.

        Raises
        ------
        PostLabValueError
            When ``lesson`` is not a lesson id.
        """
        if not isinstance(lesson, str) or not lesson.strip():
            msg = f"lesson={lesson!r:.60}, must be a lesson id such as '00-welcome'"
            raise PostLabValueError(msg)
        path = workbook_path(lesson, folder)
        key = os.path.realpath(path)
        with _REGISTRY_LOCK:
            book = _REGISTRY.get(key)
            if book is None:
                book = _REGISTRY[key] = cls(lesson, path)
        book._refresh()
        return book

    @property
    def trainee(self) -> str | None:
        """The trainee's name, when the workbook knows it."""
        return self._state.trainee

    @trainee.setter
    def trainee(self, name: str | None) -> None:
        with self._mutex:
            self._state.trainee = None if name is None else _clean(name)

    # reading

    def data(self) -> WorkbookData:
        """The workbook as this process holds it (unsaved drafts included)."""
        with self._mutex:
            drafts = {k: list(v) for k, v in self._state.drafts.items()}
            for key, version in self._pending.items():
                drafts.setdefault(key, []).append(version)
            state = _State(self._state.trainee, list(self._state.history), drafts)
            return _snapshot(state, self.lesson)

    def latest(self, question: str) -> Entry | None:
        """The latest meaningful check of ``question`` (see :class:`WorkbookData`), or None."""
        with self._mutex:
            return _latest(self._state.history).get(question)

    def records(self) -> dict[str, CheckRecord]:
        """The latest check record per question."""
        with self._mutex:
            return {q: e.record for q, e in _latest(self._state.history).items()}

    def load_draft(self, key: str) -> str | None:
        """The latest version of a draft (saved or about to be), or None."""
        with self._mutex:
            if key in self._pending:
                return self._pending[key].text
            versions = self._state.drafts.get(key)
            return versions[-1].text if versions else None

    # writing

    def record(self, record: CheckRecord, answer: Any) -> str | None:
        """Save one check and its answer (and any unsaved drafts). Never raises.

        Returns None when saved, else a plain sentence saying why not; then nothing of
        this check stays in memory, and later saves work as before.
        """
        try:
            entry = self._entry(record, answer)
        except Exception as exc:
            return f"This check could not be saved: {_reason(exc)}. Tell your facilitator."
        with self._mutex:
            return self._write(entry)

    def save_draft(self, key: str, text: str) -> str | None:
        """Keep a draft now and write it after a short quiet spell; None, or a sentence.

        Versions are kept (the last 50 per key) so an accident can be undone.
        """
        if not isinstance(key, str) or not isinstance(text, str):
            return f"Only text can be kept as a draft, not {type(text).__name__}."
        key, text = _clean_text(key), _clean_text(text)
        if len(text) > _MAX_DRAFT_CHARS:
            return (
                f"This draft is {len(text):,} characters long, more than the "
                f"{_MAX_DRAFT_CHARS:,} that can be kept; the previous version is kept."
            )
        with self._mutex:
            versions = self._state.drafts.get(key)
            if versions and versions[-1].text == text:
                self._pending.pop(key, None)  # back to what is saved
                return self.problem
            if key in self._pending and self._pending[key].text == text:
                return self.problem
            moment = time.monotonic()
            if not self._pending:
                self._first_change = moment
            self._last_change = moment
            self._pending[key] = _Version(text, now())
            if self._timer is None:
                self._start_timer(_QUIET)
            return self.problem

    def flush(self) -> str | None:
        """Write unsaved drafts now; None, or a sentence saying why they could not be."""
        with self._mutex:
            if not self._pending:
                return None
            return self._write(None)

    # inside

    def _entry(self, record: CheckRecord, answer: Any) -> Entry:
        if not isinstance(record, CheckRecord):
            msg = f"record={type(record).__name__}, must be a CheckRecord"
            raise TypeError(msg)
        clean = CheckRecord(
            lesson=_clean(record.lesson or self.lesson),
            question=_clean(record.question),
            status=record.status,
            message=_clean(record.message),
            hint=_clean(record.hint),
            at=_clean(record.at) or now(),
        )
        entry = Entry(clean, answer_data(answer), secrets.token_hex(8))
        json.dumps(_entry_dict(entry), ensure_ascii=False, allow_nan=False).encode("utf-8")
        return entry

    def _start_timer(self, delay: float) -> None:
        timer = threading.Timer(delay, self._tick)
        timer.daemon = True
        self._timer = timer
        timer.start()

    def _tick(self) -> None:
        """The draft timer: write once the typing has paused (or waited long enough)."""
        try:
            with self._mutex:
                self._timer = None
                if not self._pending:
                    return
                moment = time.monotonic()
                quiet = moment - self._last_change
                if quiet < _QUIET and moment - self._first_change < _MAX_WAIT:
                    self._start_timer(_QUIET - quiet)
                    return
                self._write(None)
        except Exception:  # pragma: no cover - a background save never prints a traceback
            self.problem = "Your drafts could not be saved. Tell your facilitator."

    def _mine(self, extra: Entry | None) -> _State:
        drafts = {k: list(v) for k, v in self._state.drafts.items()}
        for key, version in self._pending.items():
            drafts.setdefault(key, []).append(version)
        history = [*self._state.history, *([extra] if extra else [])]
        return _State(self._state.trainee, history, drafts)

    def _write(self, extra: Entry | None) -> str | None:
        """Under the lock: re-read the file, merge, write atomically. The caller holds the mutex."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with _locked(self.path):
                try:
                    disk = _read_state(self.path, self.lesson)
                except _Unreadable as why:
                    self._keep_aside(why)
                    disk = None
                merged = _merge(disk, self._mine(extra))
                write_text_atomic(self.path, _dumps(merged, self.lesson))
        except Exception as exc:
            why = (
                f"could not be saved in {self.path.name}: {_reason(exc)}. "
                "What was saved before is unchanged; tell your facilitator."
            )
            if self._pending:  # unsaved drafts stay in memory; widgets show this
                self.problem = f"Your latest typing {why}"
            return f"This check {why}" if extra is not None else f"Your latest typing {why}"
        self._state = merged
        self._pending.clear()
        self.problem = None
        return None

    def _refresh(self) -> None:
        """Merge what is on disk into memory; keep a broken file aside."""
        with self._mutex:
            try:
                disk = _read_state(self.path, self.lesson)
            except _Unreadable as why:
                try:
                    self.path.parent.mkdir(parents=True, exist_ok=True)
                    with _locked(self.path):
                        try:  # another kernel may have moved or mended it meanwhile
                            disk = _read_state(self.path, self.lesson)
                        except _Unreadable:
                            self._keep_aside(why)
                            disk = None
                except OSError as exc:
                    self.notice = (
                        f"Your saved work in {self.path.name} could not be read ({why}), and it "
                        f"could not be kept aside because {_reason(exc)}. It is left unchanged "
                        "and nothing will be saved over it. Tell your facilitator."
                    )
                    return
            if disk is not None:
                self._state = _merge(disk, self._state)

    def _keep_aside(self, why: _Unreadable) -> None:
        """Rename the unreadable file aside (never overwrite it) and say so in :attr:`notice`."""
        stamp = time.strftime("%Y%m%dT%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        n = 1
        while aside.exists():
            aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{n}")
            n += 1
        try:
            os.replace(self.path, aside)
        except FileNotFoundError:
            return  # gone meanwhile: nothing to keep
        self.notice = (
            f"Your saved work in {self.path.name} could not be read ({why}). "
            f"It has been kept, unchanged, as {aside.name}; a new workbook starts now. "
            "Tell your facilitator so they can recover it."
        )


def flush_all() -> str | None:
    """Write every workbook's unsaved drafts now (hand-in calls this first); None, or why not."""
    with _REGISTRY_LOCK:
        books = list(_REGISTRY.values())
    problems = [p for p in (b.flush() for b in books) if p]
    return " ".join(problems) or None


@atexit.register
def _flush_at_exit() -> None:
    with contextlib.suppress(Exception):
        flush_all()


def _forget_after_fork() -> None:
    """A forked child starts with no workbooks (its parent's locks and timers are not its own)."""
    global _REGISTRY_LOCK
    _REGISTRY.clear()
    _REGISTRY_LOCK = threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_after_fork)


@dataclass(frozen=True)
class WorkbookStore:
    """The small ``load``/``save`` face widgets use to keep what a trainee types.

    ``save`` never raises and returns None; when writing fails, :attr:`notice` says so
    in words for the widget to show.
    """

    workbook: Workbook
    prefix: str = ""

    def load(self, key: str) -> str | None:
        """Latest text under ``key``, or None."""
        return self.workbook.load_draft(self.prefix + key)

    def save(self, key: str, value: str) -> None:
        """Keep ``value`` under ``key`` (written after a short pause, versions kept)."""
        problem = self.workbook.save_draft(self.prefix + key, value)
        if problem and not self.workbook.problem:
            self.workbook.problem = problem

    @property
    def notice(self) -> str | None:
        """Why the latest save failed, in words; None when all is saved or about to be."""
        return self.workbook.problem

    def flush(self) -> str | None:
        """Write unsaved drafts now."""
        return self.workbook.flush()
