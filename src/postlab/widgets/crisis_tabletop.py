"""Lesson 08's crisis tabletop: injects on a clock, a statement box, the rumour's spread.

A thin view over :class:`postlab.replies.Tabletop`. Paused (the default), the
facilitator moves the clock with "Move the clock on"; with a :class:`RealClock`, a
``Play`` control refreshes the view every few seconds so the room sees time pass.
"Post" checks the statement and adds it to the timeline; "Show rumour" runs the
rumour race against what was said so far.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from postlab.replies.crisis import STATEMENT_KINDS, RealClock, Tabletop
from postlab.widgets._a11y import AccessibleView, live, setup

__all__ = ["CrisisTabletop"]

#: Who wrote a timeline row, in the trainee's words ("inject" is the engine's word).
_WHO = {"inject": "new facts"}


class CrisisTabletop(AccessibleView, widgets.VBox):
    """The tabletop exercise as a widget.

    Parameters
    ----------
    table : Tabletop, optional
        The engine (default: the boil-water scenario with a paused clock).
    store : WorkbookStore, optional
        Where the statement being written is saved.

    Example
    -------
    >>> view = CrisisTabletop()
    >>> view.next_inject(); view.table.now
    30
    """

    def __init__(self, table: Tabletop | None = None, *, store=None, key: str = "crisis") -> None:
        self.table = table if table is not None else Tabletop()
        self._store, self._key = store, key
        self._clock = live(widgets.HTML())
        self._injects = widgets.HTML()
        self._kind = widgets.ToggleButtons(
            options=[(kind.capitalize(), kind) for kind in STATEMENT_KINDS],
            description="Kind",
            tooltips=[f"Post a {kind} statement" for kind in STATEMENT_KINDS],
        )
        saved = store.load(key) if store is not None else None
        self._text = widgets.Textarea(
            value=saved or "",
            placeholder="Write your statement here...",
            description="Statement",
            layout=widgets.Layout(width="100%", height="90px"),
        )
        self._post = widgets.Button(description="Post", button_style="primary")
        self._advance = widgets.Button(
            description="Move the clock on", tooltip="Reveal what happens next"
        )
        self._race = widgets.Button(description="Show rumour")
        self._status = live(widgets.HTML())
        self._timeline = widgets.HTML()
        self._rumour = live(widgets.HTML())
        self._tick = widgets.Play(interval=2000, max=10**6, show_repeat=False)
        controls = [self._post, self._advance, self._race]
        if isinstance(self.table.clock, RealClock):
            controls.append(self._tick)
        super().__init__(
            [
                self._clock,
                self._injects,
                self._kind,
                self._text,
                widgets.HBox(controls),
                self._status,
                self._timeline,
                self._rumour,
            ]
        )
        self.add_class("postlab-crisis-tabletop")
        setup(self, "Crisis tabletop")
        self._post.on_click(lambda _b: self.post())
        self._advance.on_click(lambda _b: self.next_inject())
        self._race.on_click(lambda _b: self.show_rumour())
        self._tick.observe(lambda _c: self.refresh(), names="value")
        if store is not None:
            self._text.observe(lambda c: store.save(key, c["new"]), names="value")
        self.refresh()

    @property
    def value(self) -> str:
        """The statement being written."""
        return self._text.value

    @value.setter
    def value(self, text: str) -> None:
        self._text.value = text

    def next_inject(self) -> None:
        """Move the clock to the next inject (what the button does)."""
        self.table.advance()
        self.refresh()

    def post(self) -> None:
        """Post the statement in the box; a refused one leaves the text in the box."""
        try:
            statement = self.table.post(self._text.value, kind=self._kind.value)
        except (ValueError, TypeError) as error:
            self._status.value = f'<p class="postlab-error">{html.escape(str(error))}</p>'
            return
        codes = "; ".join(html.escape(f.message) for f in statement.report.findings)
        self._status.value = (
            f"<p>Posted at {statement.clock}: score {statement.report.score} / 100. {codes}</p>"
        )
        self._text.value = ""
        self.refresh()

    def show_rumour(self) -> None:
        """Race the rumour against what was posted and show the result in words."""
        lines = self.table.summary()
        items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
        self._rumour.value = f'<ul class="postlab-rumour-summary">{items}</ul>'

    def refresh(self) -> None:
        """Redraw the clock, the injects revealed so far and the timeline."""
        t = self.table
        state = "paused" if t.clock.paused else "running"
        self._clock.value = (
            f'<p class="postlab-heading" style="font-weight:700;font-size:1.1em">'
            f"{html.escape(t.scenario.title)}: {t.clock_text} ({state})</p>"
        )
        parts = []
        for inject in t.revealed:
            facts = "".join(f"<li>{html.escape(f)}</li>" for f in inject.facts)
            said = "".join(f"<li><i>{html.escape(c)}</i></li>" for c in inject.comments)
            parts.append(
                f'<div class="postlab-inject"><b>{t.scenario.clock(inject.minute)} '
                f"{html.escape(inject.title)}</b><ul>{facts}{said}</ul>"
                f"<p>{html.escape(inject.task)}</p></div>"
            )
        self._injects.value = "".join(parts)
        rows = "".join(
            f"<tr><td>{html.escape(str(r.clock))}</td>"
            f"<td>{html.escape(_WHO.get(str(r.who), str(r.who)))}</td>"
            f"<td>{html.escape(str(r.what))}</td></tr>"
            for r in t.timeline().itertuples()
        )
        self._timeline.value = (
            '<table class="postlab-timeline"><caption>What happened so far</caption>'
            '<tr><th scope="col">time</th><th scope="col">who</th><th scope="col">what</th></tr>'
            f"{rows}</table>"
        )
        self._advance.disabled = t.finished
