"""Count a draft's length the way each platform does.

``twitter_weighted`` is twitter-text v3 (``twitter_text.parse_tweet`` with its
default config): text is NFC-normalised and line endings become ``\\n``; each
code point weighs 1 or 2 by range, every emoji sequence 2, every link 23. The
numbers come from twitter-text itself (its config, its link extractor and its
emoji list); only the loop is rewritten (and links are searched token by token,
see ``extract.find_urls``), because ``parse_tweet`` walks the text
one character at a time with a 3,800-way emoji regex (about 10 ms for 2,000
characters) and crashes on lone surrogates. ``tests/unit/test_drafting_length.py``
checks that both give the same number on named cases and on generated text.

``code_points`` counts NFC code points, ``graphemes`` counts user-perceived
characters (``regex`` ``\\X``), ``utf16`` counts UTF-16 code units.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import regex
from twitter_text.config import config as _tt_config
from twitter_text.regexp import emoji as _tt_emoji

from postlab.drafting.extract import find_urls
from postlab.errors import PostLabValueError
from postlab.platforms import Platform, get_platform

__all__ = ["count_length", "emoji_spans", "normalize_for_count", "weighted_length"]

_TT = _tt_config["defaults"]
_LINE_ENDINGS = re.compile(r"\r\n|\r|\n")
_GRAPHEME = regex.compile(r"\X")


def _light_class() -> str:
    """Character class of code points that weigh one (from twitter-text's config ranges)."""
    weight_one = [r for r in _TT["ranges"] if r["weight"] == _TT["scale"]]
    return "".join(f"\\U{r['start']:08x}-\\U{r['end']:08x}" for r in weight_one)


_HEAVY = re.compile(f"[^{_light_class()}]")


@cache
def _emoji_tables() -> tuple[frozenset[str], tuple[int, ...], re.Pattern[str], re.Pattern[str]]:
    """twitter-text's emoji list as (multi-code-point set, lengths, single class, start class)."""
    multi = frozenset(
        "".join(chr(int(c, 16)) for c in e.codepoint.split())
        for e in _tt_emoji.emoji_list
        if len(e.codepoint.split()) > 1
    )
    lengths = tuple(sorted({len(m) for m in multi}, reverse=True))
    # twitter-text's regex ends with one character class of single-code-point emoji;
    # reuse that exact class so ranges agree.
    single_class = _tt_emoji.emoji.pattern.rsplit("|", 1)[1]
    single = re.compile(single_class)
    firsts = "".join(sorted({re.escape(m[0]) for m in multi}))
    starts = re.compile(f"[{firsts}]|{single_class}")
    return multi, lengths, single, starts


def emoji_spans(text: str) -> list[tuple[int, int]]:
    """Spans of emoji in ``text``, exactly as twitter-text's emoji regex finds them.

    The regex tries the longest multi-code-point sequence first, then a single
    emoji code point; this walks candidate positions and looks sequences up in a set.

    Example
    -------
    >>> emoji_spans("Hi 👋🏽 team 👨‍👩‍👧")
    [(3, 5), (11, 16)]
    """
    multi, lengths, single, starts = _emoji_tables()
    spans = []
    pos = 0
    search = starts.search
    while True:
        m = search(text, pos)
        if m is None:
            return spans
        i = m.start()
        for n in lengths:
            candidate = text[i : i + n]
            if candidate in multi:
                spans.append((i, i + len(candidate)))
                pos = i + len(candidate)
                break
        else:
            if single.match(text, i):
                spans.append((i, i + 1))
            pos = i + 1


def normalize_for_count(text: str) -> str:
    """NFC and ``\\n`` line endings, as twitter-text does before counting."""
    return _LINE_ENDINGS.sub("\n", unicodedata.normalize("NFC", text))


def weighted_length(text: str) -> int:
    """X's weighted length of ``text``: ``twitter_text.parse_tweet(text).weightedLength``, faster.

    Example
    -------
    >>> weighted_length("नमस्ते 👋 https://example.org/a-long-path")
    33
    """
    norm = normalize_for_count(text)
    return _weighted(norm, find_urls(norm), emoji_spans(norm))


def _weighted(norm: str, urls: list[dict], emoji: list[tuple[int, int]]) -> int:
    """Weighted length of normalised text from its links and emoji (the parse_tweet loop)."""
    link_weight = _TT["transformed_url_length"]
    emoji_weight = _TT["default_weight"] // _TT["scale"]
    starts: dict[int, tuple[int, int]] = {}
    for span in emoji:
        starts[span[0]] = (span[1] - span[0], emoji_weight)
    for url in urls:
        starts[url["indices"][0]] = (len(url["url"]), link_weight)  # links win, as in parse_tweet
    heavy = _HEAVY.findall
    total = len(norm) + len(heavy(norm))
    pos = 0
    for start in sorted(starts):
        if start < pos:
            continue  # inside a link or emoji already counted
        size, weight = starts[start]
        chunk = norm[start : start + size]
        total += weight - len(chunk) - len(heavy(chunk))
        pos = start + size
    return total


def _graphemes(text: str) -> int:
    return len(_GRAPHEME.findall(unicodedata.normalize("NFC", text)))


def _utf16(text: str) -> int:
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


_METHODS = {
    "twitter_weighted": weighted_length,
    "code_points": lambda text: len(unicodedata.normalize("NFC", text)),
    "graphemes": _graphemes,
    "utf16": _utf16,
}


def count_length(text: str, platform: str | Platform = "x") -> int:
    """Length of ``text`` as ``platform`` counts it (its ``count_method`` in platforms.csv).

    Parameters
    ----------
    text : str
        The draft.
    platform : str or Platform
        Short name such as ``"x"`` or ``"instagram"``.

    Returns
    -------
    int

    Raises
    ------
    PostLabValueError
        If the platform's ``count_method`` is not one PostLab knows.

    Example
    -------
    >>> count_length("日本 ok", "x"), count_length("日本 ok", "instagram")
    (7, 5)
    """
    row = get_platform(platform)
    try:
        method = _METHODS[row.count_method]
    except KeyError:
        msg = (
            f"platform {row.key!r} has count_method={row.count_method!r} in platforms.csv; "
            f"expected one of {sorted(_METHODS)}"
        )
        raise PostLabValueError(msg) from None
    return method(text)
