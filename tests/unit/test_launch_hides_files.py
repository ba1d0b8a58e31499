"""Issue 14: the file browser beside each exercise shows notebooks, not workbooks and locks."""

from __future__ import annotations

import json
from pathlib import Path

from jupyter_server.services.contents.filemanager import FileContentsManager

from postlab.launch import HIDDEN_FILES, hide_files_option, lab_command


def test_lab_command_hides_workbooks_and_locks() -> None:
    cmd = lab_command("/tmp", port=8888, token="t", open_path=None)
    assert hide_files_option() in cmd
    assert json.loads(hide_files_option().split("=", 1)[1]) == list(HIDDEN_FILES)


def test_the_contents_listing_keeps_only_the_notebooks(tmp_path: Path) -> None:
    names = [
        "04-simulating-engagement.ipynb",
        "04-simulating-engagement.workbook.json",
        "04-simulating-engagement.workbook.json.lock",
        "04-simulating-engagement.workbook.json.corrupt-20261202T101500Z",
        ".04-simulating-engagement.workbook.json.lock",
    ]
    for name in names:
        (tmp_path / name).write_text("{}")
    manager = FileContentsManager(root_dir=str(tmp_path), hide_globs=list(HIDDEN_FILES))
    listed = [item["name"] for item in manager.get("", content=True)["content"]]
    assert listed == ["04-simulating-engagement.ipynb"]
    # hidden from the listing only: PostLab and the facilitator still read them
    assert manager.get("04-simulating-engagement.workbook.json", content=False)["name"]
