"""Every row of data/reply_phrasings.yaml: real replies, and what the reply checks find in each.

Lexicon-based checks are only as good as their word lists; this table of natural English and
Hindi replies keeps polite Hindi from being flagged as blame or as asking for personal data,
congratulations from reading as sarcasm, and self-praise from scoring 100.
"""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from postlab.replies import check_reply, load_comments

TABLE = yaml.safe_load(
    resources.files("postlab.data").joinpath("reply_phrasings.yaml").read_text("utf-8")
)
ROWS = TABLE["rows"]
COMMENTS = {c.id: c for c in load_comments()}


def test_every_row_is_complete() -> None:
    assert len(TABLE["source"]) > 40
    for row in ROWS:
        assert row["language"] in ("en", "hi"), row
        assert row.get("finds") or row.get("not"), row
        assert len(row["note"]) > 10, row
        assert row.get("comment") is None or row["comment"] in COMMENTS, row


def test_both_languages_and_both_directions_are_covered() -> None:
    for language in ("en", "hi"):
        mine = [r for r in ROWS if r["language"] == language]
        assert any(r.get("finds") for r in mine), language
        assert any(r.get("not") for r in mine), language


@pytest.mark.parametrize("row", ROWS, ids=[f"{i:02d}-{r['language']}" for i, r in enumerate(ROWS)])
def test_each_phrasing_is_judged_as_the_table_says(row: dict) -> None:
    comment = COMMENTS.get(row.get("comment", ""))
    report = check_reply(row["text"], comment=comment)
    assert report.language == row["language"]
    for code in row.get("finds", []):
        assert report.has(code), (code, report.summary)
    flagged = [code for code in row.get("not", []) if report.has(code)]
    assert flagged == [], report.summary
    if row.get("finds"):
        assert not report.passes or "warning" in {f.severity for f in report.findings}


@pytest.mark.parametrize("row", ROWS[:6], ids=[f"{i:02d}" for i in range(6)])
def test_the_summary_is_plain_words(row: dict) -> None:
    summary = check_reply(row["text"]).summary
    assert summary.startswith("Score ")
    codes = {f.code for f in check_reply(row["text"]).findings}
    assert not [code for code in codes if code in summary], summary
