"""A trainee's progress file in the room folder: one JSON line per check or hand-in.

This is the writing side of the live room (:mod:`postlab.room.engine` reads). Each
check a trainee runs is appended at once, as one line, to **their own** file::

    {"event": "check", "lesson": ..., "question": ..., "status": ..., "message": ...,
     "hint": ..., "at": ..., "trainee": KEY, "name": NAME}
    {"event": "handin", "lesson": ..., "at": ..., "trainee": KEY, "name": NAME, "folder": ...}

A check line is :meth:`CheckRecord.to_dict` plus who; the hint is the one the
trainee was shown. The answer is never written, nor the check's message (a message
may quote the answer: "Hello, Asha!"), unless the facilitator turned answers on for
the gallery (``POSTLAB_ROOM_ANSWERS=1``); then ``"answer"`` holds the answer data, cut
to a few thousand characters, and the message is kept.

Where the file is:

- ``$POSTLAB_ROOM_FILE``: exactly this file (a hub sets it per trainee, and creates
  the file so that only this trainee may write it and only facilitators may read it);
- else ``$POSTLAB_ROOM_DIR/KEY.jsonl``, where ``KEY`` is the hub user name
  (``$JUPYTERHUB_USER``) or, on a laptop, the login name and a short digest of the
  machine's name (stable all day, whatever name the trainee types later);
- neither set (or a facilitator's server, ``POSTLAB_ROLE=facilitator``, with only the
  folder): nothing is written.

Writing is one ``os.write`` of one line to a file opened with ``O_APPEND``: no lock,
no read, nothing that waits on the workbook, and it never raises.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
import socket
import unicodedata
from pathlib import Path
from typing import Any

__all__ = [
    "ROOM_ANSWERS_ENV",
    "ROOM_DIR_ENV",
    "ROOM_FILE_ENV",
    "SUFFIX",
    "progress_file",
    "publish",
    "publish_handin",
    "trainee_key",
]

#: The room folder: every trainee's progress file is in it (the facilitator reads them all).
ROOM_DIR_ENV = "POSTLAB_ROOM_DIR"
#: One trainee's own progress file (set by the hub; wins over the folder).
ROOM_FILE_ENV = "POSTLAB_ROOM_FILE"
#: Set to 1 by the facilitator to keep answers in the room files (for the gallery).
ROOM_ANSWERS_ENV = "POSTLAB_ROOM_ANSWERS"
#: A progress file's name ends so.
SUFFIX = ".jsonl"
_TEXT = 1_000  # characters of a message or hint kept
_ANSWER = 4_000  # characters of an answer kept (when answers are on)
_NAME = 80


def _short(value: Any, size: int) -> str:
    text = str(value)
    return text if len(text) <= size else text[:size] + "…"


def _slug(text: str) -> str:
    """A file-name-safe form of ``text``: letters, marks, digits, ``.``, ``_`` and ``-``."""
    text = unicodedata.normalize("NFC", text)
    out = "".join(ch if unicodedata.category(ch)[0] in "LMN" or ch in "._-" else "-" for ch in text)
    return out.strip(".-")[:60] or "trainee"


def trainee_key() -> str:
    """Who this kernel's trainee is, as a file name: the hub user, else login and machine.

    Example
    -------
    >>> trainee_key() == (os.environ.get("JUPYTERHUB_USER") or trainee_key())
    True
    """
    hub_user = os.environ.get("JUPYTERHUB_USER")
    if hub_user:
        return _slug(hub_user)
    try:
        login = getpass.getuser()
    except Exception:  # no login name (some containers)
        login = "trainee"
    digest = hashlib.sha256(f"{socket.gethostname()}\0{login}".encode()).hexdigest()[:6]
    return f"{_slug(login)}-{digest}"


def progress_file() -> Path | None:
    """This trainee's progress file, or None when no room is configured.

    Example
    -------
    >>> progress_file() is None or progress_file().name.endswith(".jsonl")
    True
    """
    exact = os.environ.get(ROOM_FILE_ENV, "").strip()
    if exact:
        return Path(exact)
    folder = os.environ.get(ROOM_DIR_ENV, "").strip()
    if not folder or os.environ.get("POSTLAB_ROLE") == "facilitator":
        return None  # a facilitator trying an exercise is not a trainee in the room
    return Path(folder) / f"{trainee_key()}{SUFFIX}"


def _name() -> str:
    """The trainee's name as they typed it for hand-in, else the hub user or login name."""
    try:
        from postlab.handin import remembered_trainee

        known = remembered_trainee()
    except Exception:
        known = None
    if known is not None:
        return known.name
    return os.environ.get("JUPYTERHUB_USER") or trainee_key()


def _append(path: Path, line: dict[str, Any]) -> bool:
    data = (json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n").encode(
        "utf-8", "replace"
    )
    if not path.exists() and not path.parent.is_dir():  # a laptop's room folder, made once
        path.parent.mkdir(parents=True, exist_ok=True)
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags, 0o600)  # made by the hub beforehand (0640) on a shared hub
    try:
        os.write(fd, data)  # one write of one line, appended: lines never interleave
    finally:
        os.close(fd)
    return True


def publish(record: Any, answer: Any = None) -> bool:
    """Append ``record`` (a CheckRecord) to this trainee's progress file; never raises.

    The answer is dropped unless ``$POSTLAB_ROOM_ANSWERS`` is ``1``. Returns True when
    a line was written, False when no room is configured or the write failed.

    Example
    -------
    >>> from postlab.exercises.record import CheckRecord, Status
    >>> publish(CheckRecord("00-welcome", "your-name", Status.PASSED))  # no room set
    False
    """
    try:
        path = progress_file()
        if path is None:
            return False
        data = record.to_dict()
        line: dict[str, Any] = {"event": "check", **data}
        answers = os.environ.get(ROOM_ANSWERS_ENV, "").strip() == "1"
        # A check's message may quote the answer ("Hello, Asha!"): kept only with answers.
        line["message"] = _short(data.get("message", ""), _TEXT) if answers else ""
        line["hint"] = _short(data.get("hint", ""), _TEXT)
        line["trainee"] = trainee_key()
        line["name"] = _short(_name(), _NAME)
        if answers and answer is not None:
            text = json.dumps(answer, ensure_ascii=False, default=str)
            line["answer"] = answer if len(text) <= _ANSWER else _short(text, _ANSWER)
        return _append(path, line)
    except Exception:  # the live view must never cost a trainee their check
        return False


def publish_handin(done: Any) -> bool:
    """Append a hand-in (a :class:`postlab.handin.HandIn`) to the progress file; never raises."""
    try:
        path = progress_file()
        if path is None:
            return False
        line = {
            "event": "handin",
            "lesson": str(done.lesson),
            "at": str(done.at),
            "trainee": trainee_key(),
            "name": _short(done.trainee.name, _NAME),
            "folder": done.folder.name,
            "stale": bool(done.stale),
        }
        return _append(path, line)
    except Exception:
        return False
