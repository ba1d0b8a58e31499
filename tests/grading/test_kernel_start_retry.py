"""A kernel that dies before answering kernel_info (no trainee code ran yet) is started again."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest

from postlab.grading import discover, sandbox
from postlab.handin import Trainee, hand_in
from postlab.notebook_runner import NotebookRun
from tests.grading.conftest import LESSON, LIMITS, SOLUTIONS


@pytest.mark.parametrize(("failures", "status"), [(1, "graded"), (2, "error")])
def test_one_failed_start_is_retried_and_two_are_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failures: int, status: str
) -> None:
    mine = tmp_path / "desk" / f"{LESSON}.ipynb"
    mine.parent.mkdir()
    shutil.copy(SOLUTIONS / f"{LESSON}.ipynb", mine)
    hand_in(mine, trainee=Trainee("Asha", "a0000001"), root=tmp_path / "room")
    (submission,) = discover.discover(tmp_path / "room", lesson=LESSON)

    real = sandbox.run_notebook
    calls: list[int] = []

    def flaky(notebook: nbformat.NotebookNode, **kwargs: object) -> NotebookRun:
        calls.append(1)
        if len(calls) <= failures:
            return NotebookRun(notebook, 0.1, error="Kernel died before replying to kernel_info")
        return real(notebook, **kwargs)

    monkeypatch.setattr(sandbox, "run_notebook", flaky)
    solution = nbformat.read(SOLUTIONS / f"{LESSON}.ipynb", as_version=4)
    result = sandbox.grade_submission(submission, lesson=LESSON, solution=solution, limits=LIMITS)
    assert len(calls) == 2
    assert result.status == status
    assert any("started again" in note for note in result.notes)
    if status == "graded":
        assert result.passed == len(result.questions)
