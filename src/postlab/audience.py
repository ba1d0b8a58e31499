"""Synthetic audiences: who follows the account, when they are online, what they read.

An :class:`Audience` is a population of followers in segments (urban youth,
rural families, seniors, ...) read from ``data/segments.yaml``, plus people
outside the account's followers who follow those followers, linked by a
heavy-tailed follow graph (``postlab.graphs``) so that reshares can reach
people who never followed the account.
"""

from __future__ import annotations

import numbers
import os
from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse as sp

from postlab.errors import PostLabTypeError, PostLabValueError
from postlab.graphs import expected_out_degree, follow_graph
from postlab.platforms import Platform, get_platform
from postlab.seeding import SeedLike, as_seed_sequence
from postlab.simulation.defaults import LANGUAGES, model_defaults
from postlab.simulation.segments import Segment, activity_curve, segment_specs

__all__ = ["Audience", "Segment", "activity_curve", "estimate_memory", "segment_specs"]


def _limits() -> dict:
    """The ``limits`` section of the model defaults."""
    return model_defaults()["limits"]


def estimate_memory(followers: int) -> int:
    """Estimated peak bytes to build an audience of ``followers`` (graph included).

    Example
    -------
    >>> estimate_memory(50_000) < 100_000_000
    True
    """
    graph = model_defaults()["follow_graph"]
    nodes = int(followers * (1 + float(graph["outside_ratio"])))
    degree = expected_out_degree(
        exponent=float(graph["power_law_exponent"]),
        min_followers=int(graph["min_followers"]),
        max_followers=int(graph["max_followers"]),
    )
    edges = nodes * degree
    return int(nodes * 48 + edges * 42)


def _available_memory() -> int | None:
    """Free physical memory in bytes, if the system says."""
    try:
        return int(os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE"))
    except (ValueError, OSError, AttributeError):
        return None


def _check_followers(followers: object) -> int:
    """Validate the audience size against the limits and the memory budget."""
    lo, hi = int(_limits()["min_followers"]), int(_limits()["max_followers"])
    if not isinstance(followers, numbers.Integral) or isinstance(followers, bool):
        msg = f"followers={followers!r}, must be a whole number between {lo:,} and {hi:,}"
        raise PostLabTypeError(msg)
    if not lo <= followers <= hi:
        msg = f"followers={followers:,}, must be between {lo:,} and {hi:,}"
        raise PostLabValueError(msg)
    need = estimate_memory(int(followers))
    budget = int(_limits()["memory_budget_bytes"])
    free = _available_memory()
    if free is not None:
        budget = min(budget, int(free * 0.8))
    if need > budget:
        msg = (
            f"followers={followers:,} would need about {need / 1e9:.1f} GB of memory, "
            f"more than the {budget / 1e9:.1f} GB this machine can spare; choose fewer followers"
        )
        raise PostLabValueError(msg)
    return int(followers)


#: Tag that keeps audience streams apart from simulation runs given the same seed.
_AUDIENCE_STREAM = 0xA0D1E


def _audience_generators(seed: SeedLike) -> list[np.random.Generator]:
    """Three generators for people, outsiders and graph, never equal to a run's stream.

    ``simulate(seed=s)`` uses the children ``(i,)`` of ``s``; the audience uses
    children ``(tag, j)``, so passing the same number to both is safe.
    """
    base = as_seed_sequence(seed)
    tagged = np.random.SeedSequence(base.entropy, spawn_key=(*base.spawn_key, _AUDIENCE_STREAM))
    return [np.random.default_rng(child) for child in tagged.spawn(3)]


_MIX_TOLERANCE = 1e-6
"""Shares adding up to 1 within this are taken as adding up to 1 (0.1 + 0.2 + 0.7 is not 1.0)."""


def _resolve_mix(mix: object) -> np.ndarray:
    """Turn a partial ``{segment: share}`` mix into shares for every segment."""
    specs = segment_specs()
    default = np.array([s.share for s in specs])
    if mix is None:
        return default / default.sum()
    names = [s.name for s in specs]
    if not isinstance(mix, dict):
        msg = f"mix={mix!r}, must be a dict such as {{'seniors': 0.5}} with shares of segments"
        raise PostLabTypeError(msg)
    shares = np.zeros(len(specs))
    given = np.zeros(len(specs), dtype=bool)
    for key, value in mix.items():
        if key not in names:
            msg = f"mix has segment {key!r}, which is not one of: {', '.join(names)}"
            raise PostLabValueError(msg)
        if not isinstance(value, numbers.Real) or isinstance(value, bool) or not 0 <= value <= 1:
            msg = f"mix[{key!r}]={value!r}, must be a share between 0 and 1"
            raise PostLabValueError(msg)
        shares[names.index(key)] = float(value)
        given[names.index(key)] = True
    total = shares.sum()
    if total > 1 + _MIX_TOLERANCE:
        msg = f"mix shares add up to {total:.2f}, must add up to 1 or less"
        raise PostLabValueError(msg)
    total = min(total, 1.0)  # 1 + 1e-10 from rounding is 1: never a negative share for the rest
    rest = default * ~given
    if rest.sum() > 0:
        shares += rest / rest.sum() * (1 - total)
    if shares.sum() <= 0:
        msg = "mix gives every segment a share of 0; at least one share must be above 0"
        raise PostLabValueError(msg)
    return shares / shares.sum()


def _people(rng: np.random.Generator, count: int, shares: np.ndarray):
    """Draw segment, activeness, main language and other languages read for ``count`` people."""
    specs = segment_specs()
    segment = rng.choice(len(specs), size=count, p=shares).astype(np.int8)
    sigma = float(model_defaults()["sessions"]["activeness_sigma"])
    base = np.array([s.activeness for s in specs])[segment]
    activeness = (base * rng.lognormal(-0.5 * sigma**2, sigma, size=count)).astype(np.float32)
    primary_p = np.array([s.primary for s in specs])
    cdf = np.cumsum(primary_p, axis=1)[segment]
    u = rng.random(count)[:, None]
    primary = np.minimum((u > cdf).sum(axis=1), len(LANGUAGES) - 1).astype(np.int8)
    also = np.array([s.also_reads for s in specs])[segment]
    bits = rng.random((count, len(LANGUAGES))) < also
    reads = (bits * (1 << np.arange(len(LANGUAGES)))).sum(axis=1).astype(np.uint8)
    reads |= (1 << primary).astype(np.uint8)
    return segment, activeness, primary, reads


@dataclass(frozen=True, eq=False, repr=False)
class Audience:
    """A synthetic audience: followers in segments plus the follow graph around them.

    Build one with :meth:`Audience.synthetic`.  People ``0 .. followers-1``
    follow the account; the others follow some of them.
    """

    platform: Platform
    followers: int
    shares: tuple[float, ...]
    node_segment: np.ndarray
    activeness: np.ndarray
    primary: np.ndarray
    reads: np.ndarray
    graph: sp.csr_array

    @classmethod
    def synthetic(
        cls,
        *,
        followers: int = 50_000,
        platform: str | Platform = "x",
        mix: dict[str, float] | None = None,
        seed: SeedLike = None,
    ) -> Audience:
        """Build a synthetic audience.

        Parameters
        ----------
        followers : int
            Number of people following the account (1 to 5,000,000).
        platform : str
            Platform short name, for example ``"x"`` or ``"instagram"``.
        mix : dict, optional
            Shares of some segments, e.g. ``{"seniors": 0.5}``; the rest of the
            audience keeps the default proportions.
        seed : int, SeedSequence, Generator or None
            Randomness for the people and the graph.

        Returns
        -------
        Audience

        Raises
        ------
        PostLabValueError, PostLabTypeError
            For a size outside the range, an unknown platform or segment, a
            request that would not fit in memory, or a seed of the wrong type.

        Example
        -------
        >>> audience = Audience.synthetic(followers=2_000, seed=1)
        >>> audience.followers
        2000
        """
        count = _check_followers(followers)
        row = get_platform(platform)
        shares = _resolve_mix(mix)
        people_rng, outside_rng, graph_rng = _audience_generators(seed)
        graph_defaults = model_defaults()["follow_graph"]
        outside = round(count * float(graph_defaults["outside_ratio"]))
        fol = _people(people_rng, count, shares)
        default = np.array([s.share for s in segment_specs()])
        out = _people(outside_rng, outside, default / default.sum())
        graph = follow_graph(
            nodes=count + outside,
            exponent=float(graph_defaults["power_law_exponent"]),
            min_followers=int(graph_defaults["min_followers"]),
            max_followers=int(graph_defaults["max_followers"]),
            reciprocity=float(graph_defaults["reciprocity"]),
            seed=graph_rng,
        )
        return cls(
            platform=row,
            followers=count,
            shares=tuple(float(s) for s in shares),
            node_segment=np.concatenate([fol[0], out[0]]),
            activeness=np.concatenate([fol[1], out[1]]),
            primary=np.concatenate([fol[2], out[2]]),
            reads=np.concatenate([fol[3], out[3]]),
            graph=graph,
        )

    @property
    def people(self) -> int:
        """Everyone in the model: followers plus people who follow the followers."""
        return int(self.node_segment.size)

    @property
    def segment_names(self) -> tuple[str, ...]:
        """Segment names in table order."""
        return tuple(s.name for s in segment_specs())

    @property
    def segments(self) -> pd.DataFrame:
        """A table of the segments: share, followers, languages, peak hours, stance, interests.

        Example
        -------
        >>> Audience.synthetic(followers=500, seed=1).segments.index.name
        'segment'
        """
        counts = np.bincount(self.node_segment[: self.followers], minlength=len(self.shares))
        rows = []
        for spec, share, count in zip(segment_specs(), self.shares, counts, strict=True):
            langs = ", ".join(
                f"{lang} {p:.0%}" for lang, p in zip(LANGUAGES, spec.primary, strict=True) if p
            )
            rows.append(
                {
                    "segment": spec.name,
                    "label": spec.label,
                    "share": share,
                    "followers": int(count),
                    "reads_mainly": langs,
                    "weekday_peaks": ", ".join(f"{int(h):02d}:00" for h in spec.weekday_peaks),
                    "weekend_peaks": ", ".join(f"{int(h):02d}:00" for h in spec.weekend_peaks),
                    "activeness": spec.activeness,
                    "stance": spec.stance,
                    "interests": ", ".join(spec.interests),
                }
            )
        return pd.DataFrame(rows).set_index("segment")

    def activity(self, segment: str, *, weekday: bool = True) -> np.ndarray:
        """24 hourly activity values (1 = the segment's daily average on a weekday).

        Example
        -------
        >>> Audience.synthetic(followers=500, seed=1).activity("seniors").shape
        (24,)
        """
        names = self.segment_names
        if segment not in names:
            msg = f"segment={segment!r} is not one of: {', '.join(names)}"
            raise PostLabValueError(msg)
        return activity_curve(segment_specs()[names.index(segment)], np.arange(24), weekday=weekday)

    def __repr__(self) -> str:
        return (
            f"Audience(followers={self.followers:,}, platform={self.platform.key!r}, "
            f"people={self.people:,}, links={self.graph.nnz:,})"
        )
