"""Printable cards and the self-assessment come from the lessons' data."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from postlab.cards import (
    compare_assessments,
    glossary,
    propriety_cases,
    self_assessment,
    triage_steps,
    write_cards,
)
from postlab.errors import PostLabValueError
from postlab.replies import triage_options

SHEET = (Path(__file__).resolve().parents[2] / "docs" / "guidance.md").read_text(encoding="utf-8")


def test_cards_are_written_and_escaped(tmp_path):
    paths = write_cards(tmp_path, pdf=False)
    names = {p.stem for p in paths}
    assert {"post-checklist", "reply-triage", "holding-statement", "mcc-dos-and-donts"} <= names
    assert {"glossary", "self-assessment"} <= names
    triage = (tmp_path / "reply-triage.html").read_text(encoding="utf-8")
    assert "Spam, abuse" in triage and "<script" not in triage


def test_triage_steps_cover_every_option_once():
    keys = [s["key"] for s in triage_steps()]
    assert sorted(keys) == sorted(triage_options()) and keys[0] == "hide_report"


def test_every_rule_named_on_a_card_is_in_the_guidance_sheet():
    ids = set(glossary()["guidance"]) | {c["rule"] for c in propriety_cases()}
    ids |= {s["guidance"] for s in triage_steps()}
    for gid in ids:
        assert re.search(rf"^### {gid} ", SHEET, re.M), gid


def test_glossary_is_bilingual():
    table = glossary()
    assert table["hi"].str.contains(r"[\u0900-\u097F]").all() and table["en"].is_unique


def test_propriety_cases_have_one_right_answer():
    for case in propriety_cases():
        assert case["answer"] in case["options"] and case["why"]


def test_compare_assessments():
    rows = [
        {"name": "A", "moment": "start", "s1": 2, "s8": 1},
        {"name": "A", "moment": "end", "s1": 4, "s8": 3},
        {"name": "B", "moment": "start", "s1": 3},
        {"name": "B", "moment": "end", "s1": 3, "s8": 4},
    ]
    out = compare_assessments(pd.DataFrame(rows))
    assert out.loc["s1", "change"] == 1.0 and out.loc["s1", "rose"] == 1
    assert out.loc["s8", "answered both"] == 1
    assert set(out.index) <= set(self_assessment()["id"])


def test_compare_assessments_names_bad_input():
    with pytest.raises(PostLabValueError, match="moment"):
        compare_assessments(pd.DataFrame([{"name": "A", "moment": "noon", "s1": 2}]))
