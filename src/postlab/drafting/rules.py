"""Load the drafting rules (data/checks.yaml) and word lists (data/drafting_lexicon.yaml)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from postlab.errors import PostLabValueError

__all__ = ["CheckRule", "check_rule", "lexicon", "threshold"]

_SEVERITIES = ("error", "warning", "tip")


@dataclass(frozen=True)
class CheckRule:
    """One check as the data file defines it."""

    code: str
    severity: str
    message: str
    advice: str
    quality: float
    reason: str


def _load(name: str) -> dict[str, Any]:
    with resources.files("postlab.data").joinpath(name).open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@cache
def _checks() -> tuple[dict[str, CheckRule], dict[str, float]]:
    """Parse checks.yaml once, validating each entry."""
    raw = _load("checks.yaml")
    rules = {}
    for code, entry in raw["checks"].items():
        if entry["severity"] not in _SEVERITIES:
            msg = (
                f"checks.yaml: {code} has severity={entry['severity']!r}; "
                f"expected one of {_SEVERITIES}"
            )
            raise PostLabValueError(msg)
        quality = float(entry.get("quality", 1.0))
        if not 0.0 <= quality <= 1.0:
            msg = f"checks.yaml: {code} has quality={quality}; expected a number from 0 to 1"
            raise PostLabValueError(msg)
        rules[code] = CheckRule(
            code=code,
            severity=entry["severity"],
            message=entry["message"],
            advice=entry["advice"],
            quality=quality,
            reason=entry.get("reason", ""),
        )
    thresholds = {name: t["value"] for name, t in raw["thresholds"].items()}
    return rules, thresholds


def check_rule(code: str) -> CheckRule:
    """The rule for finding ``code``."""
    return _checks()[0][code]


def threshold(name: str) -> float:
    """A numeric threshold from checks.yaml."""
    return _checks()[1][name]


@cache
def lexicon() -> dict[str, Any]:
    """The word lists of drafting_lexicon.yaml."""
    return _load("drafting_lexicon.yaml")
