"""Answers in the trainee's own words reach the report beside their rubric, side by side."""

from __future__ import annotations

from pathlib import Path

import nbformat

from postlab.exercises.build import build_notebook, written_answers
from postlab.exercises.questions import written_of
from postlab.grading.report import write_reports
from postlab.grading.sandbox import Result

ROOT = Path(__file__).resolve().parents[2]
LESSON = "05-comparing-strategies"
TYPED = "Only 3 and 9 clicked: <b>too few</b> to tell."


def _exercise() -> nbformat.NotebookNode:
    return build_notebook(nbformat.read(ROOT / "solutions" / f"{LESSON}.ipynb", as_version=4))


def test_every_written_answer_in_a_solution_has_a_rubric() -> None:
    for path in sorted((ROOT / "solutions").glob("*.ipynb")):
        found = written_answers(nbformat.read(path, as_version=4))
        asked = written_of(path.stem)
        assert set(found) <= set(asked), f"{path.name}: written answers without data: {found}"
        for written in asked.values():
            assert written.asks and len(written.rubric) >= 2, written.id


def test_the_prompt_is_not_an_answer_and_a_typed_one_is() -> None:
    nb = _exercise()
    assert written_answers(nb) == {}
    for cell in nb.cells:
        if "written" in cell.metadata.get("postlab", {}):
            cell.source = "Only 3 and 9 clicked: <b>too few</b> to tell."
    assert written_answers(nb) == {
        "answer-the-director": "Only 3 and 9 clicked: <b>too few</b> to tell."
    }


def test_report_shows_answers_side_by_side_with_the_rubric(tmp_path: Path) -> None:
    results = [
        Result(
            key=f"t{n}",
            trainee=name,
            lesson=LESSON,
            status="graded",
            seconds=1.0,
            written={"answer-the-director": text} if text else {},
        )
        for n, (name, text) in enumerate(
            [("Asha", "Too few people: <script>x</script>"), ("प्रिया", "")]
        )
    ]
    solution = nbformat.read(ROOT / "solutions" / f"{LESSON}.ipynb", as_version=4)
    write_reports(results, out=tmp_path, lesson=LESSON, solution=solution)
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "side by side" in page
    assert "luck alone easily makes a gap that size" in page  # the rubric
    assert "&lt;script&gt;x&lt;/script&gt;" in page and "<script>x" not in page
    assert "प्रिया" in page and "not written" in page
