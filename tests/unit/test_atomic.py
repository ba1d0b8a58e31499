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
