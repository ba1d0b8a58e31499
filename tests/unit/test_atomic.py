"""Atomic writes: whole or nothing, and readable by a facilitator's account."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from postlab.atomic import readable_mode, write_json_atomic, write_text_atomic


def test_new_files_are_readable_by_others(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_text_atomic(tmp_path / "a.txt", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a.txt").stat().st_mode) == 0o644


def test_umask_is_respected(tmp_path: Path) -> None:
    old = os.umask(0o077)
    try:
        assert readable_mode() == 0o600
        write_text_atomic(tmp_path / "a.txt", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a.txt").stat().st_mode) == 0o600


def test_failure_leaves_the_old_content_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "book.json"
    write_json_atomic(target, {"kept": True})

    def full_disk(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(OSError):
        write_json_atomic(target, {"kept": False})
    assert json.loads(target.read_text(encoding="utf-8")) == {"kept": True}
    assert [p.name for p in tmp_path.iterdir()] == ["book.json"]


def test_the_umask_is_read_never_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Changing the process umask, even for an instant, races with every other thread.
    old = os.umask(0o027)
    try:

        def no_flipping(mask: int) -> int:
            raise AssertionError("os.umask must not be called while writing")

        monkeypatch.setattr(os, "umask", no_flipping)
        assert readable_mode() == 0o640
        assert readable_mode(0o755) == 0o750
        write_text_atomic(tmp_path / "a.txt", "x")
        monkeypatch.undo()
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a.txt").stat().st_mode) == 0o640


def test_the_temporary_file_is_never_private_then_opened_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The file gets its mode when it is created (no chmod afterwards, nothing to race).
    monkeypatch.setattr(os, "chmod", lambda *a, **k: pytest.fail("chmod called"))
    old = os.umask(0o022)
    try:
        write_text_atomic(tmp_path / "a.txt", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a.txt").stat().st_mode) == 0o644


def test_the_folder_is_flushed_after_the_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        events.append("fsync-folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "fsync-file")
        real_fsync(fd)

    def replace(src: str, dst: str) -> None:
        events.append("replace")
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    write_text_atomic(tmp_path / "a.txt", "x")
    assert events == ["fsync-file", "replace", "fsync-folder"]


def test_writes_from_threads_are_all_whole(tmp_path: Path) -> None:
    import threading

    errors: list[BaseException] = []

    def write(n: int) -> None:
        try:
            for i in range(20):
                write_json_atomic(tmp_path / f"{n}.json", {"n": n, "i": i})
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert {json.loads((tmp_path / f"{n}.json").read_text())["i"] for n in range(4)} == {19}
    assert not [p for p in tmp_path.iterdir() if p.suffix == ".tmp"]
