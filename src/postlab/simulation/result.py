"""What a simulation returns: counts, rates with their meaning, timeline, segments, cascade."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from postlab.simulation.post import Post

__all__ = ["CascadeStats", "EngagementRate", "Factor", "SimulationResult"]


@dataclass(frozen=True)
class EngagementRate:
    """Engagement rate three ways; the same engagements divided by different counts.

    Engagements are likes, replies and reshares (as in the Rival IQ benchmark;
    clicks and negative feedback are counted separately).
    """

    by_reach: float
    by_followers: float
    by_impressions: float

    def describe(self) -> dict[str, str]:
        """One plain sentence for each definition.

        Example
        -------
        >>> EngagementRate(0.02, 0.001, 0.015).describe()["by_followers"][:21]
        'By followers: 0.100%.'
        """
        return {
            "by_reach": (
                f"By reach: {self.by_reach:.3%}. Engagements divided by the number of "
                "different people who saw the post. Says how convincing the post was to those "
                "who saw it."
            ),
            "by_followers": (
                f"By followers: {self.by_followers:.3%}. Engagements divided by the "
                "account's followers. This is what industry benchmarks (Rival IQ) compare."
            ),
            "by_impressions": (
                f"By impressions: {self.by_impressions:.3%}. Engagements divided by every "
                "time the post was shown (one person can see it several times)."
            ),
        }

    def __str__(self) -> str:
        return "\n".join(self.describe().values())


@dataclass(frozen=True)
class CascadeStats:
    """Shape of the reshare tree (the account at the root, everyone who reshared below).

    ``size`` counts the account plus every person who reshared, ``depth`` is
    the longest chain of reshares, ``structural_virality`` the mean distance
    between two nodes of the tree (Goel et al. 2016: about 2 for a broadcast,
    larger for person-to-person spread).
    """

    size: float
    depth: float
    structural_virality: float


@dataclass(frozen=True)
class Factor:
    """One reason the numbers moved, with its multiplier and a plain sentence."""

    name: str
    multiplier: float
    sentence: str


@dataclass(frozen=True)
class SimulationResult:
    """The outcome of :func:`postlab.simulation.simulate`.

    With ``runs > 1`` the counts are means over runs; :meth:`summary` gives
    intervals and :attr:`runs` one row per run.
    """

    post: Post
    followers: int
    hours: int
    feed: str
    n_runs: int
    impressions: float
    reach: float
    engagements: dict[str, float]
    engagement_rate: EngagementRate
    timeline: pd.DataFrame
    by_segment: pd.DataFrame
    cascade: CascadeStats
    runs: pd.DataFrame
    factors: tuple[Factor, ...]
    reach_curves: np.ndarray = field(repr=False)
    notes: tuple[str, ...] = ()

    def summary(self) -> pd.DataFrame:
        """Mean, spread and interval of every per-run metric.

        Columns: ``mean``; ``low`` and ``high``, between which 95 % of runs
        fell (luck); ``ci_low`` and ``ci_high``, a 95 % interval for the mean.

        Example
        -------
        >>> from postlab.audience import Audience
        >>> from postlab.simulation import Post, simulate
        >>> audience = Audience.synthetic(followers=2_000, seed=1)
        >>> list(simulate(Post(), audience, runs=5, seed=1).summary().columns)
        ['mean', 'sd', 'low', 'high', 'ci_low', 'ci_high']
        """
        table = self.runs.drop(columns="run")
        n = len(table)
        mean = table.mean()
        sd = table.std(ddof=1) if n > 1 else table.mean() * 0.0
        half = 1.96 * sd / np.sqrt(n)
        return pd.DataFrame(
            {
                "mean": mean,
                "sd": sd,
                "low": table.quantile(0.025),
                "high": table.quantile(0.975),
                "ci_low": mean - half,
                "ci_high": mean + half,
            }
        )

    def explain(self) -> list[str]:
        """Which factors moved the numbers and by how much, in plain sentences.

        Example
        -------
        >>> from postlab.audience import Audience
        >>> from postlab.simulation import Post, simulate
        >>> audience = Audience.synthetic(followers=2_000, seed=1)
        >>> lines = simulate(Post(hour=3), audience, seed=1).explain()
        >>> any("03:00" in line for line in lines)
        True
        """
        ordered = sorted(self.factors, key=lambda f: -abs(np.log(max(f.multiplier, 1e-9))))
        return [f.sentence for f in ordered] + list(self.notes)

    def to_dict(self) -> dict[str, Any]:
        """Plain numbers and text (JSON-friendly), without the tables."""
        return {
            "post": {
                k: (list(v) if isinstance(v, tuple) else v) for k, v in vars(self.post).items()
            },
            "followers": self.followers,
            "hours": self.hours,
            "feed": self.feed,
            "runs": self.n_runs,
            "impressions": float(self.impressions),
            "reach": float(self.reach),
            "engagements": {k: float(v) for k, v in self.engagements.items()},
            "engagement_rate": {
                "by_reach": self.engagement_rate.by_reach,
                "by_followers": self.engagement_rate.by_followers,
                "by_impressions": self.engagement_rate.by_impressions,
            },
            "cascade": {
                "size": float(self.cascade.size),
                "depth": float(self.cascade.depth),
                "structural_virality": float(self.cascade.structural_virality),
            },
            "explanation": self.explain(),
        }
