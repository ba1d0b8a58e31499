"""Grade a room's hand-ins safely: find them, restore the checks, run each in a limited
kernel, and write grades, a report and per-trainee feedback.

The public face is :func:`grade` (what ``postlab grade`` runs) and the results it
returns; the steps live in ``discover``, ``restore``, ``sandbox``, ``run`` and ``report``.
Names are imported on first use, so the kernel wrapper
(``python -m postlab.grading.limited_kernel``) starts without loading the grader.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = [
    "GradeRun",
    "Limits",
    "Result",
    "Submission",
    "discover",
    "grade",
]

_WHERE = {
    "GradeRun": "run",
    "grade": "run",
    "Limits": "sandbox",
    "Result": "sandbox",
    "Submission": "discover",
    "discover": "discover",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(importlib.import_module(f"postlab.grading.{_WHERE[name]}"), name)
    msg = f"module 'postlab.grading' has no attribute {name!r}"
    raise AttributeError(msg)
