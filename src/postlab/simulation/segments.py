"""Audience segments from ``data/segments.yaml`` and their hourly activity curves."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
import yaml

from postlab.simulation.defaults import KINDS, LANGUAGES, model_defaults

__all__ = ["Segment", "activity_curve", "segment_specs"]


@dataclass(frozen=True)
class Segment:
    """One audience segment as described in ``data/segments.yaml``."""

    name: str
    label: str
    share: float
    primary: tuple[float, ...]
    also_reads: tuple[float, ...]
    weekday_peaks: tuple[float, ...]
    weekend_peaks: tuple[float, ...]
    activeness: float
    propensity: tuple[float, ...]
    stance: float
    interests: tuple[str, ...]


@cache
def segment_specs() -> tuple[Segment, ...]:
    """All segments from ``data/segments.yaml``, in file order.

    Example
    -------
    >>> [s.name for s in segment_specs()][:2]
    ['urban_youth', 'rural_families']
    """
    text = resources.files("postlab.data").joinpath("segments.yaml").read_text("utf-8")
    rows = yaml.safe_load(text)["segments"]
    return tuple(
        Segment(
            name=row["name"],
            label=row["label"],
            share=float(row["share"]),
            primary=tuple(float(row["primary"][lang]) for lang in LANGUAGES),
            also_reads=tuple(float(row["also_reads"][lang]) for lang in LANGUAGES),
            weekday_peaks=tuple(float(h) for h in row["weekday_peaks"]),
            weekend_peaks=tuple(float(h) for h in row["weekend_peaks"]),
            activeness=float(row["activeness"]),
            propensity=tuple(float(row["propensity"][kind]) for kind in KINDS),
            stance=float(row["stance"]),
            interests=tuple(row["interests"]),
        )
        for row in rows
    )


def activity_curve(segment: Segment, hours: np.ndarray, *, weekday: bool = True) -> np.ndarray:
    """Relative activity of ``segment`` at clock times ``hours`` (0-24, fractions allowed).

    The weekday curve averages 1 over a day; the weekend curve averages the
    ``activity.weekend_level`` default.

    Example
    -------
    >>> curve = activity_curve(segment_specs()[0], np.arange(24))
    >>> bool(curve[3] < curve[13])
    True
    """
    act = model_defaults()["activity"]
    peaks = segment.weekday_peaks if weekday else segment.weekend_peaks
    width = float(act["peak_width_hours"])

    def raw(h: np.ndarray) -> np.ndarray:
        total = np.full(np.shape(h), float(act["night_floor"]))
        for peak in peaks:
            gap = np.abs((h - peak + 12.0) % 24.0 - 12.0)
            total = total + np.exp(-0.5 * (gap / width) ** 2)
        return total

    level = 1.0 if weekday else float(act["weekend_level"])
    grid = np.arange(0, 24, 1 / 60)
    return level * raw(np.asarray(hours, dtype=float) % 24.0) / raw(grid).mean()
