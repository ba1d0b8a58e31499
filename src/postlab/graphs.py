"""Synthetic follow graphs: heavy-tailed follower counts, low reciprocity.

Row ``i`` of the graph lists the people who follow ``i`` (who see what ``i``
reshares).  Follower counts follow a power law (Kwak et al., WWW 2010); a
fraction of links is returned (reciprocity); everything else is random.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from postlab.seeding import SeedLike, as_generator

__all__ = ["expected_out_degree", "follow_graph", "reciprocity"]


def expected_out_degree(*, exponent: float, min_followers: int, max_followers: int) -> float:
    """Mean follower count of the truncated power law used by :func:`follow_graph`.

    Example
    -------
    >>> round(expected_out_degree(exponent=2.3, min_followers=2, max_followers=20000), 1)
    7.8
    """
    k = np.arange(min_followers, max_followers + 1, dtype=float)
    a = exponent - 1.0
    # P(floor(min * U**(-1/a)) >= k) = (min / k)**a
    tail = (min_followers / k) ** a
    return float(min_followers - 1 + tail.sum()) if max_followers > min_followers else float(k[0])


def _follower_counts(rng: np.random.Generator, nodes: int, exponent: float, lo: int, hi: int):
    """Draw one follower count per node from a truncated discrete power law."""
    u = 1.0 - rng.random(nodes)  # in (0, 1]
    counts = np.floor(lo * u ** (-1.0 / (exponent - 1.0)))
    return np.minimum(counts, min(hi, nodes - 1)).astype(np.int64)


_CHUNK = 1 << 20  # links drawn or copied at a time: bounds every temporary to a few MB


def _draw_links(rng: np.random.Generator, counts: np.ndarray, base_ptr: np.ndarray, nodes: int):
    """Draw every link's follower, row by row in chunks (the same numbers as one big draw)."""
    links = int(base_ptr[-1])
    targets = np.empty(links, dtype=np.int32)
    row = 0
    while row < nodes:
        # rows [row, stop) hold about _CHUNK links (at least one row)
        stop = int(np.searchsorted(base_ptr, base_ptr[row] + _CHUNK, side="right")) - 1
        stop = min(max(stop, row + 1), nodes)
        lo, hi = int(base_ptr[row]), int(base_ptr[stop])
        sources = np.repeat(np.arange(row, stop, dtype=np.int32), counts[row:stop])
        chunk = rng.integers(0, nodes - 1, size=hi - lo, dtype=np.int32)
        chunk += chunk >= sources  # no one follows themselves
        targets[lo:hi] = chunk
        row = stop
    return targets


def _follow_backs(rng, targets: np.ndarray, base_ptr: np.ndarray, reciprocity: float):
    """The links followed back, as ``(row, follower)``: one coin per link, drawn in chunks."""
    rows, cols = [], []
    for lo in range(0, targets.size, _CHUNK):
        hi = min(lo + _CHUNK, targets.size)
        back = np.flatnonzero(rng.random(hi - lo, dtype=np.float32) < reciprocity)
        rows.append(targets[lo:hi][back])
        edge = back + lo
        cols.append((np.searchsorted(base_ptr, edge, side="right") - 1).astype(np.int32))
    if not rows:
        return np.empty(0, dtype=np.int32), np.empty(0, dtype=np.int32)
    return np.concatenate(rows), np.concatenate(cols)


def _merge_rows(base_ptr, base_idx, extra_rows, extra_cols, nodes):
    """CSR of the base links with each row's extra links appended after them, in their order."""
    order = np.argsort(extra_rows, kind="stable")
    extra_rows, extra_cols = extra_rows[order], extra_cols[order]
    del order
    extra_counts = np.bincount(extra_rows, minlength=nodes)
    indptr = np.zeros(nodes + 1, dtype=np.int64)
    np.cumsum(np.diff(base_ptr) + extra_counts, out=indptr[1:])
    extra_ptr = np.zeros(nodes + 1, dtype=np.int64)
    np.cumsum(extra_counts, out=extra_ptr[1:])
    del extra_counts
    # extra k of row r sits after r's base links: indptr[r + 1] - (extras of r) + rank
    slot = indptr[extra_rows + 1] - (extra_ptr[extra_rows + 1] - extra_ptr[extra_rows])
    slot += np.arange(extra_rows.size) - extra_ptr[extra_rows]
    del extra_ptr, extra_rows
    indices = np.empty(int(indptr[-1]), dtype=np.int32)
    is_base = np.ones(indices.size, dtype=bool)
    is_base[slot] = False
    indices[slot] = extra_cols
    del slot, extra_cols
    indices[is_base] = base_idx
    if indptr[-1] < np.iinfo(np.int32).max:
        indptr = indptr.astype(np.int32)
    is_base.fill(True)  # reused as the all-true data array
    return indptr, indices, is_base


def follow_graph(
    *,
    nodes: int,
    exponent: float = 2.3,
    min_followers: int = 2,
    max_followers: int = 20_000,
    reciprocity: float = 0.2,
    seed: SeedLike = None,
) -> sp.csr_array:
    """Build a random directed follow graph as a CSR array.

    Parameters
    ----------
    nodes : int
        Number of people.
    exponent : float
        Power-law exponent of follower counts (Kwak et al. 2010: about 2.3).
    min_followers, max_followers : int
        Cut-offs of the power law.
    reciprocity : float
        Fraction of links that are also followed back.
    seed : int, SeedSequence, Generator or None
        Randomness.

    Returns
    -------
    scipy.sparse.csr_array
        ``nodes x nodes`` boolean adjacency; row ``i`` = followers of ``i``.

    Example
    -------
    >>> g = follow_graph(nodes=1000, seed=1)
    >>> g.shape
    (1000, 1000)
    """
    rng = as_generator(seed)
    if nodes < 2:
        return sp.csr_array((nodes, nodes), dtype=bool)
    counts = _follower_counts(rng, nodes, exponent, min_followers, max_followers)
    base_ptr = np.zeros(nodes + 1, dtype=np.int64)
    np.cumsum(counts, out=base_ptr[1:])
    # int32 throughout and in chunks: the 1,000,000-follower audience (18 M links) peaks
    # at about a quarter of what whole-array int64 temporaries took (benchmarks/bench_simulation.py)
    targets = _draw_links(rng, counts, base_ptr, nodes)
    del counts
    extra_rows, extra_cols = _follow_backs(rng, targets, base_ptr, reciprocity)
    indptr, indices, data = _merge_rows(base_ptr, targets, extra_rows, extra_cols, nodes)
    del targets, extra_rows, extra_cols
    return sp.csr_array((data, indices, indptr), shape=(nodes, nodes))


def reciprocity(graph: sp.csr_array) -> float:
    """Fraction of connected pairs that follow each other (as Kwak et al. count it).

    Example
    -------
    >>> import scipy.sparse as sp
    >>> reciprocity(sp.csr_array(([1, 1], ([0, 1], [1, 0])), shape=(2, 2)))
    1.0
    """
    g = sp.csr_array(graph, dtype=bool)
    links = g.nnz
    if links == 0:
        return 0.0
    mutual_pairs = g.multiply(g.T).nnz / 2
    return float(mutual_pairs / (links - mutual_pairs))
