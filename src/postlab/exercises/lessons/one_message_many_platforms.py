"""Checks for exercise 02 (One message, many platforms): the scholarship deadline, four ways.

An X thread, an Instagram caption with alt text, a Facebook post, and a Hindi version
whose facts match the English. Each is judged by the drafting engine for its own
platform, and against the key facts of the scenario in ``data/scenarios.yaml``.
"""

from __future__ import annotations

from typing import Any

from postlab.drafting import Report, analyze, compare_facts, detect_language, split_thread
from postlab.errors import PostLabValueError
from postlab.exercises.checks import Outcome, missing_mentions, not_yet, passed
from postlab.scenarios import get_scenario

__all__ = ["LESSON", "SCENARIO"]

LESSON = "02-one-message-many-platforms"
#: The exercise's scenario: the Navapur Merit Scholarship deadline extension.
SCENARIO = "scholarship-deadline"
_MIN_HINDI_SHARE = 0.5
_MIN_ALT_WORDS = 4
_CTA_CODES = ("no_call_to_action", "vague_call_to_action")


def _not_text(answer: Any, what: str) -> Outcome | None:
    """A 'not yet' when ``answer`` is not text, else None."""
    if isinstance(answer, str):
        return None
    return not_yet(f"The {what} is {type(answer).__name__}, not text.", "Put it inside quotes.")


def _problems(report: Report, where: str) -> Outcome | None:
    """A 'not yet' for the first error finding, or a missing or vague call to action."""
    if report.errors:
        first = report.errors[0]
        return not_yet(f"{where}: {first.message}", first.advice)
    for finding in report.findings:
        if finding.code in _CTA_CODES:
            return not_yet(f"{where}: {finding.message}", finding.advice)
    return None


def _facts_lost(text: str, where: str) -> Outcome | None:
    """A 'not yet' naming the key facts ``text`` dropped, else None."""
    missing = get_scenario(SCENARIO).missing_facts(text)
    if not missing:
        return None
    lost = "; ".join(f"{f.label} ({f.value})" for f in missing)
    return not_yet(
        f"{where} lost key facts: {lost}.",
        "Every version keeps the date, the amount, the helpline and the link.",
    )


def _thread_parts(answer: Any) -> list[str] | Outcome:
    """The thread's posts: a list as given, or a long text split as X would need."""
    if isinstance(answer, str):
        try:
            return split_thread(answer, "x")
        except PostLabValueError as exc:
            return not_yet(str(exc), "Shorten the link or hashtag, or leave it out.")
    if isinstance(answer, list | tuple) and all(isinstance(p, str) for p in answer):
        return [p for p in answer if p.strip()]
    return not_yet(
        "A thread is a list of posts, each in quotes.",
        'For example: ["1/3 First post ...", "2/3 ...", "3/3 ..."]',
    )


def x_thread(answer: Any) -> Outcome:
    """Each post fits X with no error; the first asks people to act; all facts are kept."""
    parts = _thread_parts(answer)
    if isinstance(parts, Outcome):
        return parts
    if not 2 <= len(parts) <= 6:
        return not_yet(
            f"The thread has {len(parts)} post(s); make it 2 to 6.",
            "One post is not a thread; more than 6 and few people read to the end.",
        )
    for i, part in enumerate(parts, start=1):
        report = analyze(part, "x")
        if report.errors:
            first = report.errors[0]
            return not_yet(f"Post {i}: {first.message}", first.advice)
    first_problem = _problems(analyze(parts[0], "x"), "Post 1")
    if first_problem is not None:
        return first_problem
    lost = _facts_lost(" ".join(parts), "The thread")
    if lost is not None:
        return lost
    return passed(f"{len(parts)} posts, each within 280, with the call to action up front.")


def instagram_caption(answer: Any, *, alt_mentions: list[dict[str, Any]] = ()) -> Outcome:
    """A dict with caption and alt text: no error on Instagram, useful alt text, facts kept."""
    if not isinstance(answer, dict) or not {"caption", "alt_text"} <= set(answer):
        return not_yet(
            "The answer needs the caption and the alt text.",
            'Keep the shape of the cell: {"caption": caption, "alt_text": alt_text}.',
        )
    caption, alt = answer["caption"], answer["alt_text"]
    problem = _not_text(caption, "caption") or _not_text(alt, "alt text")
    if problem is not None:
        return problem
    if len(alt.split()) < _MIN_ALT_WORDS:
        return not_yet(
            "The alt text is too short to say what the poster shows.",
            "Describe the poster and read out the words on it.",
        )
    report = analyze(caption, "instagram", alt_text=alt, has_image=True)
    missing = missing_mentions(alt, list(alt_mentions))
    for outcome in (
        _problems(report, "Caption"),
        next(
            (not_yet(f.message, f.advice) for f in report.findings if f.code == "alt_text_prefix"),
            None,
        ),
        not_yet(
            f"The alt text does not yet say {' or '.join(missing)}: the words on a poster are "
            "the message, and a screen reader can only read what the alt text says.",
            "Describe the poster and read out the words on it.",
        )
        if missing
        else None,
        _facts_lost(caption, "The caption"),
    ):
        if outcome is not None:
            return outcome
    return passed(f"{report.length} of {report.limit} characters, with alt text and every fact.")


def facebook_post(answer: Any) -> Outcome:
    """No error, no sentence over 25 words, a clear call to action, every key fact."""
    if (problem := _not_text(answer, "post")) is not None:
        return problem
    report = analyze(answer, "facebook")
    for outcome in (
        _problems(report, "The post"),
        next(
            (not_yet(f.message, f.advice) for f in report.findings if f.code == "long_sentence"),
            None,
        ),
        _facts_lost(answer, "The post"),
    ):
        if outcome is not None:
            return outcome
    return passed("Clear, complete and with one next step.")


def hindi_version(answer: Any) -> Outcome:
    """Mostly Devanagari, no error, a call to action, and facts that match the English."""
    if not isinstance(answer, dict) or not {"english", "hindi"} <= set(answer):
        return not_yet(
            "The answer needs the English post and its Hindi version.",
            'Keep the shape of the cell: {"english": facebook_post, "hindi": hindi_post}.',
        )
    english, hindi = answer["english"], answer["hindi"]
    problem = _not_text(english, "English post") or _not_text(hindi, "Hindi post")
    if problem is not None:
        return problem
    share = detect_language(hindi).shares.get("Devanagari", 0.0)
    if share < _MIN_HINDI_SHARE:
        return not_yet(
            f"Only {share:.0%} of the letters are in Devanagari: this is not yet a Hindi version.",
            "Write the post in Hindi; only the link stays in Latin letters.",
        )
    for outcome in (
        _problems(analyze(hindi, "facebook"), "Hindi post"),
        _facts_lost(hindi, "The Hindi post"),
    ):
        if outcome is not None:
            return outcome
    comparison = compare_facts(english, hindi)
    if not comparison.matches:
        return not_yet(
            "The two versions do not say the same: "
            + " ".join(m.message for m in comparison.mismatches),
            "Make every number, date, phone number and link the same in both.",
        )
    return passed("Same facts in both languages: no citizen gets a different date or number.")
