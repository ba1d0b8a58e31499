"""What a check function returns, and when an answer counts as not given yet.

A question's check (see :mod:`postlab.exercises.kinds`) receives answer data and
returns :func:`passed` or :func:`not_yet`; answers still holding the ``...``
placeholder are "not answered yet" before any check is called.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["Outcome", "is_unanswered", "missing_mentions", "not_yet", "passed"]


@dataclass(frozen=True)
class Outcome:
    """What a check function returns: passed or not, with words for the trainee."""

    ok: bool
    message: str
    hint: str = ""


def passed(message: str = "That works.") -> Outcome:
    """The answer meets the question."""
    return Outcome(True, message)


def not_yet(message: str, hint: str = "") -> Outcome:
    """The answer does not meet the question yet; say why, and how to get there."""
    return Outcome(False, message, hint)


def is_unanswered(answer: Any) -> bool:
    """True when the answer is, or still contains, the ``...`` placeholder (or is empty text).

    Answer data holds the placeholder as the text ``"..."``.
    """
    if answer is Ellipsis or answer is None:
        return True
    if isinstance(answer, str):
        return answer.strip() in ("", "...", "Ellipsis")
    if isinstance(answer, dict):
        return any(is_unanswered(v) for v in answer.values())
    if isinstance(answer, list | tuple):
        return len(answer) == 0 or any(is_unanswered(v) for v in answer)
    return False


def missing_mentions(text: str, groups: list[dict[str, Any]]) -> list[str]:
    """The labels of the ``groups`` that ``text`` says nothing about.

    A group is ``{"label": "when", "words": ["today", "am"], "pattern": "\\d:\\d\\d"}``: the
    text mentions it when one of its words starts a word of the text (any case), or its
    pattern (a regular expression) matches. Question data files hold the groups, so what
    a good answer must say is content, not code.

    Example
    -------
    >>> missing_mentions("Map of cooling centres", [{"label": "a map", "words": ["map"]},
    ...                  {"label": "where", "words": ["district"]}])
    ['where']
    """
    import re

    # Split on spaces and punctuation only: \w would cut Indian scripts at their vowel signs.
    words = [w for w in re.split(r"[\s.,;:!?()\[\]{}\"'“”‘’।|/-]+", text.casefold()) if w]
    missing = []
    for group in groups:
        stems = [w.casefold() for w in group.get("words", [])]
        hit = any(word.startswith(stem) for word in words for stem in stems)
        pattern = group.get("pattern")
        if not hit and pattern:
            hit = re.search(pattern, text, re.IGNORECASE) is not None
        if not hit:
            missing.append(str(group["label"]))
    return missing
