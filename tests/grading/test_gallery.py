"""The gallery: every trainee's draft for a question, escaped, anonymised on request."""

from __future__ import annotations

from pathlib import Path

import pytest

from postlab.cli import main
from postlab.errors import PostLabValueError
from postlab.gallery import gallery
from tests.grading.conftest import LESSON, Trainee, hand_in


def test_gallery_of_the_room(room) -> None:
    shown = gallery(room.path, question="live-counter", lesson=LESSON)
    labels = [e.label for e in shown.entries]
    assert "good" in labels and "untouched" not in labels, "only trainees who wrote text"
    assert all(e.reach > 0 and e.length > 0 for e in shown.entries)
    again = gallery(room.path, question="live-counter", lesson=LESSON)
    assert [e.reach for e in again.entries] == [e.reach for e in shown.entries], "seeded"
    anonymous = gallery(room.path, question="live-counter", lesson=LESSON, anonymise=True)
    assert [e.label for e in anonymous.entries][:2] == ["Trainee 1", "Trainee 2"]
    assert "good" not in anonymous.to_html()


def test_gallery_escapes_trainee_text(tmp_path: Path) -> None:
    desk = tmp_path / "desk"
    desk.mkdir()
    (desk / f"{LESSON}.ipynb").write_text(f'{{"cells": [], "x": "start(\\"{LESSON}\\")"}}')
    (desk / f"{LESSON}.workbook.json").write_text(
        '{"answers": {"first-post": {"answer": "<script>alert(1)</script> Navapur"}}}'
    )
    hand_in(
        desk / f"{LESSON}.ipynb",
        trainee=Trainee("<b>Eve</b>", "abcdef12"),
        workbook=desk / f"{LESSON}.workbook.json",
        root=tmp_path / "r",
    )
    page = gallery(tmp_path / "r", lesson=LESSON).to_html()
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<b>Eve</b>" not in page
    with pytest.raises(PostLabValueError, match="question='nope'"):
        gallery(tmp_path / "r", lesson=LESSON, question="nope")


def test_gallery_command(room, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "g.html"
    assert main(["gallery", str(room.path), "--question", "live-counter", "--out", str(out)]) == 0
    assert "drafts for live-counter" in capsys.readouterr().out
    assert out.read_text(encoding="utf-8").startswith("<!doctype html>")
    assert main(["gallery", str(tmp_path / "missing")]) == 2
