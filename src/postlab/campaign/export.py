"""A plan on paper: the calendar as rows and CSV, the one-page plan as printable HTML.

Every piece of planner text in the HTML is escaped with :func:`html.escape`.
"""

from __future__ import annotations

import csv
import html
import io
import os
from pathlib import Path
from typing import TYPE_CHECKING

from postlab.atomic import write_text_atomic
from postlab.simulation.segments import segment_specs

if TYPE_CHECKING:
    from postlab.campaign.plan import CampaignPlan
    from postlab.campaign.simulate import PlanSimulation

__all__ = ["CSV_COLUMNS", "calendar_csv", "calendar_rows", "plan_html", "write_text"]

#: The columns of the exported calendar, in order.
CSV_COLUMNS = (
    "day",
    "time",
    "platform",
    "format",
    "text",
    "alt_text",
    "length",
    "limit",
    "passes",
    "problems",
)
_DAY_ORDER = {d: i for i, d in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))}

_CSS = """
@page { size: A4; margin: 12mm; }
body { font-family: system-ui, sans-serif; font-size: 10.5pt; color: #202124; max-width: 190mm; }
h1 { font-size: 16pt; margin: 0 0 4pt; } h2 { font-size: 11.5pt; margin: 10pt 0 3pt;
  border-bottom: 1px solid #dadce0; } p { margin: 2pt 0; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; }
th, td { border: 1px solid #dadce0; padding: 3pt 4pt; text-align: left; vertical-align: top; }
.bad { color: #a50e0e; } .note { color: #5f6368; font-size: 8.5pt; }
"""


def calendar_rows(plan: CampaignPlan) -> list[dict[str, object]]:
    """The calendar in day and time order as plain rows, one a post, keyed by :data:`CSV_COLUMNS`.

    Example
    -------
    >>> from postlab.campaign import EXAMPLE_PLAN, plan_from_dict
    >>> [row["day"] for row in calendar_rows(plan_from_dict(EXAMPLE_PLAN))]
    ['mon', 'wed', 'sat']
    """
    rows = []
    for e in sorted(plan.calendar, key=lambda e: (_DAY_ORDER[e.day], e.time)):
        rows.append(
            {
                "day": e.day,
                "time": e.time,
                "platform": e.platform,
                "format": e.format,
                "text": e.text,
                "alt_text": e.alt_text or "",
                "length": e.report.length,
                "limit": e.report.limit,
                "passes": e.report.passes,
                "problems": "; ".join(f.message for f in e.report.errors),
            }
        )
    return rows


def calendar_csv(plan: CampaignPlan) -> str:
    """The calendar as CSV text with a byte-order mark first, so spreadsheets show Hindi.

    Example
    -------
    >>> from postlab.campaign import EXAMPLE_PLAN, plan_from_dict
    >>> calendar_csv(plan_from_dict(EXAMPLE_PLAN)).splitlines()[1][:17]
    'mon,20:00,x,image'
    """
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(CSV_COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerows(calendar_rows(plan))
    return "\ufeff" + buffer.getvalue()


def write_text(path: str | os.PathLike, text: str) -> Path:
    """Write ``text`` (UTF-8, line ends as given) to ``path`` atomically; make its folder.

    Example
    -------
    >>> import pathlib, tempfile
    >>> write_text(pathlib.Path(tempfile.mkdtemp()) / "a" / "p.txt", "ok\\n").read_text()
    'ok\\n'
    """
    return write_text_atomic(path, text, newline="")


def plan_html(plan: CampaignPlan, simulation: PlanSimulation | None = None) -> str:
    """The one-page plan as an HTML document (A4), every piece of planner text escaped.

    Example
    -------
    >>> from postlab.campaign import EXAMPLE_PLAN, plan_from_dict
    >>> plan_html(plan_from_dict({**EXAMPLE_PLAN, "name": "<b>Camps</b>"})).count("&lt;b&gt;")
    2
    """
    e = html.escape
    labels = {s.name: s.label for s in segment_specs()}
    obj = plan.objective
    deadline = obj.deadline.strftime("%d %B %Y") if obj.deadline else "no deadline"
    parts = [
        f"<h1>{e(plan.name or 'Campaign plan')}</h1>",
        "<h2>Objective</h2>",
        f"<p>{e(obj.text)}</p>",
        f'<p class="note">Target: {e(obj.target_label)}; by {e(deadline)}; '
        f"counted as {e(_counted(obj))}.</p>",
    ]
    if plan.output_target is not None:
        parts.append(f"<p><b>Output target:</b> {e(plan.output_target.text)}</p>")
    if simulation is not None:
        parts.append(f'<p class="note">Simulated: {e(simulation.summary)}</p>')
    parts += [
        "<h2>Audience insight</h2>",
        f"<p><b>Segments:</b> {e(', '.join(labels[s] for s in plan.segments) or 'none')}</p>",
        f"<p>{e(plan.insight)}</p>",
        "<h2>Strategy</h2>",
        f"<p>{e(plan.idea)}</p>",
        "<h2>Implementation: the week</h2>",
        "<table><tr><th>Day</th><th>Time</th><th>Platform</th><th>Format</th>"
        "<th>Post</th><th>Checks</th></tr>",
    ]
    parts += [_calendar_row(row) for row in calendar_rows(plan)]
    parts += [
        "</table>",
        "<h2>Scoring</h2>",
        "<table><tr><th>Measure</th><th>Kind</th><th>Where the number comes from</th></tr>",
    ]
    parts += [
        f"<tr><td>{e(m.name)}</td><td>{e(m.kind)}</td><td>{e(m.source)}</td></tr>"
        for m in plan.measures
    ]
    findings = plan.check()
    parts.append("</table>")
    if findings:
        items = "".join(f"<li>{e(str(f))}</li>" for f in findings)
        parts.append(f'<h2>Still to do</h2><ul class="bad">{items}</ul>')
    parts.append(
        '<p class="note">Planned with PostLab (OASIS: Objectives, Audience insight, Strategy, '
        "Implementation, Scoring). Simulated numbers come from a teaching model, not a "
        "forecast.</p>"
    )
    body = "\n".join(parts)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{e(plan.name or 'Campaign plan')}</title><style>{_CSS}</style></head>"
        f"<body>\n{body}\n</body></html>\n"
    )


def _counted(obj) -> str:
    """What an objective counts, for the printed plan."""
    if obj.level == "outcome":
        return "an outcome (what people do)"
    if obj.level == "out-take":
        return "an out-take (what people know), by survey"
    return (obj.metric or "not said").replace("_", " ")


def _calendar_row(row: dict[str, object]) -> str:
    """One calendar post as a table row of the printable plan."""
    e = html.escape
    ok = "passes" if row["passes"] else f'<span class="bad">{e(str(row["problems"]))}</span>'
    alt = f'<div class="note">Alt text: {e(str(row["alt_text"]))}</div>' if row["alt_text"] else ""
    return (
        f"<tr><td>{e(str(row['day']).capitalize())}</td><td>{e(str(row['time']))}</td>"
        f"<td>{e(str(row['platform']))}</td><td>{e(str(row['format']))}</td>"
        f"<td>{e(str(row['text']))}{alt}</td>"
        f"<td>{row['length']}/{row['limit']} {ok}</td></tr>"
    )
