"""Write files so that a reader sees the old content or the new, never half of either.

Trainee work (workbooks, hand-ins) and facilitator reports all go through here:
a temporary file in the same folder, created with ordinary read permissions (the
kernel applies the umask, so a facilitator's account can read a trainee's hand-in
on a shared hub), flushed to disk, renamed over the target, and the folder itself
flushed so the rename survives a power cut.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
from pathlib import Path
from typing import Any

__all__ = ["readable_mode", "write_json_atomic", "write_text_atomic"]

_STATUS = Path("/proc/self/status")


def _umask_from_proc() -> int | None:
    """The process umask as Linux reports it (no change to it), or None where it cannot."""
    try:
        for line in _STATUS.read_text(encoding="ascii").splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return None


def _umask_once() -> int:
    # Only where /proc cannot say: flipping the umask races with other threads, so it is
    # done once, while this module is imported, and never again.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK_AT_IMPORT = _umask_from_proc()
if _UMASK_AT_IMPORT is None:  # pragma: no cover - not Linux
    _UMASK_AT_IMPORT = _umask_once()


def _umask() -> int:
    """The process umask now (Linux), else as it was when this module was imported."""
    mask = _umask_from_proc()
    return _UMASK_AT_IMPORT if mask is None else mask


def readable_mode(base: int = 0o644) -> int:
    """``base`` less what the process umask takes away (0o644 -> rw-r--r-- by default).

    The umask is read, never changed, so other threads are not disturbed.

    Example
    -------
    >>> readable_mode(0o644) & 0o600
    384
    """
    return base & ~_umask()


def _temporary(target: Path) -> tuple[int, Path]:
    """A new temporary file beside ``target``, mode 0o644 less the umask (the kernel applies it)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    flags |= getattr(os, "O_BINARY", 0)
    for _ in range(100):
        tmp = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
        try:
            return os.open(tmp, flags, 0o644), tmp
        except FileExistsError:
            continue
    msg = f"no free temporary name beside {target}"
    raise FileExistsError(msg)


def _fsync_folder(folder: Path) -> None:
    """Flush a folder's entries (the rename) to disk, where the system allows it."""
    if os.name != "posix":  # pragma: no cover - Windows cannot open a folder
        return
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:  # some file systems refuse to fsync a folder; the rename is still done
        pass
    finally:
        os.close(fd)


def write_text_atomic(
    path: str | os.PathLike[str], text: str, *, newline: str | None = None
) -> Path:
    """Write ``text`` (UTF-8) to ``path`` atomically, making its folder; on failure the old
    file is untouched. ``newline=""`` keeps line ends exactly as given (CSV needs that)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _temporary(target)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_folder(target.parent)
    return target


def write_json_atomic(path: str | os.PathLike[str], data: Any) -> None:
    """Write ``data`` as indented UTF-8 JSON, atomically."""
    write_text_atomic(path, json.dumps(data, ensure_ascii=False, indent=1))
