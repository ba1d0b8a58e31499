"""Independent cascade on a CSR graph, and the shape metrics of a cascade tree.

One vectorised step per cascade *generation*: gather every out-edge of the
nodes that pass the post on, flip one coin per edge, keep the first success
for each newly reached node.  No Python loop over people.

The same :func:`independent_cascade` runs the classic model (a fixed edge
probability ``p``, every reached node passes it on) and the simulator's timed
reshare model (``p`` and ``relay`` are callables that look at the clock).
"""

from __future__ import annotations

import numbers
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from postlab.errors import PostLabTypeError, PostLabValueError
from postlab.seeding import SeedLike, as_generator

__all__ = ["Cascade", "independent_cascade", "structural_virality", "tree_depths"]

ProbabilityLike = float | np.ndarray | Callable[[np.ndarray, np.ndarray], np.ndarray]
RelayFn = Callable[[np.ndarray, np.ndarray, int], np.ndarray]


@dataclass(frozen=True)
class Cascade:
    """Who was reached, from whom, in which generation, and who passed it on.

    Attributes
    ----------
    nodes : numpy.ndarray
        Reached node ids; seeds first, then generation by generation.
    parents : numpy.ndarray
        Node id that reached each node (``-1`` for seeds).
    generations : numpy.ndarray
        0 for seeds, 1 for nodes reached by seeds, and so on.
    relayed : numpy.ndarray
        True where the node passed the post on to its own followers.
    """

    nodes: np.ndarray
    parents: np.ndarray
    generations: np.ndarray
    relayed: np.ndarray

    @property
    def size(self) -> int:
        """Number of reached nodes, seeds included."""
        return int(self.nodes.size)

    @property
    def depth(self) -> int:
        """Largest generation reached (0 when only the seeds were reached)."""
        return int(self.generations.max()) if self.generations.size else 0


def _csr_arrays(graph: object) -> tuple[np.ndarray, np.ndarray]:
    """Return ``(indptr, indices)`` of a square CSR graph, or raise a plain error."""
    indptr = getattr(graph, "indptr", None)
    indices = getattr(graph, "indices", None)
    shape = getattr(graph, "shape", None)
    if indptr is None or indices is None or getattr(graph, "format", "csr") != "csr":
        msg = f"graph={type(graph).__name__}, must be a scipy.sparse CSR matrix or array"
        raise PostLabTypeError(msg)
    if shape is not None and shape[0] != shape[1]:
        msg = f"graph has shape {shape}, must be square (one row and column per person)"
        raise PostLabValueError(msg)
    return np.asarray(indptr), np.asarray(indices)


def _as_nodes(seeds: object, n: int) -> np.ndarray:
    """Validate seed node ids and return them unique, in first-seen order."""
    arr = np.asarray(seeds).reshape(-1)
    if arr.size and not np.issubdtype(arr.dtype, np.integer):
        msg = f"seeds has dtype {arr.dtype}, must be whole-number node ids"
        raise PostLabTypeError(msg)
    arr = arr.astype(np.int64, copy=False)
    if arr.size and (arr.min() < 0 or arr.max() >= n):
        msg = f"seeds contain ids from {arr.min()} to {arr.max()}, must be between 0 and {n - 1}"
        raise PostLabValueError(msg)
    _, first = np.unique(arr, return_index=True)
    return arr[np.sort(first)]


def _gather(
    indptr: np.ndarray, indices: np.ndarray, frontier: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Every out-edge of ``frontier`` as parallel ``(sources, targets)`` arrays."""
    starts = indptr[frontier]
    counts = indptr[frontier + 1] - starts
    total = int(counts.sum())
    if total == 0:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty
    offsets = np.repeat(starts - (np.cumsum(counts) - counts), counts) + np.arange(total)
    return np.repeat(frontier, counts), indices[offsets].astype(np.int64, copy=False)


def _gather_hits(
    indptr: np.ndarray, indices: np.ndarray, frontier: np.ndarray, p: float, gen
) -> tuple[np.ndarray, np.ndarray]:
    """The out-edges of ``frontier`` whose coin (chance ``p``) comes up, in edge order.

    The same Bernoulli trials as one coin per edge, drawn as geometric gaps
    between successes, so the cost grows with the successes, not the edges.
    """
    empty = np.empty(0, dtype=np.int64)
    starts = indptr[frontier].astype(np.int64)
    counts = indptr[frontier + 1].astype(np.int64) - starts
    total = int(counts.sum())
    if total == 0 or p <= 0:
        return empty, empty
    if p >= 1:
        offsets = np.repeat(starts - (np.cumsum(counts) - counts), counts) + np.arange(total)
        return np.repeat(frontier, counts), indices[offsets].astype(np.int64, copy=False)
    expect = total * p
    size = int(expect + 6 * np.sqrt(expect) + 16)
    positions = np.cumsum(gen.geometric(p, size=size)) - 1
    while positions[-1] < total:
        more = np.cumsum(gen.geometric(p, size=size)) + positions[-1]
        positions = np.concatenate([positions, more])
    positions = positions[: np.searchsorted(positions, total)]
    ends = np.cumsum(counts)
    which = np.searchsorted(ends, positions, side="right")
    offsets = starts[which] + positions - (ends[which] - counts[which])
    return frontier[which].astype(np.int64), indices[offsets].astype(np.int64, copy=False)


def _probabilities(p: ProbabilityLike, sources: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """Success chance of each attempt (scalar, per-target array or callable)."""
    if callable(p):
        return np.asarray(p(sources, targets), dtype=float)
    if isinstance(p, np.ndarray):
        return p[targets]
    return np.full(targets.size, float(p))


def _check_p(p: object, n: int) -> None:
    """Raise a plain error for a probability that is not usable."""
    if callable(p):
        return
    if isinstance(p, np.ndarray):
        if p.shape != (n,):
            msg = f"p has shape {p.shape}, must be one probability per node, shape ({n},)"
            raise PostLabValueError(msg)
        if p.size and (np.nanmin(p) < 0 or np.nanmax(p) > 1):
            msg = "p contains values outside 0..1, must be probabilities between 0 and 1"
            raise PostLabValueError(msg)
        return
    if not isinstance(p, numbers.Real) or isinstance(p, bool):
        msg = f"p={p!r}, must be a probability between 0 and 1, an array or a function"
        raise PostLabTypeError(msg)
    if not 0.0 <= float(p) <= 1.0:
        msg = f"p={p}, must be between 0 and 1"
        raise PostLabValueError(msg)


def independent_cascade(
    graph: object,
    seeds: object,
    p: ProbabilityLike,
    rng: SeedLike = None,
    *,
    reached: np.ndarray | None = None,
    relay: RelayFn | None = None,
    max_generations: int | None = None,
) -> Cascade:
    """Run one independent cascade from ``seeds`` over a CSR graph.

    Each node that passes the post on gets one chance to reach each of its
    out-neighbours (row ``i`` of ``graph`` lists who sees what ``i`` shares).

    Parameters
    ----------
    graph : scipy.sparse CSR matrix or array
        Square adjacency; only ``indptr`` and ``indices`` are read.
    seeds : array-like of int
        Nodes that start the cascade (generation 0).
    p : float, numpy.ndarray or callable
        Chance that one attempt succeeds: a number, one value per target node,
        or ``p(sources, targets) -> probabilities`` for each attempt.
    rng : int, SeedSequence, Generator or None
        Randomness, turned into a generator with ``postlab.seeding``.
    reached : numpy.ndarray of bool, optional
        Nodes that already have the post and cannot be reached again.
    relay : callable, optional
        ``relay(nodes, parents, generation) -> bool array``: which newly
        reached nodes pass the post on.  Default: all (the classic model).
    max_generations : int, optional
        Stop after this many generations.

    Returns
    -------
    Cascade
        Reached nodes with their parents and generations.

    Raises
    ------
    PostLabTypeError, PostLabValueError
        For a graph that is not CSR, seeds out of range or ``p`` outside 0..1.

    Example
    -------
    >>> import scipy.sparse as sp
    >>> chain = sp.csr_array(([1, 1, 1], ([0, 1, 2], [1, 2, 3])), shape=(4, 4))
    >>> independent_cascade(chain, [0], 1.0, 1).size
    4
    """
    indptr, indices = _csr_arrays(graph)
    n = indptr.size - 1
    _check_p(p, n)
    gen = as_generator(rng)
    start = _as_nodes(seeds, n)
    done = np.zeros(n, dtype=bool) if reached is None else np.array(reached, dtype=bool)
    if done.shape != (n,):
        msg = f"reached has shape {done.shape}, must be one flag per node, shape ({n},)"
        raise PostLabValueError(msg)
    done[start] = True
    nodes, parents, generations, relayed = [start], [np.full(start.size, -1)], [], []
    generations.append(np.zeros(start.size, dtype=np.int64))
    relayed.append(np.ones(start.size, dtype=bool))
    frontier, level = start, 0
    fixed = None if callable(p) or isinstance(p, np.ndarray) else float(p)
    slot = np.empty(n, dtype=np.int64)
    while frontier.size and (max_generations is None or level < max_generations):
        if fixed is not None:
            sources, targets = _gather_hits(indptr, indices, frontier, fixed, gen)
            keep = ~done[targets]
            sources, targets = sources[keep], targets[keep]
        else:
            sources, targets = _gather(indptr, indices, frontier)
            keep = ~done[targets]
            sources, targets = sources[keep], targets[keep]
            if targets.size == 0:
                break
            hit = gen.random(targets.size) < _probabilities(p, sources, targets)
            sources, targets = sources[hit], targets[hit]
        if targets.size == 0:
            break
        # first success per newly reached node, in edge order (no sort)
        slot[targets[::-1]] = np.arange(targets.size - 1, -1, -1)
        first = np.flatnonzero(slot[targets] == np.arange(targets.size))
        new, from_whom = targets[first], sources[first]
        done[new] = True
        level += 1
        passes = np.ones(new.size, dtype=bool) if relay is None else relay(new, from_whom, level)
        passes = np.asarray(passes, dtype=bool)
        nodes.append(new)
        parents.append(from_whom)
        generations.append(np.full(new.size, level, dtype=np.int64))
        relayed.append(passes)
        frontier = new[passes]
    return Cascade(
        nodes=np.concatenate(nodes),
        parents=np.concatenate(parents),
        generations=np.concatenate(generations),
        relayed=np.concatenate(relayed),
    )


def tree_depths(parents: object) -> np.ndarray:
    """Depth of each node of a tree given as parent positions (``-1`` marks the root).

    Parameters
    ----------
    parents : array-like of int
        ``parents[i]`` is the position of node ``i``'s parent, or ``-1``.

    Returns
    -------
    numpy.ndarray
        Depth of each node (root 0).

    Example
    -------
    >>> tree_depths([-1, 0, 1]).tolist()
    [0, 1, 2]
    """
    par = np.asarray(parents, dtype=np.int64).reshape(-1)
    n = par.size
    if n and (par.min() < -1 or par.max() >= n):
        msg = f"parents contain {par.min()}..{par.max()}, must be -1 or positions 0..{n - 1}"
        raise PostLabValueError(msg)
    depth = np.zeros(n, dtype=np.int64)
    has_parent = par >= 0
    for _ in range(n + 1):
        new = np.where(has_parent, depth[np.maximum(par, 0)] + 1, 0)
        if np.array_equal(new, depth):
            return depth
        depth = new
    msg = "parents do not form a tree (there is a loop)"
    raise PostLabValueError(msg)


def structural_virality(parents: object) -> float:
    """Mean distance between all pairs of nodes in a tree (Goel et al. 2016).

    ``Wiener index / (n (n - 1) / 2)``: about 2 for a broadcast (a star), and
    ``(n + 1) / 3`` for a person-to-person chain of ``n`` nodes.

    Parameters
    ----------
    parents : array-like of int
        ``parents[i]`` is the position of node ``i``'s parent, or ``-1`` for the root.

    Returns
    -------
    float
        Mean pairwise distance; 0.0 for a tree of one node.

    Example
    -------
    >>> structural_virality([-1, 0, 0, 0])  # a star of 4 nodes
    1.5
    >>> structural_virality([-1, 0, 1, 2])  # a chain of 4 nodes
    1.6666666666666667
    """
    par = np.asarray(parents, dtype=np.int64).reshape(-1)
    n = par.size
    if n < 2:
        return 0.0
    depth = tree_depths(par)
    size = np.ones(n, dtype=np.int64)
    for level in range(int(depth.max()), 0, -1):
        at = np.flatnonzero(depth == level)
        np.add.at(size, par[at], size[at])
    below = size[par >= 0]
    wiener = float(np.sum(below * (n - below)))
    return wiener / (n * (n - 1) / 2)
