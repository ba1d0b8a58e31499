"""The guidance sheet: every id a lesson cites exists, and every entry has a source and a date."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
SHEET = ROOT / "docs" / "guidance.md"
CITE = re.compile(r"\[(G-\d{2}-\d+)\]")
HEAD = re.compile(r"^### (G-\d{2}-\d+) · (.+)$", re.M)


def _entries() -> dict[str, str]:
    text = SHEET.read_text(encoding="utf-8")
    heads = list(HEAD.finditer(text))
    out: dict[str, str] = {}
    for here, nxt in zip(heads, [*heads[1:], None], strict=True):
        body = text[here.end() : nxt.start() if nxt else len(text)]
        assert here.group(1) not in out, f"{here.group(1)} appears twice in docs/guidance.md"
        out[here.group(1)] = body
    return out


def _lessons() -> list[Path]:
    return sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))


def _cited(path: Path) -> set[str]:
    nb = nbformat.read(path, as_version=4)
    return {m for cell in nb.cells for m in CITE.findall(cell.source)}


def test_the_sheet_has_entries_for_every_lesson():
    entries = _entries()
    for path in _lessons():
        assert any(k.startswith(f"G-{path.name[:2]}-") for k in entries), path.name


@pytest.mark.parametrize("entry", sorted(_entries()))
def test_every_entry_has_a_source_a_status_and_a_checked_date(entry):
    body = _entries()[entry]
    source = re.search(r"^- Source: (.+)$", body, re.M)
    assert source and len(source.group(1)) > 20, f"{entry} has no source"
    assert re.search(r"^- Claim: .+$", body, re.M), f"{entry} has no claim"
    checked = re.search(r"Last checked: (\d{4}-\d{2}-\d{2})", body)
    assert checked, f"{entry} has no last-checked date"
    assert dt.date.fromisoformat(checked.group(1)) <= dt.date.today()
    assert re.search(r"Status: (seen|secondary|not re-checked)", body), f"{entry} has no status"


@pytest.mark.parametrize("path", _lessons(), ids=lambda p: p.name)
def test_every_citation_in_a_lesson_exists(path):
    missing = _cited(path) - set(_entries())
    assert not missing, f"{path.name} cites {sorted(missing)}, not in docs/guidance.md"


@pytest.mark.parametrize("path", _lessons(), ids=lambda p: p.name)
def test_every_lesson_cites_the_sheet(path):
    assert _cited(path), f"{path.name} cites no entry of docs/guidance.md"


def test_a_missing_entry_is_caught():
    # The check above must see a citation that is not in the sheet.
    assert "G-99-1" not in _entries() and CITE.findall("as taught [G-99-1]") == ["G-99-1"]
