"""The vectorised week: every post of a strategy, many runs at once, from shared uniform numbers.

``simulate`` follows one post person by person; a comparison needs thousands
of post-runs, so this path works on *cells* of followers (segment x
activeness band) and reuses the simulator's closed-form pieces
(``session_rates``, ``remaining_exposure``, ``expected``'s ranking boost and
per-view chances).  Within a cell everyone is alike, so who sees a post is a
binomial count, split into people reached for the first time this week and
people reached again.  Counts are drawn by inverting their distribution at
uniform numbers fixed per run and per post *position* in the week, so two
strategies meet the same luck (common random numbers): the same strategy
twice gives exactly the same numbers, and a small change moves the numbers
only as much as it must.

Reshares reach people outside the followers through a short branching
process (mean new viewers per reshare from the follow graph); partners add
their own followers when they reshare.  Over-posting above the platform's
comfortable number a day lowers engagement, raises negative feedback and
makes some viewers unfollow (``data/strategies/model.yaml``).  A reply policy
that answers within the hour gives each post an author-reply rate
(:func:`author_reply_rate`), which the simulator's ranked feed rewards a
little (X's "reply engaged by author" weight); slower answers change only the
replies-answered figures.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import special, stats

from postlab.audience import Audience
from postlab.platforms import get_platform
from postlab.simulation.defaults import KINDS, model_defaults
from postlab.simulation.expected import calibration_scale, expected
from postlab.simulation.feed import remaining_exposure, session_rates, visibility
from postlab.simulation.post import Post
from postlab.simulation.segments import segment_specs
from postlab.strategies.settings import comfortable_per_day, strategy_defaults
from postlab.strategies.strategy import ReplyPolicy, Strategy

__all__ = [
    "HORIZON_HOURS",
    "Week",
    "author_reply_rate",
    "count_posts",
    "uniform_width",
    "week_metrics",
    "week_runs",
]

#: Hours each post is followed (as ``simulate``'s default).
HORIZON_HOURS = 48
_BANDS = 6  # activeness bands per segment
_MAX_PARTNERS = 3
_NORMAL_FROM = 25.0  # variance above which a count is drawn from its normal approximation
_K = len(KINDS)
_REPLY, _RESHARE = KINDS.index("reply"), KINDS.index("reshare")


def _segments() -> int:
    """Number of audience segments."""
    return len(segment_specs())


def _generations() -> int:
    """Reshare generations followed outside the followers."""
    return int(strategy_defaults()["cascade"]["max_generations"])


def uniform_width() -> int:
    """Uniform numbers used by one post in one run (fixed, so positions line up).

    Example
    -------
    >>> uniform_width() > 0
    True
    """
    cells = _segments() * _BANDS
    return 3 * cells + _segments() * _K + 3 + _generations() * (1 + _K) + 2 * _MAX_PARTNERS


def week_metrics() -> tuple[str, ...]:
    """Names of the per-run metrics, in table order.

    Example
    -------
    >>> week_metrics()[:3]
    ('reach', 'impressions', 'engagements')
    """
    segs = tuple(f"reach_{s.name}" for s in segment_specs())
    return (
        "reach",
        "impressions",
        "engagements",
        "engagement_rate",
        *KINDS,
        "replies_answered",
        "replies_answered_in_hour",
        "unfollows",
        "reach_outside",
        "posts",
        *segs,
    )


def _binomial(u: np.ndarray, n: np.ndarray, p: np.ndarray) -> np.ndarray:
    """Binomial counts by inversion at ``u`` (normal approximation when the variance is large)."""
    u, n, p = np.broadcast_arrays(u, n, np.clip(p, 0.0, 1.0))
    out = np.zeros(u.shape)
    var = n * p * (1.0 - p)
    big = var >= _NORMAL_FROM
    if big.any():
        z = special.ndtri(u[big])
        out[big] = np.clip(np.floor(n[big] * p[big] + z * np.sqrt(var[big]) + 0.5), 0, n[big])
    small = ~big & (n > 0) & (p > 0)
    if small.any():
        out[small] = stats.binom.ppf(u[small], n[small], p[small])
    return out


def _poisson(u: np.ndarray, lam: np.ndarray) -> np.ndarray:
    """Poisson counts by inversion at ``u`` (normal approximation for large means)."""
    u, lam = np.broadcast_arrays(u, lam)
    out = np.zeros(u.shape)
    big = lam >= _NORMAL_FROM
    if big.any():
        z = special.ndtri(u[big])
        out[big] = np.maximum(np.floor(lam[big] + z * np.sqrt(lam[big]) + 0.5), 0)
    small = ~big & (lam > 0)
    if small.any():
        out[small] = stats.poisson.ppf(u[small], lam[small])
    return out


@dataclass(frozen=True)
class _Cells:
    """Followers grouped by segment and activeness band."""

    segment: np.ndarray  # (C,) segment of each cell
    count: np.ndarray  # (C,) followers in each cell
    members: tuple[np.ndarray, ...]  # activeness values of each cell's members
    onehot: np.ndarray  # (C, S)
    outside_degree: float  # mean out-neighbours outside the followers, per follower


def _cells(audience: Audience) -> _Cells:
    """Split the followers into segment x activeness-band cells."""
    n_fol, n_seg = audience.followers, _segments()
    seg = audience.node_segment[:n_fol].astype(np.int64)
    act = audience.activeness[:n_fol].astype(float)
    segment, count, members = [], [], []
    for s in range(n_seg):
        values = np.sort(act[seg == s])
        for band in np.array_split(values, _BANDS):
            segment.append(s)
            count.append(band.size)
            members.append(band)
    indptr, indices = audience.graph.indptr, audience.graph.indices
    outside = np.count_nonzero(indices[: indptr[n_fol]] >= n_fol)
    segment_arr = np.array(segment)
    return _Cells(
        segment=segment_arr,
        count=np.array(count, dtype=float),
        members=tuple(members),
        onehot=np.eye(n_seg)[segment_arr],
        outside_degree=outside / max(n_fol, 1),
    )


@dataclass(frozen=True)
class _PostModel:
    """What one post does to each cell, without randomness."""

    reach: np.ndarray  # (C,) chance a follower in the cell sees it
    views: np.ndarray  # (C,) expected views per follower in the cell
    per_view: np.ndarray  # (S, K) chance of each action per view
    mean_per_view: np.ndarray  # (K,) per view for people reached through reshares
    profile: np.ndarray  # (HORIZON_HOURS,) share of views in each hour after posting
    staffed: np.ndarray  # (24,) share of views in each clock hour (for replies)


def _post_model(post: Post, audience: Audience, cells: _Cells, feed: str) -> _PostModel:
    """Closed-form exposure and per-view chances of ``post`` for every cell."""
    minutes = HORIZON_HOURS * 60
    half_life = get_platform(post.platform).half_life_minutes
    scale = calibration_scale(post.platform)
    shares = np.array(audience.shares)
    exp = expected(post, shares, hours=HORIZON_HOURS, feed=feed, scale=scale)
    rates = session_rates(post, minutes)
    total = remaining_exposure(rates, half_life, exp.boost)[:, 0]
    reach = np.array(
        [
            -np.expm1(-a * total[s]).mean() if a.size else 0.0
            for a, s in zip(cells.members, cells.segment, strict=True)
        ]
    )
    views = np.array(
        [
            a.mean() * total[s] if a.size else 0.0
            for a, s in zip(cells.members, cells.segment, strict=True)
        ]
    )
    density = (shares @ rates) * visibility(half_life, minutes, exp.boost)
    density = density / density.sum()
    profile = density.reshape(HORIZON_HOURS, 60).sum(axis=1)
    clock = (post.hour + np.arange(HORIZON_HOURS)) % 24
    staffed = np.bincount(clock, weights=profile, minlength=24)
    return _PostModel(
        reach=reach,
        views=views,
        per_view=exp.per_view,
        mean_per_view=shares @ exp.per_view,
        profile=profile,
        staffed=staffed,
    )


def author_reply_rate(policy: ReplyPolicy, post: Post) -> float:
    """Share of a post's replies the account answers while the post is still being ranked.

    ``answer_share`` x the share of the first ``ranking_window_minutes`` after
    posting that someone is on duty x ``2 ** (-within_minutes / half-life)``
    (the share of the post's ranked life still ahead when an answer comes).
    Policies slower than the window give 0 (``data/strategies/model.yaml``).

    Parameters
    ----------
    policy : ReplyPolicy
        How the account answers.
    post : Post
        The post (its platform gives the half-life, its time the duty hours).

    Returns
    -------
    float
        Between 0 and 1; the value for ``Post(author_reply_rate=...)``.

    Example
    -------
    >>> fast = ReplyPolicy(answer_share=1.0, within_minutes=60, staffed_from=8)
    >>> round(author_reply_rate(fast, Post(hour=10)), 3)
    0.177
    >>> author_reply_rate(ReplyPolicy(), Post(hour=10))
    0.0
    """
    window = int(strategy_defaults()["replies"]["ranking_window_minutes"])
    if policy.within_minutes > window or policy.answer_share == 0:
        return 0.0
    clock = (post.hour * 60 + post.minute + np.arange(window)) // 60 % 24
    staffed = float(((clock >= policy.staffed_from) & (clock < policy.staffed_until)).mean())
    half_life = get_platform(post.platform).half_life_minutes
    return policy.answer_share * staffed * float(np.exp2(-policy.within_minutes / half_life))


def _answered(post: Post, policy: ReplyPolicy, feed: str) -> Post:
    """``post`` with the author-reply rate of ``policy`` (unchanged when it is 0 or unranked)."""
    rate = author_reply_rate(policy, post) if feed == "ranked" else 0.0
    return post.replace(author_reply_rate=rate) if rate > 0 else post


@dataclass(frozen=True)
class _Slot:
    """One post occurrence in the simulated days."""

    post: Post
    minute: int  # minutes from the start of the simulated days
    extra: int  # posts that day beyond the comfortable number


def _slots(strategy: Strategy, days: int) -> list[_Slot]:
    """Every post occurrence in ``days`` days (the weekly schedule repeats), in time order."""
    comfortable = comfortable_per_day(strategy.platform)
    per_day = strategy.posts_per_day
    out = []
    for week in range(-(-days // 7)):
        for item in strategy.posts:
            day = week * 7 + item.day_index
            if day < days:
                extra = max(0, per_day[item.day] - comfortable)
                out.append(
                    _Slot(
                        item.to_post(strategy.platform), week * 10080 + item.minute_of_week, extra
                    )
                )
    return out


def count_posts(strategy: Strategy, days: int = 7) -> int:
    """Posts ``strategy`` publishes in ``days`` days (the weekly schedule repeats).

    Example
    -------
    >>> from postlab.strategies.presets import preset
    >>> count_posts(preset("daily-10am"), 14)
    14
    """
    return len(_slots(strategy, days))


@dataclass(frozen=True)
class Week:
    """Per-run metrics of one strategy and its mean unique reach hour by hour.

    Attributes
    ----------
    runs : numpy.ndarray
        Shape ``(runs, metrics)``, columns in :func:`week_metrics` order.
    new_reach : numpy.ndarray
        Mean people reached for the first time, per hour from Monday 00:00.
    """

    runs: np.ndarray
    new_reach: np.ndarray


def _fatigue(extra: int) -> tuple[np.ndarray, float]:
    """Per-kind multipliers and unfollow chance per viewer for ``extra`` posts over the comfort."""
    f = strategy_defaults()["fatigue"]
    mult = np.full(_K, float(f["engagement_per_extra_post"]) ** extra)
    mult[KINDS.index("negative")] = float(f["negative_per_extra_post"]) ** extra
    return mult, min(1.0, float(f["unfollow_per_view_per_extra_post"]) * extra)


class _Offsets:
    """Where each draw's uniform numbers sit in a post's row."""

    def __init__(self) -> None:
        c, s = _segments() * _BANDS, _segments()
        self.new, self.old, self.unfollow = slice(0, c), slice(c, 2 * c), slice(2 * c, 3 * c)
        at = 3 * c
        self.actions = slice(at, at + s * _K)
        at += s * _K
        self.impressions, self.answered, self.fast = at, at + 1, at + 2
        at += 3
        self.cascade = [
            slice(at + g * (1 + _K), at + (g + 1) * (1 + _K)) for g in range(_generations())
        ]
        at += _generations() * (1 + _K)
        self.partners = slice(at, at + 2 * _MAX_PARTNERS)


def week_runs(
    strategy: Strategy,
    audience: Audience,
    uniforms: np.ndarray,
    *,
    days: int = 7,
    feed: str = "ranked",
    cache: dict | None = None,
) -> Week:
    """Simulate ``days`` days of ``strategy`` for every row of ``uniforms``.

    Parameters
    ----------
    strategy : Strategy
        Posts, reply policy, partners.
    audience : Audience
        Followers; same platform as the strategy.
    uniforms : numpy.ndarray
        Shape ``(runs, posts, uniform_width())``, numbers in (0, 1); row ``j``
        of a run drives the ``j``-th post of the week, whichever strategy.
    days : int
        Days simulated; the weekly schedule repeats after 7.
    feed : {"ranked", "chronological"}
        Feed ordering.
    cache : dict, optional
        Shared between calls on the same audience to reuse post models.

    Returns
    -------
    Week

    Example
    -------
    >>> from postlab.strategies.presets import preset
    >>> aud = Audience.synthetic(followers=2_000, seed=1)
    >>> u = np.random.default_rng(1).random((3, 7, uniform_width()))
    >>> week_runs(preset("daily-10am"), aud, u).runs.shape[0]
    3
    """
    cache = {} if cache is None else cache
    cells = cache.get("cells") or cache.setdefault("cells", _cells(audience))
    slots = _slots(strategy, days)
    off = _Offsets()
    n_runs = uniforms.shape[0]
    n_seg = _segments()
    policy = strategy.reply_policy
    fast_minutes = int(strategy_defaults()["replies"]["fast_answer_minutes"])
    staffed_hours = np.zeros(24)
    staffed_hours[policy.staffed_from : policy.staffed_until] = 1.0
    counted = [KINDS.index(k) for k in model_defaults()["calibration"]["counted_kinds"]]

    n = np.broadcast_to(cells.count, (n_runs, cells.count.size)).copy()
    unreached = n.copy()
    kinds = np.zeros((n_runs, _K))
    impressions = np.zeros(n_runs)
    post_reach = np.zeros(n_runs)
    answered_all = np.zeros(n_runs)
    fast_all = np.zeros(n_runs)
    unfollows = np.zeros(n_runs)
    outside = np.zeros(n_runs)
    hours = days * 24 + HORIZON_HOURS
    new_reach = np.zeros(hours)
    partner_followers = np.array([p.followers for p in strategy.partners], dtype=float)
    partner_share = np.array([p.reshare_share for p in strategy.partners])
    for j, slot in enumerate(slots):
        post = _answered(slot.post, policy, feed)
        key = (post, feed)
        model = cache.get(key) or cache.setdefault(key, _post_model(post, audience, cells, feed))
        u = np.clip(uniforms[:, j, :], 1e-12, 1 - 1e-12)
        new = _binomial(u[:, off.new], unreached, model.reach)
        old = _binomial(u[:, off.old], n - unreached, model.reach)
        seen = new + old
        unreached -= new
        mult, quit_chance = _fatigue(slot.extra)
        if quit_chance > 0:
            quit_ = _binomial(u[:, off.unfollow], seen, quit_chance)
            n -= quit_
            unfollows += quit_.sum(axis=1)
        by_segment = seen @ cells.onehot
        chance = model.per_view * mult[None, :]
        acts = _binomial(
            u[:, off.actions].reshape(n_runs, n_seg, _K), by_segment[:, :, None], chance
        )
        acts = acts.sum(axis=1)
        repeat = np.where(model.reach > 0, model.views / np.maximum(model.reach, 1e-300) - 1.0, 0.0)
        impressions += seen.sum(axis=1) + _poisson(u[:, off.impressions], seen @ repeat)
        post_reach += seen.sum(axis=1)
        answered = _binomial(u[:, off.answered], acts[:, _REPLY], policy.answer_share)
        answered_all += answered
        if policy.within_minutes <= fast_minutes:
            fast_all += _binomial(u[:, off.fast], answered, float(model.staffed @ staffed_hours))
        # reshares and partners reach people who do not follow the account
        mean_reach = float(cells.count @ model.reach / max(cells.count.sum(), 1.0))
        per_reshare = cells.outside_degree * mean_reach
        pu = u[:, off.partners]
        np_ = partner_followers.size
        shared = pu[:, :np_] < partner_share[None, :]
        partner_views = _binomial(
            pu[:, _MAX_PARTNERS : _MAX_PARTNERS + np_], partner_followers, mean_reach
        )
        extra_views = (partner_views * shared).sum(axis=1)
        reshares = acts[:, _RESHARE]
        for g, part in enumerate(off.cascade):
            viewers = _poisson(u[:, part.start], reshares * per_reshare) + (
                extra_views if g == 0 else 0
            )
            more = _binomial(
                u[:, part.start + 1 : part.stop], viewers[:, None], model.mean_per_view * mult
            )
            acts += more
            outside += viewers
            impressions += viewers
            reshares = more[:, _RESHARE]
        kinds += acts
        start = slot.minute // 60
        stop = min(hours, start + HORIZON_HOURS)
        new_reach[start:stop] += new.sum(axis=1).mean() * model.profile[: stop - start]

    reached = cells.count[None, :] - unreached
    engagements = kinds[:, counted].sum(axis=1)
    columns = [
        reached.sum(axis=1) + outside,
        impressions,
        engagements,
        np.divide(
            engagements, post_reach + outside, out=np.zeros(n_runs), where=post_reach + outside > 0
        ),
        *kinds.T,
        answered_all,
        fast_all,
        unfollows,
        outside,
        np.full(n_runs, float(len(slots))),
        *(reached @ cells.onehot).T,
    ]
    return Week(runs=np.column_stack(columns), new_reach=new_reach)
