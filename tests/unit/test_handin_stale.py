"""Hand in never sends unsaved work and says it succeeded: a stale notebook is said plainly."""

from __future__ import annotations

import json
import os
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from postlab.cli import main
from postlab.handin import HANDIN_DIR_ENV, Trainee, _last_check_time, hand_in

LESSON = "00-welcome"
SAVED = datetime(2025, 3, 1, 10, 0, tzinfo=UTC)


def _workbook(path: Path, *checked_at: datetime) -> Path:
    history = [
        {
            "lesson": LESSON,
            "question": f"q{n}",
            "status": "passed",
            "message": "Well done.",
            "at": at.isoformat(timespec="seconds"),
            "answer": f"answer {n}",
            "id": f"id-{n}",
        }
        for n, at in enumerate(checked_at)
    ]
    data = {"format": 2, "lesson": LESSON, "trainee": None, "history": history, "drafts": {}}
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "exercises"
    folder.mkdir()
    notebook = folder / f"{LESSON}.ipynb"
    notebook.write_text('{"cells": []}', encoding="utf-8")
    os.utime(notebook, (SAVED.timestamp(), SAVED.timestamp()))
    monkeypatch.setenv("POSTLAB_WORKBOOK_DIR", str(folder))
    monkeypatch.delenv(HANDIN_DIR_ENV, raising=False)
    return folder


def test_a_check_after_the_last_save_makes_the_hand_in_stale(desk: Path, tmp_path: Path) -> None:
    book = _workbook(
        desk / f"{LESSON}.workbook.json",
        SAVED - timedelta(minutes=5),
        SAVED + timedelta(seconds=25),
    )
    done = hand_in(
        desk / f"{LESSON}.ipynb", trainee=Trainee("Asha", "abcdef12"), root=tmp_path / "r"
    )
    assert done.stale
    assert "not saved since your last check" in done.message and "Ctrl+S" in done.message
    assert "from your workbook" in done.message
    assert sorted(done.files) == sorted([f"{LESSON}.ipynb", book.name, "handin.json"]), (
        "both copied"
    )
    manifest = json.loads((done.folder / "handin.json").read_text(encoding="utf-8"))
    assert manifest["stale"] is True and manifest["last_check_at"].startswith("2025-03-01T10:00:25")


def test_a_save_after_the_last_check_is_not_stale(desk: Path, tmp_path: Path) -> None:
    _workbook(
        desk / f"{LESSON}.workbook.json", SAVED - timedelta(minutes=5), SAVED + timedelta(seconds=1)
    )
    done = hand_in(
        desk / f"{LESSON}.ipynb", trainee=Trainee("Asha", "abcdef12"), root=tmp_path / "r"
    )
    assert not done.stale, "a check within 2 s of the save counts as saved"
    assert done.message.startswith("Handed in, Asha: lesson 00-welcome at ")


def test_the_button_does_not_say_handed_in_for_stale_work(desk: Path, tmp_path: Path) -> None:
    from postlab.widgets.handin import HandInButton

    _workbook(desk / f"{LESSON}.workbook.json", SAVED + timedelta(minutes=1))
    button = HandInButton(LESSON, notebook=desk / f"{LESSON}.ipynb", root=tmp_path / "room")
    button.name = "Asha"
    button.click()
    shown = button._message.value
    assert button.last is not None and button.last.stale
    assert "✅" not in shown and "not saved since your last check" in shown
    assert "Ctrl+S" in shown and "again" in shown


def test_what_the_trainee_sees_has_no_utc_stamp_and_no_server_path(
    desk: Path, tmp_path: Path
) -> None:
    from postlab.widgets.handin import HandInButton

    _workbook(desk / f"{LESSON}.workbook.json", SAVED - timedelta(minutes=1))
    room = tmp_path / "room"
    button = HandInButton(LESSON, notebook=desk / f"{LESSON}.ipynb", root=room)
    button.name = "Asha"
    button.click()
    shown = button._message.value
    assert "✅ Handed in" in shown
    assert str(tmp_path) not in shown and "/" not in re.sub(r"</?\w+[^>]*>", "", shown)
    assert not re.search(r"\d{8}T\d{6}Z|\+00:00|\d{4}-\d\d-\d\dT", shown)
    assert re.search(r"\d\d:\d\d (today|on \w+ \d+ \w+)", shown)


def test_submit_says_stale_and_exits_with_problems(
    desk: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    _workbook(desk / f"{LESSON}.workbook.json", SAVED + timedelta(minutes=1))
    code = main(
        ["submit", str(desk / f"{LESSON}.ipynb"), "--name", "Asha", "--to", str(tmp_path / "r")]
    )
    out = capsys.readouterr().out
    assert code == 1
    assert "Handed in 00-welcome" not in out and "not saved since your last check" in out


def test_last_check_time_reads_the_history(desk: Path) -> None:
    book = _workbook(
        desk / "x.workbook.json", SAVED, SAVED + timedelta(hours=1), SAVED - timedelta(hours=1)
    )
    assert _last_check_time(book) == SAVED + timedelta(hours=1)
    assert _last_check_time(desk / "missing.workbook.json") is None
    (desk / "broken.workbook.json").write_text("{not json", encoding="utf-8")
    assert _last_check_time(desk / "broken.workbook.json") is None


def test_submit_with_a_missing_workbook_fails_clearly(
    desk: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    nb = str(desk / f"{LESSON}.ipynb")
    code = main(
        ["submit", nb, "--name", "Asha", "--to", str(tmp_path / "r"), "--workbook", "/no/such/file"]
    )
    assert code == 2
    err = capsys.readouterr().err
    assert "workbook='/no/such/file' does not exist" in err
    assert not (tmp_path / "r").exists() or not list((tmp_path / "r").rglob("handin.json"))
