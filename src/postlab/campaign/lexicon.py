"""The campaign engine's word lists, read once from ``data/campaign.yaml``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

import yaml

from postlab.errors import PostLabValueError

__all__ = ["CampaignWords", "campaign_words"]

_FILE = "campaign.yaml"
_SECTIONS = (
    "output_words",
    "metric_words",
    "segment_words",
    "reach_words",
    "months",
    "number_words",
    "objective_levels",
    "measure_sources",
)


@dataclass(frozen=True)
class CampaignWords:
    """The word lists of ``data/campaign.yaml``, lower-cased and checked.

    Attributes
    ----------
    output_words : tuple of str
        Words that mark a measure as an output (AMEC 2016; GCS Evaluation Framework 2.0).
    metric_words : tuple of (str, tuple of str)
        Week metric and the words that name it, in the order they are tried.
    segment_aliases : mapping of str to tuple of str
        Further names of a segment, by the segment's name.
    reach_words : tuple of str
        Whole words that make an objective count people reached.
    months : mapping of str to int
        Month name (English and Hindi) to month number.
    multipliers : mapping of str to float
        Number word (``lakh``, ``crore`` ...) to what it multiplies by.
    reach_verbs, outcome_words, awareness_words, survey_words : tuple of str
        What an objective counts (GCS OASIS 2021; AMEC 2016): a first word that makes it
        count people reached, words naming what people do, what people know, and research.
    output_label : str
        The pattern that marks an objective as labelled an output (``"Output: ..."``).
    source_words : tuple of str
        Words that name where a measure's number comes from (log, register, survey ...).
    """

    output_words: tuple[str, ...]
    metric_words: tuple[tuple[str, tuple[str, ...]], ...]
    segment_aliases: Mapping[str, tuple[str, ...]]
    reach_words: tuple[str, ...]
    months: Mapping[str, int]
    multipliers: Mapping[str, float]
    reach_verbs: tuple[str, ...] = ()
    outcome_words: tuple[str, ...] = ()
    awareness_words: tuple[str, ...] = ()
    survey_words: tuple[str, ...] = ()
    output_label: str = ""
    source_words: tuple[str, ...] = ()


def _fail(where: str, expected: str, value: object) -> PostLabValueError:
    """The error for a value of ``data/campaign.yaml`` that is not what the engine reads."""
    msg = f"{_FILE}: {where} is {value!r}, must be {expected}"
    return PostLabValueError(msg)


def _words(where: str, value: object) -> tuple[str, ...]:
    """A non-empty list of words, lower-cased."""
    if not isinstance(value, list) or not value or not all(isinstance(w, str) for w in value):
        raise _fail(where, "a list of words", value)
    return tuple(w.strip().lower() for w in value)


def _numbers(where: str, value: object, *, lo: float, hi: float) -> dict[str, float]:
    """A mapping of lower-cased words to numbers in ``lo..hi``."""
    if not isinstance(value, dict) or not value:
        raise _fail(where, "a mapping of words to numbers", value)
    out = {}
    for word, number in value.items():
        ok = isinstance(number, int | float) and not isinstance(number, bool)
        if not isinstance(word, str) or not ok or not lo <= number <= hi:
            raise _fail(f"{where}.{word}", f"a number from {lo:g} to {hi:g}", number)
        out[word.strip().lower()] = number
    return out


def _parse(raw: Any) -> CampaignWords:
    """Check the parsed file and turn it into :class:`CampaignWords`."""
    if not isinstance(raw, dict):
        raise _fail("the file", f"a mapping with {', '.join(_SECTIONS)}", type(raw).__name__)
    for section in _SECTIONS:
        entry = raw.get(section)
        if not isinstance(entry, dict) or not str(entry.get("source", "")).strip():
            raise _fail(
                section, "a mapping with a 'source' that says where the words come from", entry
            )
    metrics = raw["metric_words"].get("metrics")
    if not isinstance(metrics, list) or not metrics:
        raise _fail("metric_words.metrics", "a list of {metric, words}", metrics)
    metric_words = []
    for i, row in enumerate(metrics, start=1):
        if not isinstance(row, dict) or not isinstance(row.get("metric"), str):
            raise _fail(f"metric_words.metrics[{i}]", "a mapping with 'metric' and 'words'", row)
        metric_words.append(
            (row["metric"], _words(f"metric_words.{row['metric']}", row.get("words")))
        )
    aliases = raw["segment_words"].get("aliases") or {}
    if not isinstance(aliases, dict):
        raise _fail("segment_words.aliases", "a mapping of segment names to words", aliases)
    months = {
        **_numbers("months.en", raw["months"].get("en"), lo=1, hi=12),
        **_numbers("months.hi", raw["months"].get("hi"), lo=1, hi=12),
    }
    levels = raw["objective_levels"]
    label = levels.get("output_label")
    if not isinstance(label, str) or not label.strip():
        raise _fail("objective_levels.output_label", "a regular expression", label)
    multipliers = _numbers(
        "number_words.multipliers", raw["number_words"].get("multipliers"), lo=1, hi=1e12
    )
    return CampaignWords(
        output_words=_words("output_words.words", raw["output_words"].get("words")),
        metric_words=tuple(metric_words),
        segment_aliases=MappingProxyType(
            {
                name: _words(f"segment_words.aliases.{name}", words)
                for name, words in aliases.items()
            }
        ),
        reach_words=_words("reach_words.words", raw["reach_words"].get("words")),
        months=MappingProxyType({name: int(number) for name, number in months.items()}),
        multipliers=MappingProxyType({word: float(n) for word, n in multipliers.items()}),
        reach_verbs=_words("objective_levels.reach_verbs", levels.get("reach_verbs")),
        outcome_words=_words("objective_levels.outcome_words", levels.get("outcome_words")),
        awareness_words=_words("objective_levels.awareness_words", levels.get("awareness_words")),
        survey_words=_words("objective_levels.survey_words", levels.get("survey_words")),
        output_label=label,
        source_words=_words("measure_sources.words", raw["measure_sources"].get("words")),
    )


@cache
def campaign_words() -> CampaignWords:
    """The word lists of ``data/campaign.yaml``, read and checked on first use.

    Returns
    -------
    CampaignWords

    Raises
    ------
    PostLabValueError
        When the file lacks a list, a list lacks its source, or a value is out of range.

    Example
    -------
    >>> words = campaign_words()
    >>> words.multipliers["lakh"], words.months["जून"], words.metric_words[0][0]
    (100000.0, 6, 'engagement_rate')
    """
    text = resources.files("postlab.data").joinpath(_FILE).read_text("utf-8")
    return _parse(yaml.safe_load(text))
