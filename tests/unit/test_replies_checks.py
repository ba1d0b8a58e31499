"""Reply checks on named good and bad replies, in English and Hindi."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from postlab.errors import PostLabTypeError
from postlab.replies import check_holding_statement, check_reply, load_comments, sentiment

Q = {c.id: c for c in load_comments()}

GOOD_EN_CORRECTION = (
    "Chlorine tablets from health workers are safe. The message about poison and cancer "
    "is false. Check updates at https://example.com/navapur/water"
)
GOOD_HI_CORRECTION = Q["c12"].sample_reply

# (name, comment id, reply, code that must fire)
BAD = [
    (
        "sarcasm_en",
        "c01",
        "Obviously it applies to both. Apply at https://example.com/a",
        "sarcasm",
    ),
    ("sarcasm_hi", "c11", "ज़ाहिर है पेंशन 5 जुलाई तक आएगी। 1800-000-0000 पर कॉल करें।", "sarcasm"),
    ("blame_en", "c03", "It is your fault for not boiling water. Call 1800-000-0000.", "blame"),
    ("blame_hi", "c13", "आपकी गलती है। कृपया हमें डीएम करें।", "blame"),
    ("argument_en", "c08", "You are lying. Updates: https://example.com/navapur/roads", "argument"),
    ("argument_hi", "c12", "यह बकवास है। देखें https://example.com/navapur/water", "argument"),
    ("harsh_en", "c01", "This is terrible, awful, disgusting and hateful.", "harsh_tone"),
    ("no_empathy_en", "c03", "Boil water. Send us a direct message.", "no_empathy"),
    ("no_empathy_hi", "c13", "कृपया हमें डीएम करें।", "no_empathy"),
    ("no_next_step_en", "c01", "Yes, both scholarships.", "no_next_step"),
    ("no_next_step_hi", "c11", "जून की पेंशन 5 जुलाई तक आएगी।", "no_next_step"),
    ("no_private_en", "c02", "Sorry for the wait, it is being processed.", "no_private_channel"),
    ("no_private_hi", "c13", "असुविधा के लिए खेद है, मामला प्रक्रिया में है।", "no_private_channel"),
    (
        "asks_data_en",
        "c09",
        "Sorry! Please share your Aadhaar number here so we can check.",
        "asks_personal_data",
    ),
    (
        "asks_phone_en",
        "c02",
        "Sorry. Post your mobile number and we will call you.",
        "asks_personal_data",
    ),
    ("asks_data_hi", "c13", "खेद है। कृपया अपना आधार नंबर यहां कमेंट करें।", "asks_personal_data"),
    (
        "reveals_data_en",
        "c09",
        "Sorry. Your Aadhaar 2345 6789 0123 is linked. Call 1800-000-0000.",
        "reveals_personal_data",
    ),
    (
        "myth_first_en",
        "c04",
        "Chlorine tablets cause cancer? No, that is false. They are safe.",
        "myth_first",
    ),
    ("myth_first_hi", "c12", "हैजा फैलने की बात झूठी है। पानी उबालकर पिएं।", "myth_first"),
    (
        "myth_unflagged_en",
        "c04",
        "Tablets are safe. Some say there is poison in the tanks. See https://example.com/w",
        "myth_not_flagged",
    ),
    (
        "myth_unflagged_hi",
        "c12",
        "पानी सुरक्षित है। सरकार हैजा छुपा रही है। देखें https://example.com/navapur/water",
        "myth_not_flagged",
    ),
    (
        "myth_last_en",
        "c04",
        "Chlorine tablets are safe. Check https://example.com/w. The poison story is false.",
        "myth_last",
    ),
    (
        "jargon_en",
        "c01",
        "Kindly be informed that the extension applies. Apply at https://example.com/a",
        "jargon",
    ),
    ("jargon_hi", "c11", "उपरोक्त विषय में सूचनार्थ। 1800-000-0000 पर कॉल करें।", "jargon"),
    (
        "over_limit",
        "c01",
        "Yes, it applies. " * 30 + "Apply at https://example.com/a",
        "over_limit",
    ),
    ("markup", "c01", "<b>Yes</b>, both. Apply at https://example.com/a", "reply_markup"),
    ("emoji_only", "c01", "🙏🙏🙏", "reply_no_words"),
    ("empty", "c01", "   ", "reply_empty"),
]


@pytest.mark.parametrize(("name", "cid", "reply", "code"), BAD, ids=[b[0] for b in BAD])
def test_bad_reply_is_caught(name, cid, reply, code):
    report = check_reply(reply, comment=Q[cid])
    assert report.has(code), (name, report.codes)
    assert report.score < 100


@pytest.mark.parametrize("cid", [c.id for c in Q.values() if c.sample_reply])
def test_sample_replies_in_the_key_pass_every_check(cid):
    report = check_reply(Q[cid].sample_reply, comment=Q[cid])
    assert report.codes == [] and report.passes and report.score == 100


@pytest.mark.parametrize("reply", [GOOD_EN_CORRECTION, GOOD_HI_CORRECTION], ids=["en", "hi"])
def test_truth_sandwich_passes(reply):
    cid = "c04" if reply is GOOD_EN_CORRECTION else "c12"
    assert check_reply(reply, comment=Q[cid]).codes == []


def test_myth_can_be_given_without_a_comment():
    assert check_reply("Poison was added? False. Tablets are safe.", myth=["poison"]).has(
        "myth_first"
    )
    assert not check_reply("Poison was added? False. Tablets are safe.").has("myth_first")


def test_warning_not_to_share_data_is_not_a_request():
    report = check_reply("Please do not share your Aadhaar number here. Call 1800-000-0000.")
    assert not report.has("asks_personal_data")
    report = check_reply("Send your phone number by direct message and we will call you.")
    assert not report.has("asks_personal_data")


def test_official_helpline_and_email_are_not_personal_data():
    report = check_reply("Call 1800-000-0000 or write to help@navapur.gov.example today.")
    assert not report.has("reveals_personal_data")


def test_english_gets_sentiment_and_hindi_does_not():
    assert check_reply("Thank you, glad it helped! Share it: https://example.com/a").sentiment > 0
    assert check_reply(Q["c11"].sample_reply).sentiment is None


def test_vader_misses_sarcasm_so_the_lexicon_catches_it():
    text = "Great job, genius. Read https://example.com/a"
    assert sentiment(text) > 0  # VADER reads it as warm
    assert check_reply(text).has("sarcasm")


def test_errors_come_before_warnings():
    report = check_reply("Obviously. Kindly be informed.", comment=Q["c03"])
    severities = [f.severity for f in report.findings]
    assert severities == sorted(severities, key=["error", "warning", "tip"].index)


def test_fifty_thousand_characters_are_handled():
    report = check_reply("a" * 50_000)
    assert report.has("over_limit") and not report.passes


def test_wrong_types_name_the_parameter():
    with pytest.raises(PostLabTypeError, match="text=None"):
        check_reply(None)
    with pytest.raises(PostLabTypeError, match="comment="):
        check_reply("Hi", comment="c01")
    with pytest.raises(PostLabTypeError, match="myth="):
        check_reply("Hi", myth="poison")


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=400))
def test_any_text_gives_a_report_with_a_score(text):
    report = check_reply(text, comment=Q["c04"])
    assert 0 <= report.score <= 100
    assert report.passes is (not report.errors)


HOLDING_EN = (
    "Tap water in Ward 12 is being tested. We do not yet know the cause. "
    "Please boil water before drinking. Next update at 1 pm."
)
HOLDING_HI = (
    "वार्ड 12 के पानी की जांच की जा रही है। कारण अभी पता नहीं है। "
    "कृपया पानी उबालकर पिएं। अगला अपडेट दोपहर 1 बजे।"
)


@pytest.mark.parametrize("text", [HOLDING_EN, HOLDING_HI], ids=["en", "hi"])
def test_complete_holding_statement_passes(text):
    assert check_holding_statement(text).codes == []


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "We do not yet know the cause. Please boil water. Next update at 1 pm.",
            "holding_missing_known",
        ),
        (
            "Tap water is being tested. Please boil water. Next update at 1 pm.",
            "holding_missing_unknown",
        ),
        (
            "Tap water is being tested. We do not yet know the cause. Next update at 1 pm.",
            "holding_missing_action",
        ),
        (
            "Tap water is being tested. We do not yet know the cause. Please boil water.",
            "holding_missing_update",
        ),
        ("कारण अभी पता नहीं है। कृपया पानी उबालकर पिएं। अगला अपडेट 1 बजे।", "holding_missing_known"),
        (
            "पानी की जांच की जा रही है। कारण अभी पता नहीं है। कृपया पानी उबालकर पिएं।",
            "holding_missing_update",
        ),
    ],
)
def test_holding_statement_parts(text, code):
    assert check_holding_statement(text).has(code)
