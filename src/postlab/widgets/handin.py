"""The "Hand in" button at the end of every exercise: a thin view over ``postlab.handin``."""

from __future__ import annotations

import errno
import html
import os
from pathlib import Path

import ipywidgets as widgets

from postlab.errors import PostLabError
from postlab.handin import HandIn, hand_in, remember_trainee, remembered_trainee
from postlab.widgets._a11y import AccessibleView, live, setup

__all__ = ["HandInButton"]


def _notebook_path(lesson: str) -> Path:
    """The notebook this kernel runs: JupyterLab names it in ``JPY_SESSION_NAME``."""
    session = os.environ.get("JPY_SESSION_NAME", "")
    if session.endswith(".ipynb") and Path(session).is_file():
        return Path(session)
    return Path.cwd() / f"{lesson}.ipynb"


def _confirmation(done: HandIn) -> str:
    """What the trainee sees after Hand in: local time in words, their folder, no paths."""
    files = "".join(f"<li><code>{html.escape(name)}</code></li>" for name in done.files)
    missing = (
        "<div>Not found (nothing typed into widgets yet?): "
        f"{html.escape(', '.join(done.missing))}</div>"
        if done.missing
        else ""
    )
    if done.stale:
        return (
            "<div class='postlab-handin-stale'><b>⚠️ Handed in, but your notebook was not saved "
            "since your last check.</b> The answers you checked were handed in from your "
            f"workbook ({html.escape(done.when)}). Press <b>Ctrl+S</b> to save the notebook, then "
            f"press <b>Hand in</b> again.<ul>{files}</ul>{missing}</div>"
        )
    return (
        f"<div class='postlab-handin-done'><b>✅ Handed in, {html.escape(done.trainee.name)}.</b> "
        f"Lesson {html.escape(done.lesson)} at {html.escape(done.when)}, into "
        f"{html.escape(done.place)}:<ul>{files}</ul>{missing}"
        "You can hand in again at any time; earlier hand-ins are kept.</div>"
    )


class HandInButton(AccessibleView, widgets.VBox):
    """A name box (shown only until the name is known), a button, and a confirmation.

    Parameters
    ----------
    lesson : str
        The exercise's lesson id, e.g. ``ex.lesson``.
    notebook : path, optional
        The notebook file to hand in (default: the notebook this kernel runs).
    root : path, optional
        The hand-in folder (default: ``$POSTLAB_HANDIN_DIR`` or the kit's ``submissions/``).
    """

    def __init__(
        self,
        lesson: str,
        *,
        notebook: str | os.PathLike[str] | None = None,
        root: str | os.PathLike[str] | None = None,
    ) -> None:
        self._lesson = lesson
        self._notebook = notebook
        self._root = root
        known = remembered_trainee()
        self._name = widgets.Text(
            value="", placeholder="Your name, as the room knows you", description="Name:"
        )
        self._name.layout.display = "none" if known else None
        self._button = widgets.Button(
            description="Hand in", button_style="primary", icon="paper-plane"
        )
        self._message = live(widgets.HTML())
        self._message.value = "Save the notebook first (Ctrl+S), then click <b>Hand in</b>." + (
            f" Handing in as <b>{html.escape(known.name)}</b>." if known else ""
        )
        self.last: HandIn | None = None
        super().__init__([self._name, self._button, self._message])
        self.add_class("postlab-handin")
        setup(self, "Hand in")
        self._button.on_click(self._clicked)

    @property
    def name(self) -> str:
        """The text in the name box."""
        return self._name.value

    @name.setter
    def name(self, value: str) -> None:
        self._name.value = value

    def click(self) -> None:
        """Hand in, as a click on the button does."""
        self._clicked(self._button)

    def _clicked(self, _button: widgets.Button) -> None:
        try:
            trainee = remembered_trainee()
            if trainee is None or self._name.value.strip():
                trainee = remember_trainee(self._name.value)
            self.last = hand_in(
                self._notebook or _notebook_path(self._lesson),
                trainee=trainee,
                lesson=self._lesson,
                root=self._root,
            )
        except PostLabError as exc:
            self._message.value = f"<b>Not handed in.</b> {html.escape(str(exc))}"
            return
        except OSError as exc:
            self._message.value = f"<b>Not handed in.</b> {html.escape(_disk_problem(exc))}"
            return
        self._name.layout.display = "none"
        self._message.value = _confirmation(self.last)


def _disk_problem(exc: OSError) -> str:
    """A plain sentence for a file-system error during hand-in."""
    if exc.errno == errno.ENOSPC:
        return (
            "The hand-in folder's disk is full, so nothing was handed in. Your notebook is safe "
            "and unchanged: tell your facilitator, then press the button again."
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return (
            "PostLab may not write to the hand-in folder, so nothing was handed in. Your notebook "
            "is safe and unchanged: tell your facilitator."
        )
    reason = exc.strerror or str(exc)
    return f"The copy failed ({reason}), so nothing was handed in. Your notebook is unchanged."
