"""sentiment() gives VADER's own scores, and long replies no longer take quadratic time."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from postlab.replies._vader import LinearVader
from postlab.replies.checks import sentiment

WORDS = [
    "good",
    "bad",
    "great",
    "horrible",
    "safe",
    "dirty",
    "sorry",
    "thank",
    "you",
    "but",
    "BUT",
    "not",
    "no",
    "never",
    "so",
    "this",
    "without",
    "doubt",
    "kind",
    "of",
    "sort",
    "very",
    "extremely",
    "least",
    "at",
    "the",
    "water",
    "is",
    "isn't",
    "GOOD",
    "!",
    "?",
    "!!",
    ":)",
    "😁",
    "💘",
    "lol",
    "nor",
    "or",
    "yeah",
    "right",
    "cut",
    "me",
    "some",
    "slack",
    "bad",
    "ass",
    "hand",
    "to",
    "mouth",
    "kiss",
    "of",
    "death",
    "the",
    "bomb",
    "fine",
    "okay",
    "uncompelling",
]


@pytest.fixture(scope="module")
def both() -> tuple[SentimentIntensityAnalyzer, LinearVader]:
    return SentimentIntensityAnalyzer(), LinearVader()


@settings(max_examples=150, deadline=None)
@given(words=st.lists(st.sampled_from(WORDS), max_size=40), glue=st.sampled_from([" ", ", ", "  "]))
def test_scores_equal_vaders_own(words: list[str], glue: str) -> None:
    text = glue.join(words)
    assert LinearVader().polarity_scores(text) == SentimentIntensityAnalyzer().polarity_scores(text)


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=200))
def test_scores_equal_vaders_own_on_any_text(text: str) -> None:
    assert LinearVader().polarity_scores(text) == SentimentIntensityAnalyzer().polarity_scores(text)


def test_long_text_scores_equal_vaders_own(both) -> None:
    original, linear = both
    reply = (
        "Thank you for asking, we are so sorry the water was dirty but it is safe now! "
        "Not good? It is not bad at all, kind of great, without doubt the best. "
    )
    text = reply * 60  # about 9 KB: the original still answers in about a second
    assert linear.polarity_scores(text) == original.polarity_scores(text)


def test_a_700_kb_reply_is_scored() -> None:
    warm = "Thank you, we are glad it helped and we are here to help! " * 12_500
    assert len(warm) > 700_000
    assert sentiment(warm) == pytest.approx(1.0, abs=1e-3)
    harsh = "This is a horrible, stupid question, but fine. " * 15_000
    assert -1.0 <= sentiment(harsh) < 0
