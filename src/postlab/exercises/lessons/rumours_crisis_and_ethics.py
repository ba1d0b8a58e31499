"""Checks for exercise 08 (Rumours, crisis and ethics): a holding statement, a correction, a quiz.

The holding statement and the correction are about the boil-water scenario
(``data/crisis/boil_water.yaml``): the statement must pass
``postlab.replies.check_holding_statement`` with all four parts, the correction
must pass ``postlab.replies.check_reply`` with the scenario's myth as a truth
sandwich. The propriety quiz is multiple choice (a letter or a number); every
option carries its explanation and the quiz its sources, so the feedback says why.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass
from typing import Any

from postlab.exercises.checks import Outcome, not_yet, passed, question

__all__ = [
    "LESSON",
    "QUIZ",
    "Choice",
    "QuizItem",
    "check_correction",
    "check_holding",
    "check_quiz",
    "parse_choice",
]

LESSON = "08-rumours-crisis-and-ethics"

#: The four parts of a holding statement (CDC CERC 2018) and the findings that mean one is missing.
_HOLDING_PARTS = {
    "holding_missing_known": "what is known",
    "holding_missing_unknown": "what is not known yet",
    "holding_missing_action": "what people should do",
    "holding_missing_update": "when the next update comes",
}
_TEXT_SHAPE = "Write the text between the quotes."


@dataclass(frozen=True)
class Choice:
    """One option of a quiz question and why it is right or wrong."""

    text: str
    why: str


@dataclass(frozen=True)
class QuizItem:
    """A multiple-choice question on propriety: options, the right one (0-based), sources."""

    id: str
    asks: str
    choices: tuple[Choice, ...]
    right: int
    source: str

    def letter(self, index: int) -> str:
        """The option's letter: 0 -> "A"."""
        return "ABCDEFGH"[index]


QUIZ: tuple[QuizItem, ...] = (
    QuizItem(
        id="quiz-fake-accounts",
        asks=(
            "A colleague suggests opening five personal-looking accounts to post supportive "
            "replies under the department's heatwave advisory, so it looks popular. What do you do?"
        ),
        choices=(
            Choice(
                "Go ahead, as long as the replies only repeat true facts.",
                "True words do not make fake people honest: accounts that hide who runs them "
                "and act together to look like independent citizens deceive the public.",
            ),
            Choice(
                "Go ahead, if staff run the accounts in their own time.",
                "Who pays or when they post does not matter: staff pretending to be "
                "independent citizens is still coordinated inauthentic behaviour.",
            ),
            Choice(
                "Refuse: it is coordinated inauthentic behaviour; ask partners and real "
                "people to share the advisory instead.",
                "Right: fake or coordinated accounts break every platform's rules, can get "
                "the official account suspended, and destroy trust when found out. Real "
                "partners sharing openly is the honest way to reach more people.",
            ),
            Choice(
                "Go ahead only during a crisis, when reach matters most.",
                "A crisis is when trust matters most: a fake-account story in a crisis "
                "makes people doubt the safety advice itself.",
            ),
        ),
        right=2,
        source=(
            "Meta Transparency Center, 'Inauthentic behavior' policy; X 'Platform manipulation "
            "and spam policy'; MeitY 'Framework and Guidelines for Use of Social Media for "
            "Government Organisations' (2012): be transparent about who speaks"
        ),
    ),
    QuizItem(
        id="quiz-party-politics",
        asks=(
            "The Minister for Water speaks about the new pipeline at a party rally. Should the "
            "Water Department's official account share the rally video?"
        ),
        choices=(
            Choice(
                "No: party events and campaign material do not belong on an official account; "
                "post the pipeline facts in the department's own neutral words.",
                "Right: an official account serves every citizen, whoever they vote for. "
                "Share the facts (dates, areas, helpline), not the rally.",
            ),
            Choice(
                "Yes: it is about the department's work.",
                "The topic does not make a party event neutral: sharing it puts the "
                "department's account behind one party.",
            ),
            Choice(
                "Yes, if the account also tags the party.",
                "Tagging the party makes the account's partisanship more visible, not less.",
            ),
            Choice(
                "Yes, but only on Facebook, where the older audience is.",
                "The platform does not change the rule: no official account carries party "
                "political content.",
            ),
        ),
        right=0,
        source=(
            "Central Civil Services (Conduct) Rules 1964, rule 5, and All India Services "
            "(Conduct) Rules 1968, rule 5: no part in politics; MeitY (2012) guidelines: "
            "official accounts speak for the organisation, not a party"
        ),
    ),
    QuizItem(
        id="quiz-election-period",
        asks=(
            "Elections in Navapur have been announced and the model code of conduct is in "
            "force. Which post may the department still publish?"
        ),
        choices=(
            Choice(
                "A video of the Chief Minister opening last year's new bridge.",
                "Publicity for the government's achievements, with the faces of political "
                "office-holders, is exactly what the code stops during the campaign.",
            ),
            Choice(
                "A heatwave safety advisory with the helpline number.",
                "Right: routine public-safety information goes on; it informs every citizen "
                "and promotes no one.",
            ),
            Choice(
                "A poster listing five years of the government's achievements.",
                "Advertising achievements at public cost during the election period favours "
                "the party in power; the code forbids it.",
            ),
            Choice(
                "An announcement of a new scheme for farmers, starting today.",
                "New schemes and promises are not announced while the code is in force; "
                "they wait until the election is over.",
            ),
        ),
        right=1,
        source=(
            "Election Commission of India, Model Code of Conduct, Part VII (party in power): "
            "no publicity of achievements at public cost, no new schemes or financial grants "
            "announced once the code applies"
        ),
    ),
    QuizItem(
        id="quiz-citizen-data",
        asks=(
            "A citizen sends the account a direct message with a photo of her ration card to "
            "ask about a delay. A colleague wants to post it, with thanks, as an example of "
            "how the department helps. What is right?"
        ),
        choices=(
            Choice(
                "Post it: she sent it to us, so she agreed.",
                "She shared it to solve her case, not to be published: consent is for a "
                "purpose and must be asked for, clearly and separately.",
            ),
            Choice(
                "Post it with her name blurred but the card number visible.",
                "A card number is personal data too; half-hiding it still exposes her.",
            ),
            Choice(
                "Post it as a story that disappears after 24 hours.",
                "A story is public and can be screenshotted; 24 hours is long enough to "
                "expose her.",
            ),
            Choice(
                "Do not post it: use her data only to solve her case, in the private channel; "
                "for a success story, ask her consent first and never show ID documents.",
                "Right: personal data is used only for the purpose it was given for, kept "
                "private, and published only with clear consent.",
            ),
        ),
        right=3,
        source=(
            "Digital Personal Data Protection Act 2023 (India), sections 4-6: lawful purpose "
            "and free, specific, informed consent; Aadhaar (Sharing of Information) "
            "Regulations 2016"
        ),
    ),
    QuizItem(
        id="quiz-accessibility",
        asks="Which makes an infographic post about the eye camp accessible?",
        choices=(
            Choice(
                "All the details inside the image, so the post looks neat.",
                "Text inside an image cannot be read by screen readers or enlarged well, "
                "and search cannot find it.",
            ),
            Choice(
                "Alt text with the key facts, the main message also in the post's text, and "
                "hashtags in CamelCase.",
                "Right: alt text and plain post text reach people who use screen readers; "
                "CamelCase hashtags (#EyeCampNavapur) are read word by word.",
            ),
            Choice(
                "Plenty of emoji, to catch the eye.",
                "Screen readers read every emoji aloud by name; many emoji make the post "
                "slow and confusing to listen to.",
            ),
            Choice(
                "The whole post in capital letters, so it stands out.",
                "All capitals are harder to read and screen readers may spell them out "
                "letter by letter.",
            ),
        ),
        right=1,
        source=(
            "W3C WCAG 2.1, success criterion 1.1.1 (text alternatives); Guidelines for Indian "
            "Government Websites and Apps (GIGW 3.0, 2023); Rights of Persons with "
            "Disabilities Act 2016, section 46"
        ),
    ),
)


def parse_choice(answer: Any, count: int) -> int | None:
    """The 0-based option an answer means: a letter ("b", "B)", "(B)") or a number (2, "2").

    Example
    -------
    >>> parse_choice("c", 4), parse_choice(2, 4), parse_choice("E", 4)
    (2, 1, None)
    """
    if isinstance(answer, numbers.Integral) and not isinstance(answer, bool):
        index = int(answer) - 1
    elif isinstance(answer, str):
        word = answer.strip().strip("().").strip().upper()
        if word.isdigit():
            index = int(word) - 1
        elif len(word) == 1 and word.isalpha():
            index = ord(word) - ord("A")
        else:
            return None
    else:
        return None
    return index if 0 <= index < count else None


def check_quiz(item: QuizItem, answer: Any) -> Outcome:
    """Right option passes with its explanation; a wrong one says why it is wrong.

    Example
    -------
    >>> check_quiz(QUIZ[0], "C").ok, check_quiz(QUIZ[0], 1).ok
    (True, False)
    """
    letters = ", ".join(item.letter(i) for i in range(len(item.choices)))
    index = parse_choice(answer, len(item.choices))
    if index is None:
        return not_yet(
            f"{answer!r} is not one of the options.",
            f'Answer with one letter ({letters}) or its number, for example "B".',
        )
    chosen = item.choices[index]
    if index != item.right:
        return not_yet(
            f"{item.letter(index)} is not the best choice: {chosen.why}",
            "Ask: does it serve every citizen honestly, and would I be comfortable seeing it "
            "in tomorrow's newspaper?",
        )
    return passed(f"{item.letter(index)}. {chosen.why} (Sources: {item.source}.)")


def check_holding(answer: Any) -> Outcome:
    """A holding statement with all four parts and no error.

    Example
    -------
    >>> text = ("Tap water in Ward 12 is being tested. We do not yet know the cause. "
    ...         "Please boil water before drinking. Next update at 1 pm.")
    >>> check_holding(text).ok
    True
    """
    from postlab.replies import check_holding_statement

    if not isinstance(answer, str):
        return not_yet("The statement needs to be text, inside quotes.", _TEXT_SHAPE)
    report = check_holding_statement(answer)
    if report.has("reply_empty") or report.has("reply_no_words"):
        return not_yet(report.errors[0].message, _TEXT_SHAPE)
    missing = [part for code, part in _HOLDING_PARTS.items() if report.has(code)]
    if missing:
        return not_yet(
            f"The statement does not yet say {', '.join(missing)}.",
            "Four parts: what we know, what we do not know yet, what to do, the next update "
            "(a time, such as 'Next update at 1 pm').",
        )
    if not report.passes:
        issues = " ".join(f"{f.message} {f.advice}" for f in report.errors[:3])
        return not_yet(f"All four parts are there, but: {issues}")
    return passed(
        f"All four parts are there (score {report.score} / 100). Keep the promise: post the "
        "update at the time you gave, even if there is no news."
    )


def _scenario_myth() -> tuple[str, ...]:
    from postlab.replies import load_scenario

    return load_scenario("boil_water").myth


def check_correction(answer: Any) -> Outcome:
    """A truth sandwich against the scenario's myth: fact, the myth flagged false, fact.

    Example
    -------
    >>> text = ("Chlorine tablets are safe and make water safe to drink. The message about "
    ...         "poison and cancer is false. Boil water or use the tablets; updates at "
    ...         "https://example.com/navapur/water")
    >>> check_correction(text).ok
    True
    """
    from postlab.replies import check_reply

    if not isinstance(answer, str):
        return not_yet("The correction needs to be text, inside quotes.", _TEXT_SHAPE)
    myth = _scenario_myth()
    report = check_reply(answer, myth=myth)
    if report.has("reply_empty") or report.has("reply_no_words"):
        return not_yet(report.errors[0].message, _TEXT_SHAPE)
    named = any(word in answer.lower() for word in myth)
    sandwich = [f for f in report.findings if f.code.startswith("myth_")]
    if sandwich or not named:
        issues = " ".join(f"{f.message} {f.advice}" for f in sandwich)
        if not named:
            issues = (
                "The correction never names the rumour, so readers cannot tell which claim "
                "is false. Name it once, in the middle, flagged as false."
            )
        return not_yet(
            issues,
            "Truth sandwich: open with the fact, then the myth flagged as false, then the "
            "fact again with where to check it.",
        )
    blocking = [f for f in report.warnings if f.code == "no_next_step"]
    if not report.passes or blocking:
        issues = " ".join(f"{f.message} {f.advice}" for f in (report.errors + blocking)[:3])
        return not_yet(f"The sandwich is right, but: {issues}")
    return passed(
        f"A truth sandwich (score {report.score} / 100): the fact first and last, the myth "
        "once, flagged as false."
    )


@question(
    LESSON,
    "holding-statement",
    asks=(
        "Write a holding statement for 09:15 in the boil-water scenario: what is known, what "
        "is not, what to do, and when the next update comes."
    ),
    hint="Four short sentences, one per part, are enough.",
)
def holding_statement(answer: Any) -> Outcome:
    """See :func:`check_holding`."""
    return check_holding(answer)


@question(
    LESSON,
    "correction",
    asks="Correct the rumour about poison and cancer in truth-sandwich form.",
    hint="Fact, then the myth flagged as false, then the fact again and where to check.",
)
def correction(answer: Any) -> Outcome:
    """See :func:`check_correction`."""
    return check_correction(answer)


def _register(item: QuizItem) -> None:
    """Register one quiz question."""

    @question(LESSON, item.id, asks=item.asks, hint='Answer with one letter, such as "B".')
    def _check(answer: Any) -> Outcome:
        return check_quiz(item, answer)


for _item in QUIZ:
    _register(_item)
