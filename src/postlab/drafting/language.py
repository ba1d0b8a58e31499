"""Which script and language a draft is in, including Hinglish and mixed scripts.

Scripts are told apart by Unicode block (letters and marks only); the language
of a Latin-script draft is English unless it holds enough common Romanised
Hindi words (data/drafting_lexicon.yaml ``hinglish_markers``), in which case it
is Hinglish. A draft whose second script holds at least 15 % of the letters is
mixed. Only the prose counts: links, hashtags and mentions are left out (their
letters are Latin whatever the post's language), and so are emoji and numbers
(only letters and marks are counted). The detector is deliberately simple and
explainable; it does not tell Hindi from Marathi (both Devanagari): pass
``language=`` to ``analyze`` to say.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from postlab.drafting.extract import Entity, extract_entities
from postlab.drafting.rules import lexicon

__all__ = ["LanguageGuess", "detect_language", "language_name", "prose_text", "script_shares"]

# (first code point, last code point, script, language it usually means)
_BLOCKS = [
    (0x0041, 0x024F, "Latin", "en"),
    (0x0370, 0x03FF, "Greek", "el"),
    (0x0400, 0x04FF, "Cyrillic", "ru"),
    (0x0590, 0x05FF, "Hebrew", "he"),
    (0x0600, 0x06FF, "Arabic", "ur"),
    (0x0750, 0x077F, "Arabic", "ur"),
    (0x0900, 0x097F, "Devanagari", "hi"),
    (0x0980, 0x09FF, "Bengali", "bn"),
    (0x0A00, 0x0A7F, "Gurmukhi", "pa"),
    (0x0A80, 0x0AFF, "Gujarati", "gu"),
    (0x0B00, 0x0B7F, "Odia", "or"),
    (0x0B80, 0x0BFF, "Tamil", "ta"),
    (0x0C00, 0x0C7F, "Telugu", "te"),
    (0x0C80, 0x0CFF, "Kannada", "kn"),
    (0x0D00, 0x0D7F, "Malayalam", "ml"),
    (0x0D80, 0x0DFF, "Sinhala", "si"),
    (0x0E00, 0x0E7F, "Thai", "th"),
    (0x1E00, 0x1EFF, "Latin", "en"),
    (0x3040, 0x30FF, "Japanese", "ja"),
    (0x4E00, 0x9FFF, "Han", "zh"),
    (0xAC00, 0xD7AF, "Hangul", "ko"),
    (0xA8E0, 0xA8FF, "Devanagari", "hi"),
]
_BLOCKS.sort()
_LANGUAGE_NAMES = {
    "en": "English",
    "hi": "Hindi",
    "bn": "Bengali",
    "pa": "Punjabi",
    "gu": "Gujarati",
    "or": "Odia",
    "ta": "Tamil",
    "te": "Telugu",
    "kn": "Kannada",
    "ml": "Malayalam",
    "ur": "Urdu",
    "hinglish": "Hinglish",
    "mixed": "mixed languages",
    "und": "an unknown language",
}
_LATIN_WORD = re.compile(r"[A-Za-z]+")
_MIXED_SHARE = 0.15


@dataclass(frozen=True)
class LanguageGuess:
    """Detected script and language of a text.

    ``script`` is the main script (``"Latin"``, ``"Devanagari"``, ..., ``"Mixed"`` or
    ``"None"``); ``language`` a short code (``"en"``, ``"hi"``, ``"hinglish"``,
    ``"mixed"``, ``"und"``); ``shares`` the share of letters in each script.
    """

    script: str
    language: str
    shares: dict[str, float]
    detail: str = ""

    @property
    def name(self) -> str:
        """Language name for messages ("Hindi", "Hinglish", ...)."""
        return language_name(self.language)


def language_name(code: str) -> str:
    """Plain name of a language code."""
    return _LANGUAGE_NAMES.get(code, code)


def _script_patterns() -> dict[str, regex.Pattern[str]]:
    """One pattern per script: letters and marks inside that script's blocks."""
    ranges: dict[str, str] = {}
    for first, last, script, _ in _BLOCKS:
        ranges[script] = ranges.get(script, "") + f"\\U{first:08x}-\\U{last:08x}"
    return {
        script: regex.compile(rf"(?V1)[[{r}]&&[\p{{L}}\p{{M}}]]") for script, r in ranges.items()
    }


_SCRIPT_PATTERNS = _script_patterns()


def script_shares(text: str) -> dict[str, float]:
    """Share of letters (and marks) in each script, largest first; digits and symbols ignored.

    Example
    -------
    >>> {k: round(v, 2) for k, v in script_shares("Vaccine टीका").items()}
    {'Latin': 0.64, 'Devanagari': 0.36}
    """
    counts = {}
    for script, pattern in _SCRIPT_PATTERNS.items():
        n = len(pattern.findall(text))
        if n:
            counts[script] = n
    total = sum(counts.values())
    if not total:
        return {}
    return {k: v / total for k, v in sorted(counts.items(), key=lambda kv: -kv[1])}


def _script_language(script: str) -> str:
    for _, _, name, lang in _BLOCKS:
        if name == script:
            return lang
    return "und"


def prose_text(text: str, *, entities: Sequence[Entity] | None = None) -> str:
    """``text`` without its links, hashtags and mentions: the part its language is read from.

    A link's letters are Latin whatever language the post is in, so they would
    make a Hindi post look mixed. When nothing but links, hashtags and mentions
    holds letters, the hashtag and mention names are the prose (``#HealthForAll``
    alone is English).

    Parameters
    ----------
    text : str
        The draft.
    entities : sequence of Entity, optional, keyword-only
        ``extract_entities(text)`` if already worked out (saves doing it twice).

    Returns
    -------
    str
        The prose, with a space where each link, hashtag or mention was.

    Example
    -------
    >>> prose_text("शिविर आज https://example.com/navapur/camp #NavapurHealth").split()
    ['शिविर', 'आज']
    >>> prose_text("#HealthForAll @NavapurDPI")
    'HealthForAll NavapurDPI'
    """
    found = extract_entities(text) if entities is None else entities
    if not found:
        return text
    parts, pos = [], 0
    for e in found:
        parts.append(text[pos : e.start])
        pos = e.end
    parts.append(text[pos:])
    prose = " ".join(parts)
    if any(p.search(prose) for p in _SCRIPT_PATTERNS.values()):
        return prose
    return " ".join(e.value for e in found if e.kind != "url")


def detect_language(text: str, *, entities: Sequence[Entity] | None = None) -> LanguageGuess:
    """Guess the script and language of ``text`` from its prose (see ``prose_text``).

    Parameters
    ----------
    text : str
        The draft.
    entities : sequence of Entity, optional, keyword-only
        ``extract_entities(text)`` if already worked out (saves doing it twice).

    Returns
    -------
    LanguageGuess
        Script, language code and the share of letters in each script.

    Example
    -------
    >>> detect_language("Aaj vaccine camp hai, sabhi log zaroor aayein").language
    'hinglish'
    >>> detect_language("टीकाकरण शिविर आज है").language
    'hi'
    >>> detect_language("टीकाकरण शिविर आज है: https://example.com/navapur/camp").language
    'hi'
    """
    prose = prose_text(text, entities=entities)
    shares = script_shares(prose)
    if not shares:
        return LanguageGuess("None", "und", {})
    scripts = list(shares)
    main = scripts[0]
    if len(scripts) > 1 and shares[scripts[1]] >= _MIXED_SHARE:
        pair = f"{scripts[0]} and {scripts[1]} scripts"
        lang = "hinglish" if {"Latin", "Devanagari"} == set(scripts[:2]) else "mixed"
        return LanguageGuess("Mixed", lang, shares, pair)
    if main == "Latin":
        markers = lexicon()["hinglish_markers"]
        marker_words = set(markers["words"])
        latin_words = [w.lower() for w in _LATIN_WORD.findall(prose)]
        hits = sum(1 for w in latin_words if w in marker_words)
        if (
            hits >= markers["min_markers"]
            and hits / max(len(latin_words), 1) >= markers["min_share"]
        ):
            return LanguageGuess("Latin", "hinglish", shares, "Hindi words in Latin script")
    return LanguageGuess(main, _script_language(main), shares)
