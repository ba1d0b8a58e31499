"""Compare the facts two versions of a post must share (numbers, dates, phones, links).

Made for bilingual pairs (English and Hindi): digits in any Indian script
(०-९, ০-৯, ...) are normalised to 0-9, Indian digit grouping (1,00,000) is
read as one number, and dates in either language become ISO dates.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

from postlab.drafting.extract import extract_entities
from postlab.drafting.rules import lexicon
from postlab.errors import PostLabTypeError

__all__ = ["FactComparison", "FactMismatch", "compare_facts", "extract_facts", "normalize_digits"]

_KINDS = ("links", "phones", "dates", "numbers")


def normalize_digits(text: str) -> str:
    """Replace every decimal digit of any script with 0-9.

    Example
    -------
    >>> normalize_digits("हेल्पलाइन १८००-०००-००००")
    'हेल्पलाइन 1800-000-0000'
    """
    return "".join(
        str(unicodedata.decimal(ch)) if not ch.isascii() and ch.isdecimal() else ch for ch in text
    )


# Facts never run across a line: a removed link, phone or date becomes line breaks,
# and every other vertical space is a line break too, so no pattern below (none
# takes "\n") can join a number before a link with one after it.
_BREAK = "\n"
_LINE_BREAKS = str.maketrans(dict.fromkeys("\r\v\f\x1c\x1d\x1e\x85\u2028\u2029", _BREAK))
_GAP = r"[^\S\n]+"  # spaces within a line


def _abbreviations(months: dict[str, int]) -> set[str]:
    """Month names that shorten a longer name of the same month ("sept" of "september")."""
    return {
        short
        for short, n in months.items()
        if any(
            len(full) > len(short) and full.startswith(short)
            for full, m in months.items()
            if m == n
        )
    }


@cache
def _month_pattern() -> tuple[re.Pattern[str], dict[str, int]]:
    months = {
        k.lower(): v for k, v in {**lexicon()["months"]["en"], **lexicon()["months"]["hi"]}.items()
    }
    short = _abbreviations(months)

    def names(group: set[str]) -> str:
        return "|".join(sorted((re.escape(m) for m in group), key=len, reverse=True))

    def month(i: int) -> str:
        # only a shortened name takes a dot ("Sept."); after "May" a dot ends the sentence
        return rf"(?:(?P<m{i}>{names(set(months) - short)})|(?P<a{i}>{names(short)})\.?)"

    # 12 May 2026, 12 मई, May 12, 2026
    pattern = re.compile(
        rf"\b(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?{_GAP}{month(1)}(?:,?{_GAP}(?P<y1>\d{{4}}))?(?!\w)"
        rf"|\b{month(2)}{_GAP}(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?:,?{_GAP}(?P<y2>\d{{4}}))?\b",
        re.IGNORECASE,
    )
    return pattern, months


_NUMERIC_DATE = re.compile(r"\b(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})\b")
_PHONE = re.compile(r"(?<![\d])(?:\+?\d[\d -]{7,}\d)(?![\d])")
_NUMBER = re.compile(
    r"(?<![\d.])\d{1,3}(?:,\d{2,3})+(?:\.\d+)?(?![\d])|(?<![\d.])\d+(?:\.\d+)?(?![\d])"
)


@dataclass(frozen=True)
class FactMismatch:
    """Facts of one kind that appear in only one of the two texts."""

    kind: str
    only_in_first: list[str]
    only_in_second: list[str]

    @property
    def message(self) -> str:
        """Plain-language description."""
        parts = []
        if self.only_in_first:
            parts.append(f"only in the first: {', '.join(self.only_in_first)}")
        if self.only_in_second:
            parts.append(f"only in the second: {', '.join(self.only_in_second)}")
        return f"{self.kind.capitalize()} differ ({'; '.join(parts)})."


@dataclass(frozen=True)
class FactComparison:
    """Result of ``compare_facts``: ``matches`` is True when every kind of fact agrees."""

    first: dict[str, list[str]]
    second: dict[str, list[str]]
    mismatches: list[FactMismatch] = field(default_factory=list)

    @property
    def matches(self) -> bool:
        """True when no fact differs."""
        return not self.mismatches

    def to_dict(self) -> dict:
        """Plain dict for reports."""
        return {
            "matches": self.matches,
            "first": self.first,
            "second": self.second,
            "mismatches": [
                {
                    "kind": m.kind,
                    "only_in_first": m.only_in_first,
                    "only_in_second": m.only_in_second,
                    "message": m.message,
                }
                for m in self.mismatches
            ],
        }


def _blank(text: str, start: int, end: int) -> str:
    """``text`` with ``text[start:end]`` taken out: line breaks in its place, same length."""
    return text[:start] + _BREAK * (end - start) + text[end:]


def _iso(year: str | None, month: int, day: int) -> str:
    """ISO date; ``--MM-DD`` when the year is not given (ISO 8601 without year)."""
    if not year:
        return f"--{month:02d}-{day:02d}"
    return f"{year if len(year) == 4 else '20' + year}-{month:02d}-{day:02d}"


def extract_facts(text: str) -> dict[str, list[str]]:
    """Links, phone numbers, dates and other numbers in ``text``, normalised and sorted.

    Each fact is taken once, most specific first: digits inside a link are not
    also a number, a date's day is not also a number. No fact spans a link, a
    line break or a sentence end: in "call 1800-000-1077 https://example.com/x
    9 am" the phone is 18000001077 and 9 is a number.

    Example
    -------
    >>> extract_facts("Camp on 12 May 2026, 9 am. Call 1800-000-0000.")["dates"]
    ['2026-05-12']
    """
    if not isinstance(text, str):
        msg = f"text={text!r} ({type(text).__name__}), must be str"
        raise PostLabTypeError(msg)
    work = normalize_digits(unicodedata.normalize("NFC", text)).translate(_LINE_BREAKS)
    facts: dict[str, list[str]] = {k: [] for k in _KINDS}
    for e in extract_entities(work):
        if e.kind == "url":
            link = re.sub(r"^https?://", "", e.value, flags=re.IGNORECASE).rstrip("/")
            host, _, rest = link.partition("/")
            facts["links"].append(host.lower() + ("/" + rest if rest else ""))
        work = _blank(work, e.start, e.end) if e.kind == "url" else work
    for m in _PHONE.finditer(work):
        digits = re.sub(r"\D", "", m.group())
        if len(digits) >= 10 and not _NUMERIC_DATE.fullmatch(m.group().strip()):
            facts["phones"].append(
                digits[-10:] if len(digits) > 10 and digits.startswith("91") else digits
            )
            work = _blank(work, m.start(), m.end())
    pattern, months = _month_pattern()
    for m in pattern.finditer(work):
        day = m.group("d1") or m.group("d2")
        name = m.group("m1") or m.group("a1") or m.group("m2") or m.group("a2")
        month = months[name.lower()]
        facts["dates"].append(_iso(m.group("y1") or m.group("y2"), month, int(day)))
        work = _blank(work, m.start(), m.end())
    for m in _NUMERIC_DATE.finditer(work):
        day, month = int(m.group(1)), int(m.group(2))
        if 1 <= day <= 31 and 1 <= month <= 12:  # Indian order: day first
            facts["dates"].append(_iso(m.group(3), month, day))
            work = _blank(work, m.start(), m.end())
    for m in _NUMBER.finditer(work):
        facts["numbers"].append(m.group().replace(",", ""))
    return {k: sorted(v) for k, v in facts.items()}


def compare_facts(first: str, second: str) -> FactComparison:
    """Compare the facts of two versions of a post (e.g. English and Hindi).

    Parameters
    ----------
    first, second : str
        The two versions.

    Returns
    -------
    FactComparison
        ``matches`` is True when links, phones, dates and numbers agree;
        ``mismatches`` lists what appears in only one.

    Example
    -------
    >>> compare_facts("Camp on 12 May, call 1800-000-0000",
    ...               "शिविर १३ मई को, कॉल करें १८००-०००-००००").mismatches[0].kind
    'dates'
    """
    a, b = extract_facts(first), extract_facts(second)
    mismatches = []
    for kind in _KINDS:
        only_a = sorted(set(a[kind]) - set(b[kind]))
        only_b = sorted(set(b[kind]) - set(a[kind]))
        if only_a or only_b:
            mismatches.append(FactMismatch(kind, only_a, only_b))
    return FactComparison(a, b, mismatches)
