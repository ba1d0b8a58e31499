"""Hand-in: names asked once, safe folders, atomic timestamped copies, the button and `submit`."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from postlab.cli import main
from postlab.errors import PostLabTypeError, PostLabValueError
from postlab.handin import (
    HANDIN_DIR_ENV,
    Trainee,
    hand_in,
    handin_root,
    remember_trainee,
    remembered_trainee,
    safe_folder_name,
)

LESSON = "00-welcome"
WHEN = datetime(2025, 3, 1, 10, 15, tzinfo=UTC)


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A trainee's exercises folder with a saved notebook and workbook."""
    folder = tmp_path / "exercises"
    folder.mkdir()
    (folder / f"{LESSON}.ipynb").write_text('{"cells": []}', encoding="utf-8")
    (folder / f"{LESSON}.workbook.json").write_text('{"answers": {}}', encoding="utf-8")
    monkeypatch.setenv("POSTLAB_WORKBOOK_DIR", str(folder))
    monkeypatch.delenv(HANDIN_DIR_ENV, raising=False)
    return folder


@given(st.text(max_size=120))
@settings(max_examples=300, deadline=None)
def test_safe_folder_name_never_escapes_or_hides(name: str) -> None:
    slug = safe_folder_name(name)
    assert slug and "/" not in slug and "\\" not in slug and "\x00" not in slug
    assert not slug.startswith((".", "-")) and slug not in {".", ".."}
    assert len(slug) <= 40
    assert Path("/room", slug).resolve().parent == Path("/room")


def test_safe_folder_name_keeps_unicode_and_drops_traversal() -> None:
    assert safe_folder_name("../../etc/ Asha  Rao") == "etc-Asha-Rao"
    assert safe_folder_name("प्रिया शर्मा") != "trainee"
    assert safe_folder_name("...") == "trainee"
    with pytest.raises(PostLabTypeError, match="name=3"):
        safe_folder_name(3)  # type: ignore[arg-type]


def test_name_is_asked_once_and_remembered(tmp_path: Path) -> None:
    assert remembered_trainee(folder=tmp_path) is None
    first = remember_trainee("  Asha   Rao ", folder=tmp_path)
    assert first.name == "Asha Rao"
    again = remembered_trainee(folder=tmp_path)
    assert again == first
    renamed = remember_trainee("Asha R.", folder=tmp_path)
    assert renamed.id == first.id, "a new spelling keeps the same folder"


@pytest.mark.parametrize("bad", ["", "   ", "x" * 81, "Asha\x07"])
def test_bad_names_are_refused_with_the_parameter_named(bad: str, tmp_path: Path) -> None:
    with pytest.raises(PostLabValueError, match="name="):
        remember_trainee(bad, folder=tmp_path)


def test_hand_in_copies_atomically_and_keeps_earlier_hand_ins(desk: Path, tmp_path: Path) -> None:
    room = tmp_path / "submissions"
    trainee = Trainee("Asha Rao", "abcdef123456")
    first = hand_in(desk / f"{LESSON}.ipynb", trainee=trainee, root=room, now=WHEN)
    second = hand_in(desk / f"{LESSON}.ipynb", trainee=trainee, root=room, now=WHEN)
    assert first.folder != second.folder and first.folder.is_dir() and second.folder.is_dir()
    assert first.folder.name == f"{LESSON}-20250301T101500Z"
    assert second.folder.name == f"{LESSON}-20250301T101500Z-2"
    assert first.files == (f"{LESSON}.ipynb", f"{LESSON}.workbook.json", "handin.json")
    manifest = json.loads((first.folder / "handin.json").read_text(encoding="utf-8"))
    assert manifest["trainee"] == "Asha Rao" and manifest["lesson"] == LESSON
    home = first.folder.parent
    assert home.name == "Asha-Rao-abcdef"
    assert not [p for p in home.iterdir() if p.name.startswith(".")], "no temporary folder left"


def test_same_name_two_trainees_never_collide(desk: Path, tmp_path: Path) -> None:
    room = tmp_path / "submissions"
    a = hand_in(desk / f"{LESSON}.ipynb", trainee=Trainee("Asha", "aaaaaa01"), root=room, now=WHEN)
    b = hand_in(desk / f"{LESSON}.ipynb", trainee=Trainee("Asha", "aaaaaa02"), root=room, now=WHEN)
    assert a.folder.parent != b.folder.parent
    owners = {json.loads((p / "trainee.json").read_text())["id"] for p in room.iterdir()}
    assert owners == {"aaaaaa01", "aaaaaa02"}


def test_hostile_names_stay_inside_the_room(desk: Path, tmp_path: Path) -> None:
    room = tmp_path / "submissions"
    for n, name in enumerate(["../../outside", "/etc/passwd", "..", "Ünïcødé 名前", "a/../../b"]):
        done = hand_in(
            desk / f"{LESSON}.ipynb", trainee=Trainee(name, f"{n:08x}"), root=room, now=WHEN
        )
        assert done.folder.resolve().is_relative_to(room.resolve())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["exercises", "submissions"]


def test_failed_copy_leaves_nothing_half_written(
    desk: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import postlab.handin as handin

    def broken(*_a: object, **_k: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(handin, "_rename_free", broken)
    room = tmp_path / "submissions"
    with pytest.raises(OSError, match="disk full"):
        hand_in(desk / f"{LESSON}.ipynb", trainee=Trainee("Asha", "abcdef12"), root=room)
    home = next(room.iterdir())
    assert [p.name for p in home.iterdir()] == ["trainee.json"]


def test_missing_workbook_is_reported_not_fatal(desk: Path, tmp_path: Path) -> None:
    (desk / f"{LESSON}.workbook.json").unlink()
    done = hand_in(desk / f"{LESSON}.ipynb", trainee=Trainee("Asha", "abcdef12"), root=tmp_path)
    assert done.missing == (f"{LESSON}.workbook.json",)
    with pytest.raises(PostLabValueError, match="notebook="):
        hand_in(desk / "nope.ipynb", trainee=Trainee("Asha", "abcdef12"), root=tmp_path)


def test_handin_root_env_and_kit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(HANDIN_DIR_ENV, str(tmp_path / "shared"))
    assert handin_root() == tmp_path / "shared"
    monkeypatch.delenv(HANDIN_DIR_ENV)
    (tmp_path / "kit" / "exercises").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "kit" / "exercises")
    assert handin_root() == (tmp_path / "kit" / "submissions").resolve()


def test_button_asks_the_name_once_then_confirms(desk: Path, tmp_path: Path) -> None:
    from postlab.widgets.handin import HandInButton

    room = tmp_path / "room"
    button = HandInButton(LESSON, notebook=desk / f"{LESSON}.ipynb", root=room)
    assert button._name.layout.display != "none"
    button.click()
    assert "Not handed in" in button._message.value and "name=" in button._message.value
    button.name = "<b>Asha</b>"
    button.click()
    assert "&lt;b&gt;Asha&lt;/b&gt;" in button._message.value
    assert "<b>Asha</b>" not in button._message.value
    assert f"{LESSON}.workbook.json" in button._message.value
    assert button._name.layout.display == "none"
    later = HandInButton(LESSON, notebook=desk / f"{LESSON}.ipynb", root=room)
    assert later._name.layout.display == "none", "the name is remembered"
    later.click()
    assert len(list(next(room.iterdir()).glob(f"{LESSON}-*"))) == 2


def test_submit_command(desk: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    room = tmp_path / "room"
    nb = str(desk / f"{LESSON}.ipynb")
    assert main(["submit", nb, "--name", "Ravi Kumar", "--to", str(room)]) == 0
    assert main(["submit", nb, "--to", str(room)]) == 0, "the name is remembered"
    out = capsys.readouterr().out
    assert "Handed in 00-welcome for Ravi Kumar" in out and "handin.json" in out
    assert len(list(next(room.iterdir()).glob(f"{LESSON}-*"))) == 2
    assert main(["submit", str(desk / "missing.ipynb"), "--name", "R", "--to", str(room)]) == 2
    os.remove(desk / ".postlab-trainee.json")
    assert main(["submit", nb, "--to", str(room)]) == 2, "no name known, none given"


def test_a_draft_typed_just_before_hand_in_is_handed_in(desk: Path, tmp_path: Path) -> None:
    from postlab.exercises.workbook import Workbook, read_workbook

    (desk / f"{LESSON}.workbook.json").unlink()
    book = Workbook.open(LESSON, folder=desk)
    book.save_draft("live-counter", "typed a moment ago")  # debounced: not on disk yet
    done = hand_in(
        desk / f"{LESSON}.ipynb",
        trainee=Trainee("Asha", "a1b2c3d4"),
        root=tmp_path / "room",
        now=WHEN,
    )
    copied = read_workbook(done.folder / f"{LESSON}.workbook.json")
    assert copied.drafts["live-counter"] == "typed a moment ago"
