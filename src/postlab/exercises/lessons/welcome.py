"""Checks for exercise 00 (Welcome): run a cell, use a widget, write a first post."""

from __future__ import annotations

from typing import Any

from postlab.exercises.checks import Outcome, not_yet, passed, question

__all__ = ["LESSON", "first_post", "rumour_lesson", "widget_post", "your_name"]

LESSON = "00-welcome"
_LESSON_OF_RUMOURS = 8


@question(LESSON, "your-name", asks="Type your first name between the quotes.")
def your_name(answer: Any) -> Outcome:
    """Any short name in quotes will do: the point is running a cell."""
    if not isinstance(answer, str):
        return not_yet("Your name needs to be text, inside quotes.", 'For example: "Asha".')
    if len(answer.strip()) > 60:
        return not_yet("That is longer than a name.", "Just your first name is enough.")
    return passed(f"Hello, {answer.strip()}! You have run your first cell.")


@question(
    LESSON,
    "rumour-lesson",
    asks="Which lesson number covers rumours and crisis communication?",
    hint="Look at the table of the day at the top of the lesson.",
)
def rumour_lesson(answer: Any) -> Outcome:
    """A number, not text: the first time a trainee meets the difference."""
    if isinstance(answer, str) and answer.strip().isdigit():
        answer = int(answer.strip())
    if answer == _LESSON_OF_RUMOURS:
        return passed("Yes: lesson 08, at the end of the day.")
    return not_yet(f"{answer!r} is not the lesson on rumours.")


@question(
    LESSON,
    "first-post",
    asks="Write a first post (on X) inviting colleagues to today's workshop.",
    hint="Say what, when and where, then stay under 280 characters.",
)
def first_post(answer: Any) -> Outcome:
    """A real sentence that fits on X: judged by the drafting engine, as every later lesson is."""
    from postlab.drafting import analyze

    if not isinstance(answer, str):
        return not_yet("A post is text: put it inside quotes.")
    report = analyze(answer, "x")
    if not report.fits:
        return not_yet(
            f"It is {report.length} characters as X counts them; the limit is {report.limit}.",
            "Cut a few words, then run the check again.",
        )
    if len(answer.split()) < 5:
        return not_yet("That is too short to tell colleagues what, when and where.")
    return passed(f"{report.length} of {report.limit} characters: it fits on X.")


@question(
    LESSON,
    "widget-post",
    asks="Type a post into the live counter box, then check it.",
    hint="Click in the box above and type; the count changes as you go.",
)
def widget_post(answer: Any) -> Outcome:
    """Whatever the trainee typed in the widget, as long as it fits."""
    from postlab.drafting import analyze

    report = analyze(str(answer), "x")
    if not report.fits:
        return not_yet(f"The box holds {report.length} characters; X allows {report.limit}.")
    return passed("The widget and the check agree: it fits.")
