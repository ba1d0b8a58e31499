"""The comparison's own numbers (fatigue, cascade, replies) from ``data/strategies/model.yaml``.

Each value there carries its source; :func:`strategy_defaults` strips them and
:func:`comfortable_per_day` looks up a platform's comfortable posting rate.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

from postlab.sourced import strip_sources

__all__ = ["comfortable_per_day", "strategy_defaults"]


@cache
def strategy_defaults() -> dict[str, Any]:
    """The comparison's defaults as a nested dict (sources removed).

    Example
    -------
    >>> strategy_defaults()["cascade"]["max_generations"]
    4
    """
    text = resources.files("postlab.data").joinpath("strategies", "model.yaml").read_text("utf-8")
    return strip_sources(yaml.safe_load(text))


def comfortable_per_day(platform: str) -> int:
    """Posts a day an audience takes on ``platform`` before fatigue sets in.

    Example
    -------
    >>> comfortable_per_day("x")
    3
    """
    table = strategy_defaults()["fatigue"]["comfortable_per_day"]
    return int(table.get(platform, table["default"]))
