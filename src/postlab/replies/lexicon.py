"""Load the reply word lists and finding messages from ``data/reply_lexicon.yaml``."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

import yaml

from postlab.drafting import Finding
from postlab.errors import PostLabValueError

__all__ = ["PhraseList", "make_finding", "phrases", "reply_lexicon"]

# Devanagari vowel signs are not ``\w`` in Python, so word edges include the block (bar the dandas).
_EDGE = r"\w\u0900-\u0963\u0971-\u097F"  # not the dandas \u0964 \u0965


@cache
def reply_lexicon() -> dict[str, Any]:
    """The parsed ``data/reply_lexicon.yaml``."""
    text = resources.files("postlab.data").joinpath("reply_lexicon.yaml").read_text("utf-8")
    return yaml.safe_load(text)


class PhraseList:
    """The English and Hindi phrases of one list, compiled once into one pattern."""

    def __init__(self, items: list[str]) -> None:
        self.items = tuple(dict.fromkeys(p.lower() for p in items))
        alternation = "|".join(re.escape(p) for p in sorted(self.items, key=len, reverse=True))
        self._pattern = re.compile(rf"(?<![{_EDGE}])(?:{alternation})(?![{_EDGE}])")

    def search(self, text: str, start: int = 0, end: int | None = None) -> re.Match | None:
        """First match in ``text.lower()[start:end]`` (indices into ``text``), or None."""
        lowered = text.lower()
        return self._pattern.search(lowered, start, len(lowered) if end is None else end)


@cache
def phrases(name: str, part: str | None = None) -> PhraseList:
    """The ``en`` and ``hi`` phrases of list ``name`` (of ``name.part`` when given)."""
    entry = reply_lexicon()[name]
    if part is not None:
        entry = entry[part]
    return PhraseList([*entry.get("en", []), *entry.get("hi", [])])


def make_finding(code: str, span: tuple[int, int] | None = None, **fields: object) -> Finding:
    """A drafting ``Finding`` for reply check ``code``, message filled from ``fields``."""
    rules = reply_lexicon()["checks"]
    if code not in rules:
        msg = f"code={code!r} is not a reply check in data/reply_lexicon.yaml"
        raise PostLabValueError(msg)
    rule = rules[code]
    return Finding(
        code=code,
        severity=rule["severity"],
        message=rule["message"].format(**fields),
        advice=rule["advice"].format(**fields),
        span=span,
    )
