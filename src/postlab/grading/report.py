"""Write what grading found: ``grades.csv``, ``report.html`` and one feedback file per trainee.

Everything a trainee wrote is escaped before it is put in HTML, and CSV cells that a
spreadsheet would run as a formula are defused. Feedback files never show hidden
checks, and a check message that quotes solution text is replaced by a plain note.
"""

from __future__ import annotations

import base64
import csv
import html
import io
import os
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import nbformat

from postlab.atomic import write_text_atomic
from postlab.exercises.build import solution_fragments
from postlab.exercises.questions import written_of
from postlab.exercises.record import ICONS, LABELS, Status
from postlab.grading.isolation import SandboxCheck
from postlab.grading.restore import check_cells
from postlab.grading.sandbox import STATUSES, Result

__all__ = ["feedback_html", "write_reports"]

#: Chart colours per status (the check display's own colours are too pale for bars).
_COLOURS = {
    "passed": "#34a853",
    "not_yet": "#fbbc04",
    "unanswered": "#dadce0",
    "not_run": "#ea4335",
}
_CSS = """
body{font-family:system-ui,sans-serif;margin:2em;max-width:70em;color:#202124}
table{border-collapse:collapse}td,th{border:1px solid #dadce0;padding:4px 8px;text-align:left}
th{background:#f1f3f4}.bad{color:#a50e0e}details{margin:.5em 0}summary{cursor:pointer}
code{background:#f1f3f4;padding:0 3px}
"""


def _safe_csv(value: object) -> str:
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _csv(results: Sequence[Result], qids: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["trainee", "key", "status", "seconds", "passed", "questions", *qids, "notes"])
    for r in results:
        by_q = {q.question: q.status.value for q in r.questions}
        writer.writerow(
            [_safe_csv(v) for v in (r.trainee, r.key, r.status, f"{r.seconds:.1f}", r.passed)]
            + [len(qids)]
            + [by_q.get(q, "not_run") for q in qids]
            + [_safe_csv("; ".join(r.notes))]
        )
    return buffer.getvalue()


def _chart(results: Sequence[Result], qids: list[str]) -> str:
    """Which questions the room found hard: a stacked bar per question, as an inline PNG."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure

    counts = {q: Counter() for q in qids}
    for r in results:
        for q in r.questions:
            if q.question in counts:
                counts[q.question][q.status.value] += 1
    fig = Figure(figsize=(7, 0.5 + 0.45 * max(1, len(qids))), dpi=100)
    ax = fig.subplots()
    order = sorted(qids, key=lambda q: counts[q]["passed"], reverse=True)
    left = [0] * len(order)
    for status in ("passed", "not_yet", "unanswered", "not_run"):
        values = [counts[q][status] for q in order]
        ax.barh(order, values, left=left, color=_COLOURS[status], label=LABELS[Status(status)])
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.set_xlabel("trainees")
    ax.set_title("Which questions the room found hard (fewest passes at the bottom)")
    ax.invert_yaxis()
    ax.legend(loc="lower right", fontsize="small")
    fig.tight_layout()
    png = io.BytesIO()
    fig.savefig(png, format="png", metadata={"Software": None})
    return base64.b64encode(png.getvalue()).decode("ascii")


def _chart_alt(results: Sequence[Result], qids: list[str]) -> str:
    """The chart's finding in words (its alt text): the hardest and the easiest question."""
    passed = {q: 0 for q in qids}
    for r in results:
        for q in r.questions:
            if q.question in passed and q.status.value == "passed":
                passed[q.question] += 1
    if not passed or not results:
        return "No answers to chart yet."
    hard = min(passed, key=passed.__getitem__)
    easy = max(passed, key=passed.__getitem__)
    return (
        f"Hardest question: {hard}, passed by {passed[hard]} of {len(results)} trainees; "
        f"easiest: {easy}, passed by {passed[easy]}."
    )


def _question_rows(result: Result, *, show_hidden: bool, leaks: list[str]) -> str:
    rows = []
    for q in result.questions:
        hidden = q.question in result.hidden
        if hidden and not show_hidden:
            continue
        message = q.message
        if any(fragment in message for fragment in leaks):
            message = "(The message quoted the model answer, so it is not shown.)"
        rows.append(
            f"<tr><td>{html.escape(q.question)}{' (hidden)' if hidden else ''}</td>"
            f"<td>{q.icon} {html.escape(q.label)}</td>"
            f"<td>{html.escape(message)}</td></tr>"
        )
    return (
        "<table><tr><th>question</th><th>result</th><th>message</th></tr>"
        + "".join(rows)
        + "</table>"
    )


def feedback_html(result: Result, *, lesson: str, leaks: Sequence[str] = ()) -> str:
    """A trainee's own feedback page: their results and messages, no hidden checks, no solutions."""
    shown = [q for q in result.questions if q.question not in result.hidden]
    done = sum(q.passed for q in shown)
    notes = "".join(f"<li>{html.escape(n)}</li>" for n in result.notes)
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>Feedback: "
        f"{html.escape(lesson)}</title><style>{_CSS}</style></head><body>"
        f"<h1>Feedback for {html.escape(result.trainee)}</h1>"
        f"<p>Exercise <b>{html.escape(lesson)}</b>: {done} of {len(shown)} questions passed.</p>"
        + _question_rows(result, show_hidden=False, leaks=list(leaks))
        + (f"<h2>Notes from the grader</h2><ul>{notes}</ul>" if notes else "")
        + "<p>Look again at any 🟡 answer: the message says what to change.</p></body></html>"
    )


def _written_side_by_side(results: Sequence[Result], lesson: str) -> str:
    """Each own-words question: its rubric, then every trainee's answer, one row each, so a
    facilitator reads the room's answers to one question in one place."""
    sections = []
    for written in written_of(lesson).values():
        rubric = "".join(f"<li>{html.escape(item)}</li>" for item in written.rubric)
        rows = "".join(
            f"<tr><td>{html.escape(r.trainee)}</td>"
            f"<td>{html.escape(r.written.get(written.id, '')) or '<i>not written</i>'}</td></tr>"
            for r in results
        )
        sections.append(
            f"<h3>{html.escape(written.asks)}</h3>"
            f"<p>A good answer mentions:</p><ul>{rubric}</ul>"
            f"<table><tr><th>trainee</th><th>answer</th></tr>{rows}</table>"
        )
    if not sections:
        return ""
    return "<h2>Answers in their own words, side by side</h2>" + "".join(sections)


def _report_html(results: Sequence[Result], qids: list[str], lesson: str, chart: str) -> str:
    statuses = Counter(r.status for r in results)
    summary = ", ".join(f"{n} {html.escape(s)}" for s, n in sorted(statuses.items()))
    head = "".join(f"<th>{html.escape(q)}</th>" for q in qids)
    rows = []
    for r in results:
        by_q = {q.question: q.status.value for q in r.questions}
        marks = [by_q.get(q, "not_run") for q in qids]
        cells = "".join(
            f"<td title='{html.escape(LABELS[Status(m)])}'>{ICONS[Status(m)]}</td>" for m in marks
        )
        bad = "" if r.graded else " class='bad'"
        rows.append(
            f"<tr><td><a href='#t-{html.escape(r.key)}'>{html.escape(r.trainee)}</a></td>"
            f"<td{bad}>{html.escape(r.status)}</td><td>{r.passed}/{len(qids)}</td>{cells}</tr>"
        )
    problems = "".join(
        f"<li><b>{html.escape(r.trainee)}</b> ({html.escape(r.source)}): "
        f"{html.escape(r.status)}: {html.escape(STATUSES.get(r.status, ''))}. "
        f"{html.escape('; '.join(r.notes))}</li>"
        for r in results
        if not r.graded
    )
    drill = []
    for r in results:
        notes = "".join(f"<li>{html.escape(n)}</li>" for n in r.notes)
        errors = "".join(f"<li><code>{html.escape(e)}</code></li>" for e in r.errors)
        drill.append(
            f"<details id='t-{html.escape(r.key)}'><summary><b>{html.escape(r.trainee)}</b>: "
            f"{html.escape(r.status)}, {r.passed}/{len(qids)} passed, {r.seconds:.1f} s</summary>"
            f"<p>From <code>{html.escape(r.source)}</code></p>"
            + _question_rows(r, show_hidden=True, leaks=[])
            + (f"<p>Notes:</p><ul>{notes}</ul>" if notes else "")
            + (f"<p>Errors in the trainee's cells:</p><ul>{errors}</ul>" if errors else "")
            + "</details>"
        )
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>Grades: {html.escape(lesson)}"
        f"</title><style>{_CSS}</style></head><body><h1>Grades for {html.escape(lesson)}</h1>"
        f"<p>{len(results)} submissions: {summary}.</p>"
        + (f"<h2>Could not be graded completely</h2><ul>{problems}</ul>" if problems else "")
        + f"<h2>The room</h2><img alt='{html.escape(_chart_alt(results, qids), quote=True)}' "
        f"src='data:image/png;base64,{chart}'>"
        f"<h2>Summary</h2><table><tr><th>trainee</th><th>status</th><th>score</th>{head}</tr>"
        + "".join(rows)
        + "</table>"
        + _written_side_by_side(results, lesson)
        + "<h2>Each trainee</h2>"
        + "".join(drill)
        + "</body></html>"
    )


def write_reports(
    results: Sequence[Result],
    *,
    out: str | os.PathLike[str],
    lesson: str,
    solution: nbformat.NotebookNode,
    sandbox: SandboxCheck | None = None,
) -> list[Path]:
    """Write ``grades.csv``, ``report.html`` and ``feedback/KEY.html`` into ``out``.

    ``sandbox`` is how the kernels ran: when they were not isolated, ``report.html``
    opens with a banner saying so, and ``grades.csv`` says it in an ``isolation`` column.
    Returns the files written.
    """
    folder = Path(out)
    (folder / "feedback").mkdir(parents=True, exist_ok=True)
    qids = [c.qid for c in check_cells(solution)]
    leaks = solution_fragments(solution)
    written = [folder / "grades.csv", folder / "report.html"]
    page = _report_html(results, qids, lesson, _chart(results, qids))
    write_text_atomic(written[0], _isolation_column(_csv(results, qids), sandbox))
    write_text_atomic(written[1], page.replace("</h1>", "</h1>" + _banner(sandbox), 1))
    for r in results:
        path = folder / "feedback" / f"{r.key}.html"
        write_text_atomic(path, feedback_html(r, lesson=lesson, leaks=leaks))
        written.append(path)
    return written


def _banner(sandbox: SandboxCheck | None) -> str:
    """A visible warning under the report's title when the hand-ins were not isolated."""
    if sandbox is None or sandbox.isolated:
        return ""
    style = "background:#fce8e6;border:2px solid #a50e0e;padding:.6em 1em;font-weight:bold"
    return f"<p class='bad' role='alert' style='{style}'>⚠ {html.escape(sandbox.sentence)}</p>"


def _isolation_column(table: str, sandbox: SandboxCheck | None) -> str:
    """``table`` (grades.csv) with an ``isolation`` column saying how every kernel ran."""
    if sandbox is None:
        return table
    said = "isolated with bubblewrap" if sandbox.isolated else "NOT isolated (limits only)"
    rows = list(csv.reader(io.StringIO(table)))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for index, row in enumerate(rows):
        writer.writerow([*row, "isolation" if index == 0 else said])
    return buffer.getvalue()
