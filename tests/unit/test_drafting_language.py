"""Script and language detection, including Hinglish."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from postlab.drafting import detect_language


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
