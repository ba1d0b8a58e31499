"""Checks for exercise 01 (Write for everyone): fix three faulty drafts of a heatwave advisory.

Every judgement comes from the drafting engine (``postlab.drafting.analyze``) and the
scenario's key facts (``data/scenarios.yaml``): a fixed draft has no "must fix" finding,
the particular fault is gone, and the dates, helpline and link are still there.
"""

from __future__ import annotations

from typing import Any

from postlab.drafting import Report, analyze
from postlab.exercises.checks import Outcome, missing_mentions, not_yet, passed
from postlab.scenarios import get_scenario

__all__ = ["FAULTY_DRAFTS", "LESSON", "SCENARIO"]

LESSON = "01-write-for-everyone"
#: The exercise's scenario: the Navapur heatwave advisory.
SCENARIO = "heatwave-advisory"

#: The three drafts the trainee fixes, as a colleague might have written them.
FAULTY_DRAFTS = {
    "too-long": (
        "The Navapur State Disaster Management Authority would like to inform all citizens that a "
        "heatwave is expected across the state from 12 May 2026 to 16 May 2026 and that people are "
        "therefore requested to drink plenty of water at regular intervals and avoid going out in "
        "the sun in the afternoon hours. In case of dizziness, call 1800-000-4477. Details and "
        "cooling centres: https://example.com/navapur/heatwave"
    ),
    "accessibility": (
        "HEATWAVE WARNING 12 May to 16 May!\n"
        "🔥 Drink water often\n"
        "🔥 Stay in the shade\n"
        "🔥 Check on older neighbours\n"
        "Helpline 1800-000-4477, advice at https://example.com/navapur/heatwave "
        "#heatwavewarning #navapurstaysafe"
    ),
    "image-post": (
        "Cooling centres are open in every district from 12 May to 16 May. Helpline "
        "1800-000-4477. For the list, click here https://example.com/navapur/heatwave"
    ),
}

_ACCESSIBILITY_CODES = (
    "all_caps",
    "hashtag_not_camelcase",
    "emoji_bullets",
    "too_many_emoji",
    "emoji_in_word",
)


def _not_text(answer: Any) -> Outcome | None:
    """A 'not yet' when the answer is not text, else None."""
    if isinstance(answer, str):
        return None
    return not_yet(
        f"The answer is {type(answer).__name__}, not text.",
        "A post is text: put it inside quotes.",
    )


def _must_fix(report: Report) -> Outcome | None:
    """A 'not yet' naming the first error finding, else None."""
    if report.passes:
        return None
    first = report.errors[0]
    return not_yet(f"Must fix: {first.message}", first.advice)


def _facts_lost(text: str) -> Outcome | None:
    """A 'not yet' naming the key facts the draft dropped, else None."""
    missing = get_scenario(SCENARIO).missing_facts(text)
    if not missing:
        return None
    lost = "; ".join(f"{f.label} ({f.value})" for f in missing)
    return not_yet(
        f"The fix lost key facts: {lost}.",
        "Cut words, never facts: people need the dates, the helpline and the link.",
    )


def _first_of(report: Report, codes: tuple[str, ...]) -> Outcome | None:
    """A 'not yet' for the first finding whose code is in ``codes``, else None."""
    for finding in report.findings:
        if finding.code in codes:
            return not_yet(finding.message, finding.advice)
    return None


def fix_too_long(answer: Any) -> Outcome:
    """Fits on X, no sentence over 25 words, no error, facts kept."""
    if (problem := _not_text(answer)) is not None:
        return problem
    report = analyze(answer, "x")
    for outcome in (
        _must_fix(report),
        _first_of(report, ("long_sentence",)),
        _facts_lost(answer),
    ):
        if outcome is not None:
            return outcome
    return passed(
        f"{report.length} of {report.limit} characters, short sentences, every fact kept."
    )


def fix_accessibility(answer: Any) -> Outcome:
    """No accessibility finding left, no error, facts kept."""
    if (problem := _not_text(answer)) is not None:
        return problem
    report = analyze(answer, "x")
    for outcome in (
        _must_fix(report),
        _first_of(report, _ACCESSIBILITY_CODES),
        _facts_lost(answer),
    ):
        if outcome is not None:
            return outcome
    return passed("A screen reader can read this one aloud clearly, and every fact is still there.")


def fix_image_post(answer: Any, *, alt_mentions: list[dict[str, Any]] = ()) -> Outcome:
    """A dict with the post and its alt text: alt text given and useful, a clear call to action."""
    if not isinstance(answer, dict) or not {"post", "alt_text"} <= set(answer):
        return not_yet(
            "The answer needs both the post and its alt text.",
            'Keep the shape of the cell: {"post": post_3, "alt_text": alt_text_3}.',
        )
    post, alt = answer["post"], answer["alt_text"]
    problem = _not_text(post) or _not_text(alt)
    if problem is not None:
        return problem
    if len(alt.split()) < 4:
        return not_yet(
            "The alt text is too short to tell someone what the image shows.",
            "Describe it in a sentence: what it shows and any text in it.",
        )
    missing = missing_mentions(alt, list(alt_mentions))
    if missing:
        return not_yet(
            f"The alt text does not yet say {' or '.join(missing)}: someone who cannot see the "
            "image would not know what it shows.",
            "Describe what is in the image, as you would on the phone to a colleague.",
        )
    report = analyze(post, "x", alt_text=alt, has_image=True)
    for outcome in (
        _must_fix(report),
        _first_of(report, ("alt_text_prefix", "vague_call_to_action", "no_call_to_action")),
        _facts_lost(post),
    ):
        if outcome is not None:
            return outcome
    return passed("Useful alt text and a call to action that says what happens: well done.")
