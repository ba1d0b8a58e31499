"""Length as each platform counts it; X's count must equal twitter-text's parse_tweet."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from twitter_text import extract_emojis_with_indices, parse_tweet

from postlab.drafting import count_length
from postlab.drafting.length import emoji_spans, weighted_length
from postlab.errors import PostLabValueError

NAMED = [
    "",
    "hello",
    "日本語",  # CJK weighs 2
    "नमस्ते दुनिया",  # Devanagari weighs 1
    "ਪੰਜਾਬ ਸਰਕਾਰ",
    "தமிழ் நாடு",
    "বাংলা ভাষা",
    "👨‍👩‍👧‍👦 family",  # one ZWJ sequence counts 2
    "🇮🇳 flag",
    "1️⃣ keycap",
    "Visit https://navapur.example.in/a/very/long/path/that/is/long?x=1",
    "navapur.example.in/apply and t.co/abcde",
    "e\u0301 combining (NFC first)",
    "line\r\nbreak\rold mac",
    "— dash ’quote′ prime",
    "https://👨‍👩‍👧",
]


@pytest.mark.parametrize("text", NAMED)
def test_weighted_length_equals_parse_tweet(text):
    assert weighted_length(text) == parse_tweet(text).weightedLength


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a" * 280, 280),
        ("日" * 140, 280),
        ("न" * 280, 280),
        ("👍" * 10, 20),
        ("https://x.com/" + "a" * 99, 23),
    ],
)
def test_x_counts_known_values(text, expected):
    assert count_length(text, "x") == expected


_ALPHABET = st.sampled_from(
    [
        *"ab .#@/:-\n\r1",
        *["https://", "www.", ".com", ".in", "👨‍👩‍👧", "👋🏽", "🇮🇳", "1️⃣", "#️⃣", "©", "\u200d"],
        *["\ufe0f", "न", "स्", "ਪੰ", "த", "😷", "日", "\u0301", "\u2014", "t.co/ab", "\U0001f3f4"],
    ]
)


@settings(max_examples=300)
@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_weighted_length_matches_twitter_text_on_generated_text(text):
    assert weighted_length(text) == parse_tweet(text).weightedLength
    assert emoji_spans(text) == [tuple(e["indices"]) for e in extract_emojis_with_indices(text)]


@given(st.text(max_size=100).filter(lambda t: not any(0xD800 <= ord(c) <= 0xDFFF for c in t)))
def test_weighted_length_matches_on_any_text(text):
    assert weighted_length(text) == parse_tweet(text).weightedLength


def test_lone_surrogate_is_counted_not_crashed():
    # parse_tweet itself raises UnicodeEncodeError here; a lone surrogate weighs 2
    assert weighted_length("a\ud800b") == 4


def test_other_platforms_count_code_points_after_nfc():
    assert count_length("e\u0301👨‍👩‍👧", "instagram") == 1 + 5
    assert count_length("नमस्ते", "facebook") == 6


def test_unknown_count_method_is_a_clear_error():
    from dataclasses import replace

    from postlab.platforms import get_platform

    odd = replace(get_platform("x"), count_method="bytes")
    with pytest.raises(PostLabValueError, match="count_method='bytes'"):
        count_length("hi", odd)


# Links and emoji next to and inside each other, long emoji runs, CJK and Indic text:
# the vectorised count must settle overlaps exactly as parse_tweet's walk does.
_MIXED = st.sampled_from(
    [
        *" ./:?=#@-\n",
        *["https://", "http://", "x.com", "navapur.gov.example", "t.co/ab", ".in", "www."],
        *["😀", "😀" * 40, "👍🏽", "👨‍👩‍👧", "🇮🇳", "1️⃣", "©", "\u200d", "\ufe0f", "\U0001f3fb"],
        *["日本", "नमस्ते", "é", "e\u0301", "\u2014", "\u2032", "\r\n", "a" * 30],
    ]
)


@settings(max_examples=300)
@given(st.lists(_MIXED, max_size=30).map("".join))
def test_weighted_length_matches_twitter_text_when_links_and_emoji_meet(text):
    assert weighted_length(text) == parse_tweet(text).weightedLength
    assert emoji_spans(text) == [tuple(e["indices"]) for e in extract_emojis_with_indices(text)]


@pytest.mark.parametrize(
    "text",
    [
        "😀" * 100,  # one long run of single emoji
        "😀" * 50 + "👍🏽" + "😀" * 50 + "🇮🇳🇮🇳" + "1️⃣" * 3,
        "https://x.com/😀 😀https://x.com " * 20,
        "日本語 " * 500 + "https://navapur.gov.example/a " * 50,
    ],
)
def test_weighted_length_matches_twitter_text_on_long_text(text):
    assert weighted_length(text) == parse_tweet(text).weightedLength
