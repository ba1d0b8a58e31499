"""nbval really compares: a lesson whose stored output is tampered with must fail."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
LESSON = ROOT / "notebooks" / "00-welcome.ipynb"


def _nbval(path: Path) -> subprocess.CompletedProcess[str]:
    cmd = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "-p",
        "no:xdist",
        "--nbval",
        "--nbval-current-env",
        "--nbval-sanitize-with",
        str(ROOT / "tests" / "nbval_sanitize.cfg"),
        "--rootdir",
        str(path.parent),
        str(path),
    ]
    # A fresh workbook folder: a lesson run earlier in this worker recorded answers, and a
    # lesson run again over recorded answers rightly says "your earlier answer is kept".
    books = tempfile.mkdtemp(prefix="postlab-nbval-books-")
    env = {**os.environ, "POSTLAB_WORKBOOK_DIR": books}
    return subprocess.run(
        cmd, capture_output=True, text=True, cwd=path.parent, env=env, check=False, timeout=300
    )


@pytest.mark.notebooks
def test_tampered_output_fails_and_untampered_passes(tmp_path: Path) -> None:
    good = tmp_path / "good" / LESSON.name
    bad = tmp_path / "bad" / LESSON.name
    for target in (good, bad):
        target.parent.mkdir()
        shutil.copy(LESSON, target)
    nb = nbformat.read(bad, as_version=4)
    stream = next(
        o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "stream"
    )
    stream.text = stream.text.replace("Namaste", "Hello")
    nbformat.write(nb, bad)

    passed = _nbval(good)
    assert passed.returncode == 0, passed.stdout[-2000:]
    failed = _nbval(bad)
    assert failed.returncode == 1, failed.stdout[-2000:]
    assert "mismatch" in failed.stdout.lower()
