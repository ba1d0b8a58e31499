"""The room, live: each trainee's checks appended to their own progress file, and a
facilitator's view of all of them (``postlab room watch``, the room notebook's widget).

- :mod:`postlab.room.progress` writes (in the trainee's kernel: :func:`publish`);
- :mod:`postlab.room.engine` reads incrementally and computes the :class:`Frame`;
- :mod:`postlab.room.view` shows a frame as terminal text or HTML.
"""

from __future__ import annotations

from postlab.room.engine import Frame, QuestionSummary, Room, TraineeRow
from postlab.room.progress import (
    ROOM_ANSWERS_ENV,
    ROOM_DIR_ENV,
    ROOM_FILE_ENV,
    progress_file,
    publish,
    publish_handin,
)
from postlab.room.view import render_html, render_text

__all__ = [
    "ROOM_ANSWERS_ENV",
    "ROOM_DIR_ENV",
    "ROOM_FILE_ENV",
    "Frame",
    "QuestionSummary",
    "Room",
    "TraineeRow",
    "progress_file",
    "publish",
    "publish_handin",
    "render_html",
    "render_text",
]
