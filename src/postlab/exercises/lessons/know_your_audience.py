"""Checks for exercise 03 (Know your audience): read the segments, then reach one of them.

The first two questions are read off the segment table (the right answer comes from
``data/segments.yaml``, not from this file). The scenario question runs the simulator,
seeded, on a small audience over several runs, and passes when the trainee's hour and
language reach the target segment clearly better than the department's naive habit.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from postlab.exercises.checks import Outcome, not_yet, passed

__all__ = [
    "LESSON",
    "NAIVE_HOUR",
    "NAIVE_LANGUAGES",
    "TARGET_SEGMENT",
    "english_readers",
    "most_sceptical",
    "reach_the_target",
]

LESSON = "03-know-your-audience"

#: The scenario: a doorstep pension-camp announcement meant for seniors.
TARGET_SEGMENT = "seniors"
#: What the department did last time: posted when the draft was approved, in English.
NAIVE_HOUR = 15
NAIVE_LANGUAGES: tuple[str, ...] = ("en",)

_FOLLOWERS = 20_000
_AUDIENCE_SEED = 3
_RUN_SEED = 11
_RUNS = 20
#: How much better than the naive choice counts as "clearly better", not luck.
_MARGIN = 1.10
_NAMES = {"hi": "Hindi", "en": "English", "regional": "regional language"}


def _specs() -> tuple:
    """The segments as the model knows them (imported late: checks load fast)."""
    from postlab.simulation.segments import segment_specs

    return segment_specs()


def _key(text: str) -> str:
    """Lower case with spaces and underscores folded, for forgiving comparisons."""
    return re.sub(r"[\s_\-]+", " ", text.strip().lower())


def _segment(answer: Any) -> str | None:
    """The segment name an answer means (by name or label), or None."""
    if not isinstance(answer, str):
        return None
    wanted = _key(answer)
    for spec in _specs():
        if wanted in (_key(spec.name), _key(spec.label)):
            return spec.name
    return None


def _segment_names() -> str:
    """Segment names, quoted, for hints."""
    return ", ".join(f'"{spec.name}"' for spec in _specs())


def _label(name: str) -> str:
    """The plain label of a segment name."""
    return next(spec.label for spec in _specs() if spec.name == name)


def _segment_question(
    answer: Any, right: str, fact: Callable[[Any], str], *, best: str, other: str
) -> Outcome:
    """Shared body of the read-the-table questions; ``fact`` describes one segment."""
    name = _segment(answer)
    if name is None:
        return not_yet(
            f"{answer!r} is not one of the segments.",
            f"Use one of these names, in quotes: {_segment_names()}.",
        )
    spec = next(s for s in _specs() if s.name == name)
    if name != right:
        return not_yet(f"Not {spec.label}: {fact(spec)}. {other}")
    return passed(f"Yes, {spec.label}: {fact(spec)}, {best}.")


def most_sceptical(answer: Any) -> Outcome:
    """The segment with the lowest stance toward the account (read from the data file)."""
    right = min(_specs(), key=lambda s: s.stance)
    return _segment_question(
        answer,
        right.name,
        lambda spec: f"stance toward the account {spec.stance:+.1f}",
        best="the lowest of all segments",
        other="Another segment is lower.",
    )


def english_readers(answer: Any) -> Outcome:
    """The segment with the largest share reading English first (read from the data file)."""
    from postlab.simulation.defaults import LANGUAGES

    english = LANGUAGES.index("en")
    right = max(_specs(), key=lambda s: s.primary[english])
    return _segment_question(
        answer,
        right.name,
        lambda spec: f"{spec.primary[english]:.0%} read English first",
        best="more than in any other segment",
        other="One segment has more.",
    )


def _hour(value: Any) -> int | None:
    """An hour 0-23 from a number or text such as "9" or "09:00", else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        match = re.fullmatch(r"\s*(\d{1,2})(?::\d{2})?\s*(am|pm)?\s*", value.lower())
        if not match:
            return None
        hour = int(match[1])
        if match[2] == "pm" and hour < 12:
            hour += 12
        if match[2] == "am" and hour == 12:
            hour = 0
        value = hour
    if isinstance(value, int) and 0 <= value <= 23:
        return value
    return None


def _languages(value: Any) -> tuple[str, ...] | None:
    """Language codes from "hi", "Hindi", "Hindi and regional" or a list; None if unclear."""
    from postlab.simulation import Post

    if isinstance(value, str):
        value = [p for p in re.split(r"\s*(?:,|\band\b|\+|/|&)\s*", value.strip()) if p]
    try:
        return Post(languages=value).languages
    except (TypeError, ValueError):
        return None


@dataclass(frozen=True)
class _Score:
    """How well one choice reaches the target segment, averaged over the runs."""

    reached: float
    fit: float

    @property
    def readers(self) -> float:
        """Target people reached, weighted by how well they read the post's language."""
        return self.reached * self.fit


@cache
def _audience():
    """The scenario's audience: small, seeded, built once per kernel."""
    from postlab.audience import Audience

    return Audience.synthetic(followers=_FOLLOWERS, seed=_AUDIENCE_SEED)


@cache
def _score(hour: int, languages: tuple[str, ...]) -> _Score:
    """Simulate the pension-camp post at ``hour`` in ``languages``; score the target segment."""
    from postlab.simulation import Post, simulate
    from postlab.simulation.factors import expected_language_factor

    post = Post(hour=hour, languages=languages, topic="pensions")
    result = simulate(post, _audience(), runs=_RUNS, seed=_RUN_SEED)
    index = [spec.name for spec in _specs()].index(TARGET_SEGMENT)
    return _Score(
        reached=float(result.by_segment.loc[TARGET_SEGMENT, "reached"]),
        fit=float(expected_language_factor(post)[index]),
    )


def _describe(score: _Score, what: str) -> str:
    """One sentence on a scored choice."""
    return (
        f"{what}: about {score.reached:,.0f} {_label(TARGET_SEGMENT).lower()} reached, "
        f"reading fit {score.fit:.2f}, so {score.readers:,.0f} readers"
    )


def reach_the_target(answer: Any) -> Outcome:
    """Pass when both the hour and the language reach seniors better than English at 15:00.

    The hour must reach at least 10 % more seniors than 15:00 (means of several seeded
    runs, so a lucky run cannot pass) and the language must be read better than English.
    """
    if not isinstance(answer, dict):
        return not_yet(
            "The answer should hold the segment, the hour and the language.",
            'Keep the shape: {"segment": ..., "hour": ..., "languages": ...}.',
        )
    segment = _segment(answer.get("segment"))
    if segment is None:
        return not_yet(
            f"{answer.get('segment')!r} is not one of the segments.",
            f"Use one of these names, in quotes: {_segment_names()}.",
        )
    if segment != TARGET_SEGMENT:
        return not_yet(
            f"The camp is for pensioners; {_label(segment)} are not the people it serves.",
            "Which segment in the table is interested in pensions?",
        )
    hour = _hour(answer.get("hour"))
    if hour is None:
        return not_yet(
            f"hour={answer.get('hour')!r}: the hour should be a whole number from 0 to 23.",
            "For example 19 for 7 in the evening (no quotes).",
        )
    languages = _languages(answer.get("languages"))
    if languages is None:
        return not_yet(
            f"languages={answer.get('languages')!r}: use language codes in quotes.",
            'For example "hi", or ["hi", "regional"] for a post in two languages.',
        )
    mine = _score(hour, languages)
    naive = _score(NAIVE_HOUR, NAIVE_LANGUAGES)
    choice = f"Your post ({hour:02d}:00, {' + '.join(_NAMES[code] for code in languages)})"
    said = (
        f"{_describe(mine, choice)}. "
        f"{_describe(naive, f'The old habit ({NAIVE_HOUR}:00, English)')}. "
        f"(Means of {_RUNS} simulated runs.)"
    )
    if mine.reached < naive.reached * _MARGIN:
        return not_yet(
            said,
            f"{hour:02d}:00 does not reach clearly more seniors than {NAIVE_HOUR}:00 "
            "(10 % more at least): look at when they are online.",
        )
    if mine.fit <= naive.fit:
        return not_yet(said, "The hour works; now write in the language most seniors read first.")
    return passed(f"{said} {mine.readers / naive.readers:.1f} times as many readers.")
