"""Splitting long text into a thread: every part fits, nothing is lost or cut badly."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from postlab.drafting import count_length, split_thread
from postlab.drafting.threads import strip_numbering
from postlab.errors import PostLabTypeError, PostLabValueError

LONG = (
    "The State of Navapur opens free vaccine camps this week. Camps run from 9 am to 5 pm. "
    "Bring your health card and one photo ID. Children under five need a parent with them. "
    "Call the helpline 1800-000-0000 for the camp nearest to you. "
    "Details are at https://navapur.example.in/vaccine-camps-2026/list-of-all-camps-by-district "
    "#NavapurHealth #VaccineCamp. Please share this with your neighbours and family. "
) * 2


def test_short_text_is_one_unnumbered_part():
    assert split_thread("Camp today.") == ["Camp today."]


def test_long_text_is_numbered_and_fits():
    parts = split_thread(LONG, "x")
    n = len(parts)
    assert n >= 3
    for i, part in enumerate(parts, start=1):
        assert part.startswith(f"{i}/{n} ")
        assert count_length(part, "x") <= 280
    assert " ".join(strip_numbering(p) for p in parts).split() == LONG.split()


def test_link_and_hashtags_are_never_cut():
    parts = split_thread(LONG, "x")
    link = "https://navapur.example.in/vaccine-camps-2026/list-of-all-camps-by-district"
    assert sum(p.count(link) for p in parts) == 2
    assert sum(p.count("#NavapurHealth") for p in parts) == 2


def test_parts_end_at_sentences_when_they_can():
    parts = split_thread(LONG, "x", numbered=False)
    assert all(p.rstrip().endswith((".", "!", "?")) for p in parts[:-1])


def test_unnumbered_parts_have_no_prefix():
    assert not any(p[:1].isdigit() for p in split_thread(LONG, "threads", numbered=False))


def test_giant_word_is_split_between_graphemes():
    word = "👨‍👩‍👧" * 200 + "क्षत्रिय" * 50
    parts = split_thread(word, "x")
    body = "".join(strip_numbering(p) for p in parts)
    assert body == word
    for p in parts:
        assert count_length(p, "x") <= 280
        assert regex.findall(r"\X", strip_numbering(p))  # starts on a grapheme boundary
    graphemes = set(regex.findall(r"\X", word))
    for p in parts:
        assert set(regex.findall(r"\X", strip_numbering(p))) <= graphemes


def test_link_longer_than_limit_is_a_clear_error():
    with pytest.raises(PostLabValueError, match="limit of 100"):
        split_thread("see https://navapur.example.in/" + "a" * 150 + " now", "youtube_title")


def test_bad_input():
    with pytest.raises(PostLabTypeError, match="text="):
        split_thread(None)  # type: ignore[arg-type]
    assert split_thread("   ") == []


_WORD = st.text(alphabet="abcनमस्तेਪੰਜதமிழ்😀👍🏽#@.", min_size=1, max_size=12).filter(str.strip)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(_WORD, min_size=1, max_size=150), st.sampled_from(["x", "threads", "youtube_title"])
)
def test_joining_parts_gives_back_the_words_and_each_part_fits(words, platform):
    text = " ".join(w for w in words)
    parts = split_thread(text, platform)
    for p in parts:
        assert (
            count_length(p, platform) <= {"x": 280, "threads": 500, "youtube_title": 100}[platform]
        )
    if len(parts) > 1:
        assert " ".join(strip_numbering(p) for p in parts).split() == text.split()
    else:
        assert parts == [text.strip()]
