"""Timing shared by the benchmarks: the median of repeated calls, after a warm-up."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

__all__ = ["median_ms", "median_seconds"]


def median_seconds(fn: Callable[[], object], repeat: int, *, warm_up: bool = True) -> float:
    """Median wall time of ``fn()`` in seconds over ``repeat`` calls (one untimed call first)."""
    if warm_up:
        fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def median_ms(fn: Callable[[], object], repeat: int, *, warm_up: bool = True) -> float:
    """The same in milliseconds."""
    return 1000 * median_seconds(fn, repeat, warm_up=warm_up)
