"""Reply checks: tone, a next step, no request for personal data, the truth sandwich, plain words.

Built on the drafting engine: ``postlab.drafting.analyze`` counts the length as the
platform does and finds personal data (phone and Aadhaar-like numbers, e-mail
addresses) and hard sentences; this module adds what matters in a reply. The word
lists are data (``data/reply_lexicon.yaml``), in English and Hindi.

English tone also gets a VADER sentiment score (Hutto and Gilbert 2014, offline,
lexicon shipped in the ``vaderSentiment`` wheel). VADER knows English only, so
Hindi replies get no score and rely on the phrase lists alone; VADER also cannot
see sarcasm ("Great job, genius" scores positive), which is why sarcasm has its
own list.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from postlab.drafting import Finding, Report, analyze
from postlab.drafting.report import FindingsView
from postlab.errors import PostLabTypeError
from postlab.platforms import Platform
from postlab.replies.lexicon import make_finding, phrases, reply_lexicon
from postlab.replies.queue import Comment

__all__ = ["ReplyReport", "check_holding_statement", "check_reply", "sentiment"]

# The reply checks read this much; a longer reply is over every platform's limit anyway.
_WINDOW = 10_000
_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]{0,200})?/?\s*>")
_SENTENCE = re.compile(r"[^.!?।॥\n]+(?:[.!?।॥]+|$)")
_PENALTY = {"error": 25, "warning": 10, "tip": 0}


@dataclass(frozen=True)
class ReplyReport(FindingsView):
    """The reply checks' verdict on one reply.

    ``findings`` are drafting ``Finding`` objects (code, severity, message,
    advice, span); ``sentiment`` is VADER's compound score for English replies
    (-1 to +1) and None otherwise; ``draft`` is the drafting engine's report.
    """

    text: str
    platform: str
    language: str
    findings: list[Finding]
    sentiment: float | None
    draft: Report | None = field(default=None, repr=False)

    @property
    def score(self) -> int:
        """0 to 100: 100 less 25 per error and 10 per warning."""
        return max(0, 100 - sum(_PENALTY.get(f.severity, 0) for f in self.findings))

    @property
    def summary(self) -> str:
        """The verdict in plain words: the score, then what to fix and what is worth fixing.

        Example
        -------
        >>> print(check_reply("Thanks for asking. Call 1800-000-0000 for help.").summary)
        Score 100 / 100: ready to post.
        """
        head = f"Score {self.score} / 100"
        if not self.findings:
            return f"{head}: ready to post."
        parts = [head + ("." if self.errors else ": it can be posted.")]
        for label, group in (("Must fix", self.errors), ("Worth fixing", self.warnings)):
            parts += [f"{label}: {f.message} {f.advice}" for f in group]
        parts += [f"Tip: {f.message} {f.advice}" for f in self.tips]
        return "\n".join(parts)

    def __str__(self) -> str:
        return self.summary


@cache
def _vader():
    from postlab.replies._vader import LinearVader  # VADER's scores, in linear time

    return LinearVader()


def sentiment(text: str) -> float:
    """VADER compound sentiment of English ``text``, from -1 (hostile) to +1 (warm).

    Example
    -------
    >>> sentiment("Thank you, we are glad it helped!") > 0.5
    True
    """
    if not isinstance(text, str):
        msg = f"text={text!r:.60} ({type(text).__name__}), must be str"
        raise PostLabTypeError(msg)
    return float(_vader().polarity_scores(text)["compound"])


def _sentences(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _SENTENCE.finditer(text) if m.group().strip()]


def _first_phrase(name: str, text: str) -> Finding | None:
    m = phrases(name).search(text)
    return make_finding(name, m.span(), phrase=text[m.start() : m.end()]) if m else None


def _tone(
    text: str, language: str, comment: Comment | None, correcting: bool
) -> tuple[list[Finding], float | None]:
    """Sarcasm, blame, argument, harshness and missing empathy.

    A correction names the false claim ("poison", "false"), which VADER reads as
    hostile, so a reply that corrects a myth is not judged on sentiment.
    """
    found = [f for name in ("sarcasm", "blame", "argument") if (f := _first_phrase(name, text))]
    praise = phrases("ironic_praise", "praise").search(text)
    if praise and not found and phrases("ironic_praise", "cues").search(text):
        found.append(
            make_finding("sarcasm", praise.span(), phrase=text[praise.start() : praise.end()])
        )
    boast = _first_phrase("self_praise", text)
    if boast:
        found.append(boast)
    empathic = phrases("empathy").search(text) is not None
    score = sentiment(text) if language == "en" else None
    limit = reply_lexicon()["thresholds"]["harsh_sentiment"]["value"]
    if score is not None and score < limit and not empathic and not correcting:
        found.append(make_finding("harsh_tone", score=score))
    kinds = reply_lexicon()["needs_empathy_kinds"]["kinds"]
    if comment is not None and comment.kind in kinds and not empathic:
        found.append(make_finding("no_empathy"))
    return found, score


def _next_step(text: str, draft: Report, comment: Comment | None) -> list[Finding]:
    helpline = re.search(reply_lexicon()["next_step"]["helpline_pattern"], text)
    found = []
    if not (draft.urls or helpline or phrases("next_step").search(text)):
        found.append(make_finding("no_next_step"))
    if (
        comment is not None
        and comment.needs_private_channel
        and not (helpline or phrases("private_channel").search(text))
    ):
        found.append(make_finding("no_private_channel"))
    return found


def _personal_data(text: str, draft: Report) -> list[Finding]:
    found = [
        make_finding("reveals_personal_data", f.span, kind=_kind(f.message), value=_value(f, text))
        for f in draft.findings
        if f.code == "personal_data"
    ]
    terms, verbs = phrases("personal_data_terms"), phrases("request_verbs")
    excuses = (phrases("never_share"), phrases("private_destinations"))
    for start, end in _sentences(text):
        term = terms.search(text, start, end)
        if term and verbs.search(text, start, end):
            if not any(x.search(text, start, end) for x in excuses):
                found.append(
                    make_finding("asks_personal_data", term.span(), phrase=text[start:end].strip())
                )
                break
    return found


def _kind(message: str) -> str:
    for kind in ("Aadhaar-like ID number", "mobile number", "email address"):
        if kind in message:
            return kind
    return "personal data"


def _value(finding: Finding, text: str) -> str:
    return text[finding.span[0] : finding.span[1]] if finding.span else ""


def _myth_pattern(myth: Sequence[str]) -> re.Pattern | None:
    words = [w.strip().lower() for w in myth if isinstance(w, str) and w.strip()]
    if not words:
        return None
    alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w\u0900-\u0963\u0971-\u097F])(?:{alternation})")


def _truth_sandwich(text: str, myth: Sequence[str]) -> list[Finding]:
    pattern = _myth_pattern(myth)
    if pattern is None:
        return []
    lowered = text.lower()
    spans = _sentences(text)
    hits = [(s, e, m) for s, e in spans if (m := pattern.search(lowered, s, e))]
    found = []
    if not hits:
        return found
    first_start = spans[0][0]
    for s, _e, m in hits:
        if s == first_start:
            found.append(make_finding("myth_first", m.span(), phrase=text[m.start() : m.end()]))
            break
    flags = phrases("false_flags")
    for s, e, m in hits:
        if not flags.search(text, s, e):
            found.append(
                make_finding("myth_not_flagged", m.span(), phrase=text[m.start() : m.end()])
            )
            break
    last = hits[-1]
    if len(spans) > 1 and last[0] == spans[-1][0] and last[0] != first_start:
        m = last[2]
        found.append(make_finding("myth_last", m.span(), phrase=text[m.start() : m.end()]))
    return found


def _validate(text: object, comment: object, myth: object) -> None:
    if not isinstance(text, str):
        msg = f"text={text!r:.60} ({type(text).__name__}), must be str: the reply as text"
        raise PostLabTypeError(msg)
    if comment is not None and not isinstance(comment, Comment):
        msg = f"comment={comment!r:.60} ({type(comment).__name__}), must be a Comment or None"
        raise PostLabTypeError(msg)
    if myth is not None and (
        isinstance(myth, str) or not all(isinstance(w, str) for w in myth)  # type: ignore[union-attr]
    ):
        msg = f"myth={myth!r:.60}, must be a list of words such as ['poison', 'cancer'], or None"
        raise PostLabTypeError(msg)


def check_reply(
    text: str,
    *,
    comment: Comment | None = None,
    platform: str | Platform = "x",
    language: str | None = None,
    myth: Sequence[str] | None = None,
) -> ReplyReport:
    """Check a reply to a public comment.

    Parameters
    ----------
    text : str
        The reply.
    comment : Comment, optional, keyword-only
        The comment answered: it says whether empathy and a private channel are
        needed and, for a rumour, the myth's key words.
    platform : str or Platform, default "x"
        Platform whose limit applies.
    language : str, optional
        ``"en"`` or ``"hi"`` instead of detecting it.
    myth : list of str, optional
        Key words of a myth being corrected (default: ``comment.myth``).

    Returns
    -------
    ReplyReport
        Findings, ``passes``, ``score`` (0-100) and English sentiment.

    Raises
    ------
    PostLabTypeError
        If ``text`` is not a str, ``comment`` not a Comment or ``myth`` not a list of words.
    PostLabValueError
        If ``platform`` is unknown.

    Example
    -------
    >>> report = check_reply("Obviously you did not read the notice.")
    >>> report.passes, report.codes[:2]
    (False, ['sarcasm', 'blame'])
    """
    _validate(text, comment, myth)
    draft = analyze(text, platform, language=language)
    base = {"text": text, "platform": draft.platform, "language": draft.language}
    if not text.strip():
        return ReplyReport(
            **base, findings=[make_finding("reply_empty")], sentiment=None, draft=draft
        )
    window = text[:_WINDOW]
    letters = sum(c.isalpha() for c in window)
    if letters < reply_lexicon()["thresholds"]["min_letters"]["value"]:
        findings = [make_finding("reply_no_words")]
        findings += [f for f in draft.findings if f.code == "over_limit"]
        return ReplyReport(**base, findings=findings, sentiment=None, draft=draft)
    findings = [f for f in draft.findings if f.code in reply_lexicon()["from_drafting"]]
    findings[0:0] = _personal_data(window, draft)
    words = myth if myth is not None else (comment.myth if comment is not None else ())
    pattern = _myth_pattern(words)
    correcting = pattern is not None and pattern.search(window.lower()) is not None
    tone, score = _tone(window, draft.language, comment, correcting)
    findings += tone
    findings += _next_step(window, draft, comment)
    findings += _truth_sandwich(window, words)
    markup = _MARKUP.search(window)
    if markup:
        findings.append(make_finding("reply_markup", markup.span(), tag=markup.group()[:40]))
    jargon = _first_phrase("jargon", window)
    if jargon:
        findings.append(jargon)
    order = {"error": 0, "warning": 1, "tip": 2}
    findings.sort(key=lambda f: order.get(f.severity, 3))
    return ReplyReport(**base, findings=findings, sentiment=score, draft=draft)


def check_holding_statement(text: str, *, platform: str | Platform = "x") -> ReplyReport:
    """Check that a holding statement says what is known, what is not, what to do and when next.

    Parameters
    ----------
    text : str
        The statement (English or Hindi).
    platform : str or Platform, default "x"
        Platform whose limit applies.

    Returns
    -------
    ReplyReport
        With ``holding_missing_known``, ``holding_missing_unknown``,
        ``holding_missing_action`` or ``holding_missing_update`` for each part missing,
        plus the tone and plain-language checks of ``check_reply``.

    Example
    -------
    >>> text = ("Tap water in Ward 12 is being tested. We do not yet know the cause. "
    ...         "Please boil water before drinking. Next update at 2 pm.")
    >>> check_holding_statement(text).passes
    True
    """
    report = check_reply(text, platform=platform)
    if not text.strip() or report.has("reply_no_words"):
        return report
    lex = reply_lexicon()["holding_statement"]
    window = text[:_WINDOW]
    missing = []
    for part, code in (
        ("known", "holding_missing_known"),
        ("unknown", "holding_missing_unknown"),
        ("action", "holding_missing_action"),
    ):
        if not phrases("holding_statement", part).search(window):
            missing.append(make_finding(code))
    timed = re.search(lex["time_pattern"], window, flags=re.IGNORECASE)
    if not (timed or phrases("holding_statement", "next_update").search(window)):
        missing.append(make_finding("holding_missing_update"))
    kept = [f for f in report.findings if f.code != "no_next_step"]
    findings = sorted(
        missing + kept, key=lambda f: {"error": 0, "warning": 1, "tip": 2}.get(f.severity, 3)
    )
    return ReplyReport(
        text=report.text,
        platform=report.platform,
        language=report.language,
        findings=findings,
        sentiment=report.sentiment,
        draft=report.draft,
    )
