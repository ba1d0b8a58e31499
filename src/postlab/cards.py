"""Printable one-page cards and the day's self-assessment, generated from the lessons' data.

The cards (post checklist, reply triage, holding statement, MCC do's and don'ts, glossary and the
self-assessment form) are HTML pages ready to print (A4, one page each). A PDF of each is also
written when WeasyPrint is installed (it is optional: it needs the Pango system libraries);
otherwise print the HTML from a browser ("Save as PDF"). Every line names the entry of
``docs/guidance.md`` behind it.

Example
-------
>>> import tempfile
>>> paths = write_cards(tempfile.mkdtemp(), pdf=False)
>>> sorted(p.name for p in paths)[:2]
['glossary.html', 'holding-statement.html']
"""

from __future__ import annotations

import csv
import html
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd

from postlab.errors import PostLabValueError
from postlab.safe_yaml import load_yaml

__all__ = [
    "compare_assessments",
    "glossary",
    "propriety_cases",
    "self_assessment",
    "triage_steps",
    "write_cards",
]

_CSS = """
@page { size: A4; margin: 14mm; }
body { font-family: "Noto Sans", "Noto Sans Devanagari", Arial, sans-serif; font-size: 11pt;
       color: #1a1a1a; max-width: 180mm; margin: auto; }
h1 { font-size: 17pt; border-bottom: 3px solid #1565c0; padding-bottom: 4px; }
h2 { font-size: 13pt; margin-top: 10px; }
li { margin: 4px 0; } .g { color: #666; font-size: 8.5pt; }
table { border-collapse: collapse; width: 100%; } td, th { border: 1px solid #bbb; padding: 4px; }
.foot { color: #666; font-size: 8pt; margin-top: 12px; }
"""


@cache
def _data(name: str) -> dict[str, Any]:
    text = resources.files("postlab.data").joinpath(name).read_text(encoding="utf-8")
    data = load_yaml(text, source=name)
    if not isinstance(data, dict):
        msg = f"{name} must hold a mapping at the top"
        raise PostLabValueError(msg)
    return data


def propriety_cases() -> list[dict[str, Any]]:
    """The propriety cases of lesson 08 (``data/propriety.yaml``), each with its rule's id."""
    return list(_data("propriety.yaml")["cases"])


def glossary() -> pd.DataFrame:
    """The glossary (English, Hindi, meaning, lesson, guidance id) as a table."""
    return pd.DataFrame(_data("glossary.yaml")["terms"])


def triage_steps() -> list[dict[str, str]]:
    """The reply-triage steps in order (lesson 07 and the triage card number them the same way)."""
    return list(_data("cards.yaml")["triage_steps"]["steps"])


def self_assessment() -> pd.DataFrame:
    """The self-assessment statements (id, lesson, English, Hindi)."""
    return pd.DataFrame(_data("self_assessment.yaml")["statements"])


def compare_assessments(answers: str | Path | pd.DataFrame) -> pd.DataFrame:
    """Compare the room's self-assessment at the start and at the end of the day.

    Parameters
    ----------
    answers : path to a CSV, or a DataFrame
        One row per trainee and moment: columns ``name``, ``moment`` (``start`` or ``end``) and one
        column per statement id (``s1`` ...), each a score from 1 to 5 (blank if not answered).

    Returns
    -------
    pandas.DataFrame
        Per statement: mean at the start and at the end, the change, how many answered both, and
        how many of them rose; sorted by the statement id.

    Example
    -------
    >>> rows = [{"name": "A", "moment": "start", "s1": 2}, {"name": "A", "moment": "end", "s1": 4}]
    >>> compare_assessments(pd.DataFrame(rows)).loc["s1", "change"]
    2.0
    """
    table = answers if isinstance(answers, pd.DataFrame) else pd.read_csv(answers)
    missing = {"name", "moment"} - set(table.columns)
    if missing:
        msg = f"answers needs the columns name and moment; missing: {', '.join(sorted(missing))}"
        raise PostLabValueError(msg)
    bad = set(table["moment"]) - {"start", "end"}
    if bad:
        msg = f"moment must be 'start' or 'end', got: {', '.join(map(str, sorted(bad)))}"
        raise PostLabValueError(msg)
    ids = [i for i in self_assessment()["id"] if i in table.columns]
    rows = {}
    for sid in ids:
        wide = table.pivot_table(index="name", columns="moment", values=sid, aggfunc="last")
        both = wide.dropna(subset=[c for c in ("start", "end") if c in wide]).reindex(
            columns=["start", "end"]
        )
        rows[sid] = {
            "start": round(float(table.loc[table.moment == "start", sid].mean()), 2),
            "end": round(float(table.loc[table.moment == "end", sid].mean()), 2),
            "answered both": int(both.dropna().shape[0]),
            "rose": int((both["end"] > both["start"]).sum()),
        }
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.insert(2, "change", (out["end"] - out["start"]).round(2))
    return out


def _e(text: object) -> str:
    return html.escape(str(text))


def _page(title: str, body: str) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{_e(title)}</title>'
        f"<style>{_CSS}</style></head><body><h1>{_e(title)}</h1>{body}"
        '<p class="foot">PostLab · State of Navapur (fictional) · each rule\'s source: '
        "docs/guidance.md</p></body></html>\n"
    )


def _items(items: list[dict[str, str]], key: str = "text", ordered: bool = False) -> str:
    tag = "ol" if ordered else "ul"
    lines = "".join(
        f'<li>{_e(i[key])} <span class="g">[{_e(i["guidance"])}]</span></li>' for i in items
    )
    return f"<{tag}>{lines}</{tag}>"


def _cards() -> dict[str, tuple[str, str]]:
    cards = _data("cards.yaml")
    post, triage, hold = cards["post_checklist"], cards["triage_steps"], cards["holding_statement"]
    labels = _data("comments.yaml")["triage_options"]
    steps = [{**s, "text": f"{s['question']} → {labels[s['key']]}"} for s in triage["steps"]]
    cerc = hold["principles"]
    mcc = _data("propriety.yaml")["mcc"]
    terms = glossary()
    gloss = "".join(
        f"<tr><td>{_e(r.en)}</td><td lang='hi'>{_e(r.hi)}</td><td>{_e(r.meaning)}</td>"
        f'<td class="g">{_e(r.lesson)} · {_e(r.guidance)}</td></tr>'
        for r in terms.itertuples()
    )
    scale = _data("self_assessment.yaml")["scale"]
    form = "".join(
        f"<tr><td>{_e(r.en)}<br><span lang='hi'>{_e(r.hi)}</span></td>"
        + "".join("<td>☐</td>" for _ in range(scale["min"], scale["max"] + 1))
        + "</tr>"
        for r in self_assessment().itertuples()
    )
    heads = "".join(f"<th>{n}</th>" for n in range(scale["min"], scale["max"] + 1))
    return {
        "post-checklist": (post["title"], _items(post["items"])),
        "reply-triage": (triage["title"], _items(steps, ordered=True)),
        "holding-statement": (
            hold["title"],
            _items(hold["parts"], ordered=True)
            + f"<h2>{_e(cerc['title'])} [{_e(cerc['guidance'])}]</h2><p>"
            + " · ".join(_e(p) for p in cerc["items"])
            + f"</p><h2>Example</h2><p>{_e(hold['example'])}</p>",
        ),
        "mcc-dos-and-donts": (
            "Model Code of Conduct: do's and don'ts",
            "<h2>Do</h2><ul>"
            + "".join(f"<li>{_e(t)}</li>" for t in mcc["do"])
            + "</ul><h2>Don't</h2><ul>"
            + "".join(f"<li>{_e(t)}</li>" for t in mcc["dont"])
            + f'</ul><p class="g">{_e(mcc["source"])}</p>',
        ),
        "glossary": (
            "Glossary · शब्दावली",
            "<table><tr><th>English</th><th>हिंदी</th><th>meaning</th><th>lesson</th></tr>"
            + gloss
            + "</table>",
        ),
        "self-assessment": (
            "Self-assessment · start ☐ end ☐ of the day",
            f"<p>Name: ________________ &nbsp; {scale['min']} = {_e(scale['low'])}, "
            f"{scale['max']} = {_e(scale['high'])}</p><table><tr><th>statement</th>{heads}</tr>"
            + form
            + "</table>",
        ),
    }


def write_cards(out_dir: str | Path, *, pdf: bool | None = None) -> list[Path]:
    """Write every card as a print-ready HTML page (and a PDF when WeasyPrint is available).

    Parameters
    ----------
    out_dir : str or Path
        Folder to write into (created if missing).
    pdf : bool or None, keyword-only
        ``True`` requires WeasyPrint, ``False`` never writes PDF, ``None`` (default) writes PDF
        only when WeasyPrint can be imported.

    Returns
    -------
    list of Path
        The files written.

    Raises
    ------
    PostLabValueError
        When ``pdf=True`` and WeasyPrint is not installed.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    html_writer = None
    if pdf is not False:
        try:
            from weasyprint import HTML as html_writer
        except (ImportError, OSError) as err:
            if pdf:
                msg = f"pdf=True needs WeasyPrint (pip install weasyprint) and Pango: {err}"
                raise PostLabValueError(msg) from err
    written = []
    for name, (title, body) in _cards().items():
        page = out / f"{name}.html"
        page.write_text(_page(title, body), encoding="utf-8")
        written.append(page)
        if html_writer is not None:
            target = out / f"{name}.pdf"
            html_writer(filename=str(page)).write_pdf(str(target))
            written.append(target)
    return written


def _assessment_template(path: str | Path) -> Path:
    """Write an empty answers CSV (name, moment, s1...) for the facilitator to fill in."""
    target = Path(path)
    with target.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerow(["name", "moment", *self_assessment()["id"]])
    return target
