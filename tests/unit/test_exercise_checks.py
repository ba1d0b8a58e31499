"""Checks never raise on a trainee, say 'not answered yet' for placeholders, and record answers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from postlab.exercises import Exercise, Status
from postlab.exercises.checks import is_unanswered, not_yet, passed, question


@question("99-test", "shout", asks="Say something loud.")
def _shout(answer: object) -> object:
    if str(answer).isupper():
        return passed("Loud and clear.")
    return not_yet("Too quiet.", "Use capitals.")


@question("99-test", "explodes", asks="A check with a bug in it.")
def _explodes(answer: object) -> object:
    return 1 / 0


@pytest.fixture
def ex(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Exercise:
    monkeypatch.setattr(
        "postlab.exercises.exercise.get_lesson",
        lambda lesson: type("L", (), {"load_checks": lambda self: None})(),
    )
    return Exercise("99-test", folder=tmp_path)


@pytest.mark.parametrize("answer", [..., None, "", "   ", [...], {"a": ...}, ()])
def test_placeholders_are_unanswered(answer: object) -> None:
    assert is_unanswered(answer)


@pytest.mark.parametrize("answer", [0, False, "x", [1], {"a": 1}])
def test_real_answers_are_answered(answer: object) -> None:
    assert not is_unanswered(answer)


def test_unanswered_question_does_not_raise(ex: Exercise) -> None:
    result = ex.check("shout", ...)
    assert result.status is Status.UNANSWERED
    assert "Replace the ..." in repr(result)


def test_pass_and_not_yet_with_hint(ex: Exercise) -> None:
    assert ex.check("shout", "HELLO").passed
    result = ex.check("shout", "hello")
    assert result.status is Status.NOT_YET
    assert "Use capitals" in repr(result)
    assert "Use capitals" in result._repr_html_()


def test_a_buggy_check_reports_instead_of_raising(ex: Exercise) -> None:
    result = ex.check("explodes", "anything")
    assert result.status is Status.NOT_YET
    assert "could not be checked" in result.message


def test_unknown_question_is_a_friendly_message(ex: Exercise) -> None:
    result = ex.check("nope", "x")
    assert result.status is Status.NOT_YET
    assert "shout" in result.message


def test_html_output_escapes_trainee_text(ex: Exercise) -> None:
    result = ex.check("<script>alert(1)</script>", "x")
    assert "<script>" not in result._repr_html_()


def test_answers_are_recorded_with_history(ex: Exercise) -> None:
    ex.check("shout", "HELLO")
    ex.check("shout", "hello")
    data = json.loads(ex.workbook.path.read_text(encoding="utf-8"))
    assert [h["status"] for h in data["history"]] == ["passed", "not_yet"]
    assert ex.progress() == {"shout": "not_yet", "explodes": "unanswered"}


def test_save_failure_is_reported_not_raised(ex: Exercise, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ex.workbook, "save", full)
    result = ex.check("shout", "HELLO")
    assert result.passed
    assert "could not be saved" in result.message
