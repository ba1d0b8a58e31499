"""What is committed is what we promise: lessons executed in order, exercises clean, no errors."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from postlab.exercises.catalogue import lessons

ROOT = Path(__file__).resolve().parents[2]
LESSONS = sorted((ROOT / "notebooks").glob("*.ipynb"))
EXERCISES = sorted((ROOT / "exercises").glob("*.ipynb"))
SOLUTIONS = sorted((ROOT / "solutions").glob("*.ipynb"))
FACILITATOR = sorted((ROOT / "facilitator").glob("*.ipynb"))
ALL = LESSONS + EXERCISES + SOLUTIONS + FACILITATOR


def _ids(paths: list[Path]) -> list[str]:
    return [f"{p.parent.name}/{p.name}" for p in paths]


def test_every_ready_lesson_has_its_three_notebooks() -> None:
    for lesson in lessons().values():
        for folder in ("notebooks", "exercises", "solutions"):
            path = ROOT / folder / f"{lesson.id}.ipynb"
            assert path.exists() == lesson.ready, f"{path.name} vs status {lesson.status}"


@pytest.mark.parametrize("path", LESSONS, ids=_ids(LESSONS))
def test_lessons_are_committed_executed_in_order(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    counts = [c.execution_count for c in nb.cells if c.cell_type == "code"]
    assert counts, "a lesson without code cells has nothing for nbval to compare"
    assert counts == list(range(1, len(counts) + 1)), f"execution counts out of order: {counts}"
    with_output = sum(bool(c.outputs) for c in nb.cells if c.cell_type == "code")
    assert with_output >= len(counts) // 2, "most lesson cells should show something to compare"


@pytest.mark.parametrize("path", EXERCISES + FACILITATOR, ids=_ids(EXERCISES + FACILITATOR))
def test_exercises_are_committed_clean(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


@pytest.mark.parametrize("path", ALL, ids=_ids(ALL))
def test_no_error_outputs_and_a_kernel_is_named(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "python3", "without it JupyterLab asks for a kernel"
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            assert output.output_type != "error", f"{path.name} stores an error output"


@pytest.mark.parametrize("path", LESSONS + SOLUTIONS, ids=_ids(LESSONS + SOLUTIONS))
def test_cells_stay_short(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    long = [
        i
        for i, c in enumerate(nb.cells)
        if c.cell_type == "code" and len(c.source.splitlines()) > 15
    ]
    assert long == [], f"code cells longer than 15 lines: {long}"


@pytest.mark.parametrize("path", EXERCISES, ids=_ids(EXERCISES))
def test_every_exercise_ends_with_the_hand_in_button(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    last_code = [c for c in nb.cells if c.cell_type == "code"][-1]
    assert "HandInButton(ex.lesson)" in last_code.source
