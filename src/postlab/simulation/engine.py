"""``simulate``: one post, one audience, minute by minute, as many runs as asked.

Per run: each follower sees the post with the chance given by the exposure
model (``feed``), reacts with per-view chances from their segment and the
post's features (``factors``), and reshares start an independent cascade over
the follow graph (``cascade``) in which each reshare is seen by the resharer's
followers, again with the clock-aware exposure model.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from scipy import special

from postlab.errors import PostLabTypeError, PostLabValueError
from postlab.platforms import get_platform
from postlab.seeding import SeedLike, spawn_generators
from postlab.simulation.cascade import independent_cascade, structural_virality, tree_depths
from postlab.simulation.defaults import KINDS, model_defaults
from postlab.simulation.expected import calibration_scale, expected, reference_post
from postlab.simulation.expected import per_view as expected_per_view
from postlab.simulation.explain import explain_factors, result_notes
from postlab.simulation.factors import action_multipliers, interest_multipliers, language_factor
from postlab.simulation.feed import (
    FEEDS,
    ranking_boost,
    ranking_score,
    remaining_exposure,
    session_rates,
    view_minutes,
    visibility,
)
from postlab.simulation.post import Post
from postlab.simulation.result import CascadeStats, EngagementRate, SimulationResult
from postlab.simulation.segments import segment_specs
from postlab.validation import whole_number

if TYPE_CHECKING:
    from postlab.audience import Audience

__all__ = ["simulate"]

_RESHARE = KINDS.index("reshare")
_NEGATIVE = KINDS.index("negative")


@dataclass(frozen=True)
class _Context:
    """Everything a run needs that does not change between runs."""

    post: Post
    audience: Audience
    minutes: int
    half_life: float
    rates: np.ndarray
    vis: np.ndarray
    remaining: np.ndarray
    per_view: np.ndarray
    counted: list[int]
    appeal_sigma: float
    relay_factor: float
    chances: np.ndarray
    reference: float
    base_boost: float
    recommended: float
    max_rounds: int
    appeal_scale: float = 1.0


def _appeal_gain(appeal: float) -> np.ndarray:
    """Per-kind multiplier of a post's appeal: every kind of response but negative feedback."""
    gain = np.full(len(KINDS), float(appeal))
    gain[_NEGATIVE] = 1.0
    return gain


def _lift(ctx: _Context, appeal: float) -> float:
    """How much longer a ranked feed keeps this draw of the post in view than an average draw.

    The ranker scores the chances people act (X's 2023 weights); a post that
    happens to appeal more scores higher and stays in view longer, within the
    ranking boost's limits.  A chronological feed ignores appeal.
    """
    if ctx.base_boost <= 0 or ctx.reference <= 0:
        return 1.0
    score = ranking_score(ctx.chances * _appeal_gain(appeal))
    return ranking_boost(score, ctx.reference) / ctx.base_boost


def _check(post: object, audience: object, feed: object) -> None:
    """Raise a plain error for a post, audience or feed that cannot be simulated."""
    from postlab.audience import Audience  # here: audience imports simulation.defaults

    if not isinstance(post, Post):
        msg = f"post={type(post).__name__}, must be a Post, e.g. Post(format='image', hour=19)"
        raise PostLabTypeError(msg)
    if not isinstance(audience, Audience):
        msg = f"audience={type(audience).__name__}, must be an Audience from Audience.synthetic()"
        raise PostLabTypeError(msg)
    if post.platform != audience.platform.key:
        msg = (
            f"post.platform={post.platform!r} but the audience follows the account on "
            f"{audience.platform.key!r}; use Audience.synthetic(platform={post.platform!r}) "
            f"or Post(platform={audience.platform.key!r})"
        )
        raise PostLabValueError(msg)
    if feed not in FEEDS:
        msg = f"feed={feed!r}, must be one of: {', '.join(FEEDS)}"
        raise PostLabValueError(msg)


def _context(post: Post, audience: Audience, hours: int, feed: str) -> _Context:
    """Precompute rates, visibility and per-view chances for this post and audience."""
    minutes = hours * 60
    half_life = get_platform(post.platform).half_life_minutes
    scale = calibration_scale(post.platform)
    shares = np.array(audience.shares)
    exp = expected(post, shares, hours=hours, feed=feed, scale=scale)
    boost = exp.boost
    rates = session_rates(post, minutes)
    base = np.array([s.propensity for s in segment_specs()])
    mult = np.prod(list(action_multipliers(post).values()), axis=0)
    per_view = np.minimum(base * scale * mult[None, :] * interest_multipliers(post)[:, None], 1.0)
    d = model_defaults()
    counted = [KINDS.index(k) for k in d["calibration"]["counted_kinds"]]
    weights = shares * exp.exposure
    chances, reference, base_boost = np.zeros(len(KINDS)), 0.0, 0.0
    if feed == "ranked" and weights.sum() > 0:
        chances = weights @ exp.per_view / weights.sum()
        plain = weights @ expected_per_view(reference_post(post), scale) / weights.sum()
        reference = ranking_score(plain)
        base_boost = ranking_boost(ranking_score(chances), reference)
    ctx = _Context(
        post=post,
        audience=audience,
        minutes=minutes,
        half_life=half_life,
        rates=rates,
        vis=visibility(half_life, minutes, boost),
        remaining=remaining_exposure(rates, half_life, boost),
        per_view=per_view,
        counted=counted,
        appeal_sigma=float(d["luck"]["appeal_sigma"]),
        relay_factor=float(d["cascade"]["relay_factor"]),
        chances=chances,
        reference=reference,
        base_boost=base_boost,
        recommended=_placements(post, shares, hours, scale) if feed == "ranked" else 0.0,
        max_rounds=int(d["cascade"]["max_rounds"]),
    )
    key = (post, audience.shares, hours, feed)
    if key not in _SCALES:
        if len(_SCALES) > 256:
            _SCALES.clear()
        _SCALES[key] = _appeal_scale(ctx)
    return replace(ctx, appeal_scale=_SCALES[key])


#: Appeal divisors already worked out, by post, audience mix, hours and feed (pure, so cached).
_SCALES: dict[tuple, float] = {}


def _actions(
    ctx: _Context, rng: np.random.Generator, nodes: np.ndarray, gain: np.ndarray
) -> np.ndarray:
    """Sample which actions each viewer takes, shape ``(len(nodes), kinds)``."""
    aud = ctx.audience
    lang = language_factor(ctx.post, aud.primary[nodes], aud.reads[nodes])
    chance = np.minimum(ctx.per_view[aud.node_segment[nodes]] * gain * lang[:, None], 1.0)
    return rng.random(chance.shape) < chance


def _reshare_tree(nodes: np.ndarray, parents: np.ndarray, relayed: np.ndarray) -> CascadeStats:
    """Size, depth and structural virality of the reshare tree under the account."""
    tree = nodes[relayed]
    if tree.size == 0:
        return CascadeStats(size=1, depth=0, structural_virality=0.0)
    tree_parents = parents[relayed]
    order = np.argsort(tree)
    where = np.searchsorted(tree[order], tree_parents)
    pos = order[np.clip(where, 0, tree.size - 1)] + 1
    full = np.concatenate([[-1], np.where(tree_parents < 0, 0, pos)])
    depth = int(tree_depths(full).max())
    return CascadeStats(
        size=int(full.size), depth=depth, structural_virality=structural_virality(full)
    )


def _placements(post: Post, shares: np.ndarray, hours: int, scale: float) -> float:
    """Recommended placements per engagement: ``cascade.recommendation_r0`` over the plain
    post's engagement per view, so a plain post's recommendations bring that many new
    viewers per viewer on every platform, and a post that draws more engagement spreads more.
    """
    plain = expected(reference_post(post), shares, hours=hours, feed="ranked", scale=scale)
    per_view = plain.engagement_per_follower / max(plain.reach_per_follower, 1e-12)
    r0 = float(model_defaults()["cascade"]["recommendation_r0"])
    return r0 / per_view if per_view > 0 else 0.0


_Z, _ZW = np.polynomial.hermite_e.hermegauss(32)
_ZW = _ZW / _ZW.sum()


def _appeal_scale(ctx: _Context) -> float:
    """Divide appeal by this so the mean post, ranking lift included, keeps its calibrated mean.

    A more appealing draw is also kept in a ranked feed longer, so engagement
    grows faster than appeal; without this the average over draws would sit
    above the benchmark the model is calibrated to.  Expected engagement of
    followers is ``appeal x exposure(lift(appeal))``, averaged over the draw
    with Gauss-Hermite quadrature; a few fixed-point steps find the divisor.
    """
    sigma = ctx.appeal_sigma
    if sigma <= 0 or ctx.base_boost <= 0:
        return 1.0
    shares = np.array(ctx.audience.shares)
    exp = expected(ctx.post, shares, hours=ctx.minutes // 60, feed="ranked")
    weight = shares * exp.per_view[:, ctx.counted].sum(axis=1)
    total = remaining_exposure(ctx.rates, ctx.half_life, exp.boost)[:, 0]
    act_sigma = float(model_defaults()["sessions"]["activeness_sigma"])
    act = np.array([s.activeness for s in segment_specs()])[:, None] * np.exp(
        act_sigma * _Z[None, :] - 0.5 * act_sigma**2
    )

    def engagement(appeal: float) -> float:
        reach = (-np.expm1(-act * total[:, None] * _lift(ctx, appeal))) @ _ZW
        return appeal * float(weight @ reach)

    draws = np.exp(sigma * _Z - 0.5 * sigma**2)
    target, scale = engagement(1.0), 1.0
    if target <= 0:
        return 1.0
    for _ in range(4):
        mean = float(sum(w * engagement(d / scale) for d, w in zip(draws, _ZW, strict=True)))
        scale *= mean / target
    return scale


def _draw_appeal(ctx: _Context, rng: np.random.Generator) -> float:
    """The post's appeal in this run (its luck, unknown in advance): log-normal, mean about 1."""
    sigma = ctx.appeal_sigma
    if sigma <= 0:
        return 1.0
    return float(np.exp(sigma * rng.standard_normal() - 0.5 * sigma**2)) / ctx.appeal_scale


def _run(ctx: _Context, rng: np.random.Generator) -> dict:
    """One run: appeal, direct views, actions, reshare cascade, then the counts."""
    aud, minutes = ctx.audience, ctx.minutes
    appeal = _draw_appeal(ctx, rng)
    lift = _lift(ctx, appeal)
    gain = _appeal_gain(appeal)
    relay_gain = _appeal_gain(appeal * ctx.relay_factor)
    n_fol = aud.followers
    seg, act_level = aud.node_segment, aud.activeness
    vis = ctx.vis * lift
    hazard = act_level[:n_fol] * (ctx.remaining[seg[:n_fol], 0] * lift)
    seen = np.flatnonzero(rng.random(n_fol) < -np.expm1(-hazard))
    first = view_minutes(
        rng, ctx.rates, vis, seg[seen], np.zeros(seen.size, dtype=np.int64), act_level[seen]
    )
    # further views of the same post by followers who already saw it
    fade = np.exp2(-first / ctx.half_life)
    left = act_level[seen] * (ctx.remaining[seg[seen], first] * lift) * fade
    extra = rng.poisson(left)
    extra_at = np.repeat(first, extra) + rng.geometric(
        min(1.0, np.log(2) / ctx.half_life), size=int(extra.sum())
    )
    extra_at = extra_at[extra_at < minutes]
    acts = _actions(ctx, rng, seen, gain)

    time = np.full(aud.people, -1, dtype=np.int64)
    time[seen] = first
    reached = np.zeros(aud.people, dtype=bool)
    reached[seen] = True
    found: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = [(seen, first, acts)]

    def chance(sources: np.ndarray, targets: np.ndarray) -> np.ndarray:
        rest = ctx.remaining[seg[targets], time[sources]] * lift
        return -np.expm1(-act_level[targets] * rest)

    def relay(nodes: np.ndarray, parents: np.ndarray, _generation: int) -> np.ndarray:
        when = view_minutes(rng, ctx.rates, vis, seg[nodes], time[parents], act_level[nodes])
        time[nodes] = when
        took = _actions(ctx, rng, nodes, relay_gain)
        found.append((nodes, when, took))
        return took[:, _RESHARE]

    trees = []
    seeds = seen[acts[:, _RESHARE]]
    used = 0  # entries of ``found`` whose engagements have already earned placements
    for _ in range(ctx.max_rounds):
        casc = independent_cascade(aud.graph, seeds, chance, rng, reached=reached, relay=relay)
        reached[casc.nodes] = True
        trees.append(casc)
        fresh, used = found[used:], len(found)
        engaged = np.concatenate([f[1][f[2][:, ctx.counted].any(axis=1)] for f in fresh])
        picked, at = _recommended(ctx, rng, engaged, reached, lift)
        if picked.size == 0:
            break
        when = view_minutes(rng, ctx.rates, vis, seg[picked], at, act_level[picked])
        time[picked] = when
        reached[picked] = True
        took = _actions(ctx, rng, picked, gain)
        found.append((picked, when, took))
        seeds = picked[took[:, _RESHARE]]
    nodes = np.concatenate([f[0] for f in found])
    when = np.concatenate([f[1] for f in found])
    took = np.concatenate([f[2] for f in found])
    tree = _reshare_tree(
        np.concatenate([c.nodes for c in trees]),
        np.concatenate([c.parents for c in trees]),
        np.concatenate([c.relayed for c in trees]),
    )
    out = _tally(ctx, nodes, when, took, extra_at, tree)
    out["row"]["appeal"] = appeal
    out["row"]["appeal_percentile"] = _percentile(ctx, appeal)
    return out


def _percentile(ctx: _Context, appeal: float) -> float:
    """Share of draws (in %) with a lower appeal than ``appeal``."""
    sigma = ctx.appeal_sigma
    if sigma <= 0:
        return 50.0
    z = (np.log(appeal * ctx.appeal_scale) + 0.5 * sigma**2) / sigma
    return float(100 * special.ndtr(z))


def _recommended(
    ctx: _Context,
    rng: np.random.Generator,
    engaged: np.ndarray,
    reached: np.ndarray,
    lift: float,
) -> tuple[np.ndarray, np.ndarray]:
    """People who do not follow the account and are shown the post because others engaged.

    A ranked feed recommends a post that draws engagement to people outside
    the account's followers (X's 2023 "For You" timeline is about half
    out-of-network posts): each engagement earns ``cascade.recommended_per_engagement``
    placements, each at the time of that engagement, with people picked at
    random among those who do not follow the account; one who already has
    the post or does not open the app while it is in view is a wasted placement.
    Returns the people who see it and the minute of each placement.
    """
    aud = ctx.audience
    outside = aud.people - aud.followers
    none = np.empty(0, dtype=np.int64)
    if ctx.recommended <= 0 or engaged.size == 0 or outside <= 0:
        return none, none
    placements = int(rng.poisson(ctx.recommended * engaged.size))
    if placements == 0:
        return none, none
    people = rng.integers(aud.followers, aud.people, size=placements)
    at = engaged[rng.integers(0, engaged.size, size=placements)]
    people, first = np.unique(people, return_index=True)
    at = at[first]
    fresh = ~reached[people]
    people, at = people[fresh], at[fresh]
    seg = aud.node_segment[people]
    rest = ctx.remaining[seg, at] * lift
    sees = rng.random(people.size) < -np.expm1(-aud.activeness[people] * rest)
    return people[sees], at[sees]


def _tally(ctx, nodes, when, took, extra_at, tree: CascadeStats) -> dict:
    """Per-run counts: totals, per-minute series and per-segment table."""
    minutes, n_fol = ctx.minutes, ctx.audience.followers
    n_seg = len(segment_specs())
    seg = ctx.audience.node_segment[nodes]
    series = {
        "impressions": np.bincount(when, minlength=minutes)
        + np.bincount(extra_at, minlength=minutes),
        "new_reach": np.bincount(when, minlength=minutes),
    }
    segs = {
        "reached": np.bincount(seg, minlength=n_seg),
        "reached_outside": np.bincount(seg, weights=nodes >= n_fol, minlength=n_seg),
    }
    totals = {}
    for k, kind in enumerate(KINDS):
        hits = took[:, k].astype(float)
        series[kind] = np.bincount(when, weights=hits, minlength=minutes)
        segs[kind] = np.bincount(seg, weights=hits, minlength=n_seg)
        totals[kind] = int(took[:, k].sum())
    impressions = int(series["impressions"].sum())
    reach = int(nodes.size)
    counted = sum(totals[KINDS[k]] for k in ctx.counted)
    row = {
        "impressions": impressions,
        "reach": reach,
        "reach_outside": int((nodes >= n_fol).sum()),
        **totals,
        "engagements": counted,
        "rate_by_reach": counted / reach if reach else 0.0,
        "rate_by_followers": counted / n_fol,
        "rate_by_impressions": counted / impressions if impressions else 0.0,
        "cascade_size": tree.size,
        "cascade_depth": tree.depth,
        "structural_virality": tree.structural_virality,
    }
    return {"row": row, "series": series, "segments": segs}


def _combine(ctx: _Context, outs: list[dict], feed: str) -> SimulationResult:
    """Average the runs into one result, keeping the per-run table."""
    runs = pd.DataFrame([o["row"] for o in outs])
    runs.insert(0, "run", np.arange(len(outs)))
    n = len(outs)
    mean = runs.mean()

    def num(name: str) -> float:
        return int(runs[name].iloc[0]) if n == 1 else float(mean[name])

    series = {k: sum(o["series"][k] for o in outs) / n for k in outs[0]["series"]}
    timeline = pd.DataFrame(series)
    timeline["reach"] = timeline["new_reach"].cumsum()
    counted = [KINDS[k] for k in ctx.counted]
    timeline["engagements"] = timeline[counted].sum(axis=1).cumsum()
    timeline.index.name = "minute"
    if n == 1:
        timeline = timeline.round().astype(int)
    names = [s.name for s in segment_specs()]
    by_seg = pd.DataFrame(
        {k: sum(o["segments"][k] for o in outs) / n for k in outs[0]["segments"]}, index=names
    )
    by_seg.insert(
        0,
        "followers",
        np.bincount(ctx.audience.node_segment[: ctx.audience.followers], minlength=len(names)),
    )
    reached = by_seg["reached"].replace(0, np.nan)
    by_seg["engagement_rate_by_reach"] = (by_seg[counted].sum(axis=1) / reached).fillna(0.0)
    by_seg.index.name = "segment"
    reach_curves = np.vstack([np.cumsum(o["series"]["new_reach"]) for o in outs])
    rate = EngagementRate(
        by_reach=float(mean["rate_by_reach"]),
        by_followers=float(mean["rate_by_followers"]),
        by_impressions=float(mean["rate_by_impressions"]),
    )
    cascade = CascadeStats(
        size=num("cascade_size"),
        depth=num("cascade_depth"),
        structural_virality=float(mean["structural_virality"]),
    )
    partial = SimulationResult(
        post=ctx.post,
        followers=ctx.audience.followers,
        hours=ctx.minutes // 60,
        feed=feed,
        n_runs=n,
        impressions=num("impressions"),
        reach=num("reach"),
        engagements={kind: num(kind) for kind in KINDS},
        engagement_rate=rate,
        timeline=timeline,
        by_segment=by_seg,
        cascade=cascade,
        runs=runs,
        factors=explain_factors(ctx.post, ctx.audience, hours=ctx.minutes // 60, feed=feed),
        reach_curves=reach_curves,
    )
    return SimulationResult(**{**vars(partial), "notes": result_notes(partial)})


def simulate(
    post: Post,
    audience: Audience,
    *,
    hours: int = 48,
    runs: int = 1,
    seed: SeedLike = None,
    feed: str = "ranked",
) -> SimulationResult:
    """Simulate how an audience responds to a post, minute by minute.

    Parameters
    ----------
    post : Post
        What is posted, when, and how.
    audience : Audience
        Who follows the account (``Audience.synthetic``); same platform as the post.
    hours : int
        How long to follow the post (1 to 168).
    runs : int
        Independent repetitions (1 to 1,000); run ``i`` is the same whatever ``runs`` is.
    seed : int, SeedSequence, Generator or None
        Randomness; the same seed gives the same numbers on every machine.
    feed : {"ranked", "chronological"}
        Feed ordering; "ranked" uses X's open-sourced 2023 ranking weights.

    Returns
    -------
    SimulationResult
        Counts (means when ``runs > 1``), rates, timeline, segments, cascade, ``explain()``.

    Raises
    ------
    PostLabTypeError, PostLabValueError
        For a post or audience of the wrong kind, mismatched platforms, hours or
        runs out of range, an unknown feed or a seed of the wrong type.

    Example
    -------
    >>> from postlab.audience import Audience
    >>> audience = Audience.synthetic(followers=5_000, seed=1)
    >>> result = simulate(Post(format="image", hour=19), audience, seed=7)
    >>> result.reach >= result.engagements["like"]
    True
    """
    limits = model_defaults()["limits"]
    _check(post, audience, feed)
    hours = whole_number("hours", hours, 1, int(limits["max_hours"]))
    runs = whole_number("runs", runs, 1, int(limits["max_runs"]))
    generators = spawn_generators(seed, runs)
    ctx = _context(post, audience, hours, feed)
    return _combine(ctx, [_run(ctx, rng) for rng in generators], feed)
