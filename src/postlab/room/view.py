"""The live room as a terminal page or as HTML: two thin views of one :class:`Frame`.

Both show the same things: the grid (``✓`` passed, ``~`` not yet, ``·`` not answered,
the cell a trainee is on now in brackets), how many are on each question, where most
are stuck and the hints they keep seeing, who has not started and who handed in. In
projector mode no name is shown: rows are ``Trainee N`` and the lists are counts.
"""

from __future__ import annotations

import html
import unicodedata
from datetime import datetime

from postlab.exercises.record import Status
from postlab.room.engine import Frame, TraineeRow

__all__ = ["SYMBOLS", "render_html", "render_text"]

#: One single-width symbol per status, for a grid read at a glance.
SYMBOLS = {Status.PASSED: "✓", Status.NOT_YET: "~", Status.UNANSWERED: "·", Status.NOT_RUN: "·"}
_NAME_WIDTH = 22
_COLOURS = {Status.PASSED: "#cdeccf", Status.NOT_YET: "#ffe2b3", Status.UNANSWERED: "#f1f3f4"}


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal: marks take none, wide letters two."""
    total = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in {"Mn", "Me", "Cf"}:
            continue
        total += 2 if unicodedata.east_asian_width(ch) in {"W", "F"} else 1
    return total


def _fit(text: str, width: int) -> str:
    """``text`` cut (never between a letter and its marks) and padded to ``width`` columns."""
    if _width(text) > width:
        out = ""
        for ch in text:
            if _width(out + ch) > width - 1:
                break
            out += ch
        while out and unicodedata.category(out[-1]).startswith("M"):
            out = out[:-1]  # a letter whose marks would be cut is dropped whole
        text = out + "…"
    return text + " " * (width - _width(text))


def _clock(stamp: str) -> str:
    try:
        return f"{datetime.fromisoformat(stamp).astimezone():%H:%M}"
    except (TypeError, ValueError):
        return "?"


def _names(rows: tuple[TraineeRow, ...], projector: bool, limit: int = 40) -> str:
    if projector:
        return f"{len(rows)} trainees"
    shown = [r.name for r in rows[:limit]]
    more = f" and {len(rows) - limit} more" if len(rows) > limit else ""
    return ", ".join(shown) + more


def _heading(frame: Frame) -> str:
    started = sum(r.started for r in frame.rows)
    what = f"lesson {frame.lesson}" if frame.lesson else "the whole day"
    return (
        f"PostLab room, {what}, at {_clock(frame.at)}: {len(frame.rows)} trainees, "
        f"{started} started, {len(frame.handed_in)} handed in"
    )


def _notes(frame: Frame) -> list[str]:
    notes = []
    if frame.skipped_lines:
        notes.append(
            f"{frame.skipped_lines} lines in the room files could not be read and were skipped."
        )
    if frame.behind:
        notes.append("Some files are very long: still reading them, the next refresh catches up.")
    return notes


def render_text(frame: Frame, *, projector: bool = False) -> str:
    """The room as a page of plain text for a terminal (see the module docstring).

    Example
    -------
    >>> import tempfile
    >>> from postlab.room.engine import Room
    >>> print(render_text(Room(tempfile.mkdtemp()).refresh()).splitlines()[-1])
    No trainee has a progress file in this room yet.
    """
    lines = [_heading(frame)]
    if frame.problem:
        return "\n".join([*lines, frame.problem])
    if not frame.rows:
        return "\n".join([*lines, "No trainee has a progress file in this room yet."])
    if not frame.columns:
        lines.append("No answer has been checked yet.")
    else:
        cell = max(len(c.label) for c in frame.columns) + 1
        head = " " * _NAME_WIDTH + " " + "".join(c.label.rjust(cell) for c in frame.columns)
        lines += ["", head + "   handed in"]
        for row in frame.rows:
            marks = []
            for n, status in enumerate(row.statuses):
                mark = SYMBOLS[status]
                marks.append((f"[{mark}]" if n == row.on else mark).rjust(cell + (n == row.on)))
            gave = (
                "yes" if (frame.lesson in row.handed_in if frame.lesson else row.handed_in) else ""
            )
            name = _fit(row.label(projector=projector), _NAME_WIDTH)
            lines.append(f"{name} {''.join(marks)}   {gave}".rstrip())
        lines += ["", "Legend: ✓ passed   ~ not yet   · not answered   [ ] on it now", ""]
        lines.append("question".ljust(40) + "passed  not yet  not answered  on it now")
        for s in frame.summaries:
            title = _fit(f"{s.column.label} {s.column.lesson[:2]} {s.column.question}", 40)
            lines.append(f"{title}{s.passed:>6}  {s.not_yet:>7}  {s.unanswered:>12}  {s.on_now:>9}")
    lines.append("")
    if frame.stuck:
        lines.append("Stuck (most at 'not yet'):")
        for s in frame.stuck:
            lines.append(f"  {s.column.label} {s.column.question}: {s.not_yet} not yet")
            for hint, count in s.hints:
                lines.append(f"      hint seen {count}x: {hint}")
    else:
        lines.append("Nobody is stuck at 'not yet' right now.")
    lines.append(f"Not started ({len(frame.not_started)}): {_names(frame.not_started, projector)}")
    done = frame.handed_in
    lines.append(f"Handed in ({len(done)}): {_names(done, projector)}")
    lines += _notes(frame)
    return "\n".join(lines)


def render_html(frame: Frame, *, projector: bool = False) -> str:
    """The room as an HTML fragment (every name, hint and message escaped)."""
    esc = html.escape
    parts = [f"<div class='postlab-room'><p><b>{esc(_heading(frame))}</b></p>"]
    if frame.problem or not frame.rows:
        said = frame.problem or "No trainee has a progress file in this room yet."
        return "".join([*parts, f"<p>{esc(said)}</p></div>"])
    head = "".join(
        f"<th title='{esc(c.lesson)} {esc(c.question)}'>{esc(c.label)}</th>" for c in frame.columns
    )
    body = []
    for row in frame.rows:
        cells = []
        for n, status in enumerate(row.statuses):
            ring = "outline:2px solid #1a73e8;" if n == row.on else ""
            cells.append(
                f"<td style='background:{_COLOURS.get(status, '#fff')};{ring}text-align:center'>"
                f"{SYMBOLS[status]}</td>"
            )
        gave = "✓" if (frame.lesson in row.handed_in if frame.lesson else row.handed_in) else ""
        body.append(
            f"<tr><th style='text-align:left'>{esc(row.label(projector=projector))}</th>"
            f"{''.join(cells)}<td>{gave}</td></tr>"
        )
    parts.append(
        "<table style='border-collapse:collapse'>"
        f"<tr><th></th>{head}<th>handed in</th></tr>{''.join(body)}</table>"
    )
    counts = "".join(
        f"<tr><td>{esc(s.column.label)} {esc(s.column.question)}</td><td>{s.passed}</td>"
        f"<td>{s.not_yet}</td><td>{s.unanswered}</td><td>{s.on_now}</td></tr>"
        for s in frame.summaries
    )
    parts.append(
        "<table><tr><th>question</th><th>passed</th><th>not yet</th><th>not answered</th>"
        f"<th>on it now</th></tr>{counts}</table>"
    )
    if frame.stuck:
        items = "".join(
            f"<li><b>{esc(s.column.label)} {esc(s.column.question)}</b>: {s.not_yet} not yet"
            + "".join(f"<br>hint seen {n}×: {esc(h)}" for h, n in s.hints)
            + "</li>"
            for s in frame.stuck
        )
        parts.append(f"<p>Stuck (most at 'not yet'):</p><ul>{items}</ul>")
    else:
        parts.append("<p>Nobody is stuck at 'not yet' right now.</p>")
    parts.append(
        f"<p>Not started ({len(frame.not_started)}): "
        f"{esc(_names(frame.not_started, projector))}<br>"
        f"Handed in ({len(frame.handed_in)}): {esc(_names(frame.handed_in, projector))}</p>"
    )
    parts += [f"<p><i>{esc(note)}</i></p>" for note in _notes(frame)]
    return "".join([*parts, "</div>"])
