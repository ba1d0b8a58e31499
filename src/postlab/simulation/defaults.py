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

from postlab.sourced import strip_sources, walk_sources

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
    return strip_sources(_raw())


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
    rows = list(walk_sources(_raw()))
    return pd.DataFrame(rows, columns=["name", "value", "source", "date"])
