"""Write files so that a reader sees the old content or the new, never half of either.

Trainee work (workbooks, hand-ins) and facilitator reports all go through here:
a temporary file in the same folder, flushed to disk, given ordinary read
permissions (so a facilitator's account can read a trainee's hand-in on a shared
hub), then renamed over the target.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

__all__ = ["readable_mode", "write_json_atomic", "write_text_atomic"]


def readable_mode(base: int = 0o644) -> int:
    """``base`` less what the process umask takes away (0o644 -> rw-r--r-- by default)."""
    mask = os.umask(0)
    os.umask(mask)
    return base & ~mask


def write_text_atomic(
    path: str | os.PathLike[str], text: str, *, newline: str | None = None
) -> Path:
    """Write ``text`` (UTF-8) to ``path`` atomically, making its folder; on failure the old
    file is untouched. ``newline=""`` keeps line ends exactly as given (CSV needs that)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, readable_mode())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return target


def write_json_atomic(path: str | os.PathLike[str], data: Any) -> None:
    """Write ``data`` as indented UTF-8 JSON, atomically."""
    write_text_atomic(path, json.dumps(data, ensure_ascii=False, indent=1))
