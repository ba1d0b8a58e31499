"""The offline syllable counter against hand-checked words, and Flesch reading ease."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from postlab.drafting import count_syllables, reading_ease
from postlab.drafting.readability import sentences

# Hand-checked against dictionary syllable breaks (Merriam-Webster).
HAND_CHECKED = {
    "camp": 1,
    "free": 1,
    "card": 1,
    "bring": 1,
    "walked": 1,
    "makes": 1,
    "whole": 1,
    "those": 1,
    "vaccine": 2,
    "table": 2,
    "simple": 2,
    "wanted": 2,
    "people": 2,
    "open": 2,
    "buses": 2,
    "region": 2,
    "nation": 2,
    "special": 2,
    "water": 2,
    "doctor": 2,
    "children": 2,
    "today": 2,
    "hospital": 3,
    "documents": 3,
    "citizens": 3,
    "created": 3,
    "beautiful": 3,
    "India": 3,
    "radio": 3,
    "video": 3,
    "important": 3,
    "family": 3,
    "government": 3,
    "district": 2,
    "registration": 4,
    "information": 4,
    "eligible": 4,
    "everything": 4,
    "available": 4,
    "vaccination": 4,
    "immediately": 5,
    "application": 4,
    "community": 4,
    "education": 4,
}


@pytest.mark.parametrize(("word", "expected"), sorted(HAND_CHECKED.items()))
def test_syllables_of_hand_checked_words(word, expected):
    assert count_syllables(word) == expected


def test_counter_is_right_on_at_least_95_percent_of_the_list():
    right = sum(count_syllables(w) == n for w, n in HAND_CHECKED.items())
    assert right / len(HAND_CHECKED) >= 0.95


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=20))
def test_any_word_has_at_least_one_syllable_and_not_more_than_letters(word):
    assert 1 <= count_syllables(word) <= len(word)


def test_plain_text_scores_higher_than_dense_text():
    plain = "The camp is open today. Bring your card. It is free."
    dense = (
        "Beneficiaries necessitating immunisation are hereby informed that administrative "
        "authorisation documentation is obligatory for registration."
    )
    assert reading_ease(plain) > 80 > 20 > reading_ease(dense)


def test_no_words_gives_none():
    assert reading_ease("123 !!! 😀") is None


def test_sentences_split_on_hindi_danda_too():
    text = "पहला वाक्य। दूसरा वाक्य। Third one."
    assert [text[s:e] for s, e in sentences(text)] == ["पहला वाक्य।", "दूसरा वाक्य।", "Third one."]
