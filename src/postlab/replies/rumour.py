"""The rumour race: a rumour and the official response spread as two competing cascades.

A teaching model, not a forecast. The rumour starts from a few people at minute 0
and is passed on through the audience's follow graph (row ``i`` lists who sees
what ``i`` shares), more readily than the truth (Vosoughi, Roy and Aral 2018; see
the caveat of Juul and Ugander 2021 in ``data/crisis/rumour_model.yaml``). The
account answers with a plan of responses (prebunk, holding statement, full
correction, partner amplification, or silence), each reaching part of its
followers over the platform's post half-life and passed on in turn. People who
saw the official word first are less likely to forward the rumour, and some who
were about to forward it stop. A correction names the myth, so some people who had
not met the rumour learn of it from the correction (``amplify`` in the model data):
for a rumour that is not spreading (``rumour="fringe"``), answering can spread it
further than silence (RESIST 2, 2021; OECD 2023). The question it answers: how many
people saw the rumour without the official word, and for how long?

Everything is vectorised over people (numpy), one step per 5 minutes; the same
seed gives the same numbers, and the rumour's starting points depend on the seed
only, so two plans run with one seed are compared under common random numbers.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
import pandas as pd
import yaml

from postlab.audience import Audience
from postlab.errors import PostLabTypeError, PostLabValueError
from postlab.seeding import SeedLike, as_seed_sequence
from postlab.validation import whole_number

__all__ = ["RESPONSES", "RUMOURS", "Response", "RumourRace", "race", "rumour_model"]

_MAX_HOURS = 72
_MAX_RUNS = 50
_MAX_MESSAGES = 8
_EARLIEST = -24 * 60  # a prebunk may go out up to a day before the rumour
_NEVER = np.iinfo(np.int64).max


@cache
def rumour_model() -> dict[str, Any]:
    """The parameters in ``data/crisis/rumour_model.yaml`` (each with its source).

    Example
    -------
    >>> rumour_model()["false_news_advantage"]["value"]
    1.7
    """
    text = (
        resources.files("postlab.data")
        .joinpath("crisis", "rumour_model.yaml")
        .read_text(encoding="utf-8")
    )
    return yaml.safe_load(text)


def _value(name: str) -> float:
    return float(rumour_model()[name]["value"])


RESPONSES: tuple[str, ...] = tuple(rumour_model()["responses"])
"""Response kinds: silence, prebunk, holding, correction, partners."""

RUMOURS: tuple[str, ...] = tuple(rumour_model()["rumours"])
"""Kinds of rumour: ``spreading`` (taking off) and ``fringe`` (few people, dying out)."""


@dataclass(frozen=True)
class Response:
    """One message of the account's plan: what kind, and at which minute after the rumour starts.

    ``minute`` may be negative for a prebunk posted before the rumour.

    Example
    -------
    >>> Response("correction", 10).label
    'Full correction (truth sandwich)'
    """

    kind: str
    minute: int

    def __post_init__(self) -> None:
        if not isinstance(self.kind, str) or self.kind not in RESPONSES:
            msg = f"kind={self.kind!r}, must be one of: {', '.join(RESPONSES)}"
            raise PostLabValueError(msg)
        if not isinstance(self.minute, numbers.Integral) or isinstance(self.minute, bool):
            msg = f"minute={self.minute!r}, must be a whole number of minutes such as 10 or 360"
            raise PostLabTypeError(msg)
        if self.minute < _EARLIEST:
            msg = f"minute={self.minute}, must be {_EARLIEST} (a day before) or later"
            raise PostLabValueError(msg)

    @property
    def label(self) -> str:
        """The kind in words."""
        return str(rumour_model()["responses"][self.kind]["label"])


@dataclass(frozen=True)
class RumourRace:
    """Who saw the rumour, who saw the official word, minute by minute (mean over runs).

    Attributes
    ----------
    responses : tuple of Response
        The plan that was run.
    minutes : numpy.ndarray
        Minutes after the rumour started, one per step.
    saw_rumour, answered, unanswered : numpy.ndarray
        People who had seen the rumour; who had seen the official word; who had
        seen the rumour but not (yet) the official word, at each minute.
    shared_rumour : float
        People who passed the rumour on.
    people, followers, runs : int
        Size of the model and number of runs averaged.
    amplified : float
        People who first heard of the rumour from the official message itself.
    rumour : str
        The kind of rumour run (``RUMOURS``).
    """

    responses: tuple[Response, ...]
    minutes: np.ndarray
    saw_rumour: np.ndarray
    answered: np.ndarray
    unanswered: np.ndarray
    shared_rumour: float
    people: int
    followers: int
    runs: int
    amplified: float = 0.0
    rumour: str = "spreading"

    @property
    def reach(self) -> float:
        """People who saw the rumour by the end."""
        return float(self.saw_rumour[-1])

    @property
    def unanswered_final(self) -> float:
        """People who saw the rumour and never saw the official word."""
        return float(self.unanswered[-1])

    @property
    def unanswered_hours(self) -> float:
        """Person-hours spent believing the rumour was unanswered (area under ``unanswered``)."""
        step = float(self.minutes[1] - self.minutes[0]) if self.minutes.size > 1 else 0.0
        return float(self.unanswered.sum() * step / 60)

    @property
    def timeline(self) -> pd.DataFrame:
        """The curves as a table indexed by minute."""
        return pd.DataFrame(
            {
                "saw_rumour": self.saw_rumour,
                "answered": self.answered,
                "unanswered": self.unanswered,
            },
            index=pd.Index(self.minutes, name="minute"),
        )

    def summary(self) -> list[str]:
        """Three sentences on what happened."""
        plan = (
            ", ".join(f"{r.label.lower()} at minute {r.minute}" for r in self.responses)
            or "silence"
        )
        return [
            f"Plan: {plan}.",
            f"{self.reach:,.0f} of {self.people:,} people saw the rumour"
            + (
                f" ({self.amplified:,.0f} first from the official message)"
                if self.amplified
                else ""
            )
            + f"; {self.shared_rumour:,.0f} passed it on.",
            f"{self.unanswered_final:,.0f} saw it and never saw the official word; "
            f"{self.unanswered_hours:,.0f} person-hours of an unanswered rumour.",
        ]


def _plan(responses: object) -> tuple[Response, ...]:
    if isinstance(responses, Response):
        return (responses,)
    if isinstance(responses, str) or not isinstance(responses, Sequence):
        msg = (
            f"responses={responses!r:.60}, must be a list such as "
            "[Response('holding', 10), Response('correction', 120)] (or [] for silence)"
        )
        raise PostLabTypeError(msg)
    plan = []
    for item in responses:
        if isinstance(item, Response):
            plan.append(item)
        elif isinstance(item, tuple | list) and len(item) == 2:
            plan.append(Response(item[0], item[1]))
        else:
            msg = f"responses item {item!r:.60}, must be a Response or a (kind, minute) pair"
            raise PostLabTypeError(msg)
    kept = tuple(sorted((r for r in plan if r.kind != "silence"), key=lambda r: r.minute))
    if len(kept) > _MAX_MESSAGES:
        msg = f"responses has {len(kept)} messages, must have {_MAX_MESSAGES} or fewer"
        raise PostLabValueError(msg)
    return kept


class _Run:
    """One run of the race; arrays over people, one step per tick."""

    def __init__(
        self, audience: Audience, plan, start_nodes, seed, ticks: int, first: int, rumour: str
    ):
        # Two streams: the rumour's coins never shift when the plan changes (common random numbers).
        self.rng, self.rumour_rng = (np.random.default_rng(s) for s in seed.spawn(2))
        self.tick = _value("tick_minutes")
        self.indptr, self.indices = audience.graph.indptr, audience.graph.indices
        n = audience.people
        self.saw_r = np.full(n, _NEVER, dtype=np.int64)
        self.saw_c = np.full(n, _NEVER, dtype=np.int64)
        self.share_r = np.full(n, _NEVER, dtype=np.int64)
        self.share_c = np.full(n, _NEVER, dtype=np.int64)
        self.carry = np.zeros(n, dtype=np.int8)  # which message a node passes on
        self.seen = np.zeros(n, dtype=np.uint8)  # bit m: saw message m
        self.protect = np.ones(n)
        self.shared = np.zeros(n, dtype=bool)
        self.amplified = 0
        self.plan = plan
        self.specs = [rumour_model()["responses"][r.kind] for r in plan]
        self.see = _value("see_share")
        self.p_rumour = float(rumour_model()["rumours"][rumour]["reshare"])
        self.p_true = self.p_rumour / _value("false_news_advantage")
        self.delay = _value("reshare_delay_minutes") / self.tick
        self.retract = _value("retract_share")
        self.deliveries = self._deliveries(audience)
        # The rumour's randomness is drawn up front, per person and per link, so that two plans
        # run with one seed differ only where the plan changed what people did.
        self.edge_coin = self.rumour_rng.random(self.indices.size, dtype=np.float32)
        self.propensity = self.rumour_rng.random(n)
        self.wait = self.rumour_rng.geometric(1.0 / max(self.delay, 1.0), size=n)
        self.saw_r[start_nodes] = 0
        self.share_r[start_nodes] = 0
        self.shared[start_nodes] = True
        self.first, self.ticks = first, ticks

    def _deliveries(self, audience: Audience) -> dict[int, list[tuple[np.ndarray, int]]]:
        """When each official message reaches which followers: ``{tick: [(nodes, message)]}``."""
        out: dict[int, list[tuple[np.ndarray, int]]] = {}
        half_life = float(audience.platform.half_life_minutes)
        degree = np.diff(self.indptr)
        for m, (response, spec) in enumerate(zip(self.plan, self.specs, strict=True)):
            start = math.floor(response.minute / self.tick)
            reach = min(1.0, _value("official_reach") * float(spec["reach"]))
            hit = np.flatnonzero(self.rng.random(audience.followers) < reach)
            age = self.rng.exponential(half_life / math.log(2), size=hit.size)
            when = start + np.ceil(age / self.tick).astype(np.int64)
            order = np.argsort(when, kind="stable")
            hit, when = hit[order], when[order]
            ticks, first = np.unique(when, return_index=True)
            for t, nodes in zip(ticks, np.split(hit, first[1:]), strict=True):
                out.setdefault(int(t), []).append((nodes, m))
            if spec.get("partners"):
                top = np.argsort(-degree, kind="stable")[: int(_value("partners"))]
                out.setdefault(start, []).append((top, m))
        return out

    def _later(self, rng: np.random.Generator, count: int, t: int) -> np.ndarray:
        """Ticks at which newly convinced people pass a post on (geometric delay)."""
        return t + rng.geometric(1.0 / max(self.delay, 1.0), size=count)

    def _spread(
        self, sharers: np.ndarray, coins: np.ndarray | None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Followers of ``sharers`` who see the post: ``(sources, targets)``.

        ``coins`` holds one fixed draw per edge (the rumour's); None draws fresh ones.
        """
        starts, ends = self.indptr[sharers], self.indptr[sharers + 1]
        counts = ends - starts
        total = int(counts.sum())
        if total == 0:
            empty = np.empty(0, dtype=np.int64)
            return empty, empty
        offsets = np.repeat(starts - (np.cumsum(counts) - counts), counts) + np.arange(total)
        sources = np.repeat(sharers, counts)
        targets = self.indices[offsets].astype(np.int64)
        draws = self.rng.random(total) if coins is None else coins[offsets]
        keep = draws < self.see
        return sources[keep], targets[keep]

    def _official(self, nodes: np.ndarray, m: int, t: int) -> None:
        """``nodes`` see official message ``m`` at tick ``t``."""
        bit = np.uint8(1 << m)
        nodes = np.unique(nodes[(self.seen[nodes] & bit) == 0])
        if nodes.size == 0:
            return
        spec = self.specs[m]
        self._amplify(nodes, float(spec.get("amplify", 0.0)), float(spec["protect"]), t)
        self.seen[nodes] |= bit
        self.saw_c[nodes] = np.minimum(self.saw_c[nodes], t)
        self.protect[nodes] = np.minimum(self.protect[nodes], float(spec["protect"]))
        pending = nodes[(self.share_r[nodes] > t) & (self.share_r[nodes] != _NEVER)]
        stop = pending[self.rng.random(pending.size) < self.retract]
        self.share_r[stop] = _NEVER
        p = self.p_true * float(spec["reshare"])
        fresh = nodes[self.share_c[nodes] == _NEVER]
        go = fresh[self.rng.random(fresh.size) < p]
        self.share_c[go] = self._later(self.rng, go.size, t)
        self.carry[go] = m

    def _amplify(self, nodes: np.ndarray, share: float, protect: float, t: int) -> None:
        """Some of ``nodes`` who had not met the rumour learn of it from the message itself."""
        if share <= 0:
            return
        fresh = nodes[self.saw_r[nodes] > t]
        learn = fresh[self.rng.random(fresh.size) < share]
        self.saw_r[learn] = t
        self.amplified += int(learn.size)
        # They read the correction at the same moment, so its protection applies to them.
        go = learn[self.propensity[learn] < self.p_rumour * protect]
        self.share_r[go] = t + self.wait[go]
        self.shared[go] = True

    def step(self, t: int) -> None:
        """Advance one tick: official deliveries, rumour reshares, official reshares."""
        for nodes, m in self.deliveries.get(t, ()):
            self._official(nodes, m, t)
        sharers = np.flatnonzero(self.share_r == t)
        if sharers.size:
            _, targets = self._spread(sharers, self.edge_coin)
            new = np.unique(targets[self.saw_r[targets] > t])
            self.saw_r[new] = t
            go = new[self.propensity[new] < self.p_rumour * self.protect[new]]
            self.share_r[go] = t + self.wait[go]
            self.shared[go] = True
        sharers = np.flatnonzero(self.share_c == t)
        if sharers.size:
            for m in np.unique(self.carry[sharers]):
                _, targets = self._spread(sharers[self.carry[sharers] == m], None)
                self._official(targets, int(m), t)

    def run(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
        """Every tick from ``first`` to the end; the three curves and the sharers."""
        saw, answered, unanswered = [], [], []
        for t in range(self.first, self.ticks + 1):
            self.step(t)
            r = self.saw_r <= t
            c = self.saw_c <= t
            saw.append(int(r.sum()))
            answered.append(int(c.sum()))
            unanswered.append(int((r & ~c).sum()))
        return np.array(saw), np.array(answered), np.array(unanswered), float(self.shared.sum())


def race(
    audience: Audience,
    responses: Sequence[Response | tuple[str, int]] = (),
    *,
    hours: int = 12,
    runs: int = 1,
    seed: SeedLike = None,
    rumour: str = "spreading",
) -> RumourRace:
    """Run a rumour against the account's plan of responses.

    Parameters
    ----------
    audience : Audience
        From ``Audience.synthetic``; its follow graph carries both cascades.
    responses : list of Response or (kind, minute) pairs
        The plan; ``[]`` (or ``[("silence", 0)]``) says nothing. Kinds:
        ``RESPONSES``.
    hours : int, keyword-only
        How long to follow the race (1 to 72).
    runs : int, keyword-only
        Runs to average (1 to 50), each from its own random stream.
    seed : int, SeedSequence, Generator or None, keyword-only
        Same seed, same numbers; the rumour's starting points depend only on the seed.
    rumour : str, keyword-only
        ``"spreading"`` (the default: a rumour taking off) or ``"fringe"`` (a few
        people, dying out by itself): ``RUMOURS``. For a fringe rumour a loud
        correction can reach more people with the myth than silence does.

    Returns
    -------
    RumourRace
        Curves of who saw the rumour, the official word, or the rumour alone.

    Raises
    ------
    PostLabTypeError, PostLabValueError
        For an audience of the wrong type, an unknown kind, a bad minute, hours or runs.

    Example
    -------
    >>> audience = Audience.synthetic(followers=2_000, seed=1)
    >>> early = race(audience, [Response("correction", 10)], hours=6, seed=3)
    >>> late = race(audience, [Response("correction", 360)], hours=6, seed=3)
    >>> early.unanswered_hours < late.unanswered_hours
    True
    """
    if not isinstance(audience, Audience):
        msg = f"audience={audience!r:.60} ({type(audience).__name__}), must be an Audience"
        raise PostLabTypeError(msg)
    plan = _plan(responses)
    if not isinstance(rumour, str) or rumour not in RUMOURS:
        msg = f"rumour={rumour!r:.60}, must be one of: {', '.join(RUMOURS)}"
        raise PostLabValueError(msg)
    profile = rumour_model()["rumours"][rumour]
    hours = whole_number("hours", hours, 1, _MAX_HOURS)
    runs = whole_number("runs", runs, 1, _MAX_RUNS)
    base = as_seed_sequence(seed)
    start_seq, *run_seqs = base.spawn(runs + 1)
    count = min(int(profile["seeds"]), audience.people)
    start_nodes = np.random.default_rng(start_seq).choice(audience.people, count, replace=False)
    tick = _value("tick_minutes")
    ticks = int(hours * 60 // tick)
    first = min([0, *(math.floor(r.minute / tick) for r in plan)])
    runs_ = [_Run(audience, plan, start_nodes, s, ticks, first, rumour) for s in run_seqs]
    curves = [r.run() for r in runs_]
    return RumourRace(
        responses=plan,
        minutes=np.arange(first, ticks + 1) * tick,
        saw_rumour=np.mean([c[0] for c in curves], axis=0),
        answered=np.mean([c[1] for c in curves], axis=0),
        unanswered=np.mean([c[2] for c in curves], axis=0),
        shared_rumour=float(np.mean([c[3] for c in curves])),
        people=audience.people,
        followers=audience.followers,
        runs=runs,
        amplified=float(np.mean([r.amplified for r in runs_])),
        rumour=rumour,
    )
