"""The workbook keeps every answer, writes atomically and never overwrites a broken file."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from postlab.errors import PostLabValueError
from postlab.exercises.workbook import Workbook, WorkbookStore, workbook_path


def test_answers_survive_reopening(tmp_path: Path) -> None:
    wb = Workbook.open("00-welcome", folder=tmp_path)
    wb.record("q1", "first try", status="not_yet")
    again = Workbook.open("00-welcome", folder=tmp_path)
    assert again.answers["q1"]["answer"] == "first try"
    assert again.answers["q1"]["status"] == "not_yet"


def test_a_later_bad_answer_never_erases_an_earlier_one(tmp_path: Path) -> None:
    wb = Workbook.open("00-welcome", folder=tmp_path)
    wb.record("q1", "good answer", status="passed")
    wb.record("q1", "oops", status="not_yet")
    data = json.loads(wb.path.read_text(encoding="utf-8"))
    assert [h["answer"] for h in data["history"]] == ["good answer", "oops"]
    assert data["answers"]["q1"]["answer"] == "oops"


def test_corrupt_workbook_is_kept_aside_and_reported(tmp_path: Path) -> None:
    path = workbook_path("00-welcome", tmp_path)
    path.write_text('{"answers": {"q1": ', encoding="utf-8")
    wb = Workbook.open("00-welcome", folder=tmp_path)
    assert wb.notice is not None and "could not be read" in wb.notice
    kept = list(tmp_path.glob("00-welcome.workbook.json.corrupt-*"))
    assert len(kept) == 1
    assert kept[0].read_text(encoding="utf-8") == '{"answers": {"q1": '
    wb.record("q1", "new", status="passed")
    assert kept[0].exists(), "the broken file must not be overwritten by the new workbook"


@pytest.mark.parametrize("content", ["[1, 2, 3]", '{"answers": [1]}', "\x00\x01", ""])
def test_wrong_shapes_are_kept_aside(tmp_path: Path, content: str) -> None:
    workbook_path("l", tmp_path).write_text(content, encoding="utf-8")
    wb = Workbook.open("l", folder=tmp_path)
    assert wb.notice
    assert list(tmp_path.glob("l.workbook.json.corrupt-*"))


def test_atomic_write_leaves_no_temporary_files(tmp_path: Path) -> None:
    wb = Workbook.open("00-welcome", folder=tmp_path)
    for i in range(5):
        wb.record("q", i, status="not_yet")
    leftovers = [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"]
    assert leftovers == []


def test_failed_write_keeps_the_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wb = Workbook.open("00-welcome", folder=tmp_path)
    wb.record("q", "kept", status="passed")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        wb.record("q", "lost", status="passed")
    monkeypatch.undo()
    assert Workbook.open("00-welcome", folder=tmp_path).answers["q"]["answer"] == "kept"
    assert not [p for p in tmp_path.iterdir() if p.suffix == ".tmp"]


def test_odd_answers_are_stored_as_json(tmp_path: Path) -> None:
    wb = Workbook.open("x", folder=tmp_path)
    wb.record("q", {"when": {1, 2}, "obj": object, "text": "नमस्ते <b>"}, status="passed")
    stored = Workbook.open("x", folder=tmp_path).answers["q"]["answer"]
    assert stored["text"] == "नमस्ते <b>"
    assert sorted(stored["when"]) == [1, 2]
    assert "object" in stored["obj"]


def test_drafts_keep_versions_and_restore_the_latest(tmp_path: Path) -> None:
    store = WorkbookStore(Workbook.open("x", folder=tmp_path))
    assert store.load("draft") is None
    for text in ["a", "ab", "abc", "abc"]:
        store.save("draft", text)
    again = Workbook.open("x", folder=tmp_path)
    assert again.load_draft("draft") == "abc"
    assert [v["text"] for v in again.drafts["draft"]] == ["a", "ab", "abc"]


def test_lesson_names_cannot_escape_the_folder(tmp_path: Path) -> None:
    path = workbook_path("../../etc/passwd", tmp_path)
    assert path.parent == tmp_path


@pytest.mark.parametrize("bad", ["", "   ", None, 3])
def test_bad_lesson_ids_are_refused(tmp_path: Path, bad: object) -> None:
    with pytest.raises(PostLabValueError, match="lesson="):
        Workbook.open(bad, folder=tmp_path)  # type: ignore[arg-type]
