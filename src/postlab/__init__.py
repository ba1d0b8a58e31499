"""PostLab: a hands-on workshop kit for government social-media teams.

The package reads like the workshop day: ``drafting`` judges a post,
``audience`` and ``simulation`` show how people might respond, ``strategies``
compares plans, ``replies`` answers citizens, ``exercises`` checks trainees'
work, ``grading`` checks a whole room, and ``widgets`` are thin views on top.

The main verbs are importable from the top, loaded only when first used so that
``import postlab`` stays quick::

    from postlab import analyze, simulate, compare, ab_test, Audience, Post
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_LAZY = {
    "analyze": "postlab.drafting",
    "Audience": "postlab.audience",
    "Post": "postlab.simulation",
    "simulate": "postlab.simulation",
    "Strategy": "postlab.strategies",
    "compare": "postlab.strategies",
    "ab_test": "postlab.strategies",
    "check_reply": "postlab.replies",
    "grade": "postlab.grading",
}

__all__ = ["__version__", *_LAZY]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    msg = f"module 'postlab' has no attribute {name!r}"
    raise AttributeError(msg)


def __dir__() -> list[str]:
    return sorted(__all__)
