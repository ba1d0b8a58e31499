"""Compare a trainee's triage choice for a comment with the key, and say why."""

from __future__ import annotations

from dataclasses import dataclass

from postlab.errors import PostLabTypeError, PostLabValueError
from postlab.replies.queue import TRIAGE_OPTIONS, Comment, triage_options

__all__ = ["TriageVerdict", "judge_triage"]

_FULL, _HALF = 1.0, 0.5


@dataclass(frozen=True)
class TriageVerdict:
    """How a triage choice compares with the key.

    ``score`` is 1 for the key's choice, 0.5 for an acceptable alternative,
    0 otherwise; ``message`` says so in words, with the key's reason.
    """

    comment_id: str
    choice: str
    expected: str
    score: float
    message: str

    @property
    def correct(self) -> bool:
        """True for the key's own choice."""
        return self.score == _FULL


def judge_triage(comment: Comment, choice: str) -> TriageVerdict:
    """Judge one triage choice against the key.

    Parameters
    ----------
    comment : Comment
        From ``load_comments()``.
    choice : str
        One of ``TRIAGE_OPTIONS`` (``"answer"``, ``"answer_private"``,
        ``"correct"``, ``"monitor"``, ``"hide_report"``, ``"escalate"``).

    Returns
    -------
    TriageVerdict

    Raises
    ------
    PostLabTypeError
        If ``comment`` is not a Comment or ``choice`` not text.
    PostLabValueError
        If ``choice`` is not a triage option.

    Example
    -------
    >>> from postlab.replies import load_comments
    >>> judge_triage(load_comments()[5], "hide_report").score
    1.0
    """
    if not isinstance(comment, Comment):
        msg = f"comment={comment!r:.60} ({type(comment).__name__}), must be a Comment"
        raise PostLabTypeError(msg)
    if not isinstance(choice, str):
        msg = f"choice={choice!r:.60} ({type(choice).__name__}), must be one of: " + ", ".join(
            TRIAGE_OPTIONS
        )
        raise PostLabTypeError(msg)
    key = choice.strip()
    if key not in TRIAGE_OPTIONS:
        msg = f"choice={choice!r}, must be one of: {', '.join(TRIAGE_OPTIONS)}"
        raise PostLabValueError(msg)
    labels = triage_options()
    best = labels[comment.triage]
    if key == comment.triage:
        score, words = _FULL, f"Yes: {best.lower()}. {comment.why}"
    elif key in comment.also_ok:
        score, words = _HALF, f"Acceptable, but better: {best.lower()}. {comment.why}"
    else:
        score, words = 0.0, f"Not this time: {best.lower()}. {comment.why}"
    return TriageVerdict(
        comment_id=comment.id, choice=key, expected=comment.triage, score=score, message=words
    )
