"""The drafting engine: judge a draft post for a platform and teach how to improve it.

``analyze(text, platform)`` returns a ``Report`` of ``Finding`` objects; the
rest are the pieces it is built from, useful on their own: ``count_length``
(as each platform counts), ``split_thread``, ``compare_facts`` for bilingual
pairs, ``detect_language`` and ``reading_ease``.
"""

from __future__ import annotations

from postlab.drafting.analyze import analyze
from postlab.drafting.extract import extract_hashtags, extract_mentions, extract_urls
from postlab.drafting.facts import FactComparison, FactMismatch, compare_facts, normalize_digits
from postlab.drafting.language import LanguageGuess, detect_language
from postlab.drafting.length import count_length
from postlab.drafting.readability import count_syllables, reading_ease
from postlab.drafting.report import Finding, Report
from postlab.drafting.threads import split_thread

__all__ = [
    "FactComparison",
    "FactMismatch",
    "Finding",
    "LanguageGuess",
    "Report",
    "analyze",
    "compare_facts",
    "count_length",
    "count_syllables",
    "detect_language",
    "extract_hashtags",
    "extract_mentions",
    "extract_urls",
    "normalize_digits",
    "reading_ease",
    "split_thread",
]
