"""Every lesson's exercise can be graded: a hand-in of the solved notebook passes every question."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from postlab.exercises.catalogue import lessons
from postlab.exercises.checks import questions_of
from postlab.grading import Limits, grade
from postlab.handin import Trainee, hand_in

ROOT = Path(__file__).resolve().parents[2]
READY = [lesson for lesson in lessons().values() if lesson.ready]


@pytest.mark.slow
@pytest.mark.parametrize("lesson", READY, ids=[lesson.id for lesson in READY])
def test_solved_hand_in_passes_every_question(lesson: object, tmp_path: Path) -> None:
    mine = tmp_path / "trainee" / f"{lesson.id}.ipynb"
    mine.parent.mkdir()
    shutil.copy(ROOT / "solutions" / f"{lesson.id}.ipynb", mine)
    hand_in(mine, trainee=Trainee("Key Holder", "k0000001"), root=tmp_path / "submissions")

    run = grade(
        tmp_path / "submissions",
        out=tmp_path / "report",
        solutions=ROOT / "solutions",
        lesson=lesson.id,
        jobs=1,
        limits=Limits(cell_timeout=120, notebook_timeout=600),
    )

    lesson.load_checks()
    (result,) = run.results
    assert result.status == "graded", result.errors
    statuses = {q.qid: q.status for q in result.questions}
    assert statuses == dict.fromkeys(questions_of(lesson.id), "passed")
    assert (tmp_path / "report" / "grades.csv").read_text(encoding="utf-8").count("\n") == 2
