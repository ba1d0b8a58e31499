"""Audience segments from ``data/segments.yaml`` and their hourly activity curves."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
import yaml

from postlab.simulation.defaults import KINDS, LANGUAGES, model_defaults

__all__ = ["Segment", "activity_curve", "minute_activity", "segment_specs"]


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


@cache
def _minute_curve(segment: Segment, weekday: bool) -> np.ndarray:
    """``activity_curve`` on every minute of the day (computed once per segment and day kind)."""
    out = activity_curve(segment, np.arange(1440) / 60.0, weekday=weekday)
    out.setflags(write=False)
    return out


@cache
def _raw_mean(segment: Segment, weekday: bool) -> float:
    """Mean of the unnormalised curve over the day (the normalising constant)."""
    act = model_defaults()["activity"]
    peaks = segment.weekday_peaks if weekday else segment.weekend_peaks
    width = float(act["peak_width_hours"])
    grid = np.arange(0, 24, 1 / 60)
    total = np.full(grid.shape, float(act["night_floor"]))
    for peak in peaks:
        gap = np.abs((grid - peak + 12.0) % 24.0 - 12.0)
        total = total + np.exp(-0.5 * (gap / width) ** 2)
    return float(total.mean())


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
    h = np.asarray(hours, dtype=float) % 24.0
    total = np.full(np.shape(h), float(act["night_floor"]))
    for peak in peaks:
        gap = np.abs((h - peak + 12.0) % 24.0 - 12.0)
        total = total + np.exp(-0.5 * (gap / width) ** 2)
    level = 1.0 if weekday else float(act["weekend_level"])
    return level * total / _raw_mean(segment, bool(weekday))


def minute_activity(segment: Segment, *, weekday: bool = True) -> np.ndarray:
    """``activity_curve`` at each of the 1,440 minutes of a day, read-only and cached.

    Example
    -------
    >>> minute_activity(segment_specs()[0]).shape
    (1440,)
    """
    return _minute_curve(segment, bool(weekday))
