"""analyze(): the report's shape, every check, bad input and hostile text."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from postlab.drafting import Finding, Report, analyze
from postlab.drafting.rules import check_rule, lexicon
from postlab.errors import PostLabTypeError, PostLabValueError
from postlab.platforms import platform_names

GOOD = (
    "Free eye camp on 12 May at the district hospital. "
    "Book a slot: navapur.example.in/eye #NavapurHealth"
)


def test_good_post_passes_with_full_report():
    r = analyze(GOOD)
    assert isinstance(r, Report)
    assert (r.platform, r.limit, r.fits, r.passes) == ("x", 280, True, True)
    assert (
        r.hashtags == ["NavapurHealth"]
        and r.urls == ["navapur.example.in/eye"]
        and r.mentions == []
    )
    assert r.errors == [] and r.quality == 1.0 and r.quality_reasons == []
    assert r.language == "en" and r.script == "Latin" and r.reading_ease is not None


def test_to_dict_is_json_ready_and_keeps_the_names():
    d = analyze(GOOD + " CLICK HERE").to_dict()
    json.dumps(d)
    for key in ("length", "limit", "fits", "hashtags", "mentions", "urls", "findings", "quality"):
        assert key in d
    assert set(d["findings"][0]) == {"code", "severity", "message", "advice", "span"}


def test_over_limit_is_an_error_with_counts():
    r = analyze("word " * 80)
    assert not r.fits and not r.passes and r.has("over_limit")
    (f,) = [f for f in r.findings if f.code == "over_limit"]
    assert f.severity == "error" and "400 of 280" in f.message


def test_near_limit_tip():
    assert analyze("a" * 260).has("near_limit")
    assert not analyze("a" * 200).has("near_limit")


@pytest.mark.parametrize(
    ("text", "platform", "code"),
    [
        ("Camp today #a #b #c #d #e #f. Call us.", "instagram", "too_many_hashtags"),
        ("Camp today #a #b #c. Call us.", "x", "many_hashtags"),
        ("Camp today #vaccinationdrive. Call us.", "x", "hashtag_not_camelcase"),
        ("Camp today 😀😀😀😀. Call us.", "x", "too_many_emoji"),
        ("Camp today:\n✅ Free\n✅ Open to all\nCall us.", "x", "emoji_bullets"),
        ("Get your vacc💉ine today. Call us.", "x", "emoji_in_word"),
        ("URGENT: camp today. Call us.", "x", "all_caps"),
        ("Camp today, click here.", "x", "vague_call_to_action"),
        ("Camp today, link in bio", "instagram", "vague_call_to_action"),
        ("The camp is today.", "x", "no_call_to_action"),
        (
            "Call us at https://navapur.example.in/c?utm_source=x&fbclid=9",
            "x",
            "tracking_parameters",
        ),
        ("Call Ramesh on 98765 43210 today.", "x", "personal_data"),
        ("Call Ramesh on +91-98765-43210 today.", "x", "personal_data"),
        ("Aadhaar 2345 6789 0123 lost, call us.", "x", "personal_data"),
        ("Write to ramesh.k@gmail.com today.", "x", "personal_data"),
        ("Call us\u200b today\u202e.", "x", "hidden_characters"),
        ("Visit navapur.example.in/camp today", "instagram", "link_not_clickable"),
    ],
)
def test_each_check_fires(text, platform, code):
    r = analyze(text, platform)
    assert r.has(code), r.codes
    (f, *_) = [f for f in r.findings if f.code == code]
    assert f.severity == check_rule(code).severity and f.message and f.advice
    if f.span is not None:
        assert 0 <= f.span[0] < f.span[1] <= len(text)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Camp today #HealthForAll. Call us.", "hashtag_not_camelcase"),
        ("Camp today 😀. Call us.", "too_many_emoji"),
        ("Click here to book your slot.", "vague_call_to_action"),
        ("COVID vaccines: call ASHA workers.", "all_caps"),
        ("Call the helpline 1800-000-0000 today.", "personal_data"),
        ("Call the emergency line 112 today.", "personal_data"),
        ("Write to help@navapur.gov.example today.", "personal_data"),
        ("Call us at https://navapur.example.in/c?page=2", "tracking_parameters"),
        ("Visit navapur.example.in/camp today", "link_not_clickable"),
    ],
)
def test_checks_do_not_fire_on_good_practice(text, code):
    assert not analyze(text, "x").has(code)


def test_image_without_alt_text_is_an_error():
    assert analyze(GOOD, has_image=True).has("missing_alt_text")
    assert analyze(GOOD, alt_text="").has("missing_alt_text")
    assert analyze(GOOD, alt_text="   ").has("missing_alt_text")
    assert not analyze(GOOD).has("missing_alt_text")  # no image, no alt text needed
    r = analyze(GOOD, alt_text="Doctor checking a child's eyes at the camp")
    assert r.has_image and r.passes


def test_alt_text_starting_image_of():
    r = analyze(GOOD, alt_text="Image of a doctor at the camp")
    assert (r.has("alt_text_prefix") and "Image of" in r.findings[-1].message) or r.has(
        "alt_text_prefix"
    )


def test_long_sentence_has_span_of_that_sentence():
    long = "The camp " + "and the clinic " * 12 + "are open."
    r = analyze(f"Short one. {long} Call us.", "facebook")
    (f,) = [f for f in r.findings if f.code == "long_sentence"]
    assert r.text[f.span[0] : f.span[1]] == long


def test_hard_text_lowers_reading_ease_and_quality():
    dense = (
        "Beneficiaries necessitating immunisation are hereby informed that administrative "
        "authorisation documentation is obligatory for registration at designated institutions."
    )
    r = analyze(dense, "facebook")
    assert r.reading_ease < 30 and r.has("very_hard_to_read")
    assert r.quality < 1 and any("hard to read" in s for s in r.quality_reasons)


def test_hindi_gets_no_reading_score_but_a_tip():
    r = analyze("टीकाकरण शिविर आज है। अधिक जानकारी के लिए कॉल करें।")
    assert r.language == "hi" and r.script == "Devanagari" and r.reading_ease is None
    assert r.has("reading_ease_not_english") and not r.has("no_call_to_action")


def test_hinglish_is_flagged_as_mixed():
    r = analyze("Aaj vaccine camp hai, sabhi log zaroor aayein. Call karein 1800-000-0000")
    assert r.language == "hinglish" and r.has("mixed_language")


def test_language_can_be_given():
    assert analyze("टीकाकरण शिविर", language="mr").language == "mr"


def test_quality_multiplies_factors_from_the_data_file():
    r = analyze(GOOD, has_image=True)
    assert r.quality == pytest.approx(check_rule("missing_alt_text").quality)
    assert r.quality_reasons == [check_rule("missing_alt_text").reason]


def test_findings_are_frozen():
    f = analyze("").findings[0]
    assert isinstance(f, Finding) and f.code == "empty"
    with pytest.raises(AttributeError):
        f.code = "x"  # type: ignore[misc]


def test_every_platform_works():
    for name in platform_names():
        r = analyze(GOOD, name)
        assert r.platform == name and r.length > 0


def test_every_check_code_in_data_has_message_and_known_severity():
    from postlab.drafting.rules import _checks

    rules, thresholds = _checks()
    assert len(rules) >= 20 and thresholds["long_sentence_words"] == 25
    assert all(r.severity in ("error", "warning", "tip") and r.message for r in rules.values())
    assert lexicon()["tracking_parameters"]["prefixes"]


@pytest.mark.parametrize(
    ("bad", "error", "pattern"),
    [
        (None, PostLabTypeError, "text=None .NoneType., must be str"),
        (b"bytes", PostLabTypeError, "decode bytes first"),
        (42, PostLabTypeError, "text=42 .int., must be str"),
    ],
)
def test_bad_text_is_a_clear_error(bad, error, pattern):
    with pytest.raises(error, match=pattern):
        analyze(bad)


def test_unknown_platform_names_the_choices():
    with pytest.raises(PostLabValueError, match=r"platform='myspace'.*choose one of: x"):
        analyze("hi", "myspace")
    with pytest.raises(ValueError):  # catchable as the familiar type
        analyze("hi", "myspace")


def test_bad_keyword_types():
    with pytest.raises(PostLabTypeError, match="alt_text=3"):
        analyze("hi", alt_text=3)  # type: ignore[arg-type]
    with pytest.raises(PostLabTypeError, match="has_image='yes'"):
        analyze("hi", has_image="yes")  # type: ignore[arg-type]
    with pytest.raises(PostLabValueError, match="language=''"):
        analyze("hi", language="")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\x00\x01\x02 camp",
        "a\ud800b\udc00",
        "مرحبا بكم في المخيم",
        "\u202eevil\u202c text",
        "👨\u200d\u200d\u200d👩",
        "e" + "\u0301" * 500,
        "\r\n" * 50,
        "#" * 1000,
        "@" * 1000,
        "http://" * 300,
        "a." * 2000,
    ],
)
def test_hostile_text_gives_a_report(text):
    r = analyze(text)
    assert isinstance(r, Report) and r.length >= 0
    json.dumps(r.to_dict())


def test_a_megabyte_gives_a_report():
    text = GOOD * (1_000_000 // len(GOOD))
    r = analyze(text)
    assert not r.fits and r.has("over_limit") and r.has("checked_in_part")
    assert r.length == len(text) + (23 - len("navapur.example.in/eye")) * text.count(
        "navapur.example.in/eye"
    )
    assert 900 < len(r.hashtags) < 1100  # lists cover the first 100,000 characters


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400), st.sampled_from(platform_names()), st.none() | st.text(max_size=30))
def test_any_text_gives_a_consistent_report(text, platform, alt):
    r = analyze(text, platform, alt_text=alt)
    assert r.fits == (r.length <= r.limit)
    assert r.passes == (not r.errors)
    assert 0.0 <= r.quality <= 1.0
    assert (r.quality == 1.0) == (r.quality_reasons == []) or r.has("empty")
    for f in r.findings:
        assert f.severity in ("error", "warning", "tip")
        if f.span is not None:
            assert 0 <= f.span[0] <= f.span[1] <= len(text)


# Issue 3, problem 1: a Hindi post with a link came out as "hinglish" with a mixed_language tip.
HINDI_WITH_LINK = (
    "निःशुल्क नेत्र शिविर १२ मई को। अपना स्लॉट बुक करें: "
    "https://example.com/navapur/eye-camp-registration #NavapurHealth @NavapurDPI"
)


def test_issue3_hindi_post_with_link_is_hindi_without_mixed_language_tip():
    r = analyze(HINDI_WITH_LINK, "facebook")
    assert (r.language, r.script, r.scripts) == ("hi", "Devanagari", {"Devanagari": 1.0})
    assert not r.has("mixed_language") and r.has("reading_ease_not_english")
    assert r.urls and r.hashtags == ["NavapurHealth"] and r.mentions == ["NavapurDPI"]


def test_issue3_given_language_reads_scripts_from_the_prose_too():
    r = analyze(HINDI_WITH_LINK, "facebook", language="mr")
    assert (r.language, r.script, r.scripts) == ("mr", "Devanagari", {"Devanagari": 1.0})


def test_issue3_english_post_with_hindi_hashtag_stays_english():
    r = analyze("Free eye camp today. Book a slot: navapur.example.in/eye #स्वास्थ्य")
    assert r.language == "en" and not r.has("mixed_language")
