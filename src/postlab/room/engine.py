"""The live room: read every trainee's progress file as it grows, and say where the room is.

:class:`Room` remembers how far it has read each file (offset and inode), so a
refresh reads only the lines added since the last one: for a room of 150 trainees
that is a directory listing, one ``stat`` per file and a few new lines. A line still
being written (no newline yet) waits for the next refresh; a broken line is counted
and skipped; a file that shrank or was replaced is read again from the start; a
huge file is read a few MiB per refresh, so one refresh stays quick.

A refresh gives a :class:`Frame`: the grid of trainees by questions (the latest
passed / not yet / not answered of each, kept as the workbook keeps it: a later
"not answered" never hides an earlier answer), how many are on each question now,
the questions where most are stuck with the hints they keep seeing, who has not
started and who handed in. The file is the trainee: a line in one file cannot speak
for another trainee.
"""

from __future__ import annotations

import functools
import json
import os
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from postlab.exercises.record import CheckRecord, Status, now
from postlab.room.progress import ROOM_DIR_ENV, SUFFIX

__all__ = ["Frame", "QuestionColumn", "QuestionSummary", "Room", "TraineeRow", "clean_text"]

_READ_PER_FILE = 2 * 1024 * 1024  # bytes read from one file in one refresh, at most
_READ_PER_REFRESH = 16 * 1024 * 1024  # ... and from all files together
_MAX_LINE = 256 * 1024  # a longer "line" is not a progress line: skipped
_MAX_HINTS = 20  # distinct hints kept per question per trainee
_SHOWN = 300  # characters of a hint or a name kept for the view
_STATUSES = {s.value: s for s in Status}
_MEANINGFUL = frozenset({Status.PASSED, Status.NOT_YET})
_JOINERS = frozenset("\u200c\u200d")


def clean_text(value: Any, size: int = _SHOWN) -> str:
    """``value`` as one line of text safe for a terminal: no controls or escapes, at most ``size``.

    Example
    -------
    >>> clean_text("Asha\\x1b[2J Rao\\n")
    'Asha[2J Rao'
    """
    text = unicodedata.normalize("NFC", str(value))
    kept = "".join(
        ch
        for ch in text
        if ch in _JOINERS or not unicodedata.category(ch).startswith(("C", "Zl", "Zp"))
    )
    kept = " ".join(kept.split())
    return kept if len(kept) <= size else kept[: size - 1] + "…"


@dataclass(frozen=True)
class QuestionColumn:
    """One column of the grid: the lesson, the question id, and a short label (``Q3``)."""

    lesson: str
    question: str
    label: str


@dataclass(frozen=True)
class TraineeRow:
    """One row of the grid: who, the status of each column, and where they are now.

    ``name`` is the name the trainee gave (cleaned for display); ``on`` is the index of
    the column they are working on now (their latest check's question while it is not
    passed, else the next one not passed), or None; ``handed_in`` maps lesson to the
    time of the latest hand-in.
    """

    key: str
    name: str
    number: int
    statuses: tuple[Status, ...]
    on: int | None
    started: bool
    last_at: str
    handed_in: dict[str, str]
    latest: dict[tuple[str, str], dict] = field(default_factory=dict, repr=False, compare=False)

    def label(self, *, projector: bool = False) -> str:
        """The name, or ``Trainee N`` (stable all session) when names are hidden."""
        return f"Trainee {self.number}" if projector else self.name

    def records(self) -> dict[tuple[str, str], CheckRecord]:
        """The latest :class:`CheckRecord` per (lesson, question) this trainee checked."""
        return {where: _record(item) for where, item in self.latest.items()}


@dataclass(frozen=True)
class QuestionSummary:
    """One column's counts: passed, not yet, not answered, on it now, and the hints seen most."""

    column: QuestionColumn
    passed: int
    not_yet: int
    unanswered: int
    on_now: int
    hints: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class Frame:
    """What one refresh says about the room (see the module docstring)."""

    folder: Path
    at: str
    lesson: str | None
    columns: tuple[QuestionColumn, ...]
    rows: tuple[TraineeRow, ...]
    summaries: tuple[QuestionSummary, ...]
    skipped_lines: int
    behind: bool
    problem: str = ""

    @property
    def stuck(self) -> tuple[QuestionSummary, ...]:
        """Questions with trainees at "not yet", most first (at most three)."""
        ranked = sorted(
            (s for s in self.summaries if s.not_yet),
            key=lambda s: (-s.not_yet, -sum(n for _, n in s.hints), s.column.label),
        )
        return tuple(ranked[:3])

    @property
    def not_started(self) -> tuple[TraineeRow, ...]:
        """Trainees known to the room (they have a file) with no answer checked yet."""
        return tuple(r for r in self.rows if not r.started)

    @property
    def handed_in(self) -> tuple[TraineeRow, ...]:
        """Trainees who handed in (this frame's lesson, or any lesson for the whole day)."""
        return tuple(
            r for r in self.rows if (self.lesson in r.handed_in if self.lesson else r.handed_in)
        )


@dataclass
class _Trainee:
    key: str
    number: int
    name: str = ""
    shown: str = ""  # the name, cleaned for display
    latest: dict[tuple[str, str], dict] = field(default_factory=dict)
    status: dict[tuple[str, str], Status] = field(default_factory=dict)
    hints: dict[tuple[str, str], Counter] = field(default_factory=dict)
    last_question: tuple[str, str] | None = None
    last_at: str = ""
    handed_in: dict[str, str] = field(default_factory=dict)
    version: int = 0  # bumped by every line applied: a row is computed again only then


@dataclass
class _Source:
    path: Path
    inode: int = -1
    offset: int = 0
    pending: bytes = b""
    discarding: bool = False  # inside an over-long line: skip to its end


class Room:
    """A room folder, read incrementally; :meth:`refresh` gives a :class:`Frame`.

    Parameters
    ----------
    folder : path, optional
        The room folder (default ``$POSTLAB_ROOM_DIR``).
    lesson : str, optional
        Show this lesson's questions; default: every lesson the room has checked,
        in the order of the day.

    Example
    -------
    >>> import tempfile
    >>> Room(tempfile.mkdtemp()).refresh().rows
    ()
    """

    def __init__(
        self, folder: str | os.PathLike[str] | None = None, *, lesson: str | None = None
    ) -> None:
        chosen = folder or os.environ.get(ROOM_DIR_ENV, "")
        self.folder = Path(chosen) if chosen else None
        self.lesson = lesson
        self._sources: dict[str, _Source] = {}
        self._trainees: dict[str, _Trainee] = {}
        self._hints: dict[tuple[str, str], Counter] = {}  # the room's, kept as lines arrive
        self._rows: dict[str, tuple[tuple, TraineeRow]] = {}
        self._lessons: set[str] = set()  # every lesson a line named
        self._column_sets: dict[tuple[str, ...], tuple[QuestionColumn, ...]] = {}
        self._known = _known()
        self.skipped_lines = 0

    # --- reading --------------------------------------------------------------------------
    def _scan(self) -> tuple[bool, str]:
        """Read what is new in every file; (behind, problem)."""
        if self.folder is None:
            return False, f"no room folder: give one, or set {ROOM_DIR_ENV}"
        try:
            entries = sorted(
                (e for e in os.scandir(self.folder) if e.name.endswith(SUFFIX)),
                key=lambda e: e.name,
            )
        except OSError as exc:
            return False, f"cannot read the room folder {self.folder}: {exc.strerror or exc}"
        budget, behind = _READ_PER_REFRESH, False
        for entry in entries:
            key = entry.name[: -len(SUFFIX)]
            source = self._sources.get(key)
            if source is None:
                source = self._sources[key] = _Source(Path(entry.path))
                self._trainee(key)
            try:
                info = entry.stat()
            except OSError:
                continue
            if info.st_ino != source.inode or info.st_size < source.offset:
                if source.inode != -1:  # replaced or cut short: read it again from the start
                    self._forget(key)
                source.inode, source.offset, source.pending = info.st_ino, 0, b""
                source.discarding = False
            if info.st_size == source.offset:
                continue
            size = min(info.st_size - source.offset, _READ_PER_FILE, budget)
            if size <= 0:
                behind = True
                continue
            try:
                with open(entry.path, "rb") as handle:
                    handle.seek(source.offset)
                    data = handle.read(size)
            except OSError:
                continue
            source.offset += len(data)
            budget -= len(data)
            behind = behind or source.offset < info.st_size
            self._take(source, key, data)
        return behind, ""

    def _take(self, source: _Source, key: str, data: bytes) -> None:
        """Split ``data`` into whole lines (the tail waits) and apply them."""
        data = source.pending + data
        cut = data.rfind(b"\n")
        if cut < 0:
            source.pending = b"" if source.discarding else data
            if len(source.pending) > _MAX_LINE:
                source.pending, source.discarding = b"", True
            return
        lines, source.pending = data[:cut].split(b"\n"), data[cut + 1 :]
        if source.discarding:
            lines = lines[1:]
            source.discarding = False
            self.skipped_lines += 1
        if len(source.pending) > _MAX_LINE:
            source.pending, source.discarding = b"", True
        trainee = self._trainees[key]
        for item in _parse(lines, self):
            self._apply(trainee, item)

    def _forget(self, key: str) -> None:
        """Start ``key``'s record again (their file was replaced), keeping their number."""
        old = self._trainees[key]
        for where, seen in old.hints.items():
            self._hints[where].subtract(seen)
            self._hints[where] = +self._hints[where]  # drop the counts that reached zero
        self._trainees[key] = _Trainee(key, old.number, version=old.version + 1)

    def _trainee(self, key: str) -> _Trainee:
        found = self._trainees.get(key)
        if found is None:
            found = self._trainees[key] = _Trainee(key, len(self._trainees) + 1)
        return found

    def _apply(self, trainee: _Trainee, item: Any) -> None:
        """Take one line into ``trainee``'s record (it runs for every line: kept lean)."""
        if type(item) is not dict:
            self.skipped_lines += 1
            return
        trainee.version += 1
        get = item.get
        name, lesson, at = get("name"), get("lesson"), get("at")
        if name and type(name) is str and name != trainee.name:
            trainee.name, trainee.shown = name, clean_text(name, 80)
        if type(lesson) is not str or type(at) is not str:
            self.skipped_lines += 1
            return
        event = get("event", "check")
        if event == "handin":
            if lesson in _day():
                self._lessons.add(lesson)
            trainee.handed_in[lesson] = at
            if at > trainee.last_at:
                trainee.last_at = at
            return
        value, question = get("status"), get("question")
        status = _STATUSES.get(value) if type(value) is str else None
        where = (lesson, question)
        if (
            event != "check"
            or status is None
            or type(question) is not str
            or where not in self._known
        ):
            self.skipped_lines += 1
            return
        if at > trainee.last_at:
            trainee.last_at = at
        self._lessons.add(lesson)
        if status is Status.UNANSWERED and where in trainee.latest:
            return  # an empty cell run again never hides an answer on record
        trainee.latest[where] = item
        trainee.status[where] = status
        trainee.last_question = where
        hint = get("hint")
        if status is Status.NOT_YET and hint and type(hint) is str:
            seen = trainee.hints.get(where)
            if seen is None:
                seen = trainee.hints[where] = Counter()
            if hint in seen or len(seen) < _MAX_HINTS:
                seen[hint] += 1
                room = self._hints.get(where)
                if room is None:
                    room = self._hints[where] = Counter()
                room[hint] += 1

    # --- the frame -----------------------------------------------------------------------
    def refresh(self) -> Frame:
        """Read what is new in the room folder and say where the room is now."""
        behind, problem = self._scan()
        return self.frame(behind=behind, problem=problem)

    def _columns(self) -> tuple[QuestionColumn, ...]:
        """The grid's columns: the lesson's questions, or those of every lesson seen so far."""
        day = _day()
        chosen = (
            (self.lesson,) if self.lesson else tuple(les for les in day if les in self._lessons)
        )
        if chosen not in self._column_sets:
            pairs = [(lesson, q) for lesson in chosen for q in day.get(lesson, ())]
            self._column_sets[chosen] = tuple(
                QuestionColumn(les, q, f"Q{n}") for n, (les, q) in enumerate(pairs, 1)
            )
        return self._column_sets[chosen]

    def frame(self, *, behind: bool = False, problem: str = "") -> Frame:
        """The room as last read (without reading)."""
        columns = self._columns()
        index = {(c.lesson, c.question): n for n, c in enumerate(columns)}
        passed, not_yet, on_now = [0] * len(columns), [0] * len(columns), [0] * len(columns)
        rows = []
        for trainee in self._trainees.values():
            row = self._row(trainee, columns, index)
            rows.append(row)
            for n, status in enumerate(row.statuses):
                if status is Status.PASSED:
                    passed[n] += 1
                elif status is Status.NOT_YET:
                    not_yet[n] += 1
            if row.on is not None:
                on_now[row.on] += 1
        rows.sort(key=lambda r: (r.name.casefold(), r.key))
        empty: Counter = Counter()
        summaries = tuple(
            QuestionSummary(
                column=column,
                passed=passed[n],
                not_yet=not_yet[n],
                unanswered=len(rows) - passed[n] - not_yet[n],
                on_now=on_now[n],
                hints=tuple(
                    (clean_text(h), k)
                    for h, k in self._hints.get(
                        (column.lesson, column.question), empty
                    ).most_common(3)
                    if k > 0
                ),
            )
            for n, column in enumerate(columns)
        )
        return Frame(
            folder=self.folder or Path(),
            at=now(),
            lesson=self.lesson,
            columns=columns,
            rows=tuple(rows),
            summaries=summaries,
            skipped_lines=self.skipped_lines,
            behind=behind,
            problem=problem,
        )

    def _row(
        self,
        trainee: _Trainee,
        columns: tuple[QuestionColumn, ...],
        index: dict[tuple[str, str], int],
    ) -> TraineeRow:
        """``trainee``'s row, computed again only when a line of theirs arrived since."""
        cached = self._rows.get(trainee.key)
        if cached is not None and cached[0][0] == trainee.version and cached[0][1] is columns:
            return cached[1]
        statuses = [Status.UNANSWERED] * len(columns)
        for where, status in trainee.status.items():
            n = index.get(where)
            if n is not None:
                statuses[n] = status
        row = TraineeRow(
            key=trainee.key,
            name=trainee.shown or clean_text(trainee.key, 80),
            number=trainee.number,
            statuses=tuple(statuses),
            on=_on(trainee.last_question, index, statuses, columns),
            started=any(s in _MEANINGFUL for s in trainee.status.values()),
            last_at=trainee.last_at,
            handed_in=dict(trainee.handed_in),
            latest={w: i for w, i in trainee.latest.items() if w in index},
        )
        self._rows[trainee.key] = ((trainee.version, columns), row)
        return row


def _on(
    last: tuple[str, str] | None,
    index: dict[tuple[str, str], int],
    statuses: list[Status],
    columns: tuple[QuestionColumn, ...],
) -> int | None:
    """The column a trainee is on: their latest question until passed, then the next open one."""
    if last is None or last not in index:
        return None
    n = index[last]
    if statuses[n] is not Status.PASSED:
        return n
    for later in range(n + 1, len(columns)):
        if columns[later].lesson != last[0]:
            break
        if statuses[later] is not Status.PASSED:
            return later
    return None


def _record(item: dict) -> CheckRecord:
    return CheckRecord(
        lesson=item["lesson"],
        question=item["question"],
        status=_STATUSES[item["status"]],
        message=str(item.get("message", "")),
        hint=str(item.get("hint", "")),
        at=item["at"],
    )


def _parse(lines: list[bytes], room: Room) -> list[Any]:
    """The lines as JSON: all at once when every line is good (fast), else one by one."""
    lines = [line for line in lines if line.strip()]
    if not lines:
        return []
    try:
        return json.loads(b"[" + b",".join(lines) + b"]")
    except ValueError:
        pass
    items = []
    for line in lines:
        try:
            items.append(json.loads(line))
        except ValueError:
            room.skipped_lines += 1
    return items


@functools.cache
def _day() -> dict[str, tuple[str, ...]]:
    """Each lesson's question ids, in the order of the day (read once from the data files)."""
    from postlab.exercises.catalogue import lessons
    from postlab.exercises.questions import questions_of

    return {lesson: tuple(questions_of(lesson)) for lesson in lessons()}


@functools.cache
def _known() -> frozenset[tuple[str, str]]:
    """Every (lesson, question) of the day."""
    return frozenset((lesson, q) for lesson, qids in _day().items() for q in qids)
