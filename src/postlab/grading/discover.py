"""Find the submissions in a hand-in folder (or a zip of one): one per trainee.

Accepted shapes, mixed freely in one folder:

- ``TRAINEE/LESSON-STAMP/`` hand-in folders written by ``postlab submit`` or the
  Hand in button (the latest one of the graded lesson is used);
- ``TRAINEE/LESSON.ipynb`` with its ``LESSON.workbook.json`` beside it;
- ``TRAINEE.ipynb`` (one notebook per trainee) with ``TRAINEE.workbook.json``.
"""

from __future__ import annotations

import hashlib
import json
import reprlib
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from postlab.errors import PostLabValueError
from postlab.exercises.build import META
from postlab.exercises.catalogue import lessons
from postlab.handin import safe_folder_name

__all__ = [
    "Submission",
    "detect_lesson",
    "discover",
    "extract_zip",
    "majority_lesson",
    "unique_keys",
]

_MAX_ZIP_BYTES = 2 * 1024**3
_MAX_ZIP_DEPTH = 32  # a hand-in is ROOM/TRAINEE/LESSON-STAMP/FILE: 4 deep
_MAX_ZIP_PATH = 1024
_MAX_ZIP_NAME = 255  # bytes: the limit of ext4, APFS and NTFS


@dataclass(frozen=True)
class Submission:
    """One trainee's work to grade: where it is, whose, which lesson, or why it cannot be.

    ``key`` is unique in the room and safe as a file name; ``problem`` is set when
    there is nothing to run (an empty folder, for example).
    """

    key: str
    trainee: str
    notebook: Path | None
    workbook: Path | None
    lesson: str | None
    problem: str | None = None
    handed_in_at: str | None = None
    postlab_version: str | None = None
    source: str = ""


def detect_lesson(notebook: Path) -> str | None:
    """The lesson a notebook belongs to: the lesson the build wrote into its metadata
    (the notebook's, else its set-up cell's), else its file name.

    Example
    -------
    >>> detect_lesson(Path("no-such.ipynb")) is None
    True
    """
    try:
        data = json.loads(notebook.read_text(encoding="utf-8", errors="replace"))
        metas = [data.get("metadata", {}).get(META)]
        metas += [c.get("metadata", {}).get(META) for c in data.get("cells", [])]
        for meta in metas:
            if isinstance(meta, dict) and isinstance(meta.get("lesson"), str) and meta["lesson"]:
                return meta["lesson"]
    except (OSError, ValueError, AttributeError, TypeError):
        pass
    return notebook.stem if notebook.stem in lessons() else None


def _read_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _handins(folder: Path) -> list[tuple[dict, Path]]:
    found = []
    for sub in sorted(folder.iterdir()):
        if sub.is_dir() and not sub.name.startswith(".") and (sub / "handin.json").is_file():
            found.append((_read_json(sub / "handin.json"), sub))
    return found


def _from_folder(folder: Path, lesson: str, key: str, root: Path) -> Submission:
    owner = _read_json(folder / "trainee.json")
    trainee = str(owner.get("name") or folder.name)
    rel = str(folder.relative_to(root))
    handins = _handins(folder)
    if handins:
        mine = [(m, p) for m, p in handins if m.get("lesson") == lesson] or handins
        manifest, chosen = max(mine, key=lambda mp: (str(mp[0].get("at", "")), mp[1].name))
        stem = str(manifest.get("lesson") or lesson)
        notebooks = sorted(chosen.glob("*.ipynb"))
        nb = chosen / f"{stem}.ipynb" if (chosen / f"{stem}.ipynb").is_file() else None
        nb = nb or (notebooks[0] if notebooks else None)
        return _submission(
            key, trainee, nb, chosen, str(chosen.relative_to(root)), manifest=manifest
        )
    notebooks = sorted(p for p in folder.glob("*.ipynb") if not p.name.startswith("."))
    preferred = folder / f"{lesson}.ipynb"
    nb = preferred if preferred.is_file() else (notebooks[0] if notebooks else None)
    if nb is None:
        return Submission(key, trainee, None, None, None, "no notebook in this folder", source=rel)
    return _submission(key, trainee, nb, folder, rel)


def _submission(
    key: str,
    trainee: str,
    nb: Path | None,
    folder: Path,
    rel: str,
    *,
    manifest: dict | None = None,
    loose: bool = False,
) -> Submission:
    manifest = manifest or {}
    if nb is None:
        return Submission(key, trainee, None, None, None, "no notebook in this hand-in", source=rel)
    lesson = detect_lesson(nb)
    books = sorted(folder.glob("*.workbook.json"))
    names = (
        (f"{nb.stem}.workbook.json",)
        if loose
        else (f"{lesson}.workbook.json", f"{nb.stem}.workbook.json")
    )
    named = [b for b in books if b.name in names]
    book = (named or ([] if loose else books) or [None])[0]
    return Submission(
        key,
        trainee,
        nb,
        book,
        lesson,
        handed_in_at=manifest.get("at"),
        postlab_version=manifest.get("postlab"),
        source=rel,
    )


def discover(root: str | Path, *, lesson: str) -> list[Submission]:
    """Every submission under ``root`` for ``lesson``, one per trainee, sorted by key.

    Parameters
    ----------
    root : path
        The hand-in folder (unzip a zip first with :func:`extract_zip`).
    lesson : str
        The lesson being graded; a trainee folder with several lessons gives its
        latest hand-in of this one.

    Returns
    -------
    list of Submission

    Raises
    ------
    PostLabValueError
        When ``root`` is not a folder.

    Example
    -------
    >>> import tempfile
    >>> discover(tempfile.mkdtemp(), lesson="00-welcome")
    []
    """
    base = Path(root)
    if not base.is_dir():
        msg = f"submissions={str(base)!r} is not a folder"
        raise PostLabValueError(msg)
    found: list[Submission] = []
    entries: list[tuple[Path, str]] = []
    for entry in sorted(base.iterdir()):
        if entry.name.startswith(".") or entry.name.startswith("__"):
            continue
        if entry.is_dir():
            entries.append((entry, entry.name))
        elif entry.suffix == ".ipynb":
            entries.append((entry, entry.stem))
    keys = unique_keys([stem for _, stem in entries])
    for (entry, stem), key in zip(entries, keys, strict=True):
        if entry.is_dir():
            found.append(_from_folder(entry, lesson, key, base))
        else:
            found.append(_submission(key, stem, entry, base, entry.name, loose=True))
    return sorted(found, key=lambda s: s.key)


def _digest(name: str, size: int) -> str:
    return hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:size]


def unique_keys(names: list[str]) -> list[str]:
    """A grading key per name: safe as a file name, unique even ignoring case, and stable.

    A name that is already a safe key (a hand-in folder such as ``asha-rao-3f9a1c``)
    is its own key. A name the safe form changes (``a b``, ``a_b``), or one that
    differs from another only in case, gets a short digest of the exact name, so the
    key depends on that name alone and stays the same from run to run. Two names
    never share a key.

    Example
    -------
    >>> unique_keys(["a b", "a-b-2", "a_b"])
    ['a-b-c8687a', 'a-b-2', 'a-b-648fa9']
    """
    bases = [safe_folder_name(name) for name in names]
    keys = [b if b == n else f"{b}-{_digest(n, 6)}" for b, n in zip(bases, names, strict=True)]
    for size in (12, 64):  # longer digests for the (rare) names whose keys still clash
        clashes = _clashes(keys)
        if not clashes:
            return keys
        for i in clashes:
            keys[i] = f"{bases[i]}-{_digest(names[i], size)}"
    for i in _clashes(keys):  # the same name twice (a folder and a notebook named alike)
        keys[i] = f"{keys[i]}-{i + 1}"
    return keys


def _clashes(keys: list[str]) -> list[int]:
    """Positions of keys equal to another key when case is ignored."""
    seen: dict[str, list[int]] = {}
    for i, key in enumerate(keys):
        seen.setdefault(key.casefold(), []).append(i)
    return [i for group in seen.values() if len(group) > 1 for i in group]


def majority_lesson(root: str | Path) -> str | None:
    """The lesson most submissions under ``root`` belong to (the day's order breaks ties)."""
    counts: Counter[str] = Counter()
    for nb in Path(root).rglob("*.ipynb"):
        if not any(part.startswith(".") for part in nb.relative_to(root).parts):
            found = detect_lesson(nb)
            if found in lessons():
                counts[found] += 1
    if not counts:
        return None
    order = list(lessons())
    return max(counts, key=lambda name: (counts[name], -order.index(name)))


def _check_member(archive: str | Path, name: str) -> None:
    """Refuse a zip member path too deep or with a name too long for any file system."""
    parts = [p for p in name.replace("\\", "/").split("/") if p]
    folders = len(parts) - (0 if name.endswith(("/", "\\")) else 1)
    shown = reprlib.repr(name)
    if folders > _MAX_ZIP_DEPTH or len(name) > _MAX_ZIP_PATH:
        msg = (
            f"submissions={str(archive)!r} holds a path {folders:,} folders deep and "
            f"{len(name):,} characters long ({shown}); a hand-in needs at most "
            f"{_MAX_ZIP_DEPTH} folders and {_MAX_ZIP_PATH:,} characters"
        )
        raise PostLabValueError(msg)
    for part in parts:
        if len(part.encode("utf-8", "surrogatepass")) > _MAX_ZIP_NAME:
            msg = (
                f"submissions={str(archive)!r} holds a file or folder name of {len(part):,} "
                f"characters ({reprlib.repr(part)}); names may be at most {_MAX_ZIP_NAME} bytes"
            )
            raise PostLabValueError(msg)


def extract_zip(archive: str | Path, into: str | Path) -> Path:
    """Unzip ``archive`` into ``into`` safely: no path may leave it, no huge expansion.

    Returns the folder to grade (the single top folder when the zip holds just one).
    """
    target = Path(into).resolve()
    try:
        with zipfile.ZipFile(archive) as zf:
            total = sum(info.file_size for info in zf.infolist())
            if total > _MAX_ZIP_BYTES:
                msg = f"submissions={str(archive)!r} expands to {total:,} bytes; the limit is 2 GB"
                raise PostLabValueError(msg)
            for info in zf.infolist():
                _check_member(archive, info.filename)
                dest = (target / info.filename).resolve()
                if not dest.is_relative_to(target) or info.filename.startswith("/"):
                    shown = reprlib.repr(info.filename)
                    msg = f"submissions={str(archive)!r} holds an unsafe path {shown}"
                    raise PostLabValueError(msg)
            zf.extractall(target)
    except zipfile.BadZipFile as exc:
        msg = f"submissions={str(archive)!r} is not a readable zip file ({exc})"
        raise PostLabValueError(msg) from None
    entries = [p for p in target.iterdir() if not p.name.startswith((".", "__MACOSX"))]
    if len(entries) == 1 and entries[0].is_dir() and not (entries[0] / "handin.json").exists():
        inner = entries[0]
        if not (inner / "trainee.json").exists() and not list(inner.glob("*.ipynb")):
            return inner
    return target
