"""The follow graph is the same for the same seed, on every machine and after every speed-up.

The hashes below were taken from ``postlab.graphs.follow_graph`` before it was rewritten to
draw and merge links in int32 chunks (issue 18): the rewrite must give the very same graph.
"""

from __future__ import annotations

import hashlib

import numpy as np
import pytest

from postlab import graphs
from postlab.graphs import follow_graph


def _digest(g) -> str:
    """SHA-256 of the CSR arrays (as little-endian int64 / int32 / uint8) and the shape."""
    h = hashlib.sha256()
    for array in (g.indptr.astype("<i8"), g.indices.astype("<i4"), g.data.astype("u1")):
        h.update(np.ascontiguousarray(array).tobytes())
    h.update(repr(g.shape).encode())
    return h.hexdigest()


@pytest.mark.parametrize(
    ("kwargs", "links", "digest"),
    [
        (
            {"nodes": 2000, "seed": 7},
            15778,
            "c3a6f069284d872b0a378289ecb0b204327b29abcde229e2c2784239e9f92633",
        ),
        (
            {"nodes": 30000, "seed": 123, "reciprocity": 0.5},
            360558,
            "3d8552cd5143217a9333c0036008820d28896683cb94ff7ac1280fb744e0d508",
        ),
        (
            {"nodes": 5, "seed": 0},
            19,
            "325503226335cd7fc4d79ec6976645c162304fe10e00702dddbc054664155e83",
        ),
    ],
)
def test_graph_is_bit_identical_to_the_one_before_the_rewrite(kwargs, links, digest):
    g = follow_graph(**kwargs)
    assert (g.indptr.dtype, g.indices.dtype, g.data.dtype) == (np.int32, np.int32, np.bool_)
    assert g.nnz == links
    assert _digest(g) == digest


@pytest.mark.parametrize("chunk", [1, 7, 1000])
def test_chunk_size_does_not_change_the_graph(monkeypatch, chunk):
    expected = _digest(follow_graph(nodes=3000, seed=11, reciprocity=0.6))
    monkeypatch.setattr(graphs, "_CHUNK", chunk)
    assert _digest(follow_graph(nodes=3000, seed=11, reciprocity=0.6)) == expected


def test_no_one_follows_themselves_and_rows_keep_their_order():
    g = follow_graph(nodes=5000, seed=3)
    rows = np.repeat(np.arange(g.shape[0]), np.diff(g.indptr))
    assert not np.any(rows == g.indices)
    assert g.shape == (5000, 5000)


def test_tiny_graphs():
    assert follow_graph(nodes=1, seed=1).nnz == 0
    assert follow_graph(nodes=2, seed=3).nnz == 3
