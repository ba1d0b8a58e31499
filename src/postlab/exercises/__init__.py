"""Exercises: questions as data, one check record, the trainee's workbook, and the build."""

from postlab.exercises.checks import Outcome, not_yet, passed
from postlab.exercises.exercise import Exercise, start
from postlab.exercises.questions import Question, evaluate, questions_of
from postlab.exercises.record import CheckRecord, Status, answer_data
from postlab.exercises.workbook import Workbook, WorkbookStore

__all__ = [
    "CheckRecord",
    "Exercise",
    "Outcome",
    "Question",
    "Status",
    "Workbook",
    "WorkbookStore",
    "answer_data",
    "evaluate",
    "not_yet",
    "passed",
    "questions_of",
    "start",
]
