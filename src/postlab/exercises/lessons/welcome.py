"""Checks for exercise 00 (Welcome): run a cell, use a widget, write a first post."""

from __future__ import annotations

from typing import Any

from postlab.exercises.checks import Outcome, missing_mentions, not_yet, passed

__all__ = ["LESSON", "first_post", "widget_post", "your_name"]

LESSON = "00-welcome"


def your_name(answer: Any) -> Outcome:
    """Any short name in quotes will do: the point is running a cell."""
    if not isinstance(answer, str):
        return not_yet("Your name needs to be text, inside quotes.", 'For example: "Asha".')
    if len(answer.strip()) > 60:
        return not_yet("That is longer than a name.", "Just your first name is enough.")
    return passed(f"Hello, {answer.strip()}! You have run your first cell.")


def _either(words: list[str]) -> str:
    """["what", "when", "where"] -> "what, when or where"."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


def first_post(answer: Any, *, mentions: list[dict[str, Any]]) -> Outcome:
    """A real invitation that fits on X: what, when and where (the groups in the data file),
    judged by the drafting engine for length, as every later lesson is."""
    from postlab.drafting import analyze

    if not isinstance(answer, str):
        return not_yet("A post is text: put it inside quotes.")
    report = analyze(answer, "x")
    if not report.fits:
        return not_yet(
            f"It is {report.length:,} characters as X counts them; the limit is {report.limit}.",
            "Cut a few words, then run the check again.",
        )
    missing = missing_mentions(answer, mentions)
    if missing:
        return not_yet(
            f"Colleagues cannot tell {_either(missing)} from this post yet.",
            "Say what (the workshop), when (a time or day) and where (a room or building).",
        )
    return passed(f"{report.length} of {report.limit} characters, with what, when and where.")


def widget_post(answer: Any) -> Outcome:
    """Whatever the trainee typed in the widget, as long as it fits."""
    from postlab.drafting import analyze

    report = analyze(str(answer), "x")
    if not report.fits:
        return not_yet(f"The box holds {report.length} characters; X allows {report.limit}.")
    return passed("The widget and the check agree: it fits.")
