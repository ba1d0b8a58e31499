"""Exercises: per-question checks, the trainee's workbook, and the solutions-to-exercises build."""

from postlab.exercises.checks import CheckResult, Status, not_yet, passed, question
from postlab.exercises.exercise import Exercise, start
from postlab.exercises.workbook import Workbook, WorkbookStore

__all__ = [
    "CheckResult",
    "Exercise",
    "Status",
    "Workbook",
    "WorkbookStore",
    "not_yet",
    "passed",
    "question",
    "start",
]
