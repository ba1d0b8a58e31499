"""Exercises run clean before a trainee touches them; in solutions, every check passes; and
the grader, judging in its own process, gives exactly the verdicts the trainee saw live.

Each notebook is run as a trainee runs it (live checks, workbook beside it), then handed
in and graded with ``postlab grade``: the graded records must equal the live ones, for
every solution and every exercise left blank.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from postlab.exercises.questions import questions_of
from postlab.exercises.workbook import WORKBOOK_DIR_ENV, read_workbook, workbook_path
from postlab.grading import Limits, grade
from postlab.handin import Trainee, hand_in
from postlab.notebook_runner import execute_notebook

ROOT = Path(__file__).resolve().parents[2]
EXERCISES = sorted((ROOT / "exercises").glob("*.ipynb"))
SOLUTIONS = sorted((ROOT / "solutions").glob("*.ipynb"))


def _live_then_graded(path: Path, tmp: Path) -> tuple[dict, dict]:
    """(live records, graded records) by question, each as (status, message, hint)."""
    folder = tmp / "trainee"
    folder.mkdir()
    nb = execute_notebook(path, env={WORKBOOK_DIR_ENV: str(folder)}, timeout=300)
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert errors == [], f"{path.name}: {errors[0].ename}: {errors[0].evalue}" if errors else ""
    mine = folder / path.name
    nbformat.write(nb, mine)
    live = read_workbook(workbook_path(path.stem, folder))
    hand_in(mine, trainee=Trainee("Key Holder", "k0000001"), root=tmp / "submissions")
    run = grade(
        tmp / "submissions",
        out=tmp / "report",
        solutions=ROOT / "solutions",
        lesson=path.stem,
        jobs=1,
        limits=Limits(cell_timeout=120, notebook_timeout=600),
    )
    (result,) = run.results
    assert result.status == "graded", (result.notes, result.errors)

    def key(r: object) -> tuple:
        return (r.status.value, r.message, r.hint)

    return (
        {q: key(e.record) for q, e in live.entries.items()},
        {r.question: key(r) for r in result.questions},
    )


@pytest.mark.notebooks
@pytest.mark.parametrize("path", SOLUTIONS, ids=[p.name for p in SOLUTIONS])
def test_every_check_in_a_solution_passes_live_and_graded(path: Path, tmp_path: Path) -> None:
    live, graded = _live_then_graded(path, tmp_path)
    asked = list(questions_of(path.stem))
    assert asked, f"{path.stem} has no questions"
    assert {q: live.get(q, ("never checked",))[0] for q in asked} == dict.fromkeys(asked, "passed")
    assert graded == live


@pytest.mark.notebooks
@pytest.mark.parametrize("path", EXERCISES, ids=[p.name for p in EXERCISES])
def test_untouched_exercise_is_unanswered_live_and_graded(path: Path, tmp_path: Path) -> None:
    live, graded = _live_then_graded(path, tmp_path)
    assert set(live) == set(questions_of(path.stem)), "every question has a check cell"
    assert {s for s, _, _ in live.values()} == {"unanswered"}
    assert graded == live


def test_solutions_and_exercises_pair_up() -> None:
    assert [p.name for p in SOLUTIONS] == [p.name for p in EXERCISES]
