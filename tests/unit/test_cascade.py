"""Independent cascade on CSR graphs and cascade-tree metrics."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from postlab.errors import PostLabTypeError, PostLabValueError
from postlab.simulation.cascade import independent_cascade, structural_virality, tree_depths


def _graph(edges, n):
    rows, cols = zip(*edges, strict=True) if edges else ((), ())
    return sp.csr_array((np.ones(len(rows), dtype=bool), (rows, cols)), shape=(n, n))


def test_chain_with_p1_reaches_everyone_in_order():
    g = _graph([(0, 1), (1, 2), (2, 3)], 4)
    c = independent_cascade(g, [0], 1.0, 1)
    assert c.nodes.tolist() == [0, 1, 2, 3]
    assert c.parents.tolist() == [-1, 0, 1, 2]
    assert c.depth == 3


def test_p0_reaches_only_seeds():
    g = _graph([(0, 1), (0, 2)], 3)
    c = independent_cascade(g, [0], 0.0, 1)
    assert c.size == 1


def test_reached_nodes_are_not_reached_again_and_block_spread():
    g = _graph([(0, 1), (1, 2)], 3)
    c = independent_cascade(g, [0], 1.0, 1, reached=np.array([False, True, False]))
    assert c.nodes.tolist() == [0]


def test_relay_false_stops_spread():
    g = _graph([(0, 1), (1, 2)], 3)
    c = independent_cascade(g, [0], 1.0, 1, relay=lambda nodes, parents, gen: nodes < 0)
    assert c.nodes.tolist() == [0, 1]
    assert c.relayed.tolist() == [True, False]


def test_callable_probability_sees_sources_and_targets():
    g = _graph([(0, 1), (0, 2)], 3)
    c = independent_cascade(g, [0], lambda s, t: (t == 2).astype(float), 1)
    assert sorted(c.nodes.tolist()) == [0, 2]


def test_same_seed_same_cascade_and_different_seeds_differ():
    rng = np.random.default_rng(0)
    n = 2000
    rows = rng.integers(0, n, 20000)
    cols = rng.integers(0, n, 20000)
    g = sp.csr_array((np.ones(rows.size, dtype=bool), (rows, cols)), shape=(n, n))
    a = independent_cascade(g, [0, 1, 2], 0.12, 5)
    b = independent_cascade(g, [0, 1, 2], 0.12, 5)
    assert np.array_equal(a.nodes, b.nodes)
    sizes = {independent_cascade(g, [0, 1, 2], 0.12, s).size for s in range(8)}
    assert len(sizes) > 1


def test_mean_size_matches_exact_value_on_a_star():
    # star: each of 50 leaves is reached independently with p -> mean size 1 + 50 p
    g = _graph([(0, i) for i in range(1, 51)], 51)
    sizes = [independent_cascade(g, [0], 0.3, s).size for s in range(400)]
    assert abs(np.mean(sizes) - 16.0) < 4 * np.sqrt(50 * 0.3 * 0.7 / 400)


def test_bad_inputs_are_named():
    g = _graph([(0, 1)], 2)
    with pytest.raises(PostLabValueError, match=r"p=1\.5"):
        independent_cascade(g, [0], 1.5, 1)
    with pytest.raises(PostLabValueError, match="seeds"):
        independent_cascade(g, [5], 0.5, 1)
    with pytest.raises(PostLabTypeError, match="graph"):
        independent_cascade([[0, 1], [0, 0]], [0], 0.5, 1)


def test_structural_virality_star_vs_chain():
    n = 20
    star = [-1] + [0] * (n - 1)
    chain = [-1, *range(n - 1)]
    assert structural_virality(star) == pytest.approx(2 * (n - 1) / n)
    assert structural_virality(chain) == pytest.approx((n + 1) / 3)
    assert structural_virality(chain) > structural_virality(star)
    assert structural_virality([-1]) == 0.0


def test_structural_virality_matches_brute_force_on_a_small_tree():
    parents = [-1, 0, 0, 1, 1, 2, 5]
    n = len(parents)
    depth = tree_depths(parents)

    def path(i):
        out = [i]
        while parents[out[-1]] >= 0:
            out.append(parents[out[-1]])
        return out

    total = 0
    for i in range(n):
        for j in range(i + 1, n):
            pi, pj = path(i), path(j)
            common = max(set(pi) & set(pj), key=lambda x: depth[x])
            total += depth[i] + depth[j] - 2 * depth[common]
    assert structural_virality(parents) == pytest.approx(total / (n * (n - 1) / 2))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 1000), min_size=1, max_size=60))
def test_structural_virality_of_random_trees_is_between_star_and_chain(raw):
    parents = [-1] + [r % (i + 1) for i, r in enumerate(raw)]  # parent before child
    n = len(parents)
    sv = structural_virality(parents)
    assert 2 * (n - 1) / n - 1e-9 <= sv <= (n + 1) / 3 + 1e-9
