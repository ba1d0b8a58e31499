"""The comment queue and the triage key."""

from __future__ import annotations

import pytest

from postlab.errors import PostLabTypeError, PostLabValueError
from postlab.replies import TRIAGE_OPTIONS, judge_triage, load_comments, triage_options


@pytest.fixture(scope="module")
def queue():
    return {c.id: c for c in load_comments()}


def test_queue_covers_every_kind_and_every_triage(queue):
    kinds = {c.kind for c in queue.values()}
    assert {
        "question",
        "complaint",
        "praise",
        "abuse",
        "spam",
        "rumour",
        "personal_data",
        "private_request",
    } <= kinds
    assert {c.triage for c in queue.values()} == set(TRIAGE_OPTIONS)
    assert {c.language for c in queue.values()} == {"en", "hi"}


def test_triage_options_are_labelled_in_chart_order():
    assert TRIAGE_OPTIONS[0] == "answer" and TRIAGE_OPTIONS[-1] == "escalate"
    assert triage_options()["hide_report"].startswith("Hide or report")


@pytest.mark.parametrize(
    ("cid", "choice", "score"),
    [
        ("c01", "answer", 1.0),
        ("c01", "hide_report", 0.0),
        ("c03", "answer_private", 1.0),
        ("c03", "escalate", 0.5),
        ("c04", "correct", 1.0),
        ("c04", "monitor", 0.0),
        ("c06", "hide_report", 1.0),
        ("c08", "hide_report", 0.0),  # criticism is never hidden
        ("c09", "answer_private", 1.0),
        ("c10", "escalate", 1.0),
        ("c12", "correct", 1.0),
        ("c14", "monitor", 1.0),
    ],
)
def test_triage_key(queue, cid, choice, score):
    verdict = judge_triage(queue[cid], choice)
    assert verdict.score == score
    assert verdict.correct is (score == 1.0)
    assert queue[cid].why in verdict.message


def test_unknown_triage_choice_names_the_options(queue):
    with pytest.raises(PostLabValueError, match=r"choice='delete'.*answer, answer_private"):
        judge_triage(queue["c01"], "delete")
    with pytest.raises(PostLabTypeError, match="choice=3"):
        judge_triage(queue["c01"], 3)


def test_comment_needs(queue):
    assert queue["c02"].needs_private_channel and queue["c02"].needs_reply
    assert not queue["c06"].needs_reply
    assert queue["c04"].myth == ("poison", "cancer")


def test_missing_field_names_the_comment_and_the_field(tmp_path):
    path = tmp_path / "comments.yaml"
    path.write_text(
        "comments:\n  - id: x1\n    post: p\n    author: a\n    language: en\n"
        "    kind: question\n    text: hello\n    why: because\n",
        encoding="utf-8",
    )
    with pytest.raises(PostLabValueError, match=r"comment 1 \(id 'x1'\) is missing .*triage"):
        load_comments(path)


_ROW = "  - {id: a, post: p, author: a, language: en, kind: q, text: t, triage: answer, why: w}\n"


@pytest.mark.parametrize(
    ("content", "match"),
    [
        ("comments: []\n", "no 'comments' list"),
        ("just text\n", "no 'comments' list"),
        ("comments: [: bad\n", "could not be read as YAML"),
        (
            "comments:\n  - {id: a, post: p, author: a, language: en, kind: q, text: t,"
            " triage: delete, why: w}\n",
            "triage 'delete'",
        ),
        (
            "comments:\n" + _ROW + _ROW,
            "two comments with id 'a'",
        ),
    ],
)
def test_bad_files_give_clear_messages(tmp_path, content, match):
    path = tmp_path / "c.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(PostLabValueError, match=match):
        load_comments(path)


def test_missing_file_and_wrong_type():
    with pytest.raises(PostLabValueError, match="no such file"):
        load_comments("/nonexistent/comments.yaml")
    with pytest.raises(PostLabTypeError, match="path=3"):
        load_comments(3)
