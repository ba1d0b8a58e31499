"""Hand in an exercise: copy the notebook and its workbook into the room's hand-in folder.

The layout is plain files, so a facilitator can read it with any file browser::

    submissions/                      # or $POSTLAB_HANDIN_DIR
      asha-rao-3f9a1c/                # one folder per trainee: safe name + id
        trainee.json                  # the name as typed, and the trainee's id
        00-welcome-20250301T101500Z/  # one folder per hand-in, never overwritten
          00-welcome.ipynb
          00-welcome.workbook.json
          handin.json                 # who, which lesson, when, which files

A hand-in is atomic: files are copied into a hidden temporary folder beside the
final one, flushed, then the folder is renamed into place, so a half-written copy
is never seen. A second hand-in gets its own timestamped folder; the first stays.
The trainee's name is asked once and remembered in ``.postlab-trainee.json`` in the
workbook folder (the exercises folder, or ``$POSTLAB_WORKBOOK_DIR``).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from postlab import __version__
from postlab.atomic import readable_mode, write_json_atomic
from postlab.errors import PostLabTypeError, PostLabValueError
from postlab.exercises.workbook import WORKBOOK_DIR_ENV, flush_all, read_workbook, workbook_path
from postlab.room.progress import publish_handin

__all__ = [
    "HANDIN_DIR_ENV",
    "HandIn",
    "Trainee",
    "hand_in",
    "handin_root",
    "remember_trainee",
    "remembered_trainee",
    "safe_folder_name",
]

#: Environment variable naming the room's hand-in folder (a shared JupyterHub sets it).
HANDIN_DIR_ENV = "POSTLAB_HANDIN_DIR"
_TRAINEE_FILE = ".postlab-trainee.json"
_MAX_NAME = 80
_MAX_SLUG = 40
_JOINERS = frozenset("\u200c\u200d")  # ZWNJ and ZWJ: parts of names in Indian scripts
_VIRAMA = 9  # canonical combining class of a virama (halant): it joins the next letter
_ID = re.compile(r"^[0-9a-f]{6,32}$")
_SAVE_SLACK = timedelta(seconds=2)  # a check and a save in the same second or two are together


@dataclass(frozen=True)
class Trainee:
    """A trainee as the hand-in folder knows them: the name as typed and a random id.

    The id keeps two trainees with the same name apart; it is made once and remembered.
    """

    name: str
    id: str

    @property
    def folder(self) -> str:
        """The trainee's folder name: a safe form of the name, then the id."""
        return f"{safe_folder_name(self.name)}-{self.id[:6]}"


@dataclass(frozen=True)
class HandIn:
    """One hand-in: whose, which lesson, where it went, when, and the files copied.

    ``stale`` is True when the workbook holds a check recorded after the notebook
    file was last saved: the notebook on disk may lack answers the trainee saw
    checked, so the grader reads those from the workbook, and the trainee should
    save (Ctrl+S) and hand in again. ``message`` says so (or that all went well) in
    plain words, with the local time and no server paths.
    """

    trainee: Trainee
    lesson: str
    folder: Path
    files: tuple[str, ...]
    at: str
    missing: tuple[str, ...] = ()
    stale: bool = False

    @property
    def when(self) -> str:
        """The hand-in time in words, in local time (``"10:15 today"``)."""
        return _local_words(self.at)

    @property
    def place(self) -> str:
        """Where the hand-in went, as the trainee may be told: their folder, not a path."""
        return f"your folder {self.folder.parent.name} in the room's hand-in folder"

    @property
    def message(self) -> str:
        """One or two plain sentences for the trainee about this hand-in."""
        if self.stale:
            return (
                f"Your notebook was not saved since your last check, so the answers you checked "
                f"were handed in from your workbook (lesson {self.lesson}, {self.when}). "
                "Press Ctrl+S to save the notebook, then hand in again."
            )
        name, lesson = self.trainee.name, self.lesson
        return f"Handed in, {name}: lesson {lesson} at {self.when}, into {self.place}."


def safe_folder_name(name: str) -> str:
    """A folder name made from ``name`` that cannot escape or hide: letters, marks, digits, ``-``.

    Letters, digits and the marks that carry vowel signs in Indian scripts are kept,
    so ``"प्रिया शर्मा"`` stays readable; ZWJ and ZWNJ are kept between letters (several
    scripts need them); separators, dots, controls and anything else become ``-``. The
    result is at most 40 characters, never cut inside a letter's marks; an empty
    result becomes ``"trainee"``.

    Example
    -------
    >>> safe_folder_name("../../etc/ Asha  Rao")
    'etc-Asha-Rao'
    >>> safe_folder_name("प्रिया शर्मा")
    'प्रिया-शर्मा'
    """
    if not isinstance(name, str):
        msg = f"name={name!r}, must be text"
        raise PostLabTypeError(msg)
    text = unicodedata.normalize("NFC", name)
    out: list[str] = []
    for i, ch in enumerate(text):
        if _word_char(ch):
            out.append(ch)
        elif ch in _JOINERS and i > 0 and _word_char(text[i - 1]):
            # inside a word, or after a virama (a Malayalam chillu written NA, virama, ZWJ)
            after = i + 1 < len(text) and _word_char(text[i + 1])
            chillu = unicodedata.combining(text[i - 1]) == _VIRAMA
            out.append(ch if after or chillu else "-")
        else:
            out.append("-")
    slug = re.sub("-{2,}", "-", "".join(out)).strip("-")
    return _cut(slug, _MAX_SLUG).strip("-") or "trainee"


def _word_char(ch: str) -> bool:
    """True for letters, marks (vowel signs, viramas) and digits."""
    return unicodedata.category(ch)[0] in "LMN"


def _cut(text: str, size: int) -> str:
    """``text`` cut to at most ``size`` characters, never between a letter and its marks."""
    if len(text) <= size:
        return text
    cut = size
    while cut > 0 and (
        unicodedata.category(text[cut]).startswith("M")
        or text[cut] in _JOINERS
        or text[cut - 1] in _JOINERS
        or unicodedata.combining(text[cut - 1]) == _VIRAMA
    ):
        cut -= 1
    return text[:cut]


def handin_root(folder: str | os.PathLike[str] | None = None) -> Path:
    """The hand-in folder: ``folder``, else ``$POSTLAB_HANDIN_DIR``, else ``submissions/``.

    The kit is found by walking up from the current folder to the first one that
    holds an ``exercises`` folder (notebooks run inside ``exercises/``).

    Example
    -------
    >>> handin_root("/tmp/room").name
    'room'
    """
    chosen = folder or os.environ.get(HANDIN_DIR_ENV)
    if chosen:
        return Path(chosen).expanduser()
    here = Path.cwd().resolve()
    for candidate in (here, *here.parents):
        if (candidate / "exercises").is_dir():
            return candidate / "submissions"
    return here / "submissions"


def _check_name(name: object) -> str:
    if not isinstance(name, str):
        msg = f"name={name!r}, must be text such as 'Asha Rao'"
        raise PostLabTypeError(msg)
    clean = " ".join(name.split())
    if not clean or len(clean) > _MAX_NAME:
        msg = f"name={name!r}, must be 1 to {_MAX_NAME} characters (your name as the room knows it)"
        raise PostLabValueError(msg)
    if any(unicodedata.category(ch).startswith("C") and ch not in _JOINERS for ch in clean):
        msg = f"name={name!r}, must not hold control or hidden characters (ZWJ and ZWNJ may)"
        raise PostLabValueError(msg)
    return unicodedata.normalize("NFC", clean)


def _identity_file(folder: str | os.PathLike[str] | None) -> Path:
    base = Path(folder or os.environ.get(WORKBOOK_DIR_ENV) or Path.cwd())
    return base / _TRAINEE_FILE


def remembered_trainee(*, folder: str | os.PathLike[str] | None = None) -> Trainee | None:
    """The trainee remembered in ``folder`` (default: the workbook folder), or None.

    Example
    -------
    >>> import tempfile
    >>> remembered_trainee(folder=tempfile.mkdtemp()) is None
    True
    """
    path = _identity_file(folder)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        name, ident = _check_name(data["name"]), str(data["id"])
    except (OSError, ValueError, TypeError, KeyError):
        return None
    return Trainee(name, ident) if _ID.match(ident) else None


def remember_trainee(name: str, *, folder: str | os.PathLike[str] | None = None) -> Trainee:
    """Remember the trainee's name (and make their id once) so it is asked only once.

    Changing the name keeps the id, so later hand-ins stay in the same place.

    Example
    -------
    >>> import tempfile
    >>> where = tempfile.mkdtemp()
    >>> remember_trainee("Asha Rao", folder=where).name
    'Asha Rao'
    >>> remembered_trainee(folder=where).name
    'Asha Rao'
    """
    clean = _check_name(name)
    known = remembered_trainee(folder=folder)
    trainee = Trainee(clean, known.id if known else secrets.token_hex(8))
    path = _identity_file(folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_json_atomic(path, {"name": trainee.name, "id": trainee.id})
    return trainee


def _trainee_dir(root: Path, trainee: Trainee) -> Path:
    """The trainee's folder under ``root``; another trainee's folder is never reused."""
    base = trainee.folder
    for n in range(1, 1000):
        candidate = root / (base if n == 1 else f"{base}-{n}")
        owner = candidate / "trainee.json"
        if not candidate.exists():
            candidate.mkdir(parents=True, exist_ok=True)
            write_json_atomic(owner, {"name": trainee.name, "id": trainee.id})
            return candidate
        try:
            if json.loads(owner.read_text(encoding="utf-8")).get("id") == trainee.id:
                return candidate
        except (OSError, ValueError, AttributeError):
            continue
    msg = f"trainee={trainee.name!r}: no free folder in the room's hand-in folder"
    raise PostLabValueError(msg)


def _local_words(stamp: str) -> str:
    """An ISO time as local words: ``"10:15 today"`` or ``"10:15 on Saturday 1 March"``."""
    try:
        moment = datetime.fromisoformat(stamp).astimezone()
    except (TypeError, ValueError):
        return "just now"
    if moment.date() == datetime.now().astimezone().date():
        return f"{moment:%H:%M} today"
    return f"{moment:%H:%M} on {moment:%A} {moment.day} {moment:%B}"


def _last_check_time(workbook_path: Path) -> datetime | None:
    """When the workbook's latest check was recorded (aware, UTC), or None."""
    data = read_workbook(workbook_path)  # never raises; a broken workbook has no checks
    times = []
    for entry in data.history:
        try:
            moment = datetime.fromisoformat(str(entry.record.at))
        except ValueError:
            continue
        times.append(moment if moment.tzinfo else moment.replace(tzinfo=UTC))
    return max(times, default=None)


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def hand_in(
    notebook: str | os.PathLike[str],
    *,
    trainee: Trainee,
    lesson: str | None = None,
    workbook: str | os.PathLike[str] | None = None,
    root: str | os.PathLike[str] | None = None,
    now: datetime | None = None,
) -> HandIn:
    """Copy an exercise notebook and its workbook into the hand-in folder, atomically.

    Parameters
    ----------
    notebook : path
        The exercise notebook as saved on disk (save it first).
    trainee : Trainee
        Who hands in (see :func:`remember_trainee`).
    lesson : str, optional
        Lesson id; default the notebook's file stem, such as ``"00-welcome"``.
    workbook : path, optional
        The workbook file; default the lesson's workbook beside the notebook (or in
        ``$POSTLAB_WORKBOOK_DIR``). A missing default workbook is reported, not an
        error; a workbook given here must exist.
    root : path, optional
        The hand-in folder; default :func:`handin_root`.
    now : datetime, optional
        The time stamped on the hand-in (default: now, UTC).

    Returns
    -------
    HandIn
        Where the copy went and which files it holds; ``stale`` (and ``message``)
        when the workbook holds a check made after the notebook was last saved.

    Raises
    ------
    PostLabValueError
        When the notebook, or a workbook given by name, does not exist.

    Example
    -------
    >>> import pathlib, tempfile
    >>> kit = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (kit / "00-welcome.ipynb").write_text("{}")
    >>> done = hand_in(kit / "00-welcome.ipynb", trainee=Trainee("Asha", "abcdef12"),
    ...                root=kit / "submissions")
    >>> done.files
    ('00-welcome.ipynb', 'handin.json')
    """
    if not isinstance(trainee, Trainee):
        msg = f"trainee={trainee!r}, must be a Trainee (see remember_trainee)"
        raise PostLabTypeError(msg)
    source = Path(notebook)
    if not source.is_file():
        where = source.parent.name or "this folder"  # no server path for the trainee to read
        msg = (
            f"notebook={source.name!r} does not exist in the folder {where!r}: save the "
            "notebook, then hand in again"
        )
        raise PostLabValueError(msg)
    if workbook is not None and not Path(workbook).is_file():
        msg = f"workbook={str(workbook)!r} does not exist: give the lesson's .workbook.json file"
        raise PostLabValueError(msg)
    lesson = lesson or source.stem
    book = Path(
        workbook
        or workbook_path(lesson, os.environ.get(WORKBOOK_DIR_ENV) or source.resolve().parent)
    )
    flush_all()  # drafts typed in the last half second are in the copy too
    saved = datetime.fromtimestamp(source.stat().st_mtime, UTC)
    checked = _last_check_time(book) if book.is_file() else None
    stale = checked is not None and checked > saved + _SAVE_SLACK
    when = (now or datetime.now(UTC)).astimezone(UTC)
    stamp = when.strftime("%Y%m%dT%H%M%SZ")
    home = _trainee_dir(handin_root(root), trainee)
    scratch = Path(tempfile.mkdtemp(prefix=".handin-", dir=home))
    os.chmod(scratch, readable_mode(0o755))  # the facilitator's account must be able to read it
    try:
        files = [source.name]
        shutil.copyfile(source, scratch / source.name)
        os.chmod(scratch / source.name, readable_mode())
        missing: list[str] = []
        if book.is_file():
            shutil.copyfile(book, scratch / book.name)
            os.chmod(scratch / book.name, readable_mode())
            files.append(book.name)
        else:
            missing.append(book.name)
        manifest = {
            "trainee": trainee.name,
            "trainee_id": trainee.id,
            "lesson": lesson,
            "at": when.isoformat(timespec="seconds"),
            "files": files,
            "missing": missing,
            "notebook_saved_at": saved.isoformat(timespec="seconds"),
            "last_check_at": checked.isoformat(timespec="seconds") if checked else None,
            "stale": stale,  # checked after the last save: grade the workbook's answers
            "postlab": __version__,
        }
        write_json_atomic(scratch / "handin.json", manifest)
        files.append("handin.json")
        final = _rename_free(scratch, home / f"{safe_folder_name(lesson)}-{stamp}")
        _fsync_dir(home)
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    done = HandIn(
        trainee=trainee,
        lesson=lesson,
        folder=final,
        files=tuple(sorted(files)),
        at=manifest["at"],
        missing=tuple(missing),
        stale=stale,
    )
    publish_handin(done)  # the live room sees who handed in (a no-op without a room folder)
    return done


def _rename_free(scratch: Path, target: Path) -> Path:
    """Rename ``scratch`` to ``target`` (or ``target-2``, ...): never over an earlier hand-in."""
    for n in range(1, 1000):
        candidate = target if n == 1 else target.with_name(f"{target.name}-{n}")
        try:
            os.rename(scratch, candidate)  # fails on an existing non-empty folder
        except OSError:
            if candidate.exists():
                continue
            raise
        return candidate
    msg = f"too many hand-ins named {target.name}"
    raise PostLabValueError(msg)
