"""Exercise 06's planning views: pick segments, fill in the week's posts, list the measures.

Thin views over :mod:`postlab.campaign`: each post row is checked with the same engine
calls as the exercise's checks (its platform's drafting checks and the key facts of the
press release), each measure row with :attr:`postlab.campaign.Measure.problems`. The
trainee types into boxes and picks from lists, never writes a list or a dict: ``.value``
is the plain answer data a check cell passes on (``ex.check("calendar-passes",
calendar.value)``). With ``store=ex.store`` every field is saved as it changes, so a
restart loses nothing. Trainee text shown as HTML is escaped first.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets

from postlab.campaign import CalendarEntry, Measure
from postlab.campaign.keyfacts import post_fact_problems
from postlab.errors import PostLabError, PostLabValueError
from postlab.simulation.post import FORMATS
from postlab.simulation.segments import segment_specs
from postlab.strategies import WEEKDAYS
from postlab.widgets.drafting_studio import DraftStore

__all__ = ["CalendarPlanner", "MeasuresTable", "SegmentPicker"]

_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_TIMES = tuple(f"{h:02d}:{m:02d}" for h in range(6, 24) for m in (0, 30))
_OK, _BAD = "color:#137333", "color:#a50e0e"


class _Saved:
    """Load and save one form's fields under ``key/...`` in a store (or nowhere)."""

    def __init__(self, store: DraftStore | None, key: str) -> None:
        self.store, self.key = store, key

    def load(self, field: str, default: str) -> str:
        saved = self.store.load(f"{self.key}/{field}") if self.store is not None else None
        return saved if isinstance(saved, str) else default

    def save(self, field: str, value: str) -> None:
        if self.store is not None:
            self.store.save(f"{self.key}/{field}", value)

    def bind(self, control: widgets.ValueWidget, field: str, then: Any = None) -> None:
        """Save ``control``'s value as ``field`` whenever it changes (then call ``then``)."""

        def changed(change: dict) -> None:
            self.save(field, str(change["new"]))
            if then is not None:
                then()

        control.observe(changed, names="value")

    @property
    def notice(self) -> str:
        notice = getattr(self.store, "notice", None)
        return f'<div style="{_BAD}">{html.escape(notice)}</div>' if notice else ""


def _row_number(n: object, count: int, what: str) -> int:
    """The 0-based row of a 1-based ``n``, or a plain error."""
    if not isinstance(n, int) or isinstance(n, bool) or not 1 <= n <= count:
        msg = f"{what}={n!r}, must be a number from 1 to {count}"
        raise PostLabValueError(msg)
    return n - 1


class SegmentPicker(widgets.VBox):
    """Tick the target segments; ``.value`` is the list of their names.

    Example
    -------
    >>> picker = SegmentPicker()
    >>> picker.value = ["seniors", "Rural families"]
    >>> picker.value
    ['rural_families', 'seniors']
    """

    def __init__(self, *, store: DraftStore | None = None, key: str = "segments") -> None:
        self._saved = _Saved(store, key)
        specs = segment_specs()
        chosen = set(self._saved.load("chosen", "").split(","))
        self._boxes = {
            s.name: widgets.Checkbox(value=s.name in chosen, description=s.label, indent=False)
            for s in specs
        }
        for box in self._boxes.values():
            box.observe(self._changed, names="value")
        super().__init__(list(self._boxes.values()))
        self.add_class("postlab-segment-picker")

    @property
    def value(self) -> list[str]:
        """The ticked segments' names, in the audience table's order."""
        return [name for name, box in self._boxes.items() if box.value]

    @value.setter
    def value(self, names: list[str]) -> None:
        keys = {n.strip().lower().replace(" ", "_").replace("-", "_") for n in names}
        for name, box in self._boxes.items():
            box.value = name in keys or box.description.lower().replace(" ", "_") in keys

    def _changed(self, _change: dict) -> None:
        self._saved.save("chosen", ",".join(self.value))


class _PostRow(widgets.VBox):
    """One post of the calendar: day, time, format, text, alt text, and its live check."""

    def __init__(self, n: int, saved: _Saved, platform: str, scenario: str | None) -> None:
        self._platform, self._scenario, self._saved = platform, scenario, saved
        field = f"post-{n}"
        self.day = widgets.Dropdown(
            options=list(zip(_DAY_NAMES, WEEKDAYS, strict=True)),
            value=saved.load(f"{field}/day", WEEKDAYS[(n - 1) % 7]),
            description=f"Post {n}",
            layout=widgets.Layout(width="15em"),
        )
        self.time = widgets.Dropdown(
            options=_TIMES,
            value=saved.load(f"{field}/time", "09:00"),
            description="at",
            layout=widgets.Layout(width="10em"),
        )
        self.format = widgets.Dropdown(
            options=list(FORMATS),
            value=saved.load(f"{field}/format", "text"),
            description="format",
            layout=widgets.Layout(width="12em"),
        )
        self.text = widgets.Textarea(
            value=saved.load(f"{field}/text", ""),
            placeholder="Write the post here",
            description="Post text",
            continuous_update=True,
            layout=widgets.Layout(width="100%", height="5em"),
        )
        self.alt_text = widgets.Text(
            value=saved.load(f"{field}/alt_text", ""),
            placeholder="Alt text: describe the image (image posts only)",
            description="Alt text",
            continuous_update=True,
            layout=widgets.Layout(width="100%"),
        )
        self.status = widgets.HTML()
        for name in ("day", "time", "format", "text", "alt_text"):
            saved.bind(getattr(self, name), f"{field}/{name}", self.show)
        super().__init__(
            [
                widgets.HBox([self.day, self.time, self.format]),
                self.text,
                self.alt_text,
                self.status,
            ]
        )
        self.show()

    @property
    def value(self) -> dict[str, str] | None:
        """The post as answer data, or None while it has no text."""
        if not self.text.value.strip():
            return None
        post = {
            "day": self.day.value,
            "time": self.time.value,
            "format": self.format.value,
            "text": self.text.value,
        }
        if self.alt_text.value.strip():
            post["alt_text"] = self.alt_text.value
        return post

    def show(self) -> None:
        """Check the post as the exercise will, and say what to fix in words."""
        post = self.value
        if post is None:
            self.status.value = '<span style="color:#5f6368">No text yet.</span>'
            return
        try:
            entry = CalendarEntry(**post, platform=self._platform)
        except PostLabError as err:
            self.status.value = f'<span style="{_BAD}">{html.escape(str(err))}</span>'
            return
        report = entry.report
        problems = [f.message for f in report.errors]
        if self._scenario is not None:
            problems += [
                f"The post {p.removeprefix('it ')}."
                for p in post_fact_problems(entry.text, self._scenario)
            ]
        head = f"{report.length} / {report.limit} characters"
        if problems:
            items = "".join(f"<li>{html.escape(p)}</li>" for p in problems)
            self.status.value = f'<div style="{_BAD}">{head}: to fix<ul>{items}</ul></div>'
        else:
            self.status.value = f'<span style="{_OK}">{head}: passes the checks.</span>'
        self.status.value += self._saved.notice


class CalendarPlanner(widgets.VBox):
    """The week's content calendar as a form: one row a post; ``.value`` lists the posts.

    Parameters
    ----------
    posts : int, default 5
        Rows in the form (1 to 14).
    platform : str, default "x"
        Where the posts go; each is checked against this platform's rules.
    scenario : str, optional
        The press release (``"heatwave-advisory"``): each row then says which key fact
        it leaves out or gets wrong.
    store : object with ``load(key)`` and ``save(key, value)``, keyword-only
        Keeps every field as the trainee types (``ex.store``).
    key : str, default "calendar"
        Name under which the fields are kept in ``store``.

    Example
    -------
    >>> planner = CalendarPlanner(posts=2)
    >>> planner.set_post(1, day="tue", time="18:00", text="Heatwave 12-16 May.")
    >>> planner.value
    [{'day': 'tue', 'time': '18:00', 'format': 'text', 'text': 'Heatwave 12-16 May.'}]
    """

    def __init__(
        self,
        posts: int = 5,
        *,
        platform: str = "x",
        scenario: str | None = None,
        store: DraftStore | None = None,
        key: str = "calendar",
    ) -> None:
        if not isinstance(posts, int) or isinstance(posts, bool) or not 1 <= posts <= 14:
            msg = f"posts={posts!r}, must be a number from 1 to 14"
            raise PostLabValueError(msg)
        saved = _Saved(store, key)
        self._rows = [_PostRow(n, saved, platform, scenario) for n in range(1, posts + 1)]
        super().__init__(self._rows)
        self.add_class("postlab-calendar-planner")

    @property
    def value(self) -> list[dict[str, str]]:
        """The posts with text, in row order: day, time, format, text (and alt_text)."""
        return [post for row in self._rows if (post := row.value) is not None]

    def set_post(
        self,
        n: int,
        *,
        text: str,
        day: str | None = None,
        time: str | None = None,
        format: str | None = None,
        alt_text: str | None = None,
    ) -> None:
        """Fill in post ``n`` (1-based), as a trainee would in the form."""
        row = self._rows[_row_number(n, len(self._rows), "n")]
        for name, value in (("day", day), ("time", time), ("format", format)):
            if value is not None:
                getattr(row, name).value = value
        if alt_text is not None:
            row.alt_text.value = alt_text
        row.text.value = text


class MeasuresTable(widgets.VBox):
    """What will be reported afterwards: a name, output or outcome, and the number's source.

    ``.value`` is a list of ``{"name", "kind", "source"}`` for the rows with a name.

    Example
    -------
    >>> table = MeasuresTable(rows=2)
    >>> table.set_row(1, name="Calls to the heat helpline", kind="outcome", source="helpline log")
    >>> table.value
    [{'name': 'Calls to the heat helpline', 'kind': 'outcome', 'source': 'helpline log'}]
    """

    def __init__(
        self, rows: int = 3, *, store: DraftStore | None = None, key: str = "measures"
    ) -> None:
        if not isinstance(rows, int) or isinstance(rows, bool) or not 1 <= rows <= 10:
            msg = f"rows={rows!r}, must be a number from 1 to 10"
            raise PostLabValueError(msg)
        self._saved = saved = _Saved(store, key)
        self._rows = []
        boxes = []
        for n in range(1, rows + 1):
            name = widgets.Text(
                value=saved.load(f"{n}/name", ""),
                placeholder="What is counted",
                description=f"Measure {n}",  # an accessible name, not only the placeholder
                continuous_update=True,
                layout=widgets.Layout(width="22em"),
            )
            kind = widgets.Dropdown(
                options=[
                    ("output (published or seen)", "output"),
                    ("outcome (what people did)", "outcome"),
                ],
                value=saved.load(f"{n}/kind", "outcome"),
                description="kind",
                layout=widgets.Layout(width="16em"),
            )
            source = widgets.Text(
                value=saved.load(f"{n}/source", ""),
                placeholder="Where the number comes from",
                description="source",
                continuous_update=True,
                layout=widgets.Layout(width="16em"),
            )
            status = widgets.HTML()
            self._rows.append((name, kind, source, status))
            for field, control in (("name", name), ("kind", kind), ("source", source)):
                saved.bind(control, f"{n}/{field}", self._show)
            boxes.append(widgets.VBox([widgets.HBox([name, kind, source]), status]))
        super().__init__(boxes)
        self.add_class("postlab-measures-table")
        self._show()

    @property
    def value(self) -> list[dict[str, str]]:
        """The measures with a name: ``{"name", "kind", "source"}`` (no ``source`` while empty,
        so the check can say it is missing rather than "not answered yet")."""
        out = []
        for name, kind, source, _ in self._rows:
            if name.value.strip():
                row = {"name": name.value.strip(), "kind": kind.value}
                if source.value.strip():
                    row["source"] = source.value.strip()
                out.append(row)
        return out

    def set_row(self, n: int, *, name: str, kind: str, source: str) -> None:
        """Fill in measure ``n`` (1-based), as a trainee would in the form."""
        row = self._rows[_row_number(n, len(self._rows), "n")]
        row[1].value, row[2].value, row[0].value = kind, source, name

    def _show(self) -> None:
        for name, kind, source, status in self._rows:
            if not name.value.strip():
                status.value = ""
                continue
            measure = Measure(name=name.value, kind=kind.value, source=source.value)
            problems = list(measure.problems)
            if measure.kind == "outcome" and measure.looks_like_output:
                problems.insert(0, f"'{measure.name}' counts what was seen: that is an output.")
            status.value = (
                f'<div style="{_BAD}">{html.escape(" ".join(problems))}</div>'
                if problems
                else f'<span style="{_OK}">Ready to report.</span>'
            ) + self._saved.notice
