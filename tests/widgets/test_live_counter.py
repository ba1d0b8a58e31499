"""Lesson 00's live counter, driven in the kernel as a trainee's typing would drive it."""

from __future__ import annotations

from pathlib import Path

import pytest

from postlab.exercises.workbook import Workbook, WorkbookStore
from postlab.widgets.counter import counter_state, verdict
from postlab.widgets.live_counter import LiveCounter


@pytest.mark.parametrize(
    ("length", "state"), [(0, "ok"), (251, "ok"), (252, "amber"), (280, "amber"), (281, "red")]
)
def test_counter_state_thresholds(length: int, state: str) -> None:
    assert counter_state(length, 280) == state


def test_verdict_words() -> None:
    assert verdict(290, 280, "X")[1] == "290 of 280 on X: too long by 10. Cut some words."
    assert verdict(10, 280, "X")[1] == "10 of 280 on X: fits, 270 to spare."


def test_typing_updates_count_and_colour() -> None:
    counter = LiveCounter("Hello")
    assert 'data-length="5"' in counter._count.value
    counter._text.value = "नमस्ते 🙏 https://example.com/navapur/a-very-long-path-indeed"
    assert 'data-length="33"' in counter._count.value  # 6 + 1 + 2 + 1 + 23 (the link)
    counter._text.value = "A" * 300
    assert "postlab-red" in counter._count.value and "too long by 20" in counter._count.value


def test_html_in_the_draft_is_not_rendered() -> None:
    counter = LiveCounter("<script>alert(1)</script>")
    assert "<script>" not in counter._count.value


def test_drafts_are_saved_and_restored(tmp_path: Path) -> None:
    store = WorkbookStore(Workbook.open("00-welcome", folder=tmp_path))
    first = LiveCounter(store=store)
    first.value = "Saved as I type"
    again = LiveCounter(
        "ignored default", store=WorkbookStore(Workbook.open("00-welcome", folder=tmp_path))
    )
    assert again.value == "Saved as I type"


def test_placeholder_text_starts_empty() -> None:
    assert LiveCounter(...).value == ""  # type: ignore[arg-type]


def test_unknown_platform_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="platform='myspace'"):
        LiveCounter(platform="myspace")
