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
from datetime import UTC, datetime
from pathlib import Path

from postlab import __version__
from postlab.atomic import readable_mode, write_json_atomic
from postlab.errors import PostLabTypeError, PostLabValueError
from postlab.exercises.workbook import WORKBOOK_DIR_ENV, workbook_path

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
_UNSAFE = re.compile(r"[^\w]+", re.UNICODE)
_ID = re.compile(r"^[0-9a-f]{6,32}$")


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
    """One hand-in: whose, which lesson, where it went, when, and the files copied."""

    trainee: Trainee
    lesson: str
    folder: Path
    files: tuple[str, ...]
    at: str
    missing: tuple[str, ...] = ()


def safe_folder_name(name: str) -> str:
    """A folder name made from ``name`` that cannot escape or hide: letters, digits, ``-``.

    Unicode letters are kept (``"Priyā"`` stays readable); separators, dots and
    anything else become ``-``; an empty result becomes ``"trainee"``.

    Example
    -------
    >>> safe_folder_name("../../etc/ Asha  Rao")
    'etc-Asha-Rao'
    """
    if not isinstance(name, str):
        msg = f"name={name!r}, must be text"
        raise PostLabTypeError(msg)
    text = unicodedata.normalize("NFKC", name)
    slug = _UNSAFE.sub("-", text).replace("_", "-")
    slug = re.sub("-{2,}", "-", slug).strip("-")[:_MAX_SLUG].strip("-")
    return slug or "trainee"


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
    if any(unicodedata.category(ch).startswith("C") for ch in clean):
        msg = f"name={name!r}, must not hold control characters"
        raise PostLabValueError(msg)
    return clean


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
    msg = f"trainee={trainee.name!r}: no free folder under {root}"
    raise PostLabValueError(msg)


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
        ``$POSTLAB_WORKBOOK_DIR``). A missing workbook is reported, not an error.
    root : path, optional
        The hand-in folder; default :func:`handin_root`.
    now : datetime, optional
        The time stamped on the hand-in (default: now, UTC).

    Returns
    -------
    HandIn
        Where the copy went and which files it holds.

    Raises
    ------
    PostLabValueError
        When the notebook does not exist.

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
        msg = f"notebook={str(source)!r} does not exist: save the notebook, then hand in again"
        raise PostLabValueError(msg)
    lesson = lesson or source.stem
    book = Path(
        workbook
        or workbook_path(lesson, os.environ.get(WORKBOOK_DIR_ENV) or source.resolve().parent)
    )
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
            "postlab": __version__,
        }
        write_json_atomic(scratch / "handin.json", manifest)
        files.append("handin.json")
        final = _rename_free(scratch, home / f"{safe_folder_name(lesson)}-{stamp}")
        _fsync_dir(home)
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    return HandIn(
        trainee=trainee,
        lesson=lesson,
        folder=final,
        files=tuple(sorted(files)),
        at=manifest["at"],
        missing=tuple(missing),
    )


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
