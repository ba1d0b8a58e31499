"""The room's drafts side by side: ``postlab gallery SUBMISSIONS``.

For one question, every trainee's latest text (from the workbook they handed in),
what the drafting checks found, and a simulated reach on one shared synthetic
audience with one seed, so differences between drafts come from the drafts. Names
can be replaced by "Trainee 1", "Trainee 2", ... for discussion with the room. The
reach is a teaching model, not a forecast. Everything a trainee wrote is escaped.
"""

from __future__ import annotations

import html
import json
import os
from dataclasses import dataclass
from pathlib import Path

from postlab.atomic import write_text_atomic
from postlab.errors import PostLabValueError
from postlab.exercises.build import written_answers
from postlab.exercises.workbook import read_workbook
from postlab.grading.discover import discover, majority_lesson
from postlab.seeding import SeedLike

__all__ = ["Entry", "Gallery", "gallery"]

_MARKER = "<meta name='generator' content='postlab gallery'>"
"""Written in every gallery page; an existing ``--out`` file is replaced only if it holds it."""
_FOLLOWERS = 20_000
_MAX_TEXT = 2_000


@dataclass(frozen=True)
class Entry:
    """One trainee's draft: who (or "Trainee N"), the text, the findings, the simulated reach."""

    label: str
    text: str
    length: int
    limit: int
    findings: tuple[tuple[str, str], ...]
    reach: float


@dataclass(frozen=True)
class Gallery:
    """The drafts of one question, in the order of the submissions folder."""

    lesson: str
    question: str
    platform: str
    entries: tuple[Entry, ...]
    questions: tuple[str, ...]

    def to_html(self) -> str:
        """A standalone HTML page (also what a notebook shows)."""
        cards = []
        for e in self.entries:
            found = "".join(
                f"<li><b>{html.escape(sev)}</b>: {html.escape(msg)}</li>" for sev, msg in e.findings
            )
            cards.append(
                "<div style='border:1px solid #dadce0;border-radius:8px;padding:10px;margin:6px;"
                "width:22em;display:inline-block;vertical-align:top'>"
                f"<b>{html.escape(e.label)}</b>"
                f"<p style='white-space:pre-wrap'>{html.escape(e.text)}</p>"
                f"<div>{e.length} of {e.limit} characters · simulated reach "
                f"{e.reach:,.0f}</div><ul>{found}</ul></div>"
            )
        return (
            f"<!doctype html><html><head><meta charset='utf-8'>{_MARKER}<title>Gallery</title>"
            "</head>"
            f"<body style='font-family:system-ui,sans-serif'><h1>Drafts for "
            f"{html.escape(self.question)} ({html.escape(self.lesson)})</h1>"
            f"<p>{len(self.entries)} drafts. Reach: a teaching model on one synthetic audience "
            f"of {_FOLLOWERS:,} followers on {html.escape(self.platform)}, not a forecast.</p>"
            + "".join(cards)
            + "</body></html>"
        )

    def _repr_html_(self) -> str:
        return self.to_html()

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write :meth:`to_html` to ``path`` (atomically); never over another kind of file.

        An existing file is replaced only when it is a gallery PostLab wrote (its
        ``<head>`` holds PostLab's marker), so a notebook or a report given by
        mistake as ``--out`` is left as it is.

        Raises
        ------
        PostLabValueError
            When ``path`` is a folder, or an existing file that is not a PostLab gallery.
        """
        target = Path(path)
        if target.is_dir():
            msg = f"out={str(target)!r} is a folder; give a file name such as gallery.html"
            raise PostLabValueError(msg)
        if target.exists() and not _is_gallery(target):
            msg = (
                f"out={str(target)!r} already exists and is not a gallery PostLab wrote, so it "
                "was left as it is; choose another file name"
            )
            raise PostLabValueError(msg)
        return write_text_atomic(target, self.to_html())


def _is_gallery(path: Path) -> bool:
    """True when ``path`` starts like a page :meth:`Gallery.to_html` wrote."""
    try:
        with path.open("rb") as fh:
            head = fh.read(1024)
    except OSError:
        return False
    return _MARKER.encode() in head


def _texts(book: Path | None) -> dict[str, str]:
    """Every text answer and draft in a workbook, by question or draft key."""
    if book is None:
        return {}
    data = read_workbook(book)  # never raises; a broken workbook reads as empty
    found = {q: e.answer for q, e in data.entries.items() if isinstance(e.answer, str)}
    for key, text in data.drafts.items():
        found.setdefault(key, text)
    return {k: v for k, v in found.items() if v.strip() and v.strip() != "..."}


def _written(notebook: Path | None) -> dict[str, str]:
    """The answers a trainee wrote in their own words in the handed-in notebook, by id."""
    if notebook is None:
        return {}
    try:
        nb = json.loads(notebook.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return written_answers(nb) if isinstance(nb, dict) else {}


def gallery(
    submissions: str | os.PathLike[str],
    *,
    question: str | None = None,
    lesson: str | None = None,
    anonymise: bool = False,
    platform: str = "x",
    seed: SeedLike = 2024,
) -> Gallery:
    """Collect every trainee's draft for ``question`` with findings and a simulated reach.

    Parameters
    ----------
    submissions : path
        The hand-in folder.
    question : str, optional
        Question id or draft key; default the one most trainees answered with text.
    lesson : str, optional
        Default: the lesson most submissions belong to.
    anonymise : bool
        Show "Trainee 1", "Trainee 2", ... instead of names.
    platform : str
        Platform whose rules judge the drafts and whose audience is simulated.
    seed : int, SeedSequence, Generator or None
        One seed for the audience and every simulation (common random numbers).

    Returns
    -------
    Gallery

    Raises
    ------
    PostLabValueError
        When there is no such folder, or no trainee wrote text for ``question``.
    """
    from postlab.audience import Audience
    from postlab.drafting import analyze
    from postlab.seeding import as_seed_sequence
    from postlab.simulation import Post, simulate

    root = Path(submissions)
    if root.is_dir():
        lesson = lesson or majority_lesson(root)
    else:
        lesson = None
    if lesson is None:
        msg = f"submissions={str(root)!r} holds no hand-ins to show"
        raise PostLabValueError(msg)
    texts = [
        (s.trainee, {**_written(s.notebook), **_texts(s.workbook)})
        for s in discover(root, lesson=lesson)
    ]
    counts: dict[str, int] = {}
    for _, found in texts:
        for key in found:
            counts[key] = counts.get(key, 0) + 1
    asked = question or (max(sorted(counts), key=lambda k: counts[k]) if counts else None)
    if asked is None or asked not in counts:
        msg = f"question={question!r}: no trainee wrote text for it; questions with text: " + (
            ", ".join(sorted(counts)) or "none"
        )
        raise PostLabValueError(msg)
    audience_seed, sim_seed = (int(s) for s in as_seed_sequence(seed).generate_state(2))
    audience = Audience.synthetic(followers=_FOLLOWERS, platform=platform, seed=audience_seed)
    entries = []
    for n, (name, found) in enumerate(((t, f) for t, f in texts if asked in f), start=1):
        text = found[asked][:_MAX_TEXT]
        report = analyze(text, platform)
        post = Post(
            platform=platform,
            quality=report.quality,
            hashtags=len(report.hashtags),
            format="link" if report.urls else "text",
        )
        result = simulate(post, audience, hours=24, seed=sim_seed)  # same numbers for all
        entries.append(
            Entry(
                label=f"Trainee {n}" if anonymise else name,
                text=text,
                length=report.length,
                limit=report.limit,
                findings=tuple((f.severity, f.message) for f in report.findings),
                reach=float(result.reach),
            )
        )
    return Gallery(lesson, asked, platform, tuple(entries), tuple(sorted(counts)))
