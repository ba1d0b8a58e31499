"""Checks for exercise 07 (Replies and moderation): triage and answer eight comments.

Each question is one comment from ``data/comments.yaml``. The answer is a pair
``[triage, reply]``: the triage is judged against the key with
``postlab.replies.judge_triage`` (the key or an acceptable alternative passes), and
when the chosen triage means writing a reply, the reply must pass
``postlab.replies.check_reply`` for that comment. The key lives in the data file,
not here, so a facilitator who edits the key changes the checks too.

A comment where someone posted their own personal data (``kind: personal_data``) needs
both steps of the triage chart: hide the comment to protect them, and reply privately.
So hiding with no reply is not enough, and a private reply must say the comment was hidden.
"""

from __future__ import annotations

import numbers
import re
from functools import cache
from typing import Any

from postlab.exercises.checks import Outcome, not_yet, passed

__all__ = [
    "EXERCISE_COMMENTS",
    "LESSON",
    "MUST_FIX_WARNINGS",
    "NO_REPLY",
    "check_comment",
    "parse_triage",
]

LESSON = "07-replies-and-moderation"

#: The eight comments of the exercise, in the order the notebook shows them: a personal
#: complaint, a rumour, spam, fair criticism, personal data posted in public, a safety
#: incident, a Hindi request and an off-topic remark.
EXERCISE_COMMENTS: tuple[str, ...] = ("c03", "c04", "c06", "c08", "c09", "c10", "c13", "c14")

#: What a trainee writes as the reply when the triage needs none.
NO_REPLY: tuple[str, ...] = ("no reply", "none", "-", "no reply needed")

#: Warnings that matter here (tone, empathy, a next step, ending on a myth, raw HTML): a reply
#: with one of them is "not yet"; other warnings (a long sentence, say) are only mentioned.
MUST_FIX_WARNINGS: frozenset[str] = frozenset(
    {"harsh_tone", "no_empathy", "no_next_step", "myth_last", "reply_markup"}
)

_REPLYING = ("answer", "answer_private", "correct", "escalate")
_SHAPE = 'Keep the shape of the cell: triage_1 = "answer" and reply_1 = "Thanks for asking..."'


@cache
def _queue() -> dict[str, Any]:
    """The built-in comments by id."""
    from postlab.replies import load_comments

    return {c.id: c for c in load_comments()}


def parse_triage(value: Any) -> str | None:
    """The triage key a trainee's answer means, or None.

    Accepts a key (``"answer_private"``, any case, spaces or hyphens for the
    underscore) or its number in the triage chart (1 to 6, as a number or text).

    Example
    -------
    >>> parse_triage("Answer private"), parse_triage(5), parse_triage("maybe")
    ('answer_private', 'hide_report', None)
    """
    from postlab.replies import TRIAGE_OPTIONS

    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        number = int(value)
    elif isinstance(value, str) and value.strip().isdigit():
        number = int(value.strip())
    elif isinstance(value, str):
        key = re.sub(r"[\s\-]+", "_", value.strip().lower()).strip("_")
        return key if key in TRIAGE_OPTIONS else None
    else:
        return None
    return TRIAGE_OPTIONS[number - 1] if 1 <= number <= len(TRIAGE_OPTIONS) else None


def _is_no_reply(reply: str) -> bool:
    return reply.strip().lower().rstrip(".") in NO_REPLY


def _said_hidden(reply: str) -> bool:
    """True when the reply tells the person their comment was hidden (English or Hindi)."""
    from postlab.replies.lexicon import phrases

    return phrases("hidden_comment").search(reply) is not None


def _personal_data_outcome(key: str, reply: str, comment: Any, verdict: Any) -> Outcome | None:
    """Both steps for a comment with the person's own data: hide it, and reply privately."""
    if key == "hide_report" and _is_no_reply(reply):
        return not_yet(
            "Hiding the comment protects their Aadhaar and phone number, but their problem is "
            "still unanswered: the chart says hide it and also reply, moving the case to a "
            "private channel.",
            "Write a short reply: say sorry, say you hid the comment to protect them, and give a "
            "direct message or helpline. Never repeat the numbers.",
        )
    if key in ("answer_private", "hide_report") and not _is_no_reply(reply):
        outcome = _reply_outcome(reply, comment, verdict)
        if outcome.ok and not _said_hidden(reply):
            return not_yet(
                "The reply is a start, but the comment with their Aadhaar and phone number is "
                "still public: hide it too, and tell them you did.",
                "Add a sentence such as 'To protect you, we have hidden your comment.'",
            )
        return outcome
    return None


def _reply_outcome(
    reply: str, comment: Any, verdict: Any, must_say: tuple[list[str], str] = ([], "")
) -> Outcome:
    """The reply checks for a triage that needs a reply, and what this comment's reply must say."""
    from postlab.replies import check_reply

    if _is_no_reply(reply):
        return not_yet(
            f"{verdict.message} Your triage means writing a reply, and there is none yet.",
            "Write the reply you would post, or choose a triage that needs none.",
        )
    report = check_reply(reply, comment=comment)
    blocking = report.errors + [f for f in report.warnings if f.code in MUST_FIX_WARNINGS]
    if blocking:
        issues = " ".join(f"{f.message} {f.advice}" for f in blocking[:3])
        return not_yet(
            f"Your triage works; the reply is not ready yet. {issues}",
            "Fix the points above; the same checks run live in the reply desk in lesson 07.",
        )
    if comment.kind == "rumour" and comment.myth:
        named = any(word.lower() in reply.lower() for word in comment.myth)
        if not named:
            return not_yet(
                "The reply never names the rumour, so readers cannot tell which claim is false.",
                "Truth sandwich: open with the fact, then name the myth once, flagged as false, "
                "then the fact again with where to check it.",
            )
    words, why = must_say
    if words and not any(word.lower() in reply.lower() for word in words):
        return not_yet(f"Your triage works; the reply is not ready yet: {why}")
    others = " ".join(f.message for f in report.warnings)
    extra = f" Worth a look: {others}" if others else ""
    return passed(f"{verdict.message} Reply score {report.score} / 100.{extra}")


def check_comment(
    answer: Any, *, comment_id: str, must_say: list[str] | None = None, must_say_why: str = ""
) -> Outcome:
    """Judge ``[triage, reply]`` for comment ``comment_id``.

    Parameters
    ----------
    comment_id : str
        An id from ``data/comments.yaml``, such as ``"c03"``.
    must_say : list of str, optional
        Words one of which the reply must hold (for example the safety advice, ``boil``).
    must_say_why : str
        What the trainee is told when none of them is there.
    answer : list or tuple
        ``[triage, reply]``: a triage key or chart number, and the reply text (or
        ``"no reply"`` when the triage needs none).

    Returns
    -------
    Outcome
        Passed when the triage is the key or an acceptable alternative and, if it
        needs a reply, the reply has no errors and none of ``MUST_FIX_WARNINGS``.

    Example
    -------
    >>> check_comment(["hide_report", "no reply"], comment_id="c06").ok
    True
    """
    from postlab.replies import judge_triage, triage_options

    comment = _queue()[comment_id]
    if not isinstance(answer, list | tuple) or len(answer) != 2:
        return not_yet("The answer should be two things: a triage and a reply.", _SHAPE)
    choice, reply = answer
    key = parse_triage(choice)
    if key is None:
        return not_yet(
            f"{choice!r} is not one of the six triage choices.",
            'Use a word from the triage chart, such as "answer_private", or its number 1-6.',
        )
    if not isinstance(reply, str):
        return not_yet("The reply needs to be text, inside quotes.", _SHAPE)
    verdict = judge_triage(comment, key)
    if verdict.score == 0:
        label = triage_options()[key].lower()
        return not_yet(
            f'Not this time: "{label}" is not what a seasoned team would do here.',
            f"Think about it this way: {comment.why}",
        )
    if comment.kind == "personal_data":
        both = _personal_data_outcome(key, reply, comment, verdict)
        if both is not None:
            return both
    if key not in _REPLYING:
        return passed(f"{verdict.message} No reply is needed for this choice.")
    return _reply_outcome(reply, comment, verdict, (must_say or [], must_say_why))
