"""Checks for exercise 05 (Comparing strategies): common random numbers, beat a baseline, A/B tests.

The strategy check runs :func:`postlab.strategies.compare` itself, seeded, on the same
small audience as the exercise notebook, so the right answer is whatever the model says
under the stated objective and posting cap, not a number copied into this file. The A/B
check reads each test with :func:`postlab.strategies.ab_test`.
"""

from __future__ import annotations

import math
import numbers
import re
from functools import cache
from typing import Any

from postlab.exercises.checks import Outcome, not_yet, passed, question

__all__ = [
    "AB_TESTS",
    "CAP_PER_DAY",
    "LESSON",
    "OBJECTIVE_METRIC",
    "ab_verdicts",
    "beat_baseline",
    "daily_strategy",
    "same_strategy",
]

LESSON = "05-comparing-strategies"

#: The exercise's audience and comparison (the same in the notebook).
_FOLLOWERS = 20_000
_AUDIENCE_SEED = 5
_RUNS = 60
_SEED = 11
_BASELINE = "daily-10am"

#: Question 2: the stated objective and the posting cap.
OBJECTIVE_METRIC = "reach_rural_families"
CAP_PER_DAY = 2

#: Question 3: three A/B tests as (A clicks, A people, B clicks, B people); ab_test reads them.
AB_TESTS: dict[str, tuple[int, int, int, int]] = {
    "test_1": (180, 12_000, 264, 12_000),
    "test_2": (3, 40, 9, 40),
    "test_3": (412, 20_000, 431, 20_000),
}
_VERDICT_WORDS: tuple[tuple[str, str], ...] = (
    (r"too few|small|not enough|few people", "too few people to tell"),
    (r"no clear|no difference|no real|same|luck|not sure|can.?t tell", "no clear difference yet"),
    (r"\bb\b.*better|better.*\bb\b|^b$", "B is better"),
    (r"\ba\b.*better|better.*\ba\b|^a$", "A is better"),
)


@cache
def _audience():
    """The exercise's audience: small, seeded, built once per kernel."""
    from postlab.audience import Audience

    return Audience.synthetic(followers=_FOLLOWERS, seed=_AUDIENCE_SEED)


@question(
    LESSON,
    "same-strategy",
    asks=(
        "Under common random numbers, what difference in reach does comparing a strategy "
        "with an exact copy of itself give?"
    ),
    hint="Both copies meet exactly the same luck in every run.",
)
def same_strategy(answer: Any) -> Outcome:
    """Exactly zero: the same strategy under the same random numbers."""
    if isinstance(answer, bool) or not isinstance(answer, numbers.Real):
        return not_yet(f"{answer!r} is not a number.", "Write a number, without quotes.")
    if not math.isfinite(float(answer)) or abs(float(answer)) >= 0.5:
        return not_yet(
            f"{answer} is not it: with the same luck in every run, nothing differs between "
            "the two copies, so no person is reached by one and not the other."
        )
    return passed(
        "Exactly 0: same strategy, same luck, same numbers. So any difference between two "
        "different strategies under common random numbers comes from the strategies."
    )


def _times(answer: dict) -> list[str]:
    """The posting times of an answer (``"time"`` or ``"times"``)."""
    times = answer.get("times", answer.get("time"))
    if isinstance(times, str):
        return [times]
    if isinstance(times, list | tuple) and all(isinstance(t, str) for t in times):
        return list(times)
    msg = 'give "times" as a list of clock times, for example ["08:00", "20:00"]'
    raise ValueError(msg)


def daily_strategy(answer: dict, *, name: str = "Your strategy"):
    """The strategy an answer describes: the same posts every day of the week.

    Parameters
    ----------
    answer : dict
        ``{"times": ["08:00", "20:00"], "format": "image", "languages": ["hi", "en"]}``.
    name : str
        Name of the strategy.

    Returns
    -------
    postlab.strategies.Strategy

    Example
    -------
    >>> daily_strategy({"times": ["08:00"], "format": "text", "languages": ["hi"]}).cap_per_day
    2
    """
    from postlab.strategies import WEEKDAYS, ScheduledPost, Strategy

    posts = [
        ScheduledPost(
            day=day,
            time=time,
            format=answer.get("format", "image"),
            languages=answer.get("languages", ("hi", "en")),
        )
        for day in WEEKDAYS
        for time in _times(answer)
    ]
    return Strategy(name=name, posts=posts, cap_per_day=CAP_PER_DAY)


@question(
    LESSON,
    "beat-baseline",
    asks=(
        f"Design a daily schedule (at most {CAP_PER_DAY} posts a day) that reaches more rural "
        "families than the baseline, with a difference whose 95% interval excludes zero."
    ),
    hint="Rural families are online early in the morning and in the evening, mostly in Hindi.",
)
def beat_baseline(answer: Any) -> Outcome:
    """Compare the answer's strategy with the baseline, seeded; the difference must be sure."""
    from postlab.errors import PostLabError
    from postlab.strategies import compare, preset

    if not isinstance(answer, dict):
        return not_yet(
            "The answer should be a dict.",
            'Keep the shape: {"times": [...], "format": "...", "languages": [...]}.',
        )
    unknown = sorted(set(answer) - {"times", "time", "format", "languages"})
    if unknown:
        return not_yet(
            f"{unknown[0]!r} is not part of the answer.", "Use times, format, languages."
        )
    try:
        times = _times(answer)
        if len(times) > CAP_PER_DAY:
            return not_yet(
                f"{len(times)} posts a day is over the posting cap of {CAP_PER_DAY} a day.",
                "More posts always reach more people; the cap makes you choose well.",
            )
        mine = daily_strategy(answer)
    except (PostLabError, ValueError) as err:
        return not_yet(f"This is not a schedule yet: {err}.")
    result = compare([preset(_BASELINE), mine], _audience(), runs=_RUNS, seed=_SEED)
    row = result.metric(OBJECTIVE_METRIC).loc[mine.name]
    said = (
        f"Your schedule reaches {row['mean']:,.0f} rural families a week against "
        f"{row['mean'] - row['diff']:,.0f} for the baseline: a difference of "
        f"{row['diff']:+,.0f} (95% interval {row['diff_low']:+,.0f} to {row['diff_high']:+,.0f})."
    )
    if row["diff_low"] <= 0:
        if row["diff_high"] >= 0:
            tail = "The interval includes zero, so we cannot tell it apart from the baseline."
        else:
            tail = "It reaches fewer, and the interval says that is not luck."
        return not_yet(f"{said} {tail}")
    return passed(
        f"{said} The interval excludes zero: under the same luck, your schedule does better. "
        "A teaching model, not a forecast: test it on your real account."
    )


def _verdict(answer: Any) -> str | None:
    """The verdict an answer means, from its words."""
    if not isinstance(answer, str):
        return None
    words = re.sub(r"\s+", " ", answer.strip().lower())
    for pattern, verdict in _VERDICT_WORDS:
        if re.search(pattern, words):
            return verdict
    return None


@cache
def _reference() -> dict[str, Any]:
    """Each test read by ``ab_test``."""
    from postlab.strategies import ab_test

    return {name: ab_test(*counts) for name, counts in AB_TESTS.items()}


@question(
    LESSON,
    "ab-verdicts",
    asks=(
        "Give the verdict for each of the three A/B tests: 'B is better', 'A is better', "
        "'no clear difference yet' or 'too few people to tell'."
    ),
    hint="Before reading the rates, count the people: each version needs at least 10 who "
    "acted and 10 who did not.",
)
def ab_verdicts(answer: Any) -> Outcome:
    """Each verdict matches the reading of ``ab_test``; the small-sample trap is named."""
    if not isinstance(answer, dict) or not set(AB_TESTS) <= set(answer):
        return not_yet(
            "The answer should hold a verdict for each test.",
            'Keep the shape: {"test_1": "...", "test_2": "...", "test_3": "..."}.',
        )
    reference = _reference()
    wrong = []
    for name in AB_TESTS:
        said = _verdict(answer[name])
        right = reference[name].verdict
        if said is None:
            wrong.append(f"{name}: {answer[name]!r} is not one of the four verdicts.")
        elif said != right:
            wrong.append(f"{name}: not {said!r}.")
    if wrong:
        trap = reference["test_2"]
        hint = (
            f"In test_2 B looks {trap.b_rate / trap.a_rate:.0f} times better, but with so few "
            "people luck alone can do that."
            if _verdict(answer["test_2"]) != trap.verdict
            else "Compare the gap with the p-value: under 0.05, luck rarely makes a gap that size."
        )
        return not_yet(" ".join(wrong), hint)
    return passed(
        "All three right: a real lift in test_1, too few people in test_2 (however big the "
        "gap looks), and a gap luck explains easily in test_3."
    )
