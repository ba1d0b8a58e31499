"""The model's default numbers, read from ``data/model_defaults.yaml`` with their sources.

Nothing in the engine hard-codes a number that a trainer might question: the
value, its source and its date live in the data file, and
:func:`defaults_table` lays them out for the model card and the lessons.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import pandas as pd
import yaml

__all__ = ["KINDS", "LANGUAGES", "defaults_table", "model_defaults"]

#: Kinds of response the model counts, in display order.
KINDS: tuple[str, ...] = ("like", "reply", "reshare", "click", "negative")

#: Language codes a post and a reader can use.
LANGUAGES: tuple[str, ...] = ("hi", "en", "regional")


@cache
def _raw() -> dict[str, Any]:
    """The YAML file as loaded, with sources."""
    text = resources.files("postlab.data").joinpath("model_defaults.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def _is_leaf(node: object) -> bool:
    """True for a ``{value, source, date}`` entry."""
    return isinstance(node, dict) and "value" in node and "source" in node


def _strip(node: Any) -> Any:
    """Replace every ``{value, source, date}`` entry by its value."""
    if _is_leaf(node):
        return node["value"]
    if isinstance(node, dict):
        return {key: _strip(child) for key, child in node.items()}
    return node


@cache
def model_defaults() -> dict[str, Any]:
    """Return the default values as a nested dict (sources removed).

    Returns
    -------
    dict
        For example ``model_defaults()["hashtags"]["boost"] == 1.16``.

    Example
    -------
    >>> model_defaults()["ranking"]["weights"]["reply"]
    13.5
    """
    return _strip(_raw())


def _walk(node: Any, path: tuple[str, ...]):
    """Yield ``(dotted name, value, source, date)`` for every leaf."""
    if _is_leaf(node):
        yield ".".join(path), node["value"], node["source"], str(node.get("date", ""))
        return
    if isinstance(node, dict):
        for key, child in node.items():
            yield from _walk(child, (*path, key))


def defaults_table() -> pd.DataFrame:
    """Return every default with its source and date, one row each.

    Returns
    -------
    pandas.DataFrame
        Columns ``name``, ``value``, ``source``, ``date``.

    Example
    -------
    >>> table = defaults_table()
    >>> bool((table["source"] != "").all())
    True
    """
    rows = list(_walk(_raw(), ()))
    return pd.DataFrame(rows, columns=["name", "value", "source", "date"])
