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

from postlab._lazy import lazy_attributes

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


__getattr__, __dir__ = lazy_attributes("postlab", _LAZY, also=("__version__",))
