"""Exercises run clean before a trainee touches them; in solutions, every check passes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from postlab.exercises.catalogue import get_lesson
from postlab.exercises.checks import questions_of
from postlab.exercises.workbook import WORKBOOK_DIR_ENV, workbook_path
from postlab.notebook_runner import execute_notebook

ROOT = Path(__file__).resolve().parents[2]
EXERCISES = sorted((ROOT / "exercises").glob("*.ipynb"))
SOLUTIONS = sorted((ROOT / "solutions").glob("*.ipynb"))


def _run(path: Path, workbooks: Path) -> dict:
    nb = execute_notebook(path, env={WORKBOOK_DIR_ENV: str(workbooks)}, timeout=300)
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert errors == [], f"{path.name}: {errors[0].ename}: {errors[0].evalue}" if errors else ""
    book = workbook_path(path.stem, workbooks)
    return json.loads(book.read_text(encoding="utf-8")) if book.exists() else {"answers": {}}


@pytest.mark.notebooks
@pytest.mark.parametrize("path", SOLUTIONS, ids=[p.name for p in SOLUTIONS])
def test_every_check_in_a_solution_passes(path: Path, tmp_path: Path) -> None:
    book = _run(path, tmp_path)
    get_lesson(path.stem).load_checks()
    asked = set(questions_of(path.stem))
    assert asked, f"{path.stem} registers no questions"
    statuses = {q: book["answers"].get(q, {}).get("status", "never checked") for q in asked}
    assert statuses == dict.fromkeys(asked, "passed")


@pytest.mark.notebooks
@pytest.mark.parametrize("path", EXERCISES, ids=[p.name for p in EXERCISES])
def test_untouched_exercise_runs_clean_and_nothing_is_answered(path: Path, tmp_path: Path) -> None:
    book = _run(path, tmp_path)
    get_lesson(path.stem).load_checks()
    checked = {q: a["status"] for q, a in book["answers"].items()}
    assert set(checked) == set(questions_of(path.stem)), "every question has a check cell"
    assert set(checked.values()) == {"unanswered"}
