"""Checks of lessons 07 and 08: right answers pass, wrong ones get a hint, nothing raises."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from postlab.exercises import Exercise, Status
from postlab.exercises.catalogue import get_lesson
from postlab.exercises.checks import Outcome
from postlab.exercises.lessons import replies_and_moderation as k07
from postlab.exercises.lessons import rumours_crisis_and_ethics as k08
from postlab.exercises.questions import questions_of
from postlab.replies import TRIAGE_OPTIONS, load_comments, load_scenario, triage_options

ROOT = Path(__file__).resolve().parents[2]
QUEUE = {c.id: c for c in load_comments()}

# Replies written for these tests (not the data file's sample replies), English and Hindi.
GOOD_REPLIES = {
    "c03": "We are sorry your children were unwell. Please boil water for one minute before "
    "drinking, and send us a direct message so the ward engineer can follow up.",
    "c04": "Chlorine tablets from health workers are safe. The message about poison and cancer "
    "is false. Boil water or use the tablets; updates at https://example.com/navapur/water",
    "c08": "You are right, the repair is late and we are sorry. Work starts on 10 June. "
    "Updates: https://example.com/navapur/roads",
    "c09": "We are sorry for the delay. We have hidden your comment to protect you. Please send "
    "us a direct message or call 1800-000-0000.",
    "c10": "Thank you for telling us; we are sorry. We have alerted the District Education "
    "Officer. Please call 1800-000-0000 so we can follow up today.",
    "c13": "असुविधा के लिए खेद है। कृपया हमें डीएम करें या 1800-000-0000 पर कॉल करें।",
}
NO_REPLY_KEYS = {"c06": "hide_report", "c14": "monitor"}
QUESTION_OF = {cid: f"comment-{n}" for n, cid in enumerate(k07.EXERCISE_COMMENTS, start=1)}

HOLDING = (
    "We know that tap water in Ward 12 is brown since this morning, and the lab is testing it. "
    "We do not yet know the cause. Please boil water for one minute before drinking. "
    "Next update at 1 pm."
)
SANDWICH = (
    "Chlorine tablets are safe and make water safe to drink. The message that they cause "
    "cancer is false. The water is being tested; results are due by 1 pm. Boil water or use "
    "the tablets; updates at https://example.com/navapur/water"
)
#: The old model answer: calls the poison claim false at 09:30, before the lab results (13:00).
TOO_EARLY = (
    "Chlorine tablets are safe and make water safe to drink. The message about poison and "
    "cancer is false. Boil water or use the tablets; updates at https://example.com/navapur/water"
)

ODD_ANSWERS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=300),
    st.lists(st.text(max_size=80), max_size=4),
    st.tuples(st.one_of(st.text(max_size=20), st.integers()), st.text(max_size=300)),
    st.dictionaries(st.text(max_size=5), st.text(max_size=20), max_size=3),
)


def _check(lesson: str, qid: str, answer: object) -> Outcome:
    return questions_of(lesson)[qid].judge(answer)


# -- registration ---------------------------------------------------------------------------


def test_both_lessons_are_ready_and_register_their_questions() -> None:
    for module in (k07, k08):
        lesson = get_lesson(module.LESSON)
        assert lesson.ready
    assert list(questions_of(k07.LESSON)) == [f"comment-{n}" for n in range(1, 9)]
    assert list(questions_of(k08.LESSON)) == [
        "holding-statement",
        "correction",
        *(item.id for item in k08.QUIZ),
    ]


def test_the_eight_comments_cover_every_triage_choice_and_both_languages() -> None:
    assert len(k07.EXERCISE_COMMENTS) == 8
    assert {QUEUE[cid].triage for cid in k07.EXERCISE_COMMENTS} == set(TRIAGE_OPTIONS)
    assert {QUEUE[cid].language for cid in k07.EXERCISE_COMMENTS} == {"en", "hi"}


# -- lesson 07 ------------------------------------------------------------------------------


@pytest.mark.parametrize("cid", list(GOOD_REPLIES))
def test_key_triage_and_a_good_reply_pass(cid: str) -> None:
    outcome = _check(k07.LESSON, QUESTION_OF[cid], [QUEUE[cid].triage, GOOD_REPLIES[cid]])
    assert outcome.ok, outcome.message
    assert outcome.message.startswith("Yes:")


@pytest.mark.parametrize("cid", list(NO_REPLY_KEYS))
def test_no_reply_triage_passes_with_no_reply(cid: str) -> None:
    outcome = k07.check_comment((NO_REPLY_KEYS[cid], "no reply"), comment_id=cid)
    assert outcome.ok and "No reply is needed" in outcome.message


def test_the_data_files_sample_replies_pass_their_own_checks() -> None:
    for cid in k07.EXERCISE_COMMENTS:
        comment = QUEUE[cid]
        outcome = k07.check_comment(
            [comment.triage, comment.sample_reply or "no reply"], comment_id=cid
        )
        assert outcome.ok, (cid, outcome.message)


def test_an_acceptable_alternative_passes_and_says_what_is_better() -> None:
    outcome = k07.check_comment(["escalate", GOOD_REPLIES["c03"]], comment_id="c03")
    assert outcome.ok and outcome.message.startswith("Acceptable, but better")


@pytest.mark.parametrize(("cid", "choice"), [("c14", "answer"), ("c04", "monitor"), ("c06", 1)])
def test_a_wrong_triage_is_not_yet_with_the_reason_as_hint_but_not_the_key(
    cid: str, choice: object
) -> None:
    outcome = k07.check_comment([choice, "no reply"], comment_id=cid)
    assert not outcome.ok
    assert QUEUE[cid].why in outcome.hint
    assert triage_options()[QUEUE[cid].triage].lower() not in outcome.message.lower()


def test_asking_for_aadhaar_in_public_is_not_yet_and_says_why() -> None:
    reply = "We are sorry. Please share your Aadhaar number and phone number here."
    outcome = k07.check_comment(["answer_private", reply], comment_id="c09")
    assert not outcome.ok
    assert "personal data" in outcome.message and outcome.hint


def test_a_hindi_request_for_aadhaar_is_not_yet() -> None:
    reply = "खेद है। कृपया अपना आधार नंबर यहां भेजें।"
    outcome = k07.check_comment(["answer_private", reply], comment_id="c13")
    assert not outcome.ok and "personal data" in outcome.message


@pytest.mark.parametrize(
    ("cid", "reply", "word"),
    [
        ("c08", "Obviously you did not read it. Updates at https://example.com/r", "sarcas"),
        ("c03", "Please boil water. Send us a direct message.", "upset"),
        ("c04", "Poison was not added and there is no cancer risk.", "myth"),
        ("c08", "<b>Sorry</b>, work starts on 10 June. See https://example.com/r", "HTML"),
    ],
)
def test_replies_that_fail_a_reply_check_are_not_yet(cid: str, reply: str, word: str) -> None:
    outcome = k07.check_comment([QUEUE[cid].triage, reply], comment_id=cid)
    assert not outcome.ok
    assert word in outcome.message and outcome.hint


def test_a_triage_that_needs_a_reply_with_no_reply_is_not_yet() -> None:
    outcome = k07.check_comment(["escalate", "no reply"], comment_id="c10")
    assert not outcome.ok and "no" in outcome.hint.lower()


def test_a_50000_character_reply_is_a_plain_not_yet() -> None:
    reply = ("Sorry. " * 7_200)[:50_000]
    outcome = k07.check_comment(["answer", reply], comment_id="c08")
    assert not outcome.ok and "too many" in outcome.message


@pytest.mark.parametrize(
    ("value", "key"),
    [
        ("answer_private", "answer_private"),
        (" Answer-Private ", "answer_private"),
        ("hide report", "hide_report"),
        (2, "answer_private"),
        ("6", "escalate"),
        (0, None),
        (7, None),
        (True, None),
        ("answer publicly", None),
        (2.0, None),
    ],
)
def test_parse_triage(value: object, key: str | None) -> None:
    assert k07.parse_triage(value) == key


@pytest.mark.parametrize("answer", ["answer", ["answer"], ["answer", "x", "y"], ["answer", 3]])
def test_a_wrongly_shaped_answer_gets_the_shape_as_hint(answer: object) -> None:
    outcome = k07.check_comment(answer, comment_id="c08")
    assert not outcome.ok and "triage_1" in outcome.hint


# -- lesson 08 ------------------------------------------------------------------------------


def test_a_holding_statement_with_four_parts_passes() -> None:
    outcome = _check(k08.LESSON, "holding-statement", HOLDING)
    assert outcome.ok, outcome.message


@pytest.mark.parametrize(
    ("text", "missing"),
    [
        ("Please boil your water.", "what is known"),
        ("We know the water is brown. Please boil it. Next update at 1 pm.", "not known yet"),
        ("We know the water is brown. We do not know why yet. Please boil it.", "next update"),
        ("We know the water is brown. We do not know why. Next update at 1 pm.", "should do"),
    ],
)
def test_a_holding_statement_missing_a_part_names_it(text: str, missing: str) -> None:
    outcome = k08.check_holding(text)
    assert not outcome.ok and missing in outcome.message and outcome.hint


def test_a_holding_statement_of_emoji_only_is_not_yet() -> None:
    outcome = k08.check_holding("🚰🚰🚰")
    assert not outcome.ok and "emoji" in outcome.message


def test_a_truth_sandwich_against_the_scenario_myth_passes() -> None:
    assert load_scenario("boil_water").myth == ("poison", "cancer")
    outcome = _check(k08.LESSON, "correction", SANDWICH)
    assert outcome.ok, outcome.message


def test_a_correction_that_calls_the_untested_claim_false_is_not_yet() -> None:
    outcome = _check(k08.LESSON, "correction", TOO_EARLY)
    assert not outcome.ok and "calls false what nobody knows yet" in outcome.message
    outcome = _check(
        k08.LESSON,
        "correction",
        SANDWICH.replace(" The water is being tested; results are due by 1 pm.", ""),
    )
    assert not outcome.ok and "still being checked" in outcome.message


@pytest.mark.parametrize(
    "text",
    [
        "Tap water in Ward 12 is brown this morning. The reports of poison are false. "
        "Please boil water. Next update at 1 pm.",
        "We know tap water in Ward 12 is brown; the lab is testing it. We do not yet know the "
        "cause, but the water is safe to drink. Please stay calm. Next update at 1 pm.",
    ],
)
def test_a_holding_statement_that_gives_an_all_clear_too_early_is_not_yet(text: str) -> None:
    outcome = _check(k08.LESSON, "holding-statement", text)
    assert not outcome.ok and "says more than anyone knows yet" in outcome.message


def test_hiding_the_aadhaar_comment_needs_a_private_reply_too() -> None:
    hidden_only = k07.check_comment(["hide_report", "no reply"], comment_id="c09")
    assert not hidden_only.ok and "also reply" in hidden_only.message
    reply = "We are sorry for the delay. Please send us a direct message or call 1800-000-0000."
    not_hidden = k07.check_comment(["answer_private", reply], comment_id="c09")
    assert not not_hidden.ok and "hide it too" in not_hidden.message
    both = k07.check_comment(["hide_report", GOOD_REPLIES["c09"]], comment_id="c09")
    assert both.ok, both.message


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("Poison is not in the water. Tablets are safe; see https://example.com/w", "first"),
        ("Tablets are safe. Some say there is poison. See https://example.com/w", "false"),
        ("Chlorine tablets are safe. The poison story is false.", "last"),
        ("Chlorine tablets are safe. Boil water. See https://example.com/w", "never names"),
        ("Tablets are safe to use. The poison story is false. Tablets are safe to use.", "next"),
    ],
)
def test_a_correction_that_is_not_a_sandwich_is_not_yet(text: str, says: str) -> None:
    outcome = k08.check_correction(text)
    assert not outcome.ok
    assert says in outcome.message


@pytest.mark.parametrize("item", k08.QUIZ, ids=[item.id for item in k08.QUIZ])
def test_quiz_right_answer_passes_in_every_form(item: k08.QuizItem) -> None:
    letter = item.letter(item.right)
    for answer in (letter, letter.lower(), f"({letter})", f"{letter}.", item.right + 1):
        outcome = _check(k08.LESSON, item.id, answer)
        assert outcome.ok, answer
        assert item.choices[item.right].why in outcome.message and item.source in outcome.message


@pytest.mark.parametrize("item", k08.QUIZ, ids=[item.id for item in k08.QUIZ])
def test_quiz_each_wrong_answer_explains_itself(item: k08.QuizItem) -> None:
    explanations = set()
    for index, choice in enumerate(item.choices):
        if index == item.right:
            continue
        outcome = k08.check_quiz(item, item.letter(index))
        assert not outcome.ok and choice.why in outcome.message and outcome.hint
        explanations.add(outcome.message)
    assert len(explanations) == len(item.choices) - 1


@pytest.mark.parametrize("answer", ["E", "AB", 0, 5, True, 2.0, "maybe", None])
def test_quiz_answers_that_are_not_options_list_the_letters(answer: object) -> None:
    outcome = k08.check_quiz(k08.QUIZ[0], answer)
    assert not outcome.ok and "A, B, C, D" in outcome.hint


def test_quiz_right_answers_are_spread_and_marked_right() -> None:
    assert len({item.right for item in k08.QUIZ}) >= 3  # not always the same letter
    for item in k08.QUIZ:
        assert item.choices[item.right].why.startswith("Right")
        wrong = [c for i, c in enumerate(item.choices) if i != item.right]
        assert not any(c.why.startswith("Right") for c in wrong)


def test_the_exercise_shows_every_quiz_option_it_checks() -> None:
    nb = nbformat.read(ROOT / "exercises" / f"{k08.LESSON}.ipynb", as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    for item in k08.QUIZ:
        assert item.asks in text
        for index, choice in enumerate(item.choices):
            assert f"**{item.letter(index)}.** {choice.text}" in text


# -- never raising ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lesson", "qid"),
    [(k07.LESSON, q) for q in questions_of(k07.LESSON)]
    + [(k08.LESSON, q) for q in questions_of(k08.LESSON)],
)
def test_dots_are_unanswered_and_never_raise(lesson: str, qid: str, tmp_path: Path) -> None:
    ex = Exercise(lesson, folder=tmp_path)
    for answer in (..., [..., ...], ["answer", ...], "", "   "):
        assert ex.check(qid, answer).status is Status.UNANSWERED


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answer=ODD_ANSWERS, number=st.integers(1, 8))
def test_odd_answers_to_07_never_raise(answer: object, number: int) -> None:
    outcome = _check(k07.LESSON, f"comment-{number}", answer)
    assert isinstance(outcome, Outcome) and (outcome.ok or outcome.message)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answer=ODD_ANSWERS, which=st.integers(0, 6))
def test_odd_answers_to_08_never_raise(answer: object, which: int) -> None:
    qid = list(questions_of(k08.LESSON))[which]
    outcome = _check(k08.LESSON, qid, answer)
    assert isinstance(outcome, Outcome) and (outcome.ok or outcome.message)
