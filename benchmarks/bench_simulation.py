"""Speed and memory of the engagement simulator, as ratios within one run.

Run with ``.venv/bin/python benchmarks/bench_simulation.py``.  Targets:

* one 48-hour simulation to 50,000 followers: median at most 30 ms;
* one 48-hour simulation to 1,000,000 followers: median at most 150 ms, and
  traced peak memory at most 500 MB, building the audience included (the
  simulation's own peak is shown too, for information);
* independent cascade on a Barabasi-Albert graph (100,000 nodes, m=5, p=0.1):
  at least 200x faster per cascade than NDlib's ``IndependentCascadesModel``
  with the same edge probability and seed set, and the same mean final size
  within sampling error (|difference| < 3 standard errors).  Skipped with a
  message when NDlib is not installed (``pip install ndlib``);
* one cascade step (every out-edge of a 10,000-node frontier, one coin each)
  against python-igraph's ``neighborhood`` plus the same coins, for
  information (skipped when igraph is not installed).

Each timing is also shown as a ratio to a baseline measured in the same
process: one vectorised pass over the followers (draw a uniform number and an
exponential per follower), the least any per-follower simulation must do.
Exits 1 when a target is missed.
"""

from __future__ import annotations

import statistics
import sys
import time
import tracemalloc

import numpy as np
import scipy.sparse as sp
from _timing import median_seconds  # benchmarks/_timing.py (scripts run from this folder)

from postlab.audience import Audience
from postlab.simulation import Post, independent_cascade, simulate


def _baseline(n: int) -> float:
    """One vectorised pass over ``n`` followers."""
    rng = np.random.default_rng(0)
    return median_seconds(lambda: np.exp(-rng.random(n)).sum(), 7)


def _simulation_rows(rows: list, failures: list) -> None:
    """Time simulate() at 50,000 and 1,000,000 followers."""
    for followers, target, repeat in ((50_000, 0.030, 15), (1_000_000, 0.150, 5)):
        audience = Audience.synthetic(followers=followers, seed=1)
        seeds = iter(range(10_000))
        seconds = median_seconds(
            lambda a=audience, s=seeds: simulate(Post(), a, seed=next(s)), repeat
        )
        base = _baseline(followers)
        ok = seconds <= target
        rows.append(
            (
                f"simulate 48 h, {followers:,} followers",
                f"{seconds * 1e3:9.1f} ms",
                f"{seconds / base:7.0f}x baseline",
                f"<= {target * 1e3:.0f} ms",
                ok,
            )
        )
        if not ok:
            failures.append(f"simulate at {followers:,} followers took {seconds:.3f} s")
        del audience


def _memory_row(rows: list, failures: list) -> None:
    """Traced peak memory of building 1,000,000 followers and simulating them."""
    tracemalloc.start()
    audience = Audience.synthetic(followers=1_000_000, seed=2)
    build = tracemalloc.get_traced_memory()[1]
    tracemalloc.reset_peak()
    simulate(Post(), audience, seed=1)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    del audience
    overall = max(build, peak)
    ok = overall <= 500e6
    rows.append(
        ("memory, build + simulate 1,000,000", f"{overall / 1e6:9.0f} MB", "", "<= 500 MB", ok)
    )
    rows.append(("memory, simulate only (information)", f"{peak / 1e6:9.0f} MB", "", "", True))
    if not ok:
        failures.append(f"peak memory of build + simulate {overall / 1e6:.0f} MB")


def _igraph_row(rows: list) -> None:
    """One cascade step: our edge gathering and coins against igraph's neighbourhood query."""
    try:
        import igraph as ig
    except ImportError:
        print("python-igraph not installed: skipping the cascade-step comparison.")
        return
    from postlab.simulation.cascade import _gather_hits

    n, m, p = 100_000, 5, 0.1
    graph = ig.Graph.Barabasi(n, m, directed=False)
    edges = np.array(graph.get_edgelist(), dtype=np.int64)
    rows_ = np.concatenate([edges[:, 0], edges[:, 1]])
    cols_ = np.concatenate([edges[:, 1], edges[:, 0]])
    csr = sp.csr_array((np.ones(rows_.size, dtype=bool), (rows_, cols_)), shape=(n, n))
    frontier = np.sort(np.random.default_rng(4).choice(n, size=10_000, replace=False))
    rng = np.random.default_rng(5)
    ours = median_seconds(
        lambda: np.unique(_gather_hits(csr.indptr, csr.indices, frontier, p, rng)[1]), 30
    )
    listed = frontier.tolist()

    def theirs_step() -> np.ndarray:
        lists = graph.neighborhood(listed, order=1, mode="out", mindist=1)
        targets = np.fromiter((v for nb in lists for v in nb), dtype=np.int64)
        return np.unique(targets[rng.random(targets.size) < p])

    theirs = median_seconds(theirs_step, 10)
    rows.append(
        (
            "one cascade step, 10,000-node frontier",
            f"{ours * 1e3:9.2f} ms",
            f"igraph {theirs * 1e3:.1f} ms: {theirs / ours:.0f}x faster",
            "(information)",
            True,
        )
    )


def _ndlib_rows(rows: list, failures: list) -> None:
    """Head-to-head with NDlib's IndependentCascadesModel on the same BA graph."""
    try:
        import networkx as nx
        from ndlib.models import ModelConfig
        from ndlib.models.epidemics import IndependentCascadesModel
    except ImportError:
        print("NDlib not installed: skipping the head-to-head (pip install ndlib).")
        return
    p, n, m, n_seeds = 0.1, 100_000, 5, 10
    graph = nx.barabasi_albert_graph(n, m, seed=1)
    edges = np.array(graph.edges(), dtype=np.int64)
    rows_, cols_ = (
        np.concatenate([edges[:, 0], edges[:, 1]]),
        np.concatenate([edges[:, 1], edges[:, 0]]),
    )
    csr = sp.csr_array((np.ones(rows_.size, dtype=bool), (rows_, cols_)), shape=(n, n))
    seed_set = np.random.default_rng(3).choice(n, size=n_seeds, replace=False)

    ours_sizes = [independent_cascade(csr, seed_set, p, s).size for s in range(200)]
    runs = iter(range(10_000, 20_000))
    ours = median_seconds(lambda: independent_cascade(csr, seed_set, p, next(runs)), 30)

    config = ModelConfig.Configuration()
    config.add_model_initial_configuration("Infected", [int(s) for s in seed_set])
    for u, v in graph.edges():
        config.add_edge_configuration("threshold", (u, v), p)
    theirs_sizes, theirs_times = [], []
    for run in range(8):
        model = IndependentCascadesModel(graph, seed=run)
        model.set_initial_status(config)
        start = time.perf_counter()
        while True:
            step = model.iteration(node_status=False)
            if step["node_count"].get(1, 0) == 0 and step["iteration"] > 0:
                break
        theirs_times.append(time.perf_counter() - start)
        theirs_sizes.append(step["node_count"].get(1, 0) + step["node_count"].get(2, 0))
    theirs = statistics.median(theirs_times)
    speedup = theirs / ours
    ok_speed = speedup >= 200
    se = np.sqrt(
        np.var(ours_sizes, ddof=1) / len(ours_sizes)
        + np.var(theirs_sizes, ddof=1) / len(theirs_sizes)
    )
    gap = abs(np.mean(ours_sizes) - np.mean(theirs_sizes))
    ok_size = gap < 3 * se
    rows.append(
        (
            "IC per cascade, BA 100k m=5, p=0.1",
            f"{ours * 1e3:9.1f} ms",
            f"NDlib {theirs * 1e3:.0f} ms: {speedup:.0f}x faster",
            ">= 200x",
            ok_speed,
        )
    )
    rows.append(
        (
            "IC mean final size (ours vs NDlib)",
            f"{np.mean(ours_sizes):9.1f}",
            f"NDlib {np.mean(theirs_sizes):.1f} (SE {se:.1f})",
            "< 3 SE apart",
            ok_size,
        )
    )
    if not ok_speed:
        failures.append(f"only {speedup:.0f}x faster than NDlib")
    if not ok_size:
        failures.append(f"mean sizes differ by {gap:.1f} (> 3 SE = {3 * se:.1f})")


def main() -> int:
    rows: list = []
    failures: list[str] = []
    _simulation_rows(rows, failures)
    _memory_row(rows, failures)
    _ndlib_rows(rows, failures)
    _igraph_row(rows)
    print(f"{'measure':42} {'median':>12}  {'ratio':32} {'target':14} ok")
    for name, value, ratio, target, ok in rows:
        print(f"{name:42} {value:>12}  {ratio:32} {target:14} {'yes' if ok else 'NO'}")
    if failures:
        print("MISSED: " + "; ".join(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
