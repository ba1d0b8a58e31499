"""Expected values without sampling: calibration and the what-if comparisons of ``explain``.

For followers only (reshares excluded), the expected share of each segment
that sees a post and the expected chance of each action per view follow in
closed form from the exposure model, averaged over people's activeness with
Gauss-Hermite quadrature.  The calibration scale makes a plain text post land
on the platform's published engagement per follower (Rival IQ 2023).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np

from postlab.platforms import get_platform
from postlab.simulation.defaults import KINDS, model_defaults
from postlab.simulation.factors import (
    action_multipliers,
    expected_language_factor,
    interest_multipliers,
)
from postlab.simulation.feed import ranking_boost, ranking_score, remaining_exposure, session_rates
from postlab.simulation.post import Post
from postlab.simulation.segments import segment_specs

__all__ = ["Expectation", "calibration_scale", "expected", "per_view", "reference_post"]

_NODES, _WEIGHTS = np.polynomial.hermite_e.hermegauss(24)
_WEIGHTS = _WEIGHTS / _WEIGHTS.sum()


def _counted() -> list[int]:
    """Indices of the kinds that count as engagement (Rival IQ definition)."""
    return [KINDS.index(k) for k in model_defaults()["calibration"]["counted_kinds"]]


@dataclass(frozen=True)
class Expectation:
    """Expected outcome among followers: exposure per segment and actions per view."""

    shares: np.ndarray
    exposure: np.ndarray
    per_view: np.ndarray
    boost: float

    @property
    def reach_per_follower(self) -> float:
        """Expected share of followers who see the post."""
        return float(self.shares @ self.exposure)

    @property
    def actions_per_follower(self) -> np.ndarray:
        """Expected actions of each kind per follower."""
        return (self.shares * self.exposure) @ self.per_view

    @property
    def engagement_per_follower(self) -> float:
        """Expected counted engagements (like, reply, reshare) per follower."""
        return float(self.actions_per_follower[_counted()].sum())


def reference_post(post: Post) -> Post:
    """The plain post used as a yardstick: text, Hindi and English, same time and platform."""
    return Post(platform=post.platform, hour=post.hour, minute=post.minute, day=post.day)


def per_view(post: Post, scale: float) -> np.ndarray:
    """Expected chance of each action per view, per segment, shape ``(segments, kinds)``."""
    base = np.array([s.propensity for s in segment_specs()])
    mult = np.prod(list(action_multipliers(post).values()), axis=0)
    segment_factor = interest_multipliers(post) * expected_language_factor(post)
    return np.minimum(base * scale * mult[None, :] * segment_factor[:, None], 1.0)


def _exposure(post: Post, minutes: int, boost: float) -> np.ndarray:
    """Expected share of each segment that sees the post (followers, direct only)."""
    rates = session_rates(post, minutes)
    half_life = get_platform(post.platform).half_life_minutes
    total = remaining_exposure(rates, half_life, boost)[:, 0]
    sigma = float(model_defaults()["sessions"]["activeness_sigma"])
    base = np.array([s.activeness for s in segment_specs()])
    a = base[:, None] * np.exp(sigma * _NODES[None, :] - 0.5 * sigma**2)
    return (-np.expm1(-a * total[:, None])) @ _WEIGHTS


def _boost(post: Post, shares: np.ndarray, scale: float, exposure: np.ndarray) -> float:
    """Ranked-feed boost of ``post`` relative to the reference post for this audience.

    With ``post.author_reply_rate`` set, the account's answers add X's "reply
    engaged by author" term to the post's score (not the reference's), and the
    extra boost they bring is capped at ``ranking.author_reply_boost_max``.
    """
    weights = shares * exposure
    if weights.sum() <= 0:
        return 1.0
    chances = weights @ per_view(post, scale) / weights.sum()
    ref = ranking_score(weights @ per_view(reference_post(post), scale) / weights.sum())
    boost = ranking_boost(ranking_score(chances), ref)
    if post.author_reply_rate is None:
        return boost
    answered = ranking_boost(ranking_score(chances, author_reply_rate=post.author_reply_rate), ref)
    cap = float(model_defaults()["ranking"]["author_reply_boost_max"])
    return min(answered, boost * cap)


def expected(
    post: Post,
    shares: np.ndarray,
    *,
    hours: int = 48,
    feed: str = "ranked",
    scale: float | None = None,
) -> Expectation:
    """Expected exposure and actions among followers, without sampling.

    Example
    -------
    >>> from postlab.simulation.segments import segment_specs
    >>> shares = np.array([s.share for s in segment_specs()])
    >>> 0 < expected(Post(), shares).reach_per_follower < 1
    True
    """
    shares_key = tuple(float(x) for x in np.asarray(shares, dtype=float).reshape(-1))
    scale = calibration_scale(post.platform) if scale is None else float(scale)
    return _expected(post, shares_key, int(hours), feed, scale)


@lru_cache(maxsize=1024)
def _expected(
    post: Post, shares_key: tuple[float, ...], hours: int, feed: str, scale: float
) -> Expectation:
    """``expected`` for hashable arguments (cached: ``explain`` asks the same what-ifs often)."""
    shares = np.array(shares_key)
    minutes = int(hours) * 60
    exposure = _exposure(post, minutes, 1.0)
    boost = 1.0
    if feed == "ranked":
        boost = _boost(post, shares, scale, exposure)
        if boost != 1.0:
            exposure = _exposure(post, minutes, boost)
    chances = per_view(post, scale)
    for array in (shares, exposure, chances):
        array.setflags(write=False)
    return Expectation(shares=shares, exposure=exposure, per_view=chances, boost=boost)


@cache
def calibration_scale(platform: str) -> float:
    """Scale on the segments' relative propensities so a plain post matches the benchmark.

    The reference is a plain text post in Hindi and English at the reference
    hour on a weekday, to the default audience mix; the target is the
    platform's engagement per follower (Rival IQ 2023) divided by a small
    allowance for engagement that arrives through reshares.

    Example
    -------
    >>> calibration_scale("x") > 0
    True
    """
    row = get_platform(platform)
    cal = model_defaults()["calibration"]
    post = Post(platform=row.key, hour=int(cal["reference_hour"]), day="weekday")
    shares = np.array([s.share for s in segment_specs()])
    shares = shares / shares.sum()
    unit = expected(post, shares, hours=48, feed="chronological", scale=1.0)
    target = row.engagement_per_follower / float(cal["cascade_allowance"])
    return float(target / unit.engagement_per_follower)
