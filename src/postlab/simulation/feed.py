"""Exposure: when people open the app, how long a post stays in view, and when they see it.

A person opens the app as a Poisson process whose rate follows their segment's
hourly activity curve times their own activeness.  A post's visibility in a
feed decays with the platform's half-life, from the moment it is posted (or
reshared); an engagement-ranked feed keeps a well-scoring post in view longer
(X's open-sourced ranking weights).  Everything is per minute and vectorised.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from scipy.signal import lfilter

from postlab.simulation.defaults import KINDS, model_defaults
from postlab.simulation.post import DAYS, Post
from postlab.simulation.segments import minute_activity, segment_specs

__all__ = [
    "FEEDS",
    "ranking_boost",
    "ranking_score",
    "remaining_exposure",
    "session_rates",
    "view_minutes",
    "visibility",
]

#: Feed orderings the model knows.
FEEDS: tuple[str, ...] = ("ranked", "chronological")


def _weekday_flags(post: Post, minutes: int) -> np.ndarray:
    """For each minute after posting, whether that minute falls on a weekday."""
    start = post.hour * 60 + post.minute
    day_offset = (start + np.arange(minutes)) // 1440
    if post.day in ("weekday", "weekend"):
        return np.full(minutes, post.day == "weekday")
    first = DAYS.index(post.day) - 2  # mon = 0
    return (first + day_offset) % 7 < 5


def session_rates(post: Post, minutes: int) -> np.ndarray:
    """App visits per minute for an average person of each segment, shape ``(segments, minutes)``.

    The result is read-only and cached by posting time, day and horizon.

    Example
    -------
    >>> session_rates(Post(hour=3), 60).shape
    (6, 60)
    """
    return _session_rates(post.hour, post.minute, post.day, int(minutes))


@lru_cache(maxsize=256)
def _session_rates(hour: int, minute: int, day: str, minutes: int) -> np.ndarray:
    """``session_rates`` for one posting time (cached; the curves are per minute of the day)."""
    per_minute = float(model_defaults()["sessions"]["per_day"]) / 1440.0
    of_day = (hour * 60 + minute + np.arange(minutes)) % 1440
    weekday = _weekday_flags(Post(hour=hour, minute=minute, day=day), minutes)
    rates = np.empty((len(segment_specs()), minutes))
    for i, spec in enumerate(segment_specs()):
        on = minute_activity(spec, weekday=True)[of_day]
        off = minute_activity(spec, weekday=False)[of_day]
        rates[i] = per_minute * np.where(weekday, on, off)
    rates.setflags(write=False)
    return rates


def visibility(half_life_minutes: float, minutes: int, boost: float = 1.0) -> np.ndarray:
    """How visible a post is ``m`` minutes after it appeared: ``boost * 2**(-m / half_life)``.

    Example
    -------
    >>> visibility(24, 49)[[0, 24, 48]].round(2).tolist()
    [1.0, 0.5, 0.25]
    """
    return boost * np.exp2(-np.arange(minutes) / float(half_life_minutes))


def remaining_exposure(rates: np.ndarray, half_life_minutes: float, boost: float) -> np.ndarray:
    """Expected views from ``t0`` to the horizon of a post appearing at ``t0``, per segment.

    ``out[s, t0] = sum_{m >= t0} rates[s, m] * boost * 2**(-(m - t0) / half_life)``,
    computed with one backwards recursive filter per segment.
    """
    decay = np.exp2(-1.0 / float(half_life_minutes))
    backwards = lfilter([1.0], [1.0, -decay], rates[:, ::-1], axis=1)
    return boost * backwards[:, ::-1]


_TAIL = 2.0**-40  # visibility below this share of its start is treated as gone
_TABLE_CELLS = 2_000_000  # largest (starts x minutes) table built at once


def _window(vis: np.ndarray) -> int:
    """Minutes after which a post's visibility is negligible (or the whole horizon)."""
    if vis.size == 0 or vis[0] <= 0:
        return max(int(vis.size), 1)
    gone = np.flatnonzero(vis < vis[0] * _TAIL)
    return int(gone[0]) if gone.size else int(vis.size)


def view_minutes(
    rng: np.random.Generator,
    rates: np.ndarray,
    vis: np.ndarray,
    segment: np.ndarray,
    start: np.ndarray,
    activeness: np.ndarray,
) -> np.ndarray:
    """Minute of first view for people known to see the post, which appeared at ``start``.

    Samples the first app visit of a Poisson process with rate
    ``activeness * rates[segment, m] * vis[m - start]``, conditional on at
    least one visit before the horizon: one cumulative-hazard table per
    distinct ``(segment, start)`` and a vectorised binary search per person.
    """
    horizon = rates.shape[1]
    out = np.empty(segment.size, dtype=np.int64)
    if segment.size == 0:
        return out
    width = min(_window(vis), horizon)
    keys = segment.astype(np.int64) * horizon + start
    uniq, inverse = np.unique(keys, return_inverse=True)
    inverse = inverse.reshape(-1)
    u = rng.random(segment.size)
    padded = np.concatenate([rates, np.zeros((rates.shape[0], width))], axis=1)
    step = max(1, _TABLE_CELLS // width)
    cols = np.arange(width)
    for lo_key in range(0, uniq.size, step):
        chunk = uniq[lo_key : lo_key + step]
        seg, t0 = np.divmod(chunk, horizon)
        table = np.cumsum(padded[seg[:, None], t0[:, None] + cols] * vis[None, :width], axis=1)
        members = np.flatnonzero((inverse >= lo_key) & (inverse < lo_key + chunk.size))
        row = inverse[members] - lo_key
        a = activeness[members].astype(float)
        total = a * table[row, -1]
        target = -np.log1p(-u[members] * -np.expm1(-total)) / a
        last = np.minimum(horizon - t0[row], width) - 1
        low, high = np.zeros(members.size, dtype=np.int64), last.copy()
        flat = table.reshape(-1)
        base = row * width
        while True:
            active = low < high
            if not active.any():
                break
            mid = (low + high) // 2
            ok = flat[base + mid] >= target
            high = np.where(active & ok, mid, high)
            low = np.where(active & ~ok, mid + 1, low)
        out[members] = t0[row] + low
    return out


def ranking_score(probabilities: np.ndarray, *, author_reply_rate: float | None = None) -> float:
    """X's 2023 ranker score ``sum(weight x P(action))`` for per-view chances of each kind.

    Parameters
    ----------
    probabilities : numpy.ndarray
        Chance of each kind in ``KINDS`` order (like, reply, reshare, click, negative).
    author_reply_rate : float, optional
        Share of replies the account engages with; ``P(reply engaged by author)``
        is the reply chance times this share. None: ``ranking.author_reply_rate``
        from ``data/model_defaults.yaml``.

    Returns
    -------
    float

    Example
    -------
    >>> ranking_score(np.array([0.01, 0.001, 0.002, 0.0, 0.0]))
    0.0205
    >>> ranking_score(np.array([0.01, 0.001, 0.002, 0.0, 0.0]), author_reply_rate=1.0)
    0.0955
    """
    ranking = model_defaults()["ranking"]
    w = ranking["weights"]
    p = dict(zip(KINDS, np.asarray(probabilities, dtype=float), strict=True))
    if author_reply_rate is None:
        author_reply_rate = float(ranking["author_reply_rate"])
    return float(
        w["like"] * p["like"]
        + w["reshare"] * p["reshare"]
        + w["reply"] * p["reply"]
        + w["click"] * p["click"]
        + w["reply_engaged_by_author"] * p["reply"] * float(author_reply_rate)
        + w["negative"] * p["negative"]
        + w["report"] * p["negative"] * float(ranking["report_share_of_negative"])
    )


def ranking_boost(score: float, reference: float) -> float:
    """How much longer a ranked feed keeps a post in view than a plain reference post.

    Example
    -------
    >>> ranking_boost(4.0, 1.0)
    2.0
    """
    ranking = model_defaults()["ranking"]
    lo, hi = float(ranking["boost_min"]), float(ranking["boost_max"])
    if reference <= 0:
        return 1.0
    if score <= 0:
        return lo
    return float(np.clip((score / reference) ** float(ranking["boost_exponent"]), lo, hi))
