"""Calls to action: instruction verbs, Hindi requests and vague link phrases (issue 3)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from postlab.drafting import analyze
from postlab.drafting.calls import (
    VaguePhrase,
    _spellings,
    _words,
    asks_for_action,
    lowered,
    unexplained_vague_phrase,
)
from postlab.drafting.rules import lexicon

LINK = "https://example.com/navapur/camps"


# Problem 3: plain verbs such as "Find" count where they begin an instruction.
@pytest.mark.parametrize(
    "verb", ["Find", "See", "Read", "Check", "Download", "Watch", "Share", "Register", "Apply"]
)
def test_issue3_plain_verbs_beginning_an_instruction_are_calls_to_action(verb):
    text = f"{verb} your nearest camp at {LINK}"
    assert asks_for_action(text)
    assert not analyze(text).has("no_call_to_action")


@pytest.mark.parametrize(
    "text",
    [
        "Free eye camps all week. Find your nearest camp at " + LINK,
        "Free eye camps all week.\nfind your nearest camp: " + LINK,
        "Eye camps: see the list at " + LINK,
        "Fever for two days? Please see a doctor.",
        "If you have a fever, see a doctor.",
        "✅ Find your camp " + LINK,
        "- Keep your card with you\n- Wear a mask",
        "Camps open today (find yours at " + LINK + ")",
    ],
)
def test_issue3_instruction_positions(text):
    assert asks_for_action(text)


@pytest.mark.parametrize(
    "text",
    [
        "We find that most camps are full by noon.",
        "Doctors will see patients from 9 am.",
        "The camps are open: " + LINK.replace("camps", "find-a-camp"),
        "Details at https://example.com/navapur/apply",
        "Eye camps on 12 May at the district hospital.",
    ],
)
def test_issue3_the_same_verbs_elsewhere_ask_for_nothing(text):
    assert not asks_for_action(text)
    assert analyze(text).has("no_call_to_action")


@pytest.mark.parametrize(
    "text",
    [
        "अपना नज़दीकी शिविर खोजें: " + LINK,
        "शिविरों की सूची देखें: " + LINK,
        "पूरी जानकारी पढ़ें: " + LINK,
        "पात्रता जांचें: " + LINK,
        "ऐप डाउनलोड करें: " + LINK,
        "यह संदेश साझा करें।",
        "आज ही रजिस्टर करें: " + LINK,
        "आज ही आवेदन करें: " + LINK,
        "Apna camp dekhiye: " + LINK,
    ],
)
def test_issue3_hindi_and_hinglish_requests_count(text):
    assert asks_for_action(text)


def test_issue3_precomposed_nukta_letters_match_too():
    # some keyboards type ढ़ as one code point (U+095D); NFC writes it as ढ + nukta
    typed = "पूरी जानकारी प\u095dें"
    assert unicodedata.normalize("NFC", typed) != typed
    assert asks_for_action(typed)
    assert _spellings("पढ़ें") == ["पढ़ें", "प\u095dें"]


# Problem 4: "(link in bio)" is fine when the caption says what the link is for.
@pytest.mark.parametrize(
    "text",
    [
        "Book your slot: link in bio",
        "Book your slot (link in bio)",
        "Register for the eye camp today. Link in bio.",
        "Link in bio. Book your slot now!",
        "Free eye camp on 12 May.\nBook your slot - link in bio",
        "Link in bio to book your slot",
        "Link in bio: forms and dates",
    ],
)
def test_issue3_link_in_bio_explained_nearby_is_not_vague(text):
    assert unexplained_vague_phrase(text) is None
    assert not analyze(text, "instagram").has("vague_call_to_action")


@pytest.mark.parametrize(
    "text",
    [
        "Camp today, link in bio",
        "Camp today (link in bio)",
        "Free eye camp on 12 May. Link in bio.",
        # the call to action is two sentences away: not nearby
        "Book your slot. Camps run all week. The hospital is in Navapur. Link in bio.",
        # "see" in "see link" is the vague phrase itself, not a call that explains it
        "Camp today, see link",
        # "click here" stands in for the link text: it needs what follows, not what precedes
        "Book your slot, click here",
    ],
)
def test_issue3_link_in_bio_with_nothing_nearby_is_still_vague(text):
    found = unexplained_vague_phrase(text)
    assert found is not None
    assert text[found.start : found.end] == found.phrase
    assert analyze(text, "instagram").has("vague_call_to_action")


def test_vague_phrase_span_is_the_drafts_own():
    text = "İİ Camp today. LINK IN BIO"
    found = unexplained_vague_phrase(text)
    assert found == VaguePhrase("LINK IN BIO", 15, 26)
    (f,) = [f for f in analyze(text, "instagram").findings if f.code == "vague_call_to_action"]
    assert f.span == (15, 26) and "'LINK IN BIO'" in f.message


def test_lowered_keeps_length():
    assert lowered("İstanbul CAMP") == "İstanbul camp"
    assert len(lowered("İİİ")) == 3


def test_lexicon_lists_are_consistent():
    vague = lexicon()["vague_call_to_action"]
    assert set(vague["explained_nearby"]) <= set(vague["phrases"])
    words = _words()
    assert sum(near for _, near in words.vague) >= len(vague["explained_nearby"])
    assert "please" in words.lead_ins
    calls = lexicon()["call_to_action"]
    for lang in ("en", "hi", "hinglish"):
        assert len(calls[lang]) == len(set(calls[lang])), lang


@given(st.text(max_size=300))
def test_any_text_gives_an_answer_with_a_span_inside_it(text):
    found = unexplained_vague_phrase(text)
    assert isinstance(asks_for_action(text), bool)
    if found is not None:
        assert 0 <= found.start < found.end <= len(text)
        assert text[found.start : found.end] == found.phrase


@given(
    st.sampled_from(["Book your slot", "Register today", "Find your camp", "Apply now"]),
    st.sampled_from([": ", " - ", " (", ". ", "\n"]),
    st.sampled_from(["link in bio", "Link in the bio", "link below", "link in comments"]),
)
def test_a_call_before_a_where_phrase_always_explains_it(call, joint, where):
    assert unexplained_vague_phrase(f"{call}{joint}{where}") is None
    assert unexplained_vague_phrase(f"Camp today{joint}{where}") is not None
