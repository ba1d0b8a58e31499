"""Named starting strategies that ship with the kit (``data/strategies/presets/*.yaml``)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from postlab.errors import PostLabValueError
from postlab.strategies.strategy import Strategy
from postlab.strategies.strategy_file import strategy_from_yaml

__all__ = ["preset", "preset_names", "preset_path"]


def _folder():
    """The presets folder inside the package data."""
    return resources.files("postlab.data").joinpath("strategies", "presets")


def preset_names() -> tuple[str, ...]:
    """Short names of the shipped presets, sorted.

    Example
    -------
    >>> "daily-10am" in preset_names()
    True
    """
    names = (p.name[: -len(".yaml")] for p in _folder().iterdir() if p.name.endswith(".yaml"))
    return tuple(sorted(names))


def preset_path(name: str) -> Path:
    """Path of a preset's file, to copy or hand out.

    Example
    -------
    >>> preset_path("video-first").name
    'video-first.yaml'
    """
    if name not in preset_names():
        msg = f"name={name!r}, must be one of the presets: {', '.join(preset_names())}"
        raise PostLabValueError(msg)
    return Path(str(_folder().joinpath(f"{name}.yaml")))


@cache
def preset(name: str) -> Strategy:
    """A shipped strategy by short name.

    Parameters
    ----------
    name : str
        One of :func:`preset_names`, e.g. ``"daily-10am"``.

    Returns
    -------
    Strategy

    Example
    -------
    >>> preset("daily-10am").posts_per_day["sun"]
    1
    """
    path = preset_path(name)
    return strategy_from_yaml(path.read_text("utf-8"), source=path.name)
