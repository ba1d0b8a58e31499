"""Shared test set-up: trainee state goes to a throw-away folder, never into the kit."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Kernels started by nbval and nbclient inherit this, so lessons run against an empty workbook
# folder and their committed outputs never depend on what a previous run saved.
os.environ["POSTLAB_WORKBOOK_DIR"] = tempfile.mkdtemp(prefix="postlab-workbooks-")
os.environ.pop("MPLBACKEND", None)  # kernels must plot inline, as when lessons were executed

collect_ignore_glob = ["fixtures/*"]


@pytest.fixture
def root() -> Path:
    """The kit's top folder."""
    return ROOT


@pytest.fixture
def workbook_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh workbook folder for one test."""
    monkeypatch.setenv("POSTLAB_WORKBOOK_DIR", str(tmp_path))
    return tmp_path
