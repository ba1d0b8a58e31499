"""Script and language detection, including Hinglish."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from postlab.drafting import detect_language
from postlab.drafting.language import prose_text


@pytest.mark.parametrize(
    ("text", "script", "language"),
    [
        ("The vaccine camp opens at 9 am.", "Latin", "en"),
        ("टीकाकरण शिविर आज सुबह ९ बजे से", "Devanagari", "hi"),
        ("ਟੀਕਾਕਰਨ ਕੈਂਪ ਅੱਜ", "Gurmukhi", "pa"),
        ("தடுப்பூசி முகாம் இன்று", "Tamil", "ta"),
        ("টিকাকরণ শিবির আজ", "Bengali", "bn"),
        ("Aaj vaccine camp hai, sabhi log zaroor aayein", "Latin", "hinglish"),
        ("Vaccine camp today, सभी लोग ज़रूर आएं", "Mixed", "hinglish"),
        ("", "None", "und"),
        ("12345 !!!", "None", "und"),
    ],
)
def test_detects_script_and_language(text, script, language):
    guess = detect_language(text)
    assert (guess.script, guess.language) == (script, language)


def test_english_with_one_hindi_loanword_stays_english():
    assert detect_language("Visit the Navapur health camp with your family, ji.").language == "en"


@given(st.text(max_size=200))
def test_shares_sum_to_one_or_are_empty(text):
    shares = detect_language(text).shares
    assert shares == {} or abs(sum(shares.values()) - 1) < 1e-9


# Issue 3, problem 1: a link's, hashtag's or mention's letters are Latin whatever the post's
# language, so they must not make a Hindi post look like Hinglish.
HINDI_WITH_ENTITIES = (
    "निःशुल्क नेत्र शिविर १२ मई को सुबह ९ बजे। अपना स्लॉट बुक करें: "
    "https://example.com/navapur/eye-camp-registration #NavapurHealth @NavapurDPI 👁️ 2026"
)


def test_issue3_hindi_post_with_link_hashtag_mention_emoji_and_numbers_is_hindi():
    guess = detect_language(HINDI_WITH_ENTITIES)
    assert (guess.script, guess.language, guess.shares) == ("Devanagari", "hi", {"Devanagari": 1.0})


def test_issue3_links_do_not_count_as_english_words_for_hinglish():
    # two Hindi markers among four prose words is Hinglish; the link's words must not dilute them
    text = "Camp aaj hai sabhi https://example.com/navapur/vaccination/camp/registration/form/today"
    assert detect_language(text).language == "hinglish"


def test_issue3_mixed_prose_is_still_mixed():
    guess = detect_language("Vaccine camp today, सभी लोग ज़रूर आएं https://example.com/navapur")
    assert (guess.script, guess.language) == ("Mixed", "hinglish")


@pytest.mark.parametrize(
    ("text", "prose_words", "language"),
    [
        ("#HealthForAll", ["HealthForAll"], "en"),
        ("#स्वास्थ्य @NavapurDPI", ["स्वास्थ्य", "NavapurDPI"], "hinglish"),
        ("https://example.com/navapur/camp", [], "und"),
        ("शिविर https://example.com/x #Camp", ["शिविर"], "hi"),
    ],
)
def test_issue3_prose_falls_back_to_tag_names_only_when_nothing_else_has_letters(
    text, prose_words, language
):
    assert prose_text(text).split() == prose_words
    assert detect_language(text).language == language


@given(
    st.text(alphabet="टीकाशिवरआज १२ ", min_size=1, max_size=40).filter(
        lambda s: any(c.isalpha() for c in s)
    ),
    st.sampled_from(
        [
            "https://example.com/navapur/camp",
            "#NavapurHealth",
            "@NavapurDPI",
            "navapur.example.in/x",
        ]
    ),
)
def test_issue3_adding_a_link_tag_or_mention_never_changes_a_hindi_guess(hindi, entity):
    before = detect_language(hindi)
    after = detect_language(f"{hindi} {entity}")
    assert (after.script, after.language) == (before.script, before.language)
