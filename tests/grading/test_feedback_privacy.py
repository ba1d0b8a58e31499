"""A trainee's feedback never shows a hidden check, nor a message that quotes the model answer;
the facilitator's report shows both."""

from __future__ import annotations

from pathlib import Path

import nbformat

from postlab.exercises.record import CheckRecord, Status
from postlab.grading.report import write_reports
from postlab.grading.sandbox import Result

LESSON = "00-welcome"
SECRET = "The hidden check wanted exactly 42 hashtags"
MODEL = "PostLab workshop today at 10:00 in Hall B, Navapur Secretariat"


def _solution() -> nbformat.NotebookNode:
    cells = [
        nbformat.v4.new_code_cell(f'from postlab.exercises import start\nex = start("{LESSON}")'),
        nbformat.v4.new_code_cell(f'# BEGIN SOLUTION\nfirst_post = "{MODEL}"\n# END SOLUTION'),
        nbformat.v4.new_code_cell(
            'ex.check("first-post", first_post)', metadata={"tags": ["check"]}
        ),
        nbformat.v4.new_code_cell(
            'ex.check("secret-rule", first_post)', metadata={"tags": ["check", "hidden"]}
        ),
    ]
    return nbformat.v4.new_notebook(cells=cells)


def test_feedback_hides_hidden_checks_and_model_answers(tmp_path: Path) -> None:
    records = (
        CheckRecord(LESSON, "first-post", Status.NOT_YET, f"Compare with: {MODEL}."),
        CheckRecord(LESSON, "secret-rule", Status.NOT_YET, SECRET),
    )
    result = Result(
        key="asha-1",
        trainee="Asha",
        lesson=LESSON,
        status="graded",
        seconds=1.0,
        questions=records,
        hidden=("secret-rule",),
    )
    write_reports([result], out=tmp_path, lesson=LESSON, solution=_solution())
    feedback = (tmp_path / "feedback" / "asha-1.html").read_text(encoding="utf-8")
    assert "secret-rule" not in feedback and SECRET not in feedback
    assert MODEL not in feedback and "quoted the model answer" in feedback
    assert "0 of 1 questions passed" in feedback
    report = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "secret-rule" in report and SECRET in report  # the facilitator sees everything
