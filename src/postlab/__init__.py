"""PostLab: a hands-on workshop kit for government social-media teams.

The package reads like the workshop day: ``drafting`` judges a post,
``audience`` and ``simulation`` show how people might respond, ``strategies``
compares plans, ``replies`` answers citizens, ``exercises`` checks trainees'
work, ``grading`` checks a whole room, and ``widgets`` are thin views on top.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
