"""Checks for exercise 08 (Rumours, crisis and ethics): a holding statement, a correction, a quiz.

The holding statement and the correction are about the boil-water scenario
(``data/crisis/boil_water.yaml``): the statement must pass
``postlab.replies.check_holding_statement`` with all four parts, the correction
must pass ``postlab.replies.check_reply`` as a truth sandwich against the part of
the myth that is known to be false. Neither may call false, or safe, what only the
lab results can settle (CDC CERC 2018: say what is known, what is being checked and
when the next update comes; call false only what is known to be false). Which words
are known false and which are not yet known is the question's data, not code.

The propriety quiz is multiple choice (a letter or a number); every
option carries its explanation and the quiz its sources, so the feedback says why.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from postlab.exercises.checks import Outcome, not_yet, passed
from postlab.exercises.kinds import letter, parse_choice
from postlab.exercises.questions import questions_of

__all__ = [
    "LESSON",
    "QUIZ",
    "Choice",
    "QuizItem",
    "check_correction",
    "check_holding",
    "check_quiz",
    "parse_choice",
]

LESSON = "08-rumours-crisis-and-ethics"

#: The four parts of a holding statement (CDC CERC 2018) and the findings that mean one is missing.
_HOLDING_PARTS = {
    "holding_missing_known": "what is known",
    "holding_missing_unknown": "what is not known yet",
    "holding_missing_action": "what people should do",
    "holding_missing_update": "when the next update comes",
}
_TEXT_SHAPE = "Write the text between the quotes."


@dataclass(frozen=True)
class Choice:
    """One option of a quiz question and why it is right or wrong."""

    text: str
    why: str


@dataclass(frozen=True)
class QuizItem:
    """A multiple-choice question on propriety, as the lesson's data file gives it."""

    id: str
    asks: str
    choices: tuple[Choice, ...]
    right: int
    source: str

    def letter(self, index: int) -> str:
        """The option's letter: 0 -> "A"."""
        return letter(index)


def _quiz() -> tuple[QuizItem, ...]:
    """The quiz questions of the lesson's data file, for the notebook and the tests."""
    return tuple(
        QuizItem(
            q.id,
            q.asks,
            tuple(Choice(o["text"], o["why"]) for o in q.params["options"]),
            "ABCDEFGH".index(q.params["right"]),
            q.params.get("source", ""),
        )
        for q in questions_of(LESSON).values()
        if q.kind == "choice"
    )


QUIZ: tuple[QuizItem, ...] = _quiz()


def check_quiz(item: QuizItem, answer: Any) -> Outcome:
    """The data file's ``choice`` check of one quiz item."""
    return questions_of(LESSON)[item.id].judge(answer)


_SENTENCE = re.compile(r"[^.!?।॥\n]+(?:[.!?।॥]+|$)")


def _premature(text: str, not_yet_known: Sequence[str], *, any_false: bool) -> str | None:
    """The first sentence that calls false, or safe, what is not known yet; else None.

    ``any_false``: every claim called false counts (nothing is known false yet); otherwise
    only a sentence that calls a ``not_yet_known`` word false does.
    """
    from postlab.replies.lexicon import phrases

    calls_false = phrases("premature_claims", "calls_false")
    all_clear = phrases("premature_claims", "all_clear")
    advice = phrases("premature_claims", "advice")
    unknown = [w.lower() for w in not_yet_known]
    for m in _SENTENCE.finditer(text):
        sentence = m.group().strip()
        low = sentence.lower()
        names_unknown = any(word in low for word in unknown)
        if calls_false.search(sentence) and (any_false or names_unknown):
            return sentence
        if all_clear.search(sentence) and not advice.search(sentence):
            return sentence
    return None


def check_holding(
    answer: Any, *, not_yet_known: Sequence[str] = (), results_due: str = ""
) -> Outcome:
    """A holding statement with all four parts, no error, and no claim called false or safe
    before the facts are in.

    Example
    -------
    >>> text = ("Tap water in Ward 12 is being tested. We do not yet know the cause. "
    ...         "Please boil water before drinking. Next update at 1 pm.")
    >>> check_holding(text).ok
    True
    """
    from postlab.replies import check_holding_statement

    if not isinstance(answer, str):
        return not_yet("The statement needs to be text, inside quotes.", _TEXT_SHAPE)
    report = check_holding_statement(answer)
    if report.has("reply_empty") or report.has("reply_no_words"):
        return not_yet(report.errors[0].message, _TEXT_SHAPE)
    early = _premature(answer, not_yet_known, any_false=True)
    if early:
        return not_yet(
            f"'{early}' says more than anyone knows yet: the lab results are due {results_due}. "
            "Do not call anything false or the water safe before then.",
            "Say what is known, what is being checked and when you will update; call false only "
            "what is known to be false.",
        )
    missing = [part for code, part in _HOLDING_PARTS.items() if report.has(code)]
    if missing:
        return not_yet(
            f"The statement does not yet say {', '.join(missing)}.",
            "Four parts: what we know, what we do not know yet, what to do, the next update "
            "(a time, such as 'Next update at 1 pm').",
        )
    if not report.passes:
        issues = " ".join(f"{f.message} {f.advice}" for f in report.errors[:3])
        return not_yet(f"All four parts are there, but: {issues}")
    return passed(
        f"All four parts are there (score {report.score} / 100). Keep the promise: post the "
        "update at the time you gave, even if there is no news."
    )


def _scenario_myth() -> tuple[str, ...]:
    from postlab.replies import load_scenario

    return load_scenario("boil_water").myth


def check_correction(
    answer: Any,
    *,
    known_false: Sequence[str] | None = None,
    not_yet_known: Sequence[str] = (),
    results_due: str = "",
) -> Outcome:
    """A truth sandwich against what is known false: fact, that myth flagged false, fact; and
    what is not known yet is said to be checked, with when the results come.

    Parameters
    ----------
    known_false : list of str, optional
        Key words of the part of the myth known to be false (default: the scenario's myth).
    not_yet_known : list of str
        Key words of the part only the lab can settle: never called false here.
    results_due : str
        When the facts come, for the message (``"by 13:00"``).

    Example
    -------
    >>> text = ("Chlorine tablets are safe and make water safe to drink. The claim that they "
    ...         "cause cancer is false. The water is being tested; results are due by 1 pm. "
    ...         "Boil water or use the tablets: https://example.com/navapur/water")
    >>> check_correction(text, known_false=["cancer"], not_yet_known=["poison"]).ok
    True
    """
    from postlab.replies import check_reply
    from postlab.replies.lexicon import phrases, reply_lexicon

    if not isinstance(answer, str):
        return not_yet("The correction needs to be text, inside quotes.", _TEXT_SHAPE)
    myth = tuple(known_false) if known_false is not None else _scenario_myth()
    report = check_reply(answer, myth=myth)
    if report.has("reply_empty") or report.has("reply_no_words"):
        return not_yet(report.errors[0].message, _TEXT_SHAPE)
    named = any(word in answer.lower() for word in myth)
    sandwich = [f for f in report.findings if f.code.startswith("myth_")]
    if sandwich or not named:
        issues = " ".join(f"{f.message} {f.advice}" for f in sandwich)
        if not named:
            issues = (
                "The correction never names the rumour, so readers cannot tell which claim "
                "is false. Name it once, in the middle, flagged as false."
            )
        return not_yet(
            issues,
            "Truth sandwich: open with the fact, then the myth flagged as false, then the "
            "fact again with where to check it.",
        )
    early = _premature(answer, not_yet_known, any_false=False)
    if early:
        return not_yet(
            f"'{early}' calls false what nobody knows yet: the lab results are due "
            f"{results_due}. Call false only what is known to be false (that chlorine tablets "
            "cause cancer).",
            "Say the water is being tested and when the results come; correct the part that is "
            "known to be false.",
        )
    if not_yet_known:
        lex = reply_lexicon()["holding_statement"]
        checking = phrases("premature_claims", "being_checked").search(answer)
        timed = re.search(lex["time_pattern"], answer, flags=re.IGNORECASE)
        if not (checking and timed):
            return not_yet(
                "The sandwich is right, but the reply does not say what is still being checked "
                f"and when the results come (due {results_due}).",
                "Add a sentence such as 'The water is being tested; results are due by 1 pm.'",
            )
    blocking = [f for f in report.warnings if f.code == "no_next_step"]
    if not report.passes or blocking:
        issues = " ".join(f"{f.message} {f.advice}" for f in (report.errors + blocking)[:3])
        return not_yet(f"The sandwich is right, but: {issues}")
    return passed(
        f"A truth sandwich (score {report.score} / 100): the fact first and last, the myth "
        "once, flagged as false."
    )
