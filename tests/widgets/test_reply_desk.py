"""The reply desk widget: live checks, submit, navigation, saved progress, bad input."""

from __future__ import annotations

import ipywidgets  # noqa: F401  (required: a widget test never skips)
import pytest

from postlab.exercises.workbook import Workbook, WorkbookStore
from postlab.widgets.reply_desk import ReplyDesk


class MemoryStore:
    def __init__(self):
        self.data = {}

    def load(self, key):
        return self.data.get(key)

    def save(self, key, value):
        self.data[key] = value


@pytest.fixture
def desk():
    return ReplyDesk()


def test_css_classes(desk):
    assert "postlab-reply-desk" in desk._dom_classes
    assert "postlab-reply-box" in desk._reply._dom_classes
    assert "postlab-reply-findings" in desk._findings._dom_classes


def test_typing_shows_live_findings_and_a_preview(desk):
    desk.value = "Obviously it applies."
    assert 'data-code="sarcasm"' in desk._findings.value
    assert "Preview" in desk._preview.value
    desk.value = desk.comment.sample_reply
    assert "All reply checks pass." in desk._findings.value


def test_trainee_text_is_escaped(desk):
    desk.value = "<script>alert(1)</script> Apply at https://example.com/a"
    assert "<script>" not in desk._preview.value
    assert "&lt;script&gt;" in desk._preview.value
    assert 'data-code="reply_markup"' in desk._findings.value


def test_submit_scores_triage_and_reply(desk):
    desk.triage = "answer"
    desk.value = desk.comment.sample_reply
    result = desk.submit()
    assert result["score"] == 100.0
    assert "Score 100 / 100" in desk._feedback.value
    desk.go(1)
    desk.triage = "monitor"
    desk.value = ""
    assert desk.submit()["triage_score"] == 0.0
    assert desk.score == pytest.approx(75.0)


def test_submit_without_triage_asks_for_one(desk):
    assert desk.submit() is None
    assert "Choose a triage first" in desk._feedback.value


def test_buttons_move_through_the_queue_and_keep_drafts(desk):
    desk.value = "draft one"
    desk._next.click()
    assert desk.index == 1 and desk.value == ""
    desk._previous.click()
    assert desk.index == 0 and desk.value == "draft one"
    desk._previous.click()
    assert desk.index == 0
    desk.go(999)
    assert desk.index == len(desk.comments) - 1


@pytest.mark.parametrize("text", ["", "🙏🙏🙏", "a" * 50_000, "<b>hi</b>"])
def test_bad_replies_give_messages_and_keep_progress(desk, text):
    desk.triage = "answer"
    desk.value = desk.comment.sample_reply
    desk.submit()
    desk.go(1)
    desk.triage = "answer"
    desk.value = text
    desk.submit()
    assert desk.results["c01"]["score"] == 100.0
    assert "Score" in desk._feedback.value


def test_progress_survives_a_restart():
    store = MemoryStore()
    first = ReplyDesk(store=store)
    first.triage = "answer"
    first.value = first.comment.sample_reply
    first.submit()
    first.go(2)
    first.value = "half-written reply"
    second = ReplyDesk(store=store)
    assert second.index == 2 and second.value == "half-written reply"
    assert second.results["c01"]["score"] == 100.0


def test_progress_saved_in_a_real_workbook(tmp_path):
    store = WorkbookStore(Workbook.open("07-test", folder=tmp_path))
    desk = ReplyDesk(store=store)
    desk.value = "Saved?"
    again = ReplyDesk(store=WorkbookStore(Workbook.open("07-test", folder=tmp_path)))
    assert again.value == "Saved?"


def test_unreadable_save_does_not_stop_the_desk():
    store = MemoryStore()
    store.data["reply-desk"] = "{not json"
    desk = ReplyDesk(store=store)
    assert desk.index == 0 and desk.results == {}
