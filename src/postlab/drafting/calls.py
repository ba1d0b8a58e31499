"""Calls to action: does a draft ask readers to do something, and is each link phrase clear?

The word lists are data (data/drafting_lexicon.yaml): ``call_to_action`` phrases
count wherever they stand; ``instruction_verbs`` ("find", "see") are everyday
words that count only where they begin an instruction; ``vague_call_to_action``
phrases ("click here", "link in bio") need to be explained, either at once
("click here to book") or, for the phrases that only say where a link is, by a
call to action in the same sentence or the one before or after it ("Book your
slot: link in bio"). Matching is on the text in lower case, with its
length kept, so every span found is a span of the draft.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import accumulate

from postlab.drafting.extract import find_urls
from postlab.drafting.readability import sentences
from postlab.drafting.rules import lexicon
from postlab.errors import PostLabValueError

__all__ = ["VaguePhrase", "asks_for_action", "lowered", "unexplained_vague_phrase"]

# What may end the text before an instruction (a sentence end, a colon, a bracket, a bullet...).
_OPENERS = frozenset(".!?।॥:;,()[]{}\"“”‘’'•·*–—-|>…")
_LINE_ENDS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")
# What may stand between that and the verb: spaces, emoji and other symbols, joiners.
_GAP_CATEGORIES = frozenset({"Zs", "So", "Sk", "Sm", "Cf"})
_GAP_MARKS = frozenset("\ufe0e\ufe0f\u20e3")


@dataclass(frozen=True)
class VaguePhrase:
    """A vague call to action found in a draft: the phrase as written and where it is."""

    phrase: str
    start: int
    end: int


@dataclass(frozen=True)
class _Words:
    """The lexicon's call-to-action lists as compiled patterns (built once)."""

    calls: tuple[re.Pattern[str], ...]
    instructions: tuple[re.Pattern[str], ...]
    lead_ins: frozenset[str]
    vague: tuple[tuple[re.Pattern[str], bool], ...]  # (phrase, may be explained nearby)
    explained: re.Pattern[str]


def _whole(phrase: str) -> re.Pattern[str]:
    """``(?<!\\w)phrase(?!\\w)``, written phrase-first so that ``re`` can jump to the phrase."""
    # the lookbehind looks one character past the phrase it has just matched
    return re.compile(rf"{re.escape(phrase)}(?<!\w(?s:.){{{len(phrase)}}})(?!\w)")


@cache
def _precomposed() -> dict[str, str]:
    """Letter + nukta (as NFC writes it) -> the single code point some keyboards type (ढ़)."""
    table = {}
    for cp in range(0x0900, 0x0E00):  # the Indic blocks
        ch = chr(cp)
        if unicodedata.normalize("NFC", ch) != ch:
            table[unicodedata.normalize("NFC", ch)] = ch
    return table


def _spellings(phrase: str) -> list[str]:
    """The phrase lowercased, in NFC and, if it differs, with precomposed Indic letters."""
    nfc = unicodedata.normalize("NFC", phrase.strip()).lower()
    other = nfc
    for pair, single in _precomposed().items():
        other = other.replace(pair, single)
    return [nfc] if other == nfc else [nfc, other]


def _patterns(phrases: Iterable[str]) -> tuple[re.Pattern[str], ...]:
    """One whole-word pattern per spelling of each phrase, in list order."""
    return tuple(_whole(s) for p in phrases for s in _spellings(p))


@cache
def _words() -> _Words:
    lex = lexicon()
    cta, verbs, vague = lex["call_to_action"], lex["instruction_verbs"], lex["vague_call_to_action"]
    nearby = {p.lower() for p in vague["explained_nearby"]}
    unknown = nearby - {p.lower() for p in vague["phrases"]}
    if unknown:
        msg = (
            f"drafting_lexicon.yaml: vague_call_to_action.explained_nearby={sorted(unknown)}, "
            "expected phrases that are also in vague_call_to_action.phrases"
        )
        raise PostLabValueError(msg)
    explained = re.compile(
        r"[\s,]*(?:" + "|".join(re.escape(x.strip()) for x in vague["explained_by"]) + r")(?!\w)"
    )
    return _Words(
        calls=_patterns((*cta["en"], *cta["hi"], *cta["hinglish"])),
        instructions=_patterns(verbs["en"]),
        lead_ins=frozenset(w.lower() for w in verbs["lead_ins"]),
        vague=tuple(
            (pattern, p.lower() in nearby) for p in vague["phrases"] for pattern in _patterns([p])
        ),
        explained=explained,
    )


def lowered(text: str) -> str:
    """``text`` in lower case, one character for one, so that spans stay the draft's own.

    Example
    -------
    >>> lowered("Find the CAMP"), len(lowered("İstanbul")) == len("İstanbul")
    ('find the camp', True)
    """
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _begins_instruction(low: str, start: int, lead_ins: frozenset[str]) -> bool:
    """True when the word at ``start`` begins an instruction (see the lexicon's note)."""
    i = start
    while True:
        while i > 0:
            ch = low[i - 1]
            if ch in _LINE_ENDS:
                return True
            if not (
                ch.isspace() or ch in _GAP_MARKS or unicodedata.category(ch) in _GAP_CATEGORIES
            ):
                break
            i -= 1
        if i == 0 or low[i - 1] in _OPENERS:
            return True
        j = i
        while j > 0 and low[j - 1].isalpha():
            j -= 1
        if j == i or low[j:i] not in lead_ins:
            return False
        i = j  # "please see": look before "please"


class _Links:
    """Where the draft's links are: words inside a link ("example.com/apply") ask for nothing."""

    def __init__(self, text: str, links: Sequence[tuple[int, int]] | None) -> None:
        if links is None:
            links = [(u["indices"][0], u["indices"][1]) for u in find_urls(text)]
        self._starts = [s for s, _ in links]
        self._ends = [e for _, e in links]

    def outside(self, m: re.Match[str]) -> bool:
        """True when the match does not start inside a link."""
        k = bisect_right(self._starts, m.start()) - 1
        return k < 0 or self._ends[k] <= m.start()


def _call_spans(low: str, words: _Words, links: _Links) -> Iterable[tuple[int, int]]:
    """Spans of calls to action outside links: phrases anywhere, verbs where they begin."""
    for pattern in words.calls:
        yield from (m.span() for m in pattern.finditer(low) if links.outside(m))
    for pattern in words.instructions:
        for m in pattern.finditer(low):
            if links.outside(m) and _begins_instruction(low, m.start(), words.lead_ins):
                yield m.span()


def asks_for_action(text: str, *, links: Sequence[tuple[int, int]] | None = None) -> bool:
    """True when ``text`` holds a call to action outside its links (see the module note).

    Parameters
    ----------
    text : str
        The draft.
    links : sequence of (start, end), optional, keyword-only
        Spans of the draft's links, in order, if already worked out (found here otherwise).

    Returns
    -------
    bool
        True when a ``call_to_action`` phrase stands anywhere, or an
        ``instruction_verbs`` verb begins an instruction, outside the links.

    Example
    -------
    >>> asks_for_action("Find your nearest camp at https://example.com/navapur/camps")
    True
    >>> asks_for_action("We find that most camps are full: https://example.com/find")
    False
    """
    spans = _call_spans(lowered(text), _words(), _Links(text, links))
    return next(iter(spans), None) is not None


def _vague_spans(low: str, words: _Words) -> list[tuple[int, int]]:
    return sorted(m.span() for pattern, _ in words.vague for m in pattern.finditer(low))


class _Nearby:
    """Answers "does a call to action sit near this span?", worked out once per draft."""

    def __init__(self, text: str, low: str, words: _Words, links: _Links) -> None:
        vague = _vague_spans(low, words)
        v_starts = [s for s, _ in vague]
        v_max_end = list(accumulate((e for _, e in vague), max))

        def inside_vague(s: int, e: int) -> bool:
            k = bisect_left(v_starts, e) - 1  # vague spans starting before this one ends
            return k >= 0 and v_max_end[k] > s

        found = _call_spans(low, words, links)
        self._calls = sorted(span for span in found if not inside_vague(*span))
        self._call_starts = [s for s, _ in self._calls]
        self._sentences = sentences(text) or [(0, len(text))]
        self._sentence_starts = [s for s, _ in self._sentences]

    def has_call(self, start: int) -> bool:
        """True if a call to action sits in the sentence at ``start`` or one next to it."""
        k = max(bisect_right(self._sentence_starts, start) - 1, 0)
        first = self._sentences[max(k - 1, 0)][0]
        last = self._sentences[min(k + 1, len(self._sentences) - 1)][1]
        i = bisect_left(self._call_starts, first)
        return i < len(self._calls) and self._calls[i][1] <= last


def unexplained_vague_phrase(
    text: str, *, links: Sequence[tuple[int, int]] | None = None
) -> VaguePhrase | None:
    """The first vague call to action in ``text`` that nothing explains, or None.

    Phrases are tried in the lexicon's order. A phrase is explained when "to",
    "for" or ":" follows it; a phrase that only says where the link is ("link in
    bio") also when a call to action sits in its sentence or the one before or
    after it.

    Parameters
    ----------
    text : str
        The draft.
    links : sequence of (start, end), optional, keyword-only
        Spans of the draft's links, in order, if already worked out (found here
        otherwise, and only if a phrase needs its neighbours read).

    Returns
    -------
    VaguePhrase or None
        The phrase as written and its span in ``text``.

    Example
    -------
    >>> unexplained_vague_phrase("Camp today, link in bio")
    VaguePhrase(phrase='link in bio', start=12, end=23)
    >>> unexplained_vague_phrase("Book your slot: link in bio") is None
    True
    """
    low = lowered(text)
    words = _words()
    nearby: _Nearby | None = None
    for pattern, may_be_nearby in words.vague:
        for m in pattern.finditer(low):
            if words.explained.match(low, m.end()):
                continue
            if may_be_nearby:
                nearby = nearby or _Nearby(text, low, words, _Links(text, links))
                if nearby.has_call(m.start()):
                    continue
            return VaguePhrase(text[m.start() : m.end()], m.start(), m.end())
    return None
