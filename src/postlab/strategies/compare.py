"""``compare``: several strategies, the same audience, the same luck, and how sure we can be.

Every strategy is simulated with the same uniform numbers for run ``i`` and
post position ``j`` (common random numbers), so the difference between two
strategies in one run is the difference the strategy makes, not luck.  The
table gives each metric's mean with a 95 % interval, and the paired
difference to a baseline with its own 95 % interval (Student t over runs).
"""

from __future__ import annotations

import numbers
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from postlab.audience import Audience
from postlab.errors import PostLabTypeError, PostLabValueError
from postlab.seeding import SeedLike, spawn_generators
from postlab.simulation.feed import FEEDS
from postlab.strategies.strategy import Strategy
from postlab.strategies.weekly import (
    HORIZON_HOURS,
    Week,
    count_posts,
    uniform_width,
    week_metrics,
    week_runs,
)
from postlab.validation import whole_number

__all__ = ["LOWER_IS_BETTER", "OBJECTIVES", "Comparison", "compare"]

#: Metrics where a smaller number is the better outcome.
LOWER_IS_BETTER: frozenset[str] = frozenset({"negative", "unfollows"})

#: Objectives a trainee picks from, with the metric each one reads.
OBJECTIVES: dict[str, str] = {
    "Reach the most people": "reach",
    "Highest engagement rate": "engagement_rate",
    "Answer the most replies": "replies_answered",
    "Fewest unfollows": "unfollows",
}

_CHUNK = 50  # runs per progress step


@dataclass(frozen=True)
class Comparison:
    """What :func:`compare` returns.

    Attributes
    ----------
    names : tuple of str
        Strategy names, in the order given.
    baseline : str
        The strategy every other one is compared with.
    table : pandas.DataFrame
        Index ``(strategy, metric)``; columns ``mean``, ``low``, ``high`` (95 %
        interval of the mean), ``diff``, ``diff_low``, ``diff_high`` (paired
        difference to the baseline and its 95 % interval) and ``sure`` (the
        difference interval excludes zero).
    runs : dict of str to pandas.DataFrame
        One row per run for each strategy.
    timeline : pandas.DataFrame
        Mean people reached so far (followers, first time), hour by hour.
    days, n_runs, followers : int
        What was simulated.
    """

    names: tuple[str, ...]
    baseline: str
    table: pd.DataFrame
    runs: dict[str, pd.DataFrame]
    timeline: pd.DataFrame
    days: int
    n_runs: int
    followers: int

    def metric(self, metric: str) -> pd.DataFrame:
        """The table's rows for one metric, one row per strategy.

        Example
        -------
        >>> from postlab.strategies.presets import preset
        >>> aud = Audience.synthetic(followers=2_000, seed=1)
        >>> c = compare([preset("daily-10am"), preset("video-first")], aud, runs=20, seed=1)
        >>> list(c.metric("reach").index)
        ['One big post a day at 10:00', 'Video first']
        """
        self._check_metric(metric)
        return self.table.xs(metric, level="metric")

    def _check_metric(self, metric: object) -> None:
        """Raise a plain error for an unknown metric."""
        if metric not in week_metrics():
            msg = f"metric={metric!r}, must be one of: {', '.join(week_metrics())}"
            raise PostLabValueError(msg)

    def best(self, metric: str = "reach") -> str:
        """Name of the strategy with the best mean (lowest for negative feedback and unfollows).

        Example
        -------
        >>> from postlab.strategies.presets import preset
        >>> aud = Audience.synthetic(followers=2_000, seed=1)
        >>> c = compare([preset("daily-10am"), preset("with-partners")], aud, runs=20, seed=1)
        >>> c.best("reach")
        'Daily post with partner reshares'
        """
        means = self.metric(metric)["mean"]
        return str(means.idxmin() if metric in LOWER_IS_BETTER else means.idxmax())

    def verdict(self, metric: str = "reach") -> str:
        """One paragraph: which strategy did best on ``metric`` and how sure we are.

        Example
        -------
        >>> from postlab.strategies.presets import preset
        >>> aud = Audience.synthetic(followers=2_000, seed=1)
        >>> c = compare([preset("daily-10am"), preset("with-partners")], aud, runs=20, seed=1)
        >>> "partner" in c.verdict("reach")
        True
        """
        rows = self.metric(metric)
        best = self.best(metric)
        label = metric.replace("_", " ")
        fmt = _formatter(metric)
        head = (
            f"On {label}, {best!r} did best: {fmt(rows.loc[best, 'mean'])} on average over "
            f"{self.n_runs} runs of {self.days} days (95% interval {fmt(rows.loc[best, 'low'])} "
            f"to {fmt(rows.loc[best, 'high'])})."
        )
        if best == self.baseline:
            others = [n for n in self.names if n != best]
            sure = [n for n in others if rows.loc[n, "sure"]]
            if not others:
                return head
            if len(sure) == len(others):
                tail = "Every other strategy did worse, and each gap is larger than luck."
            else:
                tail = (
                    "It is the baseline; for some others the gap could still be luck "
                    "(their difference interval includes zero)."
                )
            return f"{head} {tail} This is a teaching model, not a forecast."
        row = rows.loc[best]
        gap = (
            f"Compared with the baseline {self.baseline!r} the difference is "
            f"{fmt(row['diff'], sign=True)} (95% interval {fmt(row['diff_low'], sign=True)} to "
            f"{fmt(row['diff_high'], sign=True)})"
        )
        if row["sure"]:
            sure = "; the interval excludes zero, so the same luck cannot explain it."
        else:
            sure = "; the interval includes zero, so this could still be luck: run more or wait."
        return f"{head} {gap}{sure} This is a teaching model, not a forecast."

    def plot(self, metric: str = "reach"):
        """Bars of ``metric`` with 95 % intervals, and reach over the days.

        Returns
        -------
        matplotlib.figure.Figure

        Example
        -------
        >>> from postlab.strategies.presets import preset
        >>> aud = Audience.synthetic(followers=2_000, seed=1)
        >>> c = compare([preset("daily-10am")], aud, runs=10, seed=1)
        >>> len(c.plot().axes)
        2
        """
        import matplotlib.pyplot as plt  # plotting only when asked

        rows = self.metric(metric)
        fig, (bars, line) = plt.subplots(1, 2, figsize=(11, 3.8))
        x = np.arange(len(rows))
        err = np.vstack([rows["mean"] - rows["low"], rows["high"] - rows["mean"]])
        bars.bar(x, rows["mean"], yerr=err, capsize=6, color="#4C78A8")
        bars.set_xticks(x, [_short(n) for n in rows.index], rotation=15, ha="right")
        bars.set_title(f"{metric.replace('_', ' ')}: mean and 95% interval")
        for name in self.names:
            line.plot(self.timeline.index / 24, self.timeline[name], label=_short(name))
        line.set_xlabel("days from Monday 00:00")
        line.set_title("followers reached so far (mean)")
        line.legend(fontsize=8)
        fig.tight_layout()
        return fig


def _short(name: str, width: int = 24) -> str:
    """A name cut to fit under a bar."""
    return name if len(name) <= width else name[: width - 1] + "…"


def _formatter(metric: str) -> Callable[..., str]:
    """Format numbers of ``metric`` for sentences (rates as percentages)."""

    def fmt(value: float, sign: bool = False) -> str:
        plus = "+" if sign else ""
        if metric == "engagement_rate":
            return f"{value:{plus}.3%}"
        return f"{value:{plus},.1f}" if abs(value) < 100 else f"{value:{plus},.0f}"

    return fmt


def _interval(values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Mean over runs (axis 0) and its 95 % Student-t interval."""
    n = values.shape[0]
    mean = values.mean(axis=0)
    if n < 2:
        return mean, mean.copy(), mean.copy()
    half = stats.t.ppf(0.975, n - 1) * values.std(axis=0, ddof=1) / np.sqrt(n)
    return mean, mean - half, mean + half


def _check(strategies: object, audience: object, baseline: object) -> tuple[list[Strategy], int]:
    """Validate the strategies and audience; return them and the baseline's position."""
    if isinstance(strategies, Strategy) or not isinstance(strategies, Sequence):
        msg = "strategies must be a list of Strategy objects, e.g. [preset('daily-10am'), ...]"
        raise PostLabTypeError(msg)
    items = list(strategies)
    if not 1 <= len(items) <= 8 or not all(isinstance(s, Strategy) for s in items):
        msg = f"strategies has {len(items)} items, must be 1 to 8 Strategy objects"
        raise PostLabValueError(msg)
    if not isinstance(audience, Audience):
        msg = f"audience={type(audience).__name__}, must be an Audience from Audience.synthetic()"
        raise PostLabTypeError(msg)
    names = [s.name for s in items]
    if len(set(names)) != len(names):
        msg = f"strategies have the same name twice ({names}); give each a different name"
        raise PostLabValueError(msg)
    for s in items:
        if s.platform != audience.platform.key:
            msg = (
                f"strategy {s.name!r} posts on {s.platform!r} but the audience follows the "
                f"account on {audience.platform.key!r}; build the audience for {s.platform!r}"
            )
            raise PostLabValueError(msg)
    if isinstance(baseline, str) and baseline in names:
        return items, names.index(baseline)
    if isinstance(baseline, numbers.Integral) and 0 <= baseline < len(items):
        return items, int(baseline)
    msg = f"baseline={baseline!r}, must be a strategy name or a position from 0 to {len(items) - 1}"
    raise PostLabValueError(msg)


def _table(names: list[str], runs: list[np.ndarray], base: int) -> pd.DataFrame:
    """The long table: one row per strategy and metric."""
    metrics = week_metrics()
    frames = []
    for name, values in zip(names, runs, strict=True):
        mean, low, high = _interval(values)
        diff, diff_low, diff_high = _interval(values - runs[base])
        frames.append(
            pd.DataFrame(
                {
                    "strategy": name,
                    "metric": metrics,
                    "mean": mean,
                    "low": low,
                    "high": high,
                    "diff": diff,
                    "diff_low": diff_low,
                    "diff_high": diff_high,
                    "sure": (diff_low > 0) | (diff_high < 0),
                }
            )
        )
    return pd.concat(frames).set_index(["strategy", "metric"])


def compare(
    strategies: Sequence[Strategy],
    audience: Audience,
    *,
    days: int = 7,
    runs: int = 200,
    seed: SeedLike = None,
    baseline: str | int = 0,
    feed: str = "ranked",
    progress: Callable[[int, int], object] | None = None,
) -> Comparison:
    """Simulate several strategies under common random numbers and compare them.

    Parameters
    ----------
    strategies : list of Strategy
        One to eight strategies, on the audience's platform, with different names.
    audience : Audience
        Who follows the account (``Audience.synthetic``).
    days : int
        Days simulated, 1 to 28 (the weekly schedule repeats).
    runs : int
        Runs per strategy, 2 to 1,000; run ``i`` meets the same luck in every strategy.
    seed : int, SeedSequence, Generator or None
        Randomness; the same seed gives the same numbers on every machine.
    baseline : str or int
        The strategy the others are compared with (name or position; default the first).
    feed : {"ranked", "chronological"}
        Feed ordering.
    progress : callable, optional
        Called as ``progress(done, total)`` after each block of runs (for a progress bar).

    Returns
    -------
    Comparison
        Table of means and paired differences with 95 % intervals, per-run
        tables, reach over time, ``.best()``, ``.verdict()``, ``.plot()``.

    Raises
    ------
    PostLabTypeError, PostLabValueError
        For strategies or an audience of the wrong kind, platforms that do not
        match, duplicate names, an unknown baseline or feed, or days or runs
        out of range.

    Example
    -------
    >>> from postlab.strategies.presets import preset
    >>> aud = Audience.synthetic(followers=2_000, seed=1)
    >>> c = compare([preset("daily-10am"), preset("daily-10am").replace(name="copy")],
    ...             aud, runs=20, seed=1)
    >>> float(c.metric("reach").loc["copy", "diff"])
    0.0
    """
    items, base = _check(strategies, audience, baseline)
    days = whole_number("days", days, 1, 28)
    runs = whole_number("runs", runs, 2, 1000)
    if feed not in FEEDS:
        msg = f"feed={feed!r}, must be one of: {', '.join(FEEDS)}"
        raise PostLabValueError(msg)
    slots = max(count_posts(s, days) for s in items)
    width = uniform_width()
    generators = spawn_generators(seed, runs)
    cache: dict = {}
    results: list[list[Week]] = [[] for _ in items]
    total, done = len(items) * runs, 0
    for start in range(0, runs, _CHUNK):
        block = np.stack([g.random((slots, width)) for g in generators[start : start + _CHUNK]])
        for k, strategy in enumerate(items):
            results[k].append(
                week_runs(strategy, audience, block, days=days, feed=feed, cache=cache)
            )
            done += block.shape[0]
            if progress is not None:
                progress(done, total)
    names = [s.name for s in items]
    per_run = [np.vstack([w.runs for w in weeks]) for weeks in results]
    hours = days * 24 + HORIZON_HOURS
    reach = {
        name: np.cumsum(sum(w.new_reach * w.runs.shape[0] for w in weeks) / runs)[: days * 24 + 1]
        for name, weeks in zip(names, results, strict=True)
    }
    timeline = pd.DataFrame(reach, index=pd.RangeIndex(min(hours, days * 24 + 1), name="hour"))
    return Comparison(
        names=tuple(names),
        baseline=names[base],
        table=_table(names, per_run, base),
        runs={
            n: pd.DataFrame(r, columns=week_metrics()) for n, r in zip(names, per_run, strict=True)
        },
        timeline=timeline,
        days=days,
        n_runs=runs,
        followers=audience.followers,
    )
