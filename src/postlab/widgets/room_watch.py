"""The live room in the facilitator's notebook: a thin view over :class:`postlab.room.Room`.

The same engine and the same frame as ``postlab room watch``, shown as HTML and
refreshed every few seconds while "Live" is on (a task on the kernel's event loop,
so the notebook stays usable). Names are hidden by default: notebooks get projected.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import os

import ipywidgets as widgets

from postlab.exercises.catalogue import lessons
from postlab.room.engine import Frame, Room
from postlab.room.progress import ROOM_DIR_ENV
from postlab.room.view import render_html
from postlab.room.watch import MAX_INTERVAL

__all__ = ["RoomWatch"]

_DAY = "the whole day"


class RoomWatch(widgets.VBox):
    """A live grid of the room: trainees by questions, who is stuck, who handed in.

    Parameters
    ----------
    folder : str, optional
        The room folder (default ``$POSTLAB_ROOM_DIR``).
    interval : float
        Seconds between refreshes while live (at most 5).
    live : bool
        Start refreshing at once (when the kernel has an event loop running).
    """

    def __init__(
        self, folder: str | None = None, *, interval: float = 2.0, live: bool = True
    ) -> None:
        self.interval = min(max(float(interval), 0.5), MAX_INTERVAL)
        chosen = folder or os.environ.get(ROOM_DIR_ENV, "")
        self._folder = widgets.Text(value=chosen, description="Room folder:")
        self._lesson = widgets.Dropdown(options=[_DAY, *lessons()], value=_DAY, description="Show:")
        self._hide = widgets.Checkbox(value=True, description="Hide names (projector)")
        self._live = widgets.ToggleButton(value=False, description="Live", icon="refresh")
        self._view = widgets.HTML()
        self._room: Room | None = None
        self._task: asyncio.Task | None = None
        self.frame: Frame | None = None
        for control in (self._folder, self._lesson):
            control.observe(self._changed, names="value")
        self._hide.observe(lambda _: self._show(), names="value")
        self._live.observe(self._toggle, names="value")
        controls = widgets.HBox([self._folder, self._lesson, self._hide, self._live])
        super().__init__([controls, self._view])
        self.refresh()
        self._live.value = live and self._room is not None

    def _changed(self, _change: object = None) -> None:
        self._room = None  # a new folder or lesson: read from the start
        self.refresh()

    def refresh(self) -> Frame | None:
        """Read what is new in the room folder and redraw; the frame, or None without a room."""
        folder = self._folder.value.strip()
        if not folder or not os.path.isdir(folder):
            self.frame = None
            said = (
                f"No room folder yet: set {ROOM_DIR_ENV} or type the folder above."
                if not folder
                else f"The room folder {folder} does not exist (yet)."
            )
            self._view.value = f"<p>{html.escape(said)}</p>"
            return None
        if self._room is None:
            lesson = None if self._lesson.value == _DAY else self._lesson.value
            self._room = Room(folder, lesson=lesson)
        self.frame = self._room.refresh()
        self._show()
        return self.frame

    def _show(self) -> None:
        if self.frame is not None:
            self._view.value = render_html(self.frame, projector=self._hide.value)

    def _toggle(self, change: dict) -> None:
        if change["new"]:
            self._start()
        else:
            self.stop()

    def _start(self) -> None:
        try:
            loop = asyncio.get_event_loop()
        except RuntimeError:
            loop = None
        if loop is None or not loop.is_running():  # plain Python: call refresh() yourself
            self._live.value = False
            return
        if self._task is None or self._task.done():
            self._task = loop.create_task(self._run())

    async def _run(self) -> None:
        while self._live.value:
            with contextlib.suppress(Exception):  # a bad moment on disk must not end the view
                self.refresh()
            await asyncio.sleep(self.interval)

    def stop(self) -> None:
        """Stop refreshing (the grid stays as last shown)."""
        if self._task is not None:
            self._task.cancel()
            self._task = None
        if self._live.value:
            self._live.value = False

    def close(self) -> None:
        """Stop refreshing and close the widget."""
        self.stop()
        super().close()
