"""Lesson 00's first widget: a text box whose count and verdict change as you type."""

from __future__ import annotations

import html

import ipywidgets as widgets

from postlab.drafting import analyze
from postlab.exercises.workbook import WorkbookStore
from postlab.platforms import get_platform
from postlab.widgets._a11y import AccessibleView, live, setup
from postlab.widgets.counter import verdict

__all__ = ["LiveCounter"]

_COLOURS = {"ok": "#137333", "amber": "#b06000", "red": "#c5221f"}


class LiveCounter(AccessibleView, widgets.VBox):
    """A text box with a live count as the platform counts it, and a verdict in words.

    Parameters
    ----------
    text : str
        Text to start with (a saved draft, when ``store`` has one, wins).
    platform : str
        Platform whose rules count the text (``"x"`` counts as X does).
    store : WorkbookStore, optional
        Where each change is saved, so a restart or reload loses nothing.
    """

    def __init__(
        self,
        text: str = "",
        *,
        platform: str = "x",
        store: WorkbookStore | None = None,
        key: str = "live-counter",
    ) -> None:
        self._platform = get_platform(platform)
        self._store = store
        self._key = key
        saved = store.load(key) if store else None
        self._text = widgets.Textarea(
            value=saved if saved is not None else (text if isinstance(text, str) else ""),
            placeholder="Type a post here...",
            description="Your post",
            continuous_update=True,
            layout=widgets.Layout(width="100%", height="90px"),
        )
        self._count = live(widgets.HTML())
        self._count.add_class("postlab-counter")
        super().__init__([self._text, self._count])
        self.add_class("postlab-live-counter")
        setup(self, "Live counter")
        self._text.observe(self._changed, names="value")
        self._show()

    @property
    def value(self) -> str:
        """The text in the box."""
        return self._text.value

    @value.setter
    def value(self, text: str) -> None:
        self._text.value = text

    def _changed(self, _change: dict) -> None:
        self._show()
        if self._store is not None:
            self._store.save(self._key, self._text.value)
            notice = getattr(self._store, "notice", None)  # a failed save, in words
            if notice:
                self._count.value += (
                    f'<div class="postlab-save-problem" style="color:#a50e0e">'
                    f"{html.escape(notice)}</div>"
                )

    def _show(self) -> None:
        report = analyze(self._text.value, self._platform.key)
        state, words = verdict(report.length, report.limit, self._platform.name)
        self._count.value = (
            f'<span class="postlab-count postlab-{state}" data-length="{report.length}" '
            f'style="color:{_COLOURS[state]};font-weight:600">'
            f"{html.escape(words)}</span>"
        )
