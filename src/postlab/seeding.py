"""One random generator per run, made once from whatever seed the caller gives.

Every random entry point in PostLab takes ``seed=None`` (an int, a
``numpy.random.SeedSequence`` or a ``numpy.random.Generator``). Replicates get
independent streams from ``SeedSequence.spawn``, so the same seed gives the same
numbers on every machine and no global random state is ever touched.
"""

from __future__ import annotations

import numbers

import numpy as np

from postlab.errors import PostLabTypeError

__all__ = ["SeedLike", "as_generator", "as_seed_sequence", "spawn_generators"]

SeedLike = int | np.random.SeedSequence | np.random.Generator | None


def as_seed_sequence(seed: SeedLike) -> np.random.SeedSequence:
    """Turn ``seed`` into a ``SeedSequence`` (a Generator contributes fresh entropy from itself)."""
    if isinstance(seed, np.random.SeedSequence):
        return seed
    if isinstance(seed, np.random.Generator):
        return np.random.SeedSequence(seed.integers(0, 2**63 - 1, size=4).tolist())
    if seed is None:
        return np.random.SeedSequence()
    if isinstance(seed, numbers.Integral) and not isinstance(seed, bool):
        if seed < 0:
            msg = f"seed={seed}, must be a whole number of 0 or more"
            raise PostLabTypeError(msg)
        return np.random.SeedSequence(int(seed))
    msg = (
        f"seed={seed!r} ({type(seed).__name__}), must be a whole number such as 42, "
        "a numpy SeedSequence or Generator, or None"
    )
    raise PostLabTypeError(msg)


def as_generator(seed: SeedLike) -> np.random.Generator:
    """Return a ``numpy.random.Generator`` for ``seed`` (the same object if one is given)."""
    if isinstance(seed, np.random.Generator):
        return seed
    return np.random.default_rng(as_seed_sequence(seed))


def spawn_generators(seed: SeedLike, n: int) -> list[np.random.Generator]:
    """Return ``n`` independent generators; replicate ``i`` is the same for any ``n > i``."""
    return [np.random.default_rng(s) for s in as_seed_sequence(seed).spawn(n)]
