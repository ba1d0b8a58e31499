"""Data files where every number carries its source: ``{value, source, date}`` entries.

The model defaults, the strategy settings and other tables store each number
with where it came from; the engines want only the numbers, the model card wants
both. These helpers read the one shape for all of them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

__all__ = ["is_sourced", "strip_sources", "walk_sources"]


def is_sourced(node: object) -> bool:
    """True for a ``{value, source, date}`` entry."""
    return isinstance(node, dict) and "value" in node and "source" in node


def strip_sources(node: Any) -> Any:
    """``node`` with every ``{value, source, date}`` entry replaced by its value.

    Example
    -------
    >>> strip_sources({"boost": {"value": 1.16, "source": "Twitter 2014"}, "n": 3})
    {'boost': 1.16, 'n': 3}
    """
    if is_sourced(node):
        return node["value"]
    if isinstance(node, dict):
        return {key: strip_sources(child) for key, child in node.items()}
    return node


def walk_sources(node: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[str, Any, str, str]]:
    """Yield ``(dotted name, value, source, date)`` for every sourced entry under ``node``."""
    if is_sourced(node):
        yield ".".join(path), node["value"], node["source"], str(node.get("date", ""))
        return
    if isinstance(node, dict):
        for key, child in node.items():
            yield from walk_sources(child, (*path, key))
