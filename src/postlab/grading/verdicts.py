"""Verdicts computed in the grader's own process, from answers reported as data.

While grading, a restored check cell only *reports* its answer under
:data:`~postlab.exercises.record.ANSWER_MIME`; this module reads those reports from
the restored cells (found by their role metadata, never by display text) and
judges each answer with :func:`postlab.exercises.questions.evaluate`, the same code
that gives the trainee's live feedback. Whatever a notebook does to ``ex``, to
PostLab's modules, to builtins or to its own outputs, it can change at most which
answer gets reported, and reporting an answer is just answering.

Where the saved notebook has no answer for a question but the handed-in workbook
recorded one (the notebook was not saved after the last check), the recorded answer
is judged instead, and a note says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import nbformat

from postlab.exercises.build import Role
from postlab.exercises.questions import evaluate
from postlab.exercises.record import ANSWER_MIME, CheckRecord, Status, now
from postlab.exercises.workbook import WorkbookData

__all__ = ["Judged", "judge", "reported_answers"]

_MISSING = object()


def reported_answers(nb: nbformat.NotebookNode) -> tuple[dict[str, Any], dict[str, str]]:
    """Answers reported by the restored check cells, and the error each failed cell raised.

    Only a report whose question is the cell's own question counts; the first wins.
    """
    answers: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for cell in nb.cells:
        role = Role.of(cell)
        if role is None or role.role != "check" or role.question in answers:
            continue
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                errors.setdefault(role.question, f"{out.get('ename')}: {out.get('evalue')}"[:300])
                continue
            report = out.get("data", {}).get(ANSWER_MIME)
            if isinstance(report, dict) and report.get("question") == role.question:
                answers[role.question] = report.get("answer")
                break
    return answers, errors


@dataclass(frozen=True)
class Judged:
    """Every question's record, and sentences on where answers came from."""

    records: tuple[CheckRecord, ...]
    notes: tuple[str, ...]


def judge(
    lesson: str,
    qids: list[str],
    nb: nbformat.NotebookNode | None,
    workbook: WorkbookData | None,
) -> Judged:
    """Judge each question from the run notebook's reports, else from the workbook's record."""
    answers, errors = reported_answers(nb) if nb is not None else ({}, {})
    recorded = workbook.entries if workbook is not None else {}
    records: list[CheckRecord] = []
    from_workbook: list[str] = []
    for qid in qids:
        answer = answers.get(qid, _MISSING)
        record = evaluate(lesson, qid, answer) if answer is not _MISSING else None
        entry = recorded.get(qid)
        gap = record is None or record.status is Status.UNANSWERED
        if gap and entry is not None and entry.record.status is not Status.UNANSWERED:
            record = evaluate(lesson, qid, entry.answer)
            from_workbook.append(qid)
        if record is None and qid in errors:
            message = f"The check could not run: {errors[qid]}"
            record = CheckRecord(lesson, qid, Status.NOT_YET, message, at=now())
        if record is None:
            record = CheckRecord(lesson, qid, Status.NOT_RUN, "This check did not run.", at=now())
        records.append(record)
    notes = []
    if from_workbook:
        notes.append(
            "the saved notebook had no answer for "
            + ", ".join(from_workbook)
            + ": graded the answer last checked in the workbook (was the notebook saved?)"
        )
    return Judged(tuple(records), tuple(notes))
