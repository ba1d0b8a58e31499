"""Checks for exercise 04 (Simulating engagement): predict, compute rates, find the best hour.

Every check that needs the model runs it itself, seeded, with the same audience and
post as the exercise notebook, so the right answer is whatever the model says, not a
number copied into this file.
"""

from __future__ import annotations

import math
import numbers
import re
from functools import cache
from typing import Any

from postlab.exercises.checks import Outcome, not_yet, passed

__all__ = [
    "BEST_HOUR_SEGMENT",
    "LESSON",
    "PREDICTION_OPTIONS",
    "best_hour",
    "engagement_rates",
    "predict_rate",
    "which_rate",
]

LESSON = "04-simulating-engagement"

#: The exercise's audience (the same in the notebook).
_FOLLOWERS = 20_000
_AUDIENCE_SEED = 3

#: Question 1: engagement rate by followers of a plain text post, three orders of magnitude.
PREDICTION_OPTIONS: dict[str, float] = {"A": 0.03, "B": 0.003, "C": 0.0003}
_PREDICTION_RUNS = 10
_PREDICTION_SEED = 1

#: Question 2: the result the trainee computes rates from (the notebook runs the same).
_RATES_POST = {"format": "image", "hour": 19, "languages": ("hi",), "topic": "health"}
_RATES_SEED = 4
#: Rounding a rate to two or three figures is fine; another definition is 20 % or more away.
_RATE_TOLERANCE = 0.02
_RATES = ("by_reach", "by_followers", "by_impressions")
_DENOMINATORS = {"by_reach": "reach", "by_followers": "followers", "by_impressions": "impressions"}

#: Question 4: the sweep the trainee reads (the notebook runs the same).
BEST_HOUR_SEGMENT = "rural_families"
_SWEEP_POST = {"topic": "agriculture", "languages": ("hi", "regional")}
_SWEEP_RUNS = 10
_SWEEP_SEED = 5
#: An hour within 10 % of the best is as good in practice (the two daily peaks differ less).
_NEAR_BEST = 0.90


@cache
def _audience():
    """The exercise's audience: small, seeded, built once per kernel."""
    from postlab.audience import Audience

    return Audience.synthetic(followers=_FOLLOWERS, seed=_AUDIENCE_SEED)


@cache
def _reference_rate() -> float:
    """Engagement rate by followers of a plain text post (Hindi and English, 10:00)."""
    from postlab.simulation import Post, simulate

    result = simulate(Post(), _audience(), runs=_PREDICTION_RUNS, seed=_PREDICTION_SEED)
    return result.engagement_rate.by_followers


def _option(answer: Any) -> str | None:
    """The option letter an answer means ("c", "C", "C)"...), or None."""
    if not isinstance(answer, str):
        return None
    letter = answer.strip().upper().rstrip(").")
    return letter if letter in PREDICTION_OPTIONS else None


def predict_rate(answer: Any) -> Outcome:
    """The option nearest (on a log scale) to the simulated rate by followers."""
    letter = _option(answer)
    if letter is None:
        return not_yet(f"{answer!r} is not one of the options.", 'Answer "A", "B" or "C".')
    rate = _reference_rate()
    right = min(PREDICTION_OPTIONS, key=lambda k: abs(math.log(PREDICTION_OPTIONS[k] / rate)))
    said = f"The model gives {rate:.3%} of followers ({rate * 10_000:.1f} in 10,000)"
    if letter != right:
        guess = PREDICTION_OPTIONS[letter]
        return not_yet(
            f"{said}: option {letter} ({guess:.2%}) is {max(guess / rate, rate / guess):.0f} "
            "times off.",
        )
    return passed(f"{said}, close to the Rival IQ 2023 median for X of 0.035 %.")


def _number(value: Any) -> float | None:
    """A finite number, or None (booleans and text are not numbers here)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return None
    value = float(value)
    return value if math.isfinite(value) else None


@cache
def _rates_result():
    """The result of question 2, exactly as the notebook computes it."""
    from postlab.simulation import Post, simulate

    return simulate(Post(**_RATES_POST), _audience(), seed=_RATES_SEED)


def _close(value: float, target: float) -> bool:
    """Equal up to rounding."""
    return target > 0 and abs(value - target) <= _RATE_TOLERANCE * target


def _diagnose(name: str, value: float, result: Any) -> str:
    """Why ``value`` is not the rate ``name``: a percentage, clicks counted, another rate."""
    right = getattr(result.engagement_rate, name)
    if _close(value, right * 100):
        return f"{name} looks like a percentage: give the fraction (do not multiply by 100)."
    counted = sum(result.engagements[k] for k in ("like", "reply", "reshare"))
    denominator = {"reach": result.reach, "followers": result.followers}
    denominator["impressions"] = result.impressions
    with_clicks = (counted + result.engagements["click"]) / denominator[_DENOMINATORS[name]]
    if _close(value, with_clicks):
        return f"{name} counts clicks: engagements here are likes, replies and reshares only."
    for other in _RATES:
        if other != name and _close(value, getattr(result.engagement_rate, other)):
            return (
                f"{name} is divided by the {_DENOMINATORS[other]}, not the {_DENOMINATORS[name]}."
            )
    return f"{name} = {value:.6f} does not match this result."


def reference_rates() -> dict[str, float]:
    """Question 2's three rates as the model gives them (the question's right answer)."""
    rate = _rates_result().engagement_rate
    return {name: float(getattr(rate, name)) for name in _RATES}


def percent_rates() -> dict[str, float]:
    """The same rates as percentages: the tempting slip the question warns about."""
    return {name: 100 * value for name, value in reference_rates().items()}


def swapped_rates() -> dict[str, float]:
    """By reach and by impressions swapped: the other tempting slip."""
    right = reference_rates()
    return {**right, "by_reach": right["by_impressions"], "by_impressions": right["by_reach"]}


def engagement_rates(answer: Any) -> Outcome:
    """Each rate equals the result's own ``engagement_rate`` up to rounding."""
    if not isinstance(answer, dict) or not set(_RATES) <= set(answer):
        return not_yet(
            "The answer should hold the three rates.",
            'Keep the shape: {"by_reach": ..., "by_followers": ..., "by_impressions": ...}.',
        )
    result = _rates_result()
    problems = []
    for name in _RATES:
        value = _number(answer[name])
        if value is None:
            problems.append(f"{name}={answer[name]!r} is not a number.")
        elif not _close(value, getattr(result.engagement_rate, name)):
            problems.append(_diagnose(name, value, result))
    if problems:
        return not_yet(
            " ".join(problems),
            "Use the result from the cell above, unchanged, and its engagements dict.",
        )
    rate = result.engagement_rate
    return passed(
        f"All three match: by reach {rate.by_reach:.3%}, by followers {rate.by_followers:.3%}, "
        f"by impressions {rate.by_impressions:.3%}. Same engagements, three stories."
    )


def which_rate(answer: Any) -> Outcome:
    """By followers: what the Rival IQ benchmark compares."""
    if not isinstance(answer, str):
        return not_yet("Answer with the name of a rate, in quotes.", 'For example "by_reach".')
    words = re.sub(r"[\s_\-]+", " ", answer.strip().lower())
    named = [name for name, word in _DENOMINATORS.items() if word.rstrip("s") in words]
    if len(named) != 1:
        return not_yet(
            f"{answer!r} does not name one rate.",
            'Answer "by_reach", "by_followers" or "by_impressions".',
        )
    if named[0] != "by_followers":
        return not_yet(
            f"{named[0]} depends on how many people the post happened to reach or how often it "
            "was shown: it is not what benchmarks divide by."
        )
    return passed(
        "Yes: benchmarks such as Rival IQ divide by followers, so every account is compared on "
        "the same footing. Rate by reach flatters a post few people saw."
    )


@cache
def _sweep() -> dict[int, float]:
    """Mean reach in the target segment for a post at each hour of a weekday."""
    from postlab.simulation import Post, simulate

    post = Post(**_SWEEP_POST)
    return {
        hour: float(
            simulate(
                post.replace(hour=hour), _audience(), runs=_SWEEP_RUNS, seed=_SWEEP_SEED
            ).by_segment.loc[BEST_HOUR_SEGMENT, "reached"]
        )
        for hour in range(24)
    }


def best_hour(answer: Any) -> Outcome:
    """Any hour whose reach is within 10 % of the sweep's best."""
    if isinstance(answer, bool) or not isinstance(answer, int) or not 0 <= answer <= 23:
        return not_yet(
            f"{answer!r} is not an hour: use a whole number from 0 to 23, without quotes.",
            "For example 21 for 9 in the evening.",
        )
    reach = _sweep()
    top = max(reach, key=reach.__getitem__)
    said = (
        f"At {answer:02d}:00 the post reaches about {reach[answer]:,.0f} rural families; "
        f"the best hour, {top:02d}:00, reaches {reach[top]:,.0f}."
    )
    if reach[answer] < _NEAR_BEST * reach[top]:
        return not_yet(f"{said} That is more than 10 % below the best.")
    return passed(
        f"{said} Within 10 % of the best: as good in practice. Posting at or just before "
        "the segment's peak catches people as they open the app."
    )
