"""Simulate how an audience responds to a post: exposure, engagement, reshares.

The public face is :func:`simulate`, the :class:`Post` it takes and the
:class:`SimulationResult` it returns; :func:`independent_cascade` and
:func:`structural_virality` are reusable on any CSR graph.
"""

from __future__ import annotations

from postlab.simulation.cascade import Cascade, independent_cascade, structural_virality
from postlab.simulation.engine import simulate
from postlab.simulation.post import FORMATS, Post
from postlab.simulation.result import CascadeStats, EngagementRate, Factor, SimulationResult

__all__ = [
    "FORMATS",
    "Cascade",
    "CascadeStats",
    "EngagementRate",
    "Factor",
    "Post",
    "SimulationResult",
    "independent_cascade",
    "simulate",
    "structural_virality",
]
