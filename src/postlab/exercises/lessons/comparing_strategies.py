"""Checks for exercise 05 (Comparing strategies): common random numbers, beat a baseline, A/B tests.

The strategy check runs :func:`postlab.strategies.compare` itself, seeded, on the same
small audience as the exercise notebook, so the right answer is whatever the model says
under the stated objective and posting cap, not a number copied into this file. The A/B
check reads each test with :func:`postlab.strategies.ab_test`.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from postlab.exercises.checks import Outcome, not_yet, passed

__all__ = [
    "AB_TESTS",
    "CAP_PER_DAY",
    "LESSON",
    "OBJECTIVE_METRIC",
    "ab_verdicts",
    "beat_baseline",
    "daily_strategy",
]

LESSON = "05-comparing-strategies"

#: The exercise's audience and comparison (the same in the notebook).
_FOLLOWERS = 20_000
_AUDIENCE_SEED = 5
_RUNS = 60
_SEED = 11
_BASELINE = "daily-10am"

#: Question 2: the stated objective and the posting cap.
TARGET_SEGMENT = "rural_families"
OBJECTIVE_METRIC = f"reach_{TARGET_SEGMENT}"
_BASELINE_TIMES = ["10:00", "10:30"]
_BASELINE_LANGUAGES = ["hi", "en"]
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


def _times(answer: dict) -> list[str]:
    """The posting times of an answer (``"times"`` or ``"time"``): a list, or text such as
    "08:00 and 20:00"."""
    times = answer.get("times", answer.get("time"))
    if isinstance(times, str):
        times = [t for t in re.split(r"\s*(?:,|;|\band\b|&|\+)\s*", times.strip()) if t]
    if isinstance(times, list | tuple) and times and all(isinstance(t, str) for t in times):
        return [_clock(t) for t in times]
    msg = 'give the times as clock times, for example "08:00 and 20:00"'
    raise ValueError(msg)


_CLOCK = re.compile(r"^\s*(\d{1,2})(?:[:.](\d\d))?\s*(am|pm|a\.m\.|p\.m\.)?\s*$", re.IGNORECASE)


def _clock(text: str) -> str:
    """ "8 am", "8:30 pm", "20.00" -> "08:00", "20:30", "20:00"; anything else unchanged."""
    found = _CLOCK.match(text)
    if not found:
        return text
    hour, minute = int(found[1]), int(found[2] or 0)
    half = (found[3] or "").lower().replace(".", "")
    if half == "pm" and hour < 12:
        hour += 12
    if half == "am" and hour == 12:
        hour = 0
    return f"{hour:02d}:{minute:02d}" if hour < 24 and minute < 60 else text


def _languages(value: Any) -> Any:
    """Languages as codes: a list, or text such as "Hindi and regional"."""
    if isinstance(value, str):
        return [p for p in re.split(r"\s*(?:,|\band\b|\+|/|&)\s*", value.strip()) if p]
    return value


def daily_strategy(answer: dict, *, name: str = "Your strategy"):
    """The strategy an answer describes: the same posts every day of the week.

    Parameters
    ----------
    answer : dict
        ``{"times": "08:00 and 20:00", "format": "image", "languages": "Hindi and English"}``
        (lists work too).
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
            languages=_languages(answer.get("languages", ("hi", "en"))),
        )
        for day in WEEKDAYS
        for time in _times(answer)
    ]
    return Strategy(name=name, posts=posts, cap_per_day=CAP_PER_DAY)


def _reading_fit(strategy: Any) -> float:
    """How well the target segment reads the strategy's language(s), 0 to 1."""
    from postlab.simulation import Post
    from postlab.simulation.factors import expected_language_factor
    from postlab.simulation.segments import segment_specs

    index = [s.name for s in segment_specs()].index(TARGET_SEGMENT)
    post = Post(languages=strategy.posts[0].languages)
    return float(expected_language_factor(post)[index])


def _gain(first: Any, second: Any) -> Any:
    """The target metric's row for ``second`` against ``first``, under common random numbers."""
    from postlab.strategies import compare

    result = compare([first, second], _audience(), runs=_RUNS, seed=_SEED)
    return result.metric(OBJECTIVE_METRIC).loc[second.name]


def beat_baseline(answer: Any) -> Outcome:
    """Reach more rural families than the baseline, in a language they read, by choosing the
    hours well: more posts alone must not pass.

    Three comparisons, all seeded under common random numbers: against the baseline;
    against the same number of posts at the baseline's hour (so extra volume alone does
    not pass); and the reading fit of the languages against the baseline's.
    """
    from postlab.errors import PostLabError
    from postlab.strategies import preset

    if not isinstance(answer, dict):
        return not_yet(
            "The answer should give the times, the format and the languages.",
            "Fill in the three values above: times, format and languages.",
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
        same_volume = daily_strategy(
            {**answer, "times": _BASELINE_TIMES[: len(times)], "languages": _BASELINE_LANGUAGES},
            name="Same number of posts at 10:00",
        )
    except (PostLabError, ValueError) as err:
        return not_yet(
            f"This is not a schedule yet: {err}.", 'For example: times "08:00 and 20:00".'
        )
    baseline = preset(_BASELINE)
    row = _gain(baseline, mine)
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
        return not_yet(f"{said} {tail}", "Post when rural families are online (lesson 03).")
    fit, base_fit = _reading_fit(mine), _reading_fit(baseline)
    if fit < base_fit - 1e-9:
        return not_yet(
            f"{said} But rural families read these posts less well than the baseline's "
            f"(reading fit {fit:.0%} against {base_fit:.0%}): most read Hindi or the regional "
            "language first.",
            "Keep Hindi, or add the regional language.",
        )
    if len(times) > 1:
        volume = _gain(same_volume, mine)
        if volume["diff_low"] <= 0:
            return not_yet(
                f"{said} But {len(times)} posts a day at 10:00 would do as well "
                f"({volume['mean'] - volume['diff']:,.0f}): the gain comes from posting more, "
                "not from posting when rural families are online.",
                "Move the posts to the hours rural families are online (lesson 03).",
            )
    return passed(
        f"{said} The interval excludes zero, the posts go out when rural families are online, "
        "in a language they read. A teaching model, not a forecast: test it on your real account."
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
