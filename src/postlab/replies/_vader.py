"""VADER's sentiment, the same scores in linear time.

``vaderSentiment`` 3.3.2 lower-cases the whole text once per sentiment word in its
negation and idiom checks, and finds each score's position with ``list.index`` in
its "but" check, so a long reply takes quadratic time (69 KB: 14 s). This subclass
keeps every rule and every result, including the "but" check's habit of changing
the first equal score, and does each step in (near) linear time.
"""

from __future__ import annotations

import heapq

from vaderSentiment.vaderSentiment import (
    BOOSTER_DICT,
    N_SCALAR,
    SPECIAL_CASES,
    SentimentIntensityAnalyzer,
    SentiText,
    negated,
)

__all__ = ["LinearVader"]


def _lower(words: list[str], j: int) -> str:
    return str(words[j]).lower()


class LinearVader(SentimentIntensityAnalyzer):
    """A :class:`SentimentIntensityAnalyzer` whose ``polarity_scores`` runs in linear time."""

    def polarity_scores(self, text: str) -> dict[str, float]:
        """VADER's scores of ``text`` (``neg``, ``neu``, ``pos``, ``compound``)."""
        parts: list[str] = []
        prev_space = True
        for ch in text:  # emojis become their descriptions, as VADER does
            if ch in self.emojis:
                if not prev_space:
                    parts.append(" ")
                parts.append(self.emojis[ch])
                prev_space = False
            else:
                parts.append(ch)
                prev_space = ch == " "
        text = "".join(parts).strip()
        sentitext = SentiText(text)
        sentiments: list[float] = []
        words = sentitext.words_and_emoticons
        for i, item in enumerate(words):
            if item.lower() in BOOSTER_DICT:
                sentiments.append(0)
                continue
            if i < len(words) - 1 and item.lower() == "kind" and words[i + 1].lower() == "of":
                sentiments.append(0)
                continue
            sentiments = self.sentiment_valence(0, sentitext, item, i, sentiments)
        sentiments = self._but_check(words, sentiments)
        return self.score_valence(sentiments, text)

    @staticmethod
    def _negation_check(valence: float, words: list[str], start_i: int, i: int) -> float:
        """VADER's negation check, reading only the words it looks at."""
        if start_i == 0 and negated([_lower(words, i - 1)]):
            valence = valence * N_SCALAR
        if start_i == 1:
            two, one = _lower(words, i - 2), _lower(words, i - 1)
            if two == "never" and one in ("so", "this"):
                valence = valence * 1.25
            elif two == "without" and one == "doubt":
                pass
            elif negated([two]):
                valence = valence * N_SCALAR
        if start_i == 2:
            three, two, one = _lower(words, i - 3), _lower(words, i - 2), _lower(words, i - 1)
            if (three == "never" and two in ("so", "this")) or one in ("so", "this"):
                valence = valence * 1.25
            elif three == "without" and "doubt" in (two, one):
                pass
            elif negated([three]):
                valence = valence * N_SCALAR
        return valence

    @staticmethod
    def _special_idioms_check(valence: float, words: list[str], i: int) -> float:
        """VADER's idiom check, reading only the words around ``i``."""
        w3, w2, w1, w0 = (_lower(words, j) for j in (i - 3, i - 2, i - 1, i))
        onezero, twoone, threetwo = f"{w1} {w0}", f"{w2} {w1}", f"{w3} {w2}"
        twoonezero, threetwoone = f"{w2} {w1} {w0}", f"{w3} {w2} {w1}"
        for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
            if seq in SPECIAL_CASES:
                valence = SPECIAL_CASES[seq]
                break
        if len(words) - 1 > i:
            zeroone = f"{w0} {_lower(words, i + 1)}"
            if zeroone in SPECIAL_CASES:
                valence = SPECIAL_CASES[zeroone]
        if len(words) - 1 > i + 1:
            zeroonetwo = f"{w0} {_lower(words, i + 1)} {_lower(words, i + 2)}"
            if zeroonetwo in SPECIAL_CASES:
                valence = SPECIAL_CASES[zeroonetwo]
        for n_gram in (threetwoone, threetwo, twoone):
            if n_gram in BOOSTER_DICT:
                valence = valence + BOOSTER_DICT[n_gram]
        return valence

    @staticmethod
    def _but_check(words: list[str], sentiments: list[float]) -> list[float]:
        """VADER's "but" rule: halve scores before the first "but", add half after it.

        VADER changes, for each position in turn, the *first* score equal to the one
        there (``list.index``); a heap of positions per score value does the same.
        """
        lowered = [str(w).lower() for w in words]
        if "but" not in lowered:
            return sentiments
        bi = lowered.index("but")
        where: dict[float, list[int]] = {}
        for k, value in enumerate(sentiments):
            where.setdefault(value, []).append(k)  # ascending: already heaps
        for k in range(len(sentiments)):
            value = sentiments[k]
            si = where[value][0]  # the first position holding an equal score
            if si == bi:
                continue
            new = value * 0.5 if si < bi else value * 1.5
            if new == value:
                continue
            heapq.heappop(where[value])
            sentiments[si] = new
            heapq.heappush(where.setdefault(new, []), si)
        return sentiments
