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


def _merge_rows(base_ptr, base_rows, base_idx, extra_rows, extra_cols, nodes):
    """Append ``(extra_rows, extra_cols)`` edges to a CSR without a full sort."""
    order = np.argsort(extra_rows, kind="stable")
    extra_rows, extra_cols = extra_rows[order], extra_cols[order]
    extra_counts = np.bincount(extra_rows, minlength=nodes)
    base_counts = np.diff(base_ptr)
    indptr = np.zeros(nodes + 1, dtype=np.int64)
    np.cumsum(base_counts + extra_counts, out=indptr[1:])
    indices = np.empty(indptr[-1], dtype=np.int32)
    indices[indptr[base_rows] + (np.arange(base_idx.size) - base_ptr[base_rows])] = base_idx
    extra_ptr = np.zeros(nodes + 1, dtype=np.int64)
    np.cumsum(extra_counts, out=extra_ptr[1:])
    slot = (
        indptr[extra_rows]
        + base_counts[extra_rows]
        + (np.arange(extra_rows.size) - extra_ptr[extra_rows])
    )
    indices[slot] = extra_cols
    if indptr[-1] < np.iinfo(np.int32).max:
        indptr = indptr.astype(np.int32)
    return indptr, indices


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
    indptr = np.zeros(nodes + 1, dtype=np.int64)
    np.cumsum(counts, out=indptr[1:])
    sources = np.repeat(np.arange(nodes, dtype=np.int32), counts)
    targets = rng.integers(0, nodes - 1, size=sources.size, dtype=np.int32)
    targets += targets >= sources  # no one follows themselves
    back = rng.random(sources.size, dtype=np.float32) < reciprocity
    indptr, indices = _merge_rows(indptr, sources, targets, targets[back], sources[back], nodes)
    data = np.ones(indices.size, dtype=bool)
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
