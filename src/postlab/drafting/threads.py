"""Split a long text into a numbered thread, each part within the platform's limit."""

from __future__ import annotations

import re

import regex

from postlab.drafting.extract import extract_entities
from postlab.drafting.length import count_length
from postlab.errors import PostLabTypeError, PostLabValueError
from postlab.platforms import Platform, get_platform

__all__ = ["split_thread"]

_TOKEN = re.compile(r"\S+")
_SENTENCE_END = re.compile(r"[.!?।॥][\"'’”)\]]*$")
_GRAPHEME = regex.compile(r"\X")
_NUMBER_PREFIX = re.compile(r"^\d+/\d+ ")


def _units(text: str, start: int, end: int, locked: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Graphemes of text[start:end], with each link/hashtag/mention kept as one unit."""
    units: list[tuple[int, int]] = []
    pos = start
    for m in _GRAPHEME.finditer(text, start, end):
        if m.start() < pos:
            continue
        for s, e in locked:
            if s <= m.start() < e:
                units.append((m.start(), min(e, end)))
                pos = min(e, end)
                break
        else:
            units.append(m.span())
            pos = m.end()
    return units


def _build(text: str, row: Platform, prefix_for, locked) -> list[tuple[int, int]]:
    """Greedy packing into spans of ``text`` for a given numbering."""
    tokens = [m.span() for m in _TOKEN.finditer(text)]
    sentences: list[list[tuple[int, int]]] = [[]]
    for span in tokens:
        sentences[-1].append(span)
        if _SENTENCE_END.search(text[span[0] : span[1]]):
            sentences.append([])
    sentences = [s for s in sentences if s]
    parts: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None

    def fits(start: int, end: int) -> bool:
        return count_length(prefix_for(len(parts) + 1) + text[start:end], row) <= row.limit

    def close() -> None:
        nonlocal current
        if current is not None:
            parts.append(current)
            current = None

    for sentence in sentences:
        s_start, s_end = sentence[0][0], sentence[-1][1]
        if current is not None and fits(current[0], s_end):
            current = (current[0], s_end)
            continue
        close()
        if fits(s_start, s_end):
            current = (s_start, s_end)
            continue
        for w_start, w_end in sentence:  # sentence too long: go word by word
            if current is not None and fits(current[0], w_end):
                current = (current[0], w_end)
                continue
            close()
            if fits(w_start, w_end):
                current = (w_start, w_end)
                continue
            for u_start, u_end in _units(text, w_start, w_end, locked):  # word too long
                if current is not None and fits(current[0], u_end):
                    current = (current[0], u_end)
                    continue
                close()
                if not fits(u_start, u_end):
                    msg = (
                        f"text holds {text[u_start:u_end]!r:.60}, which alone is longer than "
                        f"{row.name}'s limit of {row.limit}; shorten it to split the thread"
                    )
                    raise PostLabValueError(msg)
                current = (u_start, u_end)
            close()  # a split word ends its part
    close()
    return parts


def split_thread(text: str, platform: str | Platform = "x", *, numbered: bool = True) -> list[str]:
    """Split ``text`` into a thread whose parts each fit ``platform``'s limit.

    Parts break at sentence ends where possible, then between words; a word
    longer than a whole post is cut between graphemes (never inside an emoji
    sequence or an Indic conjunct), and links, hashtags and mentions are never cut.
    Text that already fits comes back as one part, without a number.

    Parameters
    ----------
    text : str
        The long text.
    platform : str or Platform, default "x"
        Whose limit and counting to use.
    numbered : bool, keyword-only, default True
        Start each part with ``"1/4 "``, ``"2/4 "``, ...

    Returns
    -------
    list of str
        The parts in order (empty for blank text).

    Raises
    ------
    PostLabTypeError
        If ``text`` is not a str.
    PostLabValueError
        If one link or hashtag alone is longer than the limit.

    Example
    -------
    >>> parts = split_thread("The camp is open. " * 30, "x")
    >>> len(parts), parts[0][:4]
    (2, '1/2 ')
    """
    if not isinstance(text, str):
        msg = f"text={text!r:.60} ({type(text).__name__}), must be str"
        raise PostLabTypeError(msg)
    if not isinstance(numbered, bool):
        msg = f"numbered={numbered!r}, must be True or False"
        raise PostLabTypeError(msg)
    row = get_platform(platform)
    body = text.strip()
    if not body:
        return []
    if count_length(body, row) <= row.limit:
        return [body]
    locked = [(e.start, e.end) for e in extract_entities(body)]
    guess = max(2, -(-count_length(body, row) // row.limit))
    for _ in range(8):
        width = guess

        def prefix_for(i: int, width: int = width) -> str:
            return f"{i}/{width} " if numbered else ""

        spans = _build(body, row, prefix_for, locked)
        if len(str(len(spans))) <= len(str(width)):
            break
        guess = len(spans)
    n = len(spans)
    return [
        (f"{i}/{n} " if numbered else "") + body[s:e] for i, (s, e) in enumerate(spans, start=1)
    ]


def strip_numbering(part: str) -> str:
    """Remove a leading ``"1/4 "`` from a thread part."""
    return _NUMBER_PREFIX.sub("", part, count=1)
