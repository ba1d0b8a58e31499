"""Flesch reading ease for English, offline: a tested syllable counter, no downloads.

``textstat``'s English path fetches a dictionary at run time, which fails in a
workshop room without internet. This counter is the classic vowel-group rule
with corrections (silent final *e*, *-le*, *-ed*, *-es*) and an exceptions list
in data/drafting_lexicon.yaml; tests check it against hand-counted words.
"""

from __future__ import annotations

import re
from functools import lru_cache

from postlab.drafting.rules import lexicon

__all__ = ["count_syllables", "reading_ease", "sentences", "words"]

_VOWEL_GROUPS = re.compile(r"[aeiouy]+")
_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
_SENTENCE_END = re.compile(r"(?<=[.!?।॥])[\"')\]]*\s+|\n\s*\n|\n(?=\s*[-•*\d])")


@lru_cache(maxsize=20_000)
def count_syllables(word: str) -> int:
    """Syllables in an English word (at least 1 for any word with a letter).

    Example
    -------
    >>> [count_syllables(w) for w in ["camp", "vaccine", "table", "registration"]]
    [1, 2, 2, 4]
    """
    w = word.lower().replace("’", "'")
    w = re.sub(r"[^a-z']", "", w)
    if not w:
        return 0
    exceptions = lexicon()["syllable_exceptions"]["words"]
    if w in exceptions:
        return int(exceptions[w])
    w = w.replace("'", "")
    if w.endswith("'s"):
        w = w[:-2]
    n = len(_VOWEL_GROUPS.findall(w))
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")) and n > 1:
        n -= 1  # silent final e: make, stone
    elif w.endswith("le") and len(w) > 2 and w[-3] in "aeiouy" and n > 1:
        n -= 1  # whole, mile
    if w.endswith("ed") and n > 1 and not w.endswith(("ted", "ded")):
        n -= 1  # walked, called (but wanted, needed keep it)
    elif (
        w.endswith("es")
        and n > 1
        and not w.endswith(("ses", "zes", "ces", "ges", "xes", "shes", "ches"))
    ):
        n -= 1  # makes, lines
    if w.endswith("ely") and len(w) > 4 and w[-4] not in "aeiouy":
        n -= 1  # silent e before -ly: lately, completely, immediately
    # vowel pairs that are two syllables: ia (India), io (radio), eo (video), ua (usual);
    # not after t/s/c/g/x, where they are one (nation, vision, special, region)
    n += len(re.findall(r"[^aeioutscgx](?:ia|io|eo|ua|uo)", w))
    if w.startswith(("ia", "io")):
        n += 1
    return max(n, 1)


def words(text: str) -> list[str]:
    """English words of ``text`` (letters and apostrophes; numbers and symbols left out)."""
    return _WORD.findall(text)


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans of sentences: split after . ! ? । ॥ and a space, at blank lines and list items."""
    spans = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if text[start : m.start()].strip():
            spans.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def reading_ease(text: str) -> float | None:
    """Flesch reading ease of English ``text``, or None if it has no words.

    ``206.835 - 1.015 * words/sentences - 84.6 * syllables/words`` (Flesch 1948).
    About 60-70 is plain English; below 50 is hard.

    Example
    -------
    >>> round(reading_ease("The camp is open. Bring your card."), 1)
    106.6
    """
    ws = words(text)
    if not ws:
        return None
    n_sentences = max(1, sum(1 for s, e in sentences(text) if words(text[s:e])))
    syllables = sum(count_syllables(w) for w in ws)
    return 206.835 - 1.015 * len(ws) / n_sentences - 84.6 * syllables / len(ws)
