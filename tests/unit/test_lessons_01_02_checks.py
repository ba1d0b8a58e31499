"""Checks of exercises 01 and 02: right answers pass, wrong ones get a hint, nothing ever raises."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from postlab.drafting import analyze
from postlab.exercises import Exercise
from postlab.exercises.checks import Outcome
from postlab.exercises.lessons import one_message_many_platforms as l02
from postlab.exercises.lessons import write_for_everyone as l01
from postlab.exercises.questions import questions_of

FAULTY = l01.FAULTY_DRAFTS

# Right answers (the same as in the solution notebooks).
FIXED_1 = (
    "Heatwave in Navapur from 12 May to 16 May. Drink water often, even if you are not thirsty. "
    "Stay out of the sun from 12 noon to 4 pm. Feeling dizzy? Call 1800-000-4477. "
    "Cooling centres: https://example.com/navapur/heatwave"
)
FIXED_2 = (
    "Heatwave warning for Navapur from 12 May to 16 May. Drink water often, stay in the shade and "
    "check on older neighbours. Feeling unwell? Call 1800-000-4477. "
    "Advice: https://example.com/navapur/heatwave #HeatwaveWarning"
)
FIXED_3 = {
    "post": (
        "Cooling centres are open in every district from 12 May to 16 May. Find your nearest one "
        "at https://example.com/navapur/heatwave or call 1800-000-4477."
    ),
    "alt_text": (
        "Map of Navapur with the cooling centres marked as blue dots, one in every district town."
    ),
}
THREAD = (
    "Good news for students: the last date to apply for the Navapur Merit Scholarship is now "
    "15 March 2026. Apply at https://example.com/navapur/scholarship. The scholarship gives "
    "₹12,000 a year to students in government colleges whose family income is below "
    "₹2,50,000 a year. You need your marks card and a bank account in your own name. "
    "Questions? Call the free helpline 1800-000-1234, Monday to Saturday."
)
CAPTION = {
    "caption": (
        "More time to apply! The last date for the Navapur Merit Scholarship is now 15 March 2026. "
        "Students in government colleges get ₹12,000 a year. Apply online: type "
        "example.com/navapur/scholarship in your browser. Questions? Call 1800-000-1234. "
        "#NavapurScholarship"
    ),
    "alt_text": (
        "Poster with a student holding a certificate. Text: Navapur Merit Scholarship, last date "
        "15 March 2026, ₹12,000 a year, helpline 1800-000-1234."
    ),
}
FACEBOOK = (
    "Students, you have more time to apply for the Navapur Merit Scholarship. The new last date is "
    "15 March 2026. The scholarship gives ₹12,000 a year to students in government colleges. Apply "
    "online at https://example.com/navapur/scholarship with your marks card and bank details. Need "
    "help? Call the free helpline 1800-000-1234, Monday to Saturday."
)
HINDI = (
    "विद्यार्थियों, नवापुर मेधा छात्रवृत्ति के लिए आवेदन की नई अंतिम तिथि 15 मार्च 2026 है। सरकारी "
    "कॉलेजों के विद्यार्थियों को हर साल ₹12,000 मिलते हैं। अपनी अंकसूची और बैंक विवरण के साथ "
    "https://example.com/navapur/scholarship पर ऑनलाइन आवेदन करें। मदद चाहिए? सोमवार से शनिवार तक "
    "निःशुल्क हेल्पलाइन 1800-000-1234 पर कॉल करें।"
)
_DEVANAGARI_DIGITS = str.maketrans("0123456789", "०१२३४५६७८९")


def run(lesson: str, qid: str, answer: Any) -> Outcome:
    """Call a question's check; the question's own hint fills in, as the trainee sees it."""
    q = questions_of(lesson)[qid]
    outcome = q.judge(answer)
    return Outcome(outcome.ok, outcome.message, outcome.hint or q.hint)


def assert_not_yet(outcome: Outcome, *words: str) -> None:
    assert not outcome.ok, outcome
    assert outcome.hint, f"a 'not yet' should say how to get there: {outcome}"
    for word in words:
        assert word.lower() in outcome.message.lower(), (word, outcome.message)


# ---------------------------------------------------------------- registration


def test_each_lesson_registers_its_questions_in_order() -> None:
    assert list(questions_of(l01.LESSON)) == [
        "link-length",
        "fix-too-long",
        "fix-accessibility",
        "fix-image-post",
    ]
    assert list(questions_of(l02.LESSON)) == [
        "x-thread",
        "instagram-caption",
        "facebook-post",
        "hindi-version",
    ]
    for lesson in (l01.LESSON, l02.LESSON):
        for q in questions_of(lesson).values():
            assert q.asks and q.hint, q.id


@pytest.mark.parametrize(
    ("lesson", "qid", "answer"),
    [
        (l01.LESSON, "link-length", ...),
        (l01.LESSON, "fix-too-long", ...),
        (l01.LESSON, "fix-accessibility", "   "),
        (l01.LESSON, "fix-image-post", {"post": ..., "alt_text": ...}),
        (l01.LESSON, "fix-image-post", {"post": FIXED_3["post"], "alt_text": ...}),
        (l02.LESSON, "x-thread", ...),
        (l02.LESSON, "instagram-caption", {"caption": ..., "alt_text": ...}),
        (l02.LESSON, "facebook-post", ...),
        (l02.LESSON, "hindi-version", {"english": FACEBOOK, "hindi": ...}),
    ],
)
def test_placeholders_are_unanswered_and_never_raise(
    lesson: str, qid: str, answer: Any, tmp_path: Path
) -> None:
    result = Exercise(lesson, folder=tmp_path).check(qid, answer)
    assert result.status.value == "unanswered"


# ---------------------------------------------------------------- lesson 01


def test_the_faulty_drafts_really_have_their_faults() -> None:
    assert analyze(FAULTY["too-long"], "x").has("over_limit")
    assert analyze(FAULTY["too-long"], "x").has("long_sentence")
    acc = analyze(FAULTY["accessibility"], "x")
    assert acc.has("all_caps") and acc.has("hashtag_not_camelcase") and acc.has("emoji_bullets")
    img = analyze(FAULTY["image-post"], "x", has_image=True)
    assert img.has("missing_alt_text") and img.has("vague_call_to_action")


def test_link_length() -> None:
    assert run(l01.LESSON, "link-length", 23).ok
    assert run(l01.LESSON, "link-length", " 23 ").ok
    assert_not_yet(run(l01.LESSON, "link-length", 280), "280")
    assert_not_yet(run(l01.LESSON, "link-length", "twenty-three"), "whole number")
    assert not run(l01.LESSON, "link-length", True).ok


def test_fix_too_long() -> None:
    assert run(l01.LESSON, "fix-too-long", FIXED_1).ok
    assert_not_yet(run(l01.LESSON, "fix-too-long", FAULTY["too-long"]), "must fix", "280")
    one_long_sentence = (
        "Heatwave from 12 May to 16 May so please drink water often and stay out of the sun in the "
        "afternoon and check on your older neighbours and call 1800-000-4477 if you feel dizzy. "
        "Advice: https://example.com/navapur/heatwave"
    )
    assert_not_yet(run(l01.LESSON, "fix-too-long", one_long_sentence), "words")
    no_helpline = FIXED_1.replace(" Call 1800-000-4477.", "")
    assert_not_yet(run(l01.LESSON, "fix-too-long", no_helpline), "heat helpline", "1800-000-4477")
    assert_not_yet(run(l01.LESSON, "fix-too-long", 42), "int")


def test_fix_accessibility() -> None:
    assert run(l01.LESSON, "fix-accessibility", FIXED_2).ok
    assert_not_yet(run(l01.LESSON, "fix-accessibility", FAULTY["accessibility"]))
    lower_tag = FIXED_2.replace("#HeatwaveWarning", "#heatwavewarning")
    assert_not_yet(run(l01.LESSON, "fix-accessibility", lower_tag), "#heatwavewarning")
    shouting = FIXED_2.replace("Heatwave warning", "HEATWAVE warning")
    assert_not_yet(run(l01.LESSON, "fix-accessibility", shouting), "HEATWAVE")
    no_link = FIXED_2.replace("https://example.com/navapur/heatwave", "our website")
    assert_not_yet(run(l01.LESSON, "fix-accessibility", no_link), "advice and cooling centres")


def test_fix_image_post() -> None:
    assert run(l01.LESSON, "fix-image-post", FIXED_3).ok
    no_alt = {**FIXED_3, "alt_text": "map"}
    assert_not_yet(run(l01.LESSON, "fix-image-post", no_alt), "too short")
    prefixed = {**FIXED_3, "alt_text": "Image of a map of Navapur with the cooling centres marked."}
    assert_not_yet(run(l01.LESSON, "fix-image-post", prefixed), "image of")
    click_here = {**FIXED_3, "post": FAULTY["image-post"]}
    assert_not_yet(run(l01.LESSON, "fix-image-post", click_here), "click here")
    assert_not_yet(run(l01.LESSON, "fix-image-post", FIXED_3["post"]), "alt text")
    assert_not_yet(run(l01.LESSON, "fix-image-post", {"post": FIXED_3["post"]}), "alt text")
    assert_not_yet(run(l01.LESSON, "fix-image-post", {**FIXED_3, "alt_text": 7}), "int")


# ---------------------------------------------------------------- lesson 02


def test_x_thread_accepts_one_text_or_a_list_of_posts() -> None:
    from postlab.drafting import split_thread

    assert run(l02.LESSON, "x-thread", THREAD).ok
    assert run(l02.LESSON, "x-thread", split_thread(THREAD, "x")).ok
    assert run(l02.LESSON, "x-thread", tuple(split_thread(THREAD, "x"))).ok


def test_x_thread_wrong_answers() -> None:
    assert_not_yet(run(l02.LESSON, "x-thread", FACEBOOK[:200]), "1 post")
    assert_not_yet(run(l02.LESSON, "x-thread", ["a"] * 7), "7 post")
    no_cta_first = [
        "The Navapur Merit Scholarship deadline is now 15 March 2026. It gives ₹12,000 a year.",
        "Apply at https://example.com/navapur/scholarship or call 1800-000-1234.",
    ]
    assert_not_yet(run(l02.LESSON, "x-thread", no_cta_first), "post 1")
    too_long = [THREAD, "Apply now."]
    assert_not_yet(run(l02.LESSON, "x-thread", too_long), "post 1", "280")
    no_amount = THREAD.replace("₹12,000", "money")
    assert_not_yet(run(l02.LESSON, "x-thread", no_amount), "amount per year")
    assert_not_yet(run(l02.LESSON, "x-thread", 5), "list of posts")
    assert_not_yet(run(l02.LESSON, "x-thread", [1, 2]), "list of posts")


def test_x_thread_with_an_unsplittable_hashtag_is_not_yet() -> None:
    outcome = run(l02.LESSON, "x-thread", "Apply now. #" + "a" * 300)
    assert_not_yet(outcome)


def test_instagram_caption() -> None:
    assert run(l02.LESSON, "instagram-caption", CAPTION).ok
    tags = " ".join(f"#Tag{n}" for n in "ABCDEF")
    too_many = {**CAPTION, "caption": CAPTION["caption"] + " " + tags}
    assert_not_yet(run(l02.LESSON, "instagram-caption", too_many), "hashtags")
    prefixed = {**CAPTION, "alt_text": "Image of a poster about the scholarship deadline."}
    assert_not_yet(run(l02.LESSON, "instagram-caption", prefixed), "image of")
    short_alt = {**CAPTION, "alt_text": "poster"}
    assert_not_yet(run(l02.LESSON, "instagram-caption", short_alt), "too short")
    no_date = {**CAPTION, "caption": CAPTION["caption"].replace("15 March 2026", "soon")}
    assert_not_yet(run(l02.LESSON, "instagram-caption", no_date), "new last date")
    assert_not_yet(run(l02.LESSON, "instagram-caption", CAPTION["caption"]), "alt text")


def test_facebook_post() -> None:
    assert run(l02.LESSON, "facebook-post", FACEBOOK).ok
    no_cta = (
        "The Navapur Merit Scholarship deadline is now 15 March 2026. It gives ₹12,000 a year. "
        "Details are on https://example.com/navapur/scholarship and the helpline is 1800-000-1234."
    )
    assert_not_yet(run(l02.LESSON, "facebook-post", no_cta), "does not ask")
    long_sentence = FACEBOOK.replace(
        "The new last date is 15 March 2026.",
        "The new last date, which was decided after many requests from students and colleges "
        "across the state who said that they needed more time to collect their papers, is "
        "15 March 2026.",
    )
    assert_not_yet(run(l02.LESSON, "facebook-post", long_sentence), "words")
    assert_not_yet(run(l02.LESSON, "facebook-post", FACEBOOK.replace("1234", "1243")), "helpline")


def test_hindi_version() -> None:
    answer = {"english": FACEBOOK, "hindi": HINDI}
    assert run(l02.LESSON, "hindi-version", answer).ok
    devanagari = HINDI.replace("https://example.com/navapur/scholarship", "LINK")
    devanagari = devanagari.translate(_DEVANAGARI_DIGITS)
    devanagari = devanagari.replace("LINK", "https://example.com/navapur/scholarship")
    assert run(l02.LESSON, "hindi-version", {"english": FACEBOOK, "hindi": devanagari}).ok


def test_hindi_version_wrong_answers() -> None:
    wrong_date = HINDI.replace("15 मार्च", "16 मार्च")
    outcome = run(l02.LESSON, "hindi-version", {"english": FACEBOOK, "hindi": wrong_date})
    assert_not_yet(outcome, "new last date")
    extra_number = HINDI.replace("सोमवार से", "सुबह 9 बजे से, सोमवार से")
    outcome = run(l02.LESSON, "hindi-version", {"english": FACEBOOK, "hindi": extra_number})
    assert_not_yet(outcome, "numbers differ", "9")
    english = run(l02.LESSON, "hindi-version", {"english": FACEBOOK, "hindi": FACEBOOK})
    assert_not_yet(english, "devanagari")
    assert_not_yet(run(l02.LESSON, "hindi-version", HINDI), "english post")
    assert_not_yet(run(l02.LESSON, "hindi-version", {"english": None, "hindi": HINDI}), "NoneType")


# ---------------------------------------------------------------- never raises

_TEXT_QUESTIONS = [
    (l01.LESSON, "fix-too-long"),
    (l01.LESSON, "fix-accessibility"),
    (l02.LESSON, "x-thread"),
    (l02.LESSON, "facebook-post"),
]


@settings(max_examples=40, deadline=None)
@given(text=st.text(max_size=400), which=st.sampled_from(_TEXT_QUESTIONS))
def test_text_answers_never_raise(text: str, which: tuple[str, str]) -> None:
    outcome = run(*which, text)
    assert isinstance(outcome, Outcome)
    assert outcome.ok or outcome.message


@settings(max_examples=40, deadline=None)
@given(a=st.text(max_size=200), b=st.text(max_size=200))
def test_pair_answers_never_raise(a: str, b: str) -> None:
    for lesson, qid, keys in (
        (l01.LESSON, "fix-image-post", ("post", "alt_text")),
        (l02.LESSON, "instagram-caption", ("caption", "alt_text")),
        (l02.LESSON, "hindi-version", ("english", "hindi")),
    ):
        outcome = run(lesson, qid, dict(zip(keys, (a, b), strict=True)))
        assert isinstance(outcome, Outcome)


@pytest.mark.parametrize(
    "odd", [None, 3.5, b"bytes", ["x"], {"a": 1}, pytest.param(object(), id="object")]
)
def test_odd_answers_are_not_yet_through_the_exercise(odd: Any, tmp_path: Path) -> None:
    for lesson in (l01.LESSON, l02.LESSON):
        ex = Exercise(lesson, folder=tmp_path)
        for qid in questions_of(lesson):
            result = ex.check(qid, odd)
            assert result.status.value in ("not_yet", "unanswered"), (qid, result)
