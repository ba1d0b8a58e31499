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

import numpy as np
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


def _light_bounds() -> np.ndarray:
    """``[start, end + 1, ...]`` of the ranges that weigh one, sorted, for ``searchsorted``."""
    ranges = _TT["ranges"]
    weight_one = sorted((r["start"], r["end"]) for r in ranges if r["weight"] == _TT["scale"])
    bounds = [x for start, end in weight_one for x in (start, end + 1)]
    if bounds != sorted(set(bounds)):
        msg = f"twitter-text's weight-one ranges overlap or touch: {weight_one}"
        raise RuntimeError(msg)
    return np.array(bounds, dtype=np.int64)


_LIGHT_BOUNDS = _light_bounds()


@cache
def _emoji_tables() -> tuple[
    frozenset[str], dict[str, tuple[int, ...]], re.Pattern[str], re.Pattern[str]
]:
    """twitter-text's emoji list: multi-code-point set, lengths by first, single, scanner."""
    multi = frozenset(
        "".join(chr(int(c, 16)) for c in e.codepoint.split())
        for e in _tt_emoji.emoji_list
        if len(e.codepoint.split()) > 1
    )
    lengths: dict[str, set[int]] = {}
    for m in multi:
        lengths.setdefault(m[0], set()).add(len(m))
    by_first = {c: tuple(sorted(ns, reverse=True)) for c, ns in lengths.items()}
    # twitter-text's regex ends with one character class of single-code-point emoji;
    # reuse that exact class so ranges agree.
    single_class = _tt_emoji.emoji.pattern.rsplit("|", 1)[1]
    single = re.compile(single_class)
    firsts = "".join(sorted({re.escape(m[0]) for m in multi}))
    seconds = "".join(sorted({re.escape(m[1]) for m in multi}))
    # One code point that could begin an emoji, then either: it is the first of a
    # multi-code-point emoji (the second code point fits), or it begins a run of single
    # emoji in none of which a multi-code-point emoji can start. The leading class is
    # a superset that ``re`` checks fast (twitter-text's own class lists hundreds of
    # astral ranges one by one): the first code points, the single emoji below U+10000
    # and every code point above; the lookbehinds then hold each to the exact classes.
    # (astral code points are left to one range: ``re`` tries listed ones one by one)
    bmp = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF)
    lead = {m[0] for m in multi if m[0] <= "\uffff"} | set(single.findall(bmp))
    lead_class = "".join(re.escape(c) for c in sorted(lead))
    scanner = re.compile(
        f"[{lead_class}\U00010000-\U0010ffff]"
        f"(?:(?P<multi>(?<=[{firsts}])(?=[{seconds}]))"
        f"|(?P<run>(?<={single_class})(?:(?![{firsts}][{seconds}]){single_class})*))"
    )
    return multi, by_first, single, scanner


_LONG_RUN = 32  # runs of single emoji at least this long are laid out with numpy


def _emoji_bounds(text: str) -> tuple[np.ndarray, np.ndarray]:
    """Starts and ends of ``emoji_spans(text)`` as two int64 arrays."""
    multi, by_first, single, scanner = _emoji_tables()
    parts: list[np.ndarray] = []
    spans: list[int] = []  # starts of one-off emoji, then their ends, interleaved
    pos = 0
    search = scanner.search
    while (m := search(text, pos)) is not None:
        i = m.start()
        if m.group("run") is not None:
            pos = m.end()
            if pos - i < _LONG_RUN:
                for j in range(i, pos):
                    spans += (j, j + 1)
                continue
            if spans:
                parts.append(np.array(spans, dtype=np.int64))
                spans = []
            run = np.arange(i, pos, dtype=np.int64)
            parts.append(np.column_stack((run, run + 1)).ravel())
            continue
        for n in by_first[text[i]]:
            candidate = text[i : i + n]
            if candidate in multi:
                pos = i + len(candidate)
                spans += (i, pos)
                break
        else:
            if single.match(text, i):
                spans += (i, i + 1)
            pos = i + 1
    if spans:
        parts.append(np.array(spans, dtype=np.int64))
    flat = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
    return flat[0::2], flat[1::2]


def emoji_spans(text: str) -> list[tuple[int, int]]:
    """Spans of emoji in ``text``, exactly as twitter-text's emoji regex finds them.

    The regex tries the longest multi-code-point sequence first, then a single
    emoji code point; this jumps to places where a sequence could start, looks
    sequences up in a set, and takes runs of single emoji in one step.

    Example
    -------
    >>> emoji_spans("Hi 👋🏽 team 👨‍👩‍👧")
    [(3, 5), (11, 16)]
    """
    starts, ends = _emoji_bounds(text)
    return list(zip(starts.tolist(), ends.tolist(), strict=True))


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
    return _weighted(norm, find_urls(norm), *_emoji_bounds(norm))


def _heavy_prefix(norm: str) -> np.ndarray | None:
    """Cumulative count of code points that weigh two (None when all weigh one)."""
    if norm.isascii():
        return None
    points = np.frombuffer(norm.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    heavy = (np.searchsorted(_LIGHT_BOUNDS, points, side="right") % 2 == 0).astype(np.int64)
    prefix = np.zeros(len(points) + 1, dtype=np.int64)
    np.cumsum(heavy, out=prefix[1:])
    return prefix


def _weighted(norm: str, urls: list[dict], em_starts: np.ndarray, em_ends: np.ndarray) -> int:
    """Weighted length of normalised text from its links and emoji (the parse_tweet loop).

    parse_tweet walks the text: a link or an emoji starting where it stands counts
    as one unit (a link wins over an emoji starting at the same place) and is
    skipped over; any other code point weighs 1 or 2. Here the code points are
    weighed at once, each unit replaces the weight of its code points, and only
    units that overlap another are walked in order to see which are skipped.
    """
    link_weight = _TT["transformed_url_length"]
    emoji_weight = _TT["default_weight"] // _TT["scale"]
    url_starts = np.fromiter((u["indices"][0] for u in urls), dtype=np.int64, count=len(urls))
    url_ends = url_starts + np.fromiter(
        (len(u["url"]) for u in urls), dtype=np.int64, count=len(urls)
    )
    # links win over an emoji starting at the same place, as in parse_tweet
    keep = ~np.isin(em_starts, url_starts) if len(urls) else np.ones(len(em_starts), dtype=bool)
    starts = np.concatenate((em_starts[keep], url_starts))
    ends = np.concatenate((em_ends[keep], url_ends))
    weights = np.concatenate(
        (
            np.full(int(keep.sum()), emoji_weight, dtype=np.int64),
            np.full(len(urls), link_weight, dtype=np.int64),
        )
    )
    order = np.argsort(starts, kind="stable")
    starts, ends, weights = starts[order], ends[order], weights[order]
    counted = np.ones(len(starts), dtype=bool)
    if len(starts) > 1:
        reach = np.maximum.accumulate(ends)
        overlaps = np.zeros(len(starts), dtype=bool)
        overlaps[1:] = starts[1:] < reach[:-1]  # starts inside an earlier unit
        overlaps[:-1] |= ends[:-1] > starts[1:]  # a later unit starts inside it
        pos = 0
        for i in np.flatnonzero(overlaps).tolist():
            if starts[i] < pos:
                counted[i] = False  # inside a link or emoji already counted
            else:
                pos = int(ends[i])
    starts, ends, weights = starts[counted], ends[counted], weights[counted]
    prefix = _heavy_prefix(norm)
    total = len(norm) + int((weights - (ends - starts)).sum())
    if prefix is not None:
        total += int(prefix[-1]) - int((prefix[ends] - prefix[starts]).sum())
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
