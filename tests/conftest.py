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


# In CI (.ci/run sets POSTLAB_REQUIRE_REAL=1) the browser and hub tests must really run: CI installs
# Chromium and configurable-http-proxy, so a skip there would hide a broken set-up.
_MUST_RUN = ("tests/browser/", "tests/hub/")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> object:
    outcome = yield
    report = outcome.get_result()
    where = item.nodeid.replace("\\", "/")
    if report.skipped and os.environ.get("POSTLAB_REQUIRE_REAL") and where.startswith(_MUST_RUN):
        reason = report.longrepr[-1] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"skipped, but POSTLAB_REQUIRE_REAL is set (CI): {reason}"
