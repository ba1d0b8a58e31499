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

Luck is the simulator's own (``postlab.simulation.engine``): each post in
each run draws its appeal, log-normal (``luck.appeal_sigma``, divided by the
simulator's ``appeal_scale``), from one uniform number of its row, so two
strategies meet the same appeal at the same position.  Appeal multiplies
every response but negative feedback and, on a ranked feed, the post's time
in view (the simulator's ``_lift``); reach per cell at any lift comes from a
table over lifts, so the runs stay vectorised.

Reshares reach people outside the followers through a branching process
(mean new viewers per reshare from the follow graph), and people who see a
post through a reshare respond ``cascade.relay_factor`` times as often
(social proof); partners add their own followers when they reshare.  On a
ranked feed each engagement also earns recommendation placements with
people who do not follow the account (``cascade.recommendation_r0``, as the
simulator), followed for up to ``cascade.max_rounds`` generations.
Over-posting above the platform's comfortable number a day lowers
engagement, raises negative feedback and makes some viewers unfollow
(``data/strategies/model.yaml``).  A reply policy that answers within the
hour gives each post an author-reply rate (:func:`author_reply_rate`), which
the simulator's ranked feed rewards a little (X's "reply engaged by author"
weight); slower answers change only the replies-answered figures.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import special, stats

from postlab.audience import Audience
from postlab.platforms import get_platform
from postlab.simulation.defaults import KINDS, model_defaults
from postlab.simulation.engine import _context, _lift
from postlab.simulation.expected import calibration_scale, expected
from postlab.simulation.feed import visibility
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
_REPLY, _RESHARE, _NEGATIVE = KINDS.index("reply"), KINDS.index("reshare"), KINDS.index("negative")
_REPS = 64  # activeness values standing for each cell's members in the tables over lifts
_OUTSIDE_REPS = 16  # activeness values standing for each segment of the people outside
_TIMES = 32  # minutes standing for when a post's engagements happen
_LIFTS = 65  # points of the table over ranking lifts


def _segments() -> int:
    """Number of audience segments."""
    return len(segment_specs())


def _generations() -> int:
    """Reshare generations followed outside the followers (chronological feed)."""
    return int(strategy_defaults()["cascade"]["max_generations"])


def _rounds() -> int:
    """Generations followed on a ranked feed, whose recommendations keep a post going."""
    return max(_generations(), int(model_defaults()["cascade"]["max_rounds"]))


def uniform_width() -> int:
    """Uniform numbers used by one post in one run (fixed, so positions line up).

    Example
    -------
    >>> uniform_width() > 0
    True
    """
    cells = _segments() * _BANDS
    return 3 * cells + _segments() * _K + 4 + _rounds() * 2 * (1 + _K) + 2 * _MAX_PARTNERS


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
    reps: np.ndarray  # (C, _REPS) mean activeness of equal slices of each cell
    rep_weights: np.ndarray  # (C, _REPS) share of the cell in each slice
    outside_count: int  # people who do not follow the account
    outside_reps: np.ndarray  # (S, _OUTSIDE_REPS) activeness of slices of each segment outside
    outside_share: np.ndarray  # (S,) share of the people outside in each segment


def _slices(values: np.ndarray, parts: int) -> tuple[np.ndarray, np.ndarray]:
    """Means of ``parts`` equal slices of sorted ``values`` and the share in each (0 if empty)."""
    means, weights = np.zeros(parts), np.zeros(parts)
    for i, part in enumerate(np.array_split(np.sort(values), parts)):
        if part.size:
            means[i], weights[i] = part.mean(), part.size
    return means, weights / max(weights.sum(), 1.0)


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
    reps, rep_weights = zip(*(_slices(m, _REPS) for m in members), strict=True)
    out_seg = audience.node_segment[n_fol:].astype(np.int64)
    out_act = audience.activeness[n_fol:].astype(float)
    out_reps = [_slices(out_act[out_seg == s], _OUTSIDE_REPS)[0] for s in range(n_seg)]
    out_count = np.bincount(out_seg, minlength=n_seg).astype(float)
    return _Cells(
        segment=segment_arr,
        count=np.array(count, dtype=float),
        members=tuple(members),
        onehot=np.eye(n_seg)[segment_arr],
        outside_degree=outside / max(n_fol, 1),
        reps=np.array(reps),
        rep_weights=np.array(rep_weights),
        outside_count=int(out_seg.size),
        outside_reps=np.array(out_reps),
        outside_share=out_count / max(out_count.sum(), 1.0),
    )


@dataclass(frozen=True)
class _PostModel:
    """What one post does to each cell, without randomness; tables over ranking lifts."""

    ctx: object  # the simulator's context of this post (appeal scale, ranking lift)
    lifts: np.ndarray  # (G,) ranking lifts the tables are given at (one point, 1, if unranked)
    reach: np.ndarray  # (C, G) chance a follower in the cell sees it, at each lift
    follower_reach: np.ndarray  # (G,) chance an average follower sees it, at each lift
    views: np.ndarray  # (C,) expected views per follower in the cell at lift 1
    see: np.ndarray  # (G,) chance someone outside sees it when shown it as others engage
    per_view: np.ndarray  # (S, K) chance of each action per view
    outside_per_view: np.ndarray  # (K,) per view for people outside who see it
    profile: np.ndarray  # (HORIZON_HOURS,) share of views in each hour after posting
    staffed: np.ndarray  # (24,) share of views in each clock hour (for replies)


def _lift_table(ctx) -> np.ndarray:
    """Lifts from the lowest to the highest a ranked feed allows for this post (1 if unranked)."""
    if ctx.base_boost <= 0 or ctx.reference <= 0:
        return np.ones(1)
    ranking = model_defaults()["ranking"]
    low = float(ranking["boost_min"]) / ctx.base_boost
    high = float(ranking["boost_max"]) / ctx.base_boost
    return np.geomspace(low, high, _LIFTS)


def _on_table(table: np.ndarray, lifts: np.ndarray, lift: np.ndarray) -> np.ndarray:
    """``table`` (..., G) at each run's ``lift`` (R,), linear in log lift; shape (R, ...)."""
    if lifts.size == 1:
        return np.moveaxis(np.repeat(table[..., :1], lift.size, axis=-1), -1, 0)
    x = np.interp(np.log(lift), np.log(lifts), np.arange(lifts.size, dtype=float))
    i = np.minimum(x.astype(np.int64), lifts.size - 2)
    w = (x - i).reshape(-1, *([1] * (table.ndim - 1)))
    low, high = np.moveaxis(table[..., i], -1, 0), np.moveaxis(table[..., i + 1], -1, 0)
    return low + (high - low) * w


def _post_model(post: Post, audience: Audience, cells: _Cells, feed: str) -> _PostModel:
    """Closed-form exposure and per-view chances of ``post`` for every cell and lift."""
    ctx = _context(post, audience, HORIZON_HOURS, feed)
    minutes, half_life = ctx.minutes, ctx.half_life
    scale = calibration_scale(post.platform)
    shares = np.array(audience.shares)
    exp = expected(post, shares, hours=HORIZON_HOURS, feed=feed, scale=scale)
    total = ctx.remaining[:, 0]
    lifts = _lift_table(ctx)
    hazard = cells.reps * total[cells.segment][:, None]  # (C, reps) at lift 1
    reach = np.einsum(
        "cr,crg->cg", cells.rep_weights, -np.expm1(-hazard[:, :, None] * lifts[None, None, :])
    )
    views = np.array(
        [
            a.mean() * total[s] if a.size else 0.0
            for a, s in zip(cells.members, cells.segment, strict=True)
        ]
    )
    density = (shares @ ctx.rates) * visibility(half_life, minutes, exp.boost)
    density = density / density.sum()
    # people outside are shown the post (a reshare, a recommendation) as others engage:
    # at minutes spread like the engagements of followers, each segment by its share
    counted = [KINDS.index(k) for k in model_defaults()["calibration"]["counted_kinds"]]
    mean_act = np.array([s.activeness for s in segment_specs()])
    engage = (shares * mean_act * exp.per_view[:, counted].sum(axis=1)) @ ctx.rates
    engage = np.cumsum(engage * ctx.vis)
    at = np.searchsorted(engage / engage[-1], (np.arange(_TIMES) + 0.5) / _TIMES)
    rest = ctx.remaining[:, np.minimum(at, minutes - 1)]  # (S, T)
    out_hazard = cells.outside_reps[:, :, None] * rest[:, None, :]  # (S, reps, T)
    by_segment = (-np.expm1(-out_hazard[..., None] * lifts)).mean(axis=(1, 2))  # (S, G)
    weights = cells.outside_share * by_segment[:, np.argmin(np.abs(np.log(lifts)))]
    outside_per_view = weights @ exp.per_view / max(weights.sum(), 1e-300)
    profile = density.reshape(HORIZON_HOURS, 60).sum(axis=1)
    clock = (post.hour + np.arange(HORIZON_HOURS)) % 24
    staffed = np.bincount(clock, weights=profile, minlength=24)
    return _PostModel(
        ctx=ctx,
        lifts=lifts,
        reach=reach,
        follower_reach=cells.count @ reach / max(cells.count.sum(), 1.0),
        views=views,
        see=cells.outside_share @ by_segment,
        per_view=exp.per_view,
        outside_per_view=outside_per_view,
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
        self.impressions, self.answered, self.fast, self.appeal = at, at + 1, at + 2, at + 3
        at += 4
        step = 1 + _K  # a Poisson count of new viewers, then their actions
        # per generation: viewers through reshares, then viewers through recommendations
        self.cascade = [
            (slice(at + 2 * g * step, at + (2 * g + 1) * step),
             slice(at + (2 * g + 1) * step, at + (2 * g + 2) * step))
            for g in range(_rounds())
        ]  # fmt: skip
        at += _rounds() * 2 * step
        self.partners = slice(at, at + 2 * _MAX_PARTNERS)


def _appeal(model: _PostModel, u: np.ndarray) -> np.ndarray:
    """Each run's appeal of the post from its uniform number (the simulator's ``_draw_appeal``)."""
    sigma = float(model.ctx.appeal_sigma)
    if sigma <= 0:
        return np.ones(u.shape)
    return np.exp(sigma * special.ndtri(u) - 0.5 * sigma**2) / model.ctx.appeal_scale


def _gain(appeal: np.ndarray) -> np.ndarray:
    """Per-run, per-kind multiplier of appeal: every kind but negative feedback, shape (R, K)."""
    gain = np.repeat(appeal[:, None], _K, axis=1)
    gain[:, _NEGATIVE] = 1.0
    return gain


def _outside(
    model: _PostModel,
    cells: _Cells,
    u: np.ndarray,
    off: _Offsets,
    acts: np.ndarray,
    appeal: np.ndarray,
    lift: np.ndarray,
    mult: np.ndarray,
    partners: tuple[np.ndarray, np.ndarray],
    feed: str,
) -> np.ndarray:
    """People outside the followers who see the post in each run; adds their actions to ``acts``.

    Generation by generation: each reshare shows the post to the resharer's
    followers outside (``outside_degree``), partners who reshare show it to
    their own followers, and on a ranked feed each engagement earns
    recommendation placements (the simulator's ``recommended``) with people
    outside, who see it when they open the app while it is in view.  People
    reached through a reshare respond ``relay_factor`` times as often; people
    already reached are not shown it again (placements on them are wasted).
    """
    n_runs = u.shape[0]
    ctx = model.ctx
    counted = [KINDS.index(k) for k in model_defaults()["calibration"]["counted_kinds"]]
    see = _on_table(model.see, model.lifts, lift)
    per_reshare = cells.outside_degree * see
    placements = (float(ctx.recommended) if feed == "ranked" else 0.0) * see
    base = model.outside_per_view[None, :] * mult[None, :]
    relay_chance = np.minimum(base * _gain(appeal * float(ctx.relay_factor)), 1.0)
    shown_chance = np.minimum(base * _gain(appeal), 1.0)
    followers, share = partners
    pu = u[:, off.partners]
    np_ = followers.size
    shared = pu[:, :np_] < share[None, :]
    mean_reach = _on_table(model.follower_reach, model.lifts, lift)
    partner_views = _binomial(
        pu[:, _MAX_PARTNERS : _MAX_PARTNERS + np_], followers[None, :], mean_reach[:, None]
    )
    extra = (partner_views * shared).sum(axis=1)
    reshares, engaged = acts[:, _RESHARE].copy(), acts[:, counted].sum(axis=1)
    pool = np.zeros(n_runs)  # people outside the followers reached so far (partners' aside)
    total = np.zeros(n_runs)
    rounds = _rounds() if feed == "ranked" else _generations()
    live = np.arange(n_runs)
    for g in range(rounds):
        if g > 0:
            live = np.flatnonzero((reshares > 0) | (engaged > 0))
            if live.size == 0:
                break
        ul = u[live]
        fresh = np.clip(1.0 - pool[live] / max(cells.outside_count, 1), 0.0, 1.0)
        if cells.outside_count == 0:
            fresh[:] = 0.0
        via_reshare, via_feed = off.cascade[g]
        # one call for both routes (through reshares, through recommendations): same numbers
        lam = np.concatenate([reshares[live] * per_reshare[live], engaged[live] * placements[live]])
        at = np.concatenate([ul[:, via_reshare.start], ul[:, via_feed.start]])
        relayed, shown = np.split(_poisson(at, lam * np.tile(fresh, 2)), 2)
        pool[live] += relayed + shown
        if g == 0:
            relayed = relayed + extra[live]
        took = _binomial(
            np.concatenate([ul[:, via_reshare.start + 1 : via_reshare.stop],
                            ul[:, via_feed.start + 1 : via_feed.stop]]),
            np.concatenate([relayed, shown])[:, None],
            np.concatenate([relay_chance[live], shown_chance[live]]),
        )  # fmt: skip
        more = took[: live.size] + took[live.size :]
        acts[live] += more
        total[live] += relayed + shown
        reshares = np.zeros(n_runs)
        engaged = np.zeros(n_runs)
        reshares[live] = more[:, _RESHARE]
        engaged[live] = more[:, counted].sum(axis=1)
    return total


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
    partners = (
        np.array([p.followers for p in strategy.partners], dtype=float),
        np.array([p.reshare_share for p in strategy.partners]),
    )
    for j, slot in enumerate(slots):
        post = _answered(slot.post, policy, feed)
        key = (post, feed)
        model = cache.get(key) or cache.setdefault(key, _post_model(post, audience, cells, feed))
        u = np.clip(uniforms[:, j, :], 1e-12, 1 - 1e-12)
        appeal = _appeal(model, u[:, off.appeal])
        lift = np.array([_lift(model.ctx, a) for a in appeal])
        gain = _gain(appeal)
        reach = _on_table(model.reach, model.lifts, lift)  # (R, C)
        new = _binomial(u[:, off.new], unreached, reach)
        old = _binomial(u[:, off.old], n - unreached, reach)
        seen = new + old
        unreached -= new
        mult, quit_chance = _fatigue(slot.extra)
        if quit_chance > 0:
            quit_ = _binomial(u[:, off.unfollow], seen, quit_chance)
            n -= quit_
            unfollows += quit_.sum(axis=1)
        by_segment = seen @ cells.onehot
        chance = np.minimum(model.per_view[None] * (gain * mult)[:, None, :], 1.0)
        acts = _binomial(
            u[:, off.actions].reshape(n_runs, n_seg, _K), by_segment[:, :, None], chance
        )
        acts = acts.sum(axis=1)
        views = model.views[None, :] * lift[:, None]
        repeat = np.divide(views, reach, out=np.ones_like(views), where=reach > 0) - 1.0
        impressions += seen.sum(axis=1) + _poisson(u[:, off.impressions], (seen * repeat).sum(1))
        post_reach += seen.sum(axis=1)
        reached_out = _outside(model, cells, u, off, acts, appeal, lift, mult, partners, feed)
        outside += reached_out
        impressions += reached_out
        answered = _binomial(u[:, off.answered], acts[:, _REPLY], policy.answer_share)
        answered_all += answered
        if policy.within_minutes <= fast_minutes:
            fast_all += _binomial(u[:, off.fast], answered, float(model.staffed @ staffed_hours))
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
