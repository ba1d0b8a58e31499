"""``postlab room watch``: the live room in a terminal, redrawn every few seconds."""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO

from postlab.room.engine import Room
from postlab.room.view import render_text

__all__ = ["MAX_INTERVAL", "watch"]

#: The slowest refresh allowed (seconds): the room must never look more than this old.
MAX_INTERVAL = 5.0
_CLEAR = "\x1b[H\x1b[2J"


def watch(
    folder: str | os.PathLike[str],
    *,
    lesson: str | None = None,
    projector: bool = False,
    interval: float = 2.0,
    once: bool = False,
    out: TextIO | None = None,
    frames: int | None = None,
) -> int:
    """Show the room in ``out`` (default stdout) every ``interval`` seconds until Ctrl+C.

    ``once`` prints one frame without clearing the screen; ``frames`` stops after that
    many (for tests). Returns the number of frames shown.
    """
    out = out or sys.stdout
    room = Room(folder, lesson=lesson)
    shown = 0
    clear = not once and out.isatty()
    try:
        while True:
            started = time.monotonic()
            page = render_text(room.refresh(), projector=projector)
            out.write((_CLEAR if clear else "") + page + "\n")
            if not once:
                took = (time.monotonic() - started) * 1000
                out.write(f"(refreshed in {took:.0f} ms, every {interval:g} s; Ctrl+C to stop)\n")
            out.flush()
            shown += 1
            if once or (frames is not None and shown >= frames):
                return shown
            time.sleep(max(0.0, interval - (time.monotonic() - started)))
    except KeyboardInterrupt:
        return shown
