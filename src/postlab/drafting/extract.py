"""Find hashtags, mentions and links the way X does (twitter-text rules).

Links are those of ``twitter_text.extract_urls_with_indices`` (found in linear time,
see ``linkfinder``). twitter-text's
Python port has no hashtag or mention extractor, so those two are ported from
the official twitter-text extractor (``Regex.java`` ``VALID_HASHTAG``,
``VALID_MENTION_OR_LIST``, ``INVALID_HASHTAG_MATCH_END``,
``INVALID_MENTION_MATCH_END`` and ``Extractor.java``), and checked against
twitter-text's ``conformance/extract.yml`` in ``tests/unit/test_drafting_extract.py``.
As in ``Extractor.extractEntitiesWithIndices``, an entity that overlaps an earlier
one (a ``#tag`` or ``@name`` inside a link) is dropped.

All indices are Python string indices (code points) into the text as given.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from postlab.drafting.linkfinder import find_links

__all__ = [
    "Entity",
    "extract_entities",
    "extract_hashtags",
    "extract_mentions",
    "extract_urls",
    "find_urls",
]

# Regex.java HASHTAG_LETTERS_AND_MARKS is "\p{L}\p{M}" plus code points that Java's
# Unicode tables lacked when it was written. The `regex` module's tables are newer
# and already hold all of them except these private-use code points, kept for parity.
_LETTERS = (
    r"\p{L}\p{M}"
    "\uf870-\uf87f\uf882\uf884-\uf89f\uf8b8\uf8c1-\uf8d6"
)
_NUMERALS = r"\p{Nd}"
# Regex.java HASHTAG_SPECIAL_CHARS: _ ZWNJ ZWJ kavyka maqaf geresh gershayim
# fullwidth-tilde wave-dash voiced marks double-hyphen middle-dots ditto tsheg.
_SPECIAL = (
    "_\u200c\u200d\ua67e\u05be\u05f3\u05f4\uff5e\u301c"
    "\u309b\u309c\u30a0\u30fb\u3003\u0f0b\u0f0c\u00b7"
)
_ALNUM = _LETTERS + _NUMERALS + _SPECIAL

_VALID_HASHTAG = regex.compile(
    rf"(^|\uFE0E|\uFE0F|[^&{_ALNUM}])([#\uFF03])(?![\uFE0F\u20E3])"
    rf"([{_ALNUM}]*[{_LETTERS}][{_ALNUM}]*)",
    regex.IGNORECASE | regex.VERSION0,
)
_INVALID_HASHTAG_MATCH_END = regex.compile(r"(?:[#\uFF03]|://)")

_AT_SIGNS = "@\uff20"
_LATIN_ACCENTS = (
    "\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff\u0100-\u024f"
    "\u0253\u0254\u0256\u0257\u0259\u025b\u0263\u0268\u026f\u0272\u0289\u028b"
    "\u02bb\u0300-\u036f\u1e00-\u1eff"
)
_VALID_MENTION_OR_LIST = regex.compile(
    rf"([^a-z0-9_!#$%&*{_AT_SIGNS}]|^|(?:^|[^a-z0-9_+~.-])RT:?)([{_AT_SIGNS}]+)"
    r"([a-z0-9_]{1,20})(/[a-z][a-z0-9_\-]{0,24})?",
    regex.IGNORECASE | regex.VERSION0,
)
_INVALID_MENTION_MATCH_END = regex.compile(rf"(?:[{_AT_SIGNS}{_LATIN_ACCENTS}]|://)")


@dataclass(frozen=True)
class Entity:
    """One hashtag, mention or link: its kind, its value and where it sits.

    ``value`` has no leading ``#`` or ``@``; ``start``/``end`` cover the whole
    entity including the sign, as string indices into the text.
    """

    kind: str
    value: str
    start: int
    end: int


def _hashtags(text: str) -> list[Entity]:
    """Hashtag candidates (before removing overlaps with links)."""
    if "#" not in text and "\uff03" not in text:
        return []
    found = []
    for m in _VALID_HASHTAG.finditer(text):
        if _INVALID_HASHTAG_MATCH_END.match(text, m.end()):
            continue
        found.append(Entity("hashtag", m.group(3), m.start(2), m.end(3)))
    return found


def _mentions(text: str) -> list[Entity]:
    """Mention candidates; ``@name/list`` references are lists, not mentions, as on X."""
    if "@" not in text and "\uff20" not in text:
        return []
    found = []
    for m in _VALID_MENTION_OR_LIST.finditer(text):
        if _INVALID_MENTION_MATCH_END.match(text, m.end()):
            continue
        if m.group(4) is None:
            found.append(Entity("mention", m.group(3), m.start(3) - 1, m.end(3)))
    return found


def find_urls(text: str) -> list[dict]:
    """``twitter_text.extract_urls_with_indices(text)``, in time linear in the text's length.

    Example
    -------
    >>> find_urls("Book at navapur.example.in/eye. Call 1800-000-0000.")
    [{'url': 'navapur.example.in/eye', 'indices': [8, 30]}]
    """
    return find_links(text)


def _urls(found: list[dict]) -> list[Entity]:
    """Entities of links found by ``find_urls``."""
    return [Entity("url", u["url"], u["indices"][0], u["indices"][1]) for u in found]


def extract_entities(text: str, *, urls: list[dict] | None = None) -> list[Entity]:
    """Links, hashtags and mentions of ``text`` in order, without overlaps.

    Parameters
    ----------
    text : str
        The draft.
    urls : list of dict, optional, keyword-only
        ``find_urls(text)`` if already worked out (saves doing it twice).

    Returns
    -------
    list of Entity
        Sorted by position; where a hashtag or mention sits inside a link, the
        link wins (as in twitter-text ``Extractor.removeOverlappingEntities``).

    Example
    -------
    >>> [(e.kind, e.value) for e in extract_entities("See navapur.example.in/camp #Health @Dept")]
    [('url', 'navapur.example.in/camp'), ('hashtag', 'Health'), ('mention', 'Dept')]
    """
    found = find_urls(text) if urls is None else urls
    entities = sorted(_urls(found) + _hashtags(text) + _mentions(text), key=lambda e: e.start)
    kept: list[Entity] = []
    for entity in entities:
        if kept and kept[-1].end > entity.start:
            continue
        kept.append(entity)
    return kept


def extract_hashtags(text: str) -> list[str]:
    """Hashtags in ``text``, in order, without the ``#``.

    Example
    -------
    >>> extract_hashtags("Camp today #HealthForAll, #१२३ #स्वास्थ्य")
    ['HealthForAll', 'स्वास्थ्य']
    """
    return [e.value for e in extract_entities(text) if e.kind == "hashtag"]


def extract_mentions(text: str) -> list[str]:
    """Mentioned account names in ``text``, in order, without the ``@``.

    Example
    -------
    >>> extract_mentions("Thanks @NavapurHealth! Mail info@navapur.gov.example")
    ['NavapurHealth']
    """
    return [e.value for e in extract_entities(text) if e.kind == "mention"]


def extract_urls(text: str) -> list[str]:
    """Links in ``text`` as X finds them (a scheme is not needed).

    Example
    -------
    >>> extract_urls("Apply at navapur.example.in/apply or https://example.org")
    ['navapur.example.in/apply', 'https://example.org']
    """
    return [e.value for e in extract_entities(text) if e.kind == "url"]
