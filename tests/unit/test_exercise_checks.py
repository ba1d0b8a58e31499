"""Checks never raise on a trainee, say 'not answered yet' for placeholders, record answers, and
in a graded kernel report answer data and judge nothing."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from postlab.exercises import CheckRecord, Exercise, Status, answer_data, evaluate
from postlab.exercises.catalogue import lessons
from postlab.exercises.checks import is_unanswered
from postlab.exercises.kinds import KINDS, _function
from postlab.exercises.questions import Question, questions_of
from postlab.exercises.record import ANSWER_MIME, GRADING_ENV, AnswerReport

LESSON = "00-welcome"


@pytest.fixture
def ex(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Exercise:
    monkeypatch.delenv(GRADING_ENV, raising=False)
    return Exercise(LESSON, folder=tmp_path)


@pytest.mark.parametrize("answer", [..., None, "", "   ", "...", [...], {"a": ...}, ()])
def test_placeholders_are_unanswered(answer: object) -> None:
    assert is_unanswered(answer)
    assert is_unanswered(answer_data(answer))


@pytest.mark.parametrize("answer", [0, False, "x", [1], {"a": 1}])
def test_real_answers_are_answered(answer: object) -> None:
    assert not is_unanswered(answer)


def test_unanswered_question_does_not_raise(ex: Exercise) -> None:
    result = ex.check("your-name", ...)
    assert result.status is Status.UNANSWERED
    assert "Replace the ..." in repr(result)


def test_pass_and_not_yet_with_hint(ex: Exercise) -> None:
    assert ex.check("rumour-lesson", 8).passed
    result = ex.check("first-post", "Come along, all of you")
    assert result.status is Status.NOT_YET
    assert "cannot tell what, when or where" in repr(result)
    assert "Say what (the workshop)" in result._repr_html_()


def test_a_check_that_raises_reports_instead_of_raising(
    ex: Exercise, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explodes(self: Question, answer: object) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(Question, "judge", explodes)
    result = ex.check("first-post", "anything at all here")
    assert result.status is Status.NOT_YET
    assert "could not be checked" in result.message


def test_unknown_question_is_a_friendly_message(ex: Exercise) -> None:
    result = ex.check("nope", "x")
    assert result.status is Status.NOT_YET
    assert "first-post" in result.message


def test_html_output_escapes_trainee_text(ex: Exercise) -> None:
    result = ex.check("<script>alert(1)</script>", "x")
    assert "<script>" not in result._repr_html_()


def test_answers_are_recorded_with_history(ex: Exercise) -> None:
    ex.check("rumour-lesson", 8)
    ex.check("rumour-lesson", 3)
    data = json.loads(ex.workbook.path.read_text(encoding="utf-8"))
    assert [h["status"] for h in data["history"]] == ["passed", "not_yet"]
    assert ex.progress()["rumour-lesson"] == "not_yet"
    assert ex.progress()["first-post"] == "unanswered"


def test_an_unanswered_check_keeps_the_recorded_answer(ex: Exercise, tmp_path: Path) -> None:
    # A reload lost the notebook's text; running the cells again must not erase the record.
    ex.check("your-name", "Asha")
    again = Exercise(LESSON, folder=tmp_path)
    shown = again.check("your-name", ...)
    assert shown.status is Status.UNANSWERED
    assert "'Asha'" in shown.message and "kept" in shown.message
    assert again.progress()["your-name"] == "passed"
    assert "1 of 4 questions passed" in repr(again)


def test_graded_kernel_reports_data_and_judges_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(GRADING_ENV, "1")
    ex = Exercise(LESSON, folder=tmp_path)
    shown = ex.check("first-post", ("a", {"b": float("nan")}))
    assert isinstance(shown, AnswerReport)
    bundle = shown._repr_mimebundle_()
    assert bundle[ANSWER_MIME] == {
        "lesson": LESSON,
        "question": "first-post",
        "answer": ["a", {"b": "nan"}],
    }
    assert not ex.workbook.path.exists()  # nothing judged, nothing recorded


def test_record_round_trips_and_refuses_nonsense() -> None:
    record = evaluate(LESSON, "rumour-lesson", "8")
    assert record.passed and record.at
    assert CheckRecord.from_dict(json.loads(json.dumps(record.to_dict()))) == record
    for bad in ([], {"status": "passed"}, {"question": "q", "status": "great"}):
        with pytest.raises(ValueError):
            CheckRecord.from_dict(bad)


class _Evil:
    def __repr__(self) -> str:
        raise RuntimeError("no repr for you")


def test_answer_data_of_hostile_values_is_strict_json() -> None:
    looped: list = [1]
    looped.append(looped)
    deep: list = []
    for _ in range(1000):
        deep = [deep]
    values = [looped, deep, _Evil(), "half an emoji \ud83d", 10**400, float("inf"), {1: {2}}]
    for value in values:
        data = answer_data(value)
        text = json.dumps(data, allow_nan=False, ensure_ascii=False)
        assert json.loads(text) == data
        text.encode("utf-8")
    assert answer_data("half an emoji \ud83d") == "half an emoji \ufffd"


_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text()
    | st.binary()
    | st.just(...),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(st.text(max_size=5) | st.integers(), inner, max_size=4)
    ),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None)
@given(_values)
def test_answer_data_is_saveable_and_stable(value: object) -> None:
    data = answer_data(value)
    text = json.dumps(data, allow_nan=False, ensure_ascii=False)
    text.encode("utf-8")
    assert answer_data(data) == data  # idempotent: live and graded judge the same data


@settings(max_examples=60, deadline=None)
@given(_values, st.sampled_from(list(questions_of(LESSON))))
def test_evaluate_never_raises(value: object, qid: str) -> None:
    record = evaluate(LESSON, qid, value)
    assert record.status in set(Status)
    assert not math.isnan(0.0) and record.question == qid


def test_every_question_file_is_complete() -> None:
    for lesson in lessons():
        questions = questions_of(lesson)
        assert questions, f"{lesson} has no questions"
        for q in questions.values():
            assert q.asks and q.hint, f"{lesson}/{q.id} needs asks and hint"
            assert q.kind in KINDS
            if q.kind == "python":
                assert callable(_function(q.params["check"])), q.id


def _strict(constant: str) -> None:
    msg = f"{constant} is not JSON"
    raise ValueError(msg)


@settings(max_examples=60, deadline=None)
@given(_values, st.sampled_from(list(questions_of(LESSON))))
def test_check_never_raises_and_loses_no_recorded_answer(value: object, qid: str) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        ex = Exercise(LESSON, folder=folder)
        ex.check("your-name", "Asha")
        shown = ex.check(qid, value)
        assert shown.status in set(Status)
        again = json.loads(ex.workbook.path.read_text(encoding="utf-8"), parse_constant=_strict)
        assert again["history"][0]["answer"] == "Asha"
        assert ex.progress()["your-name"] in ("passed", "not_yet")
