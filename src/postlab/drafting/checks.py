"""The checks that teach: each looks at a draft and returns Findings.

When a check fires is code here; what it is called, how serious it is, what
it says and how much it lowers quality is data (data/checks.yaml), and the
phrase lists are data too (data/drafting_lexicon.yaml).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from urllib.parse import parse_qsl, urlsplit

from postlab.drafting.calls import asks_for_action, unexplained_vague_phrase
from postlab.drafting.extract import Entity
from postlab.drafting.language import LanguageGuess
from postlab.drafting.readability import sentences, words
from postlab.drafting.report import Finding
from postlab.drafting.rules import check_rule, lexicon, threshold
from postlab.platforms import Platform

__all__ = ["CHECKS", "Draft", "make_finding"]


@dataclass(frozen=True)
class Draft:
    """Everything the checks need, worked out once by ``analyze``."""

    text: str
    platform: Platform
    length: int
    entities: list[Entity]
    emoji: list[tuple[int, int]]
    language: LanguageGuess
    reading_ease: float | None
    has_image: bool
    alt_text: str | None


def make_finding(code: str, span: tuple[int, int] | None = None, **fields: object) -> Finding:
    """A Finding for ``code`` with its message template filled from ``fields``."""
    rule = check_rule(code)
    return Finding(
        code=code,
        severity=rule.severity,
        message=rule.message.format(**fields),
        advice=rule.advice.format(**fields),
        span=span,
    )


def _length(d: Draft) -> Iterator[Finding]:
    if not d.text.strip():
        yield make_finding("empty")
        return
    limit = d.platform.limit
    fields = {"length": d.length, "limit": limit, "platform": d.platform.name}
    if d.length > limit:
        yield make_finding("over_limit", over=d.length - limit, **fields)
    elif d.length >= threshold("near_limit_share") * limit:
        yield make_finding("near_limit", **fields)


def _hashtags(d: Draft) -> Iterator[Finding]:
    tags = [e for e in d.entities if e.kind == "hashtag"]
    p = d.platform
    fields = {"count": len(tags), "platform": p.name}
    if p.max_hashtags is not None and len(tags) > p.max_hashtags:
        span = (tags[p.max_hashtags].start, tags[-1].end)
        yield make_finding("too_many_hashtags", span, max=p.max_hashtags, **fields)
    elif len(tags) > p.suggested_hashtags:
        span = (tags[p.suggested_hashtags].start, tags[-1].end)
        yield make_finding("many_hashtags", span, suggested=p.suggested_hashtags, **fields)
    min_letters = threshold("camelcase_min_letters")
    for tag in tags:
        letters = [c for c in tag.value if c.isalpha()]
        if (
            len(letters) >= min_letters
            and all(c.isascii() for c in letters)
            and (tag.value.islower() or tag.value.isupper())
        ):
            yield make_finding("hashtag_not_camelcase", (tag.start, tag.end), tag=tag.value)


def _emoji(d: Draft) -> Iterator[Finding]:
    # Keycap and text-style symbols (#, digits, ©) match the emoji list too; count pictures only.
    pictures = [(s, e) for s, e in d.emoji if not d.text[s].isascii() and d.text[s] not in "©®™"]
    if len(pictures) > threshold("max_emoji"):
        yield make_finding(
            "too_many_emoji",
            (pictures[0][0], pictures[-1][1]),
            count=len(pictures),
            max=int(threshold("max_emoji")),
        )
    starts = {s for s, _ in pictures}
    bullet_lines = []
    offset = 0
    for line in d.text.split("\n"):
        stripped = len(line) - len(line.lstrip())
        if offset + stripped in starts and line.strip():
            bullet_lines.append((offset, offset + len(line)))
        offset += len(line) + 1
    if len(bullet_lines) >= threshold("emoji_bullet_lines"):
        yield make_finding(
            "emoji_bullets", (bullet_lines[0][0], bullet_lines[-1][1]), count=len(bullet_lines)
        )
    for s, e in pictures:
        before = d.text[s - 1] if s > 0 else ""
        after = d.text[e] if e < len(d.text) else ""
        if before.isalpha() and after.isalpha():
            left = re.search(r"\w*$", d.text[:s]).start()
            right = e + re.match(r"\w*", d.text[e:]).end()
            yield make_finding("emoji_in_word", (left, right), word=d.text[left:right])
            break


_CAPS_WORD = re.compile(r"(?<![\w#@])[A-Z][A-Z'’]+(?![\w])")


@cache
def _acronyms() -> frozenset[str]:
    """Acronyms that may stay in capitals."""
    return frozenset(lexicon()["acronyms"]["words"])


def _all_caps(d: Draft) -> Iterator[Finding]:
    acronyms = _acronyms()
    inside = [(e.start, e.end) for e in d.entities]
    for m in _CAPS_WORD.finditer(d.text):
        word = m.group()
        letters = sum(c.isalpha() for c in word)
        if letters < threshold("all_caps_min_letters") or word.strip("'’") in acronyms:
            continue
        if any(s <= m.start() < e for s, e in inside):
            continue
        yield make_finding("all_caps", m.span(), word=word)
        return  # one is enough to teach the point


def _calls_to_action(d: Draft) -> Iterator[Finding]:
    links = [(e.start, e.end) for e in d.entities if e.kind == "url"]
    vague = unexplained_vague_phrase(d.text, links=links)
    if vague is not None:
        yield make_finding("vague_call_to_action", (vague.start, vague.end), phrase=vague.phrase)
        return
    if d.text.strip() and not asks_for_action(d.text, links=links):
        yield make_finding("no_call_to_action")


def _alt_text(d: Draft) -> Iterator[Finding]:
    if not d.has_image:
        return
    alt = (d.alt_text or "").strip()
    if not alt:
        yield make_finding("missing_alt_text")
        return
    lex = lexicon()["alt_text_prefixes"]
    lowered = alt.lower()
    for prefix in sorted(lex["prefixes"], key=len, reverse=True):
        if lowered.startswith(prefix):
            yield make_finding("alt_text_prefix", prefix=alt[: len(prefix)])
            break
    if len(alt) > lex["max_length"]:
        yield make_finding("alt_text_too_long", length=len(alt), max=lex["max_length"])


def _reading(d: Draft) -> Iterator[Finding]:
    lang = d.language
    if lang.language in ("und",):
        return
    if lang.language != "en":
        yield make_finding("reading_ease_not_english", language=lang.name)
    if lang.script == "Mixed" or lang.language == "hinglish":
        yield make_finding("mixed_language", detail=lang.detail or lang.name)
    max_words = int(threshold("long_sentence_words"))
    for start, end in sentences(d.text):
        n = len(d.text[start:end].split())
        if n > max_words:
            yield make_finding("long_sentence", (start, end), words=n, max=max_words)
    if d.reading_ease is None or len(words(d.text)) < threshold("reading_ease_min_words"):
        return
    hard, very_hard = threshold("hard_reading_ease"), threshold("very_hard_reading_ease")
    if d.reading_ease < very_hard:
        yield make_finding("very_hard_to_read", score=d.reading_ease, target=int(hard))
    elif d.reading_ease < hard:
        yield make_finding("hard_to_read", score=d.reading_ease, target=int(hard))


def _tracking(d: Draft) -> Iterator[Finding]:
    lex = lexicon()["tracking_parameters"]
    exact = {p.lower() for p in lex["exact"]}
    prefixes = tuple(p.lower() for p in lex["prefixes"])
    for e in d.entities:
        if e.kind != "url" or ("?" not in e.value and "#" not in e.value):
            continue
        parts = urlsplit(e.value if "://" in e.value else "https://" + e.value)
        keys = [k for k, _ in parse_qsl(parts.query, keep_blank_values=True)]
        keys += [k for k, _ in parse_qsl(parts.fragment, keep_blank_values=True)]
        bad = [k for k in keys if k.lower() in exact or k.lower().startswith(prefixes)]
        if bad:
            yield make_finding(
                "tracking_parameters", (e.start, e.end), params=", ".join(dict.fromkeys(bad))
            )
    if not d.platform.links_clickable and any(e.kind == "url" for e in d.entities):
        yield make_finding("link_not_clickable", platform=d.platform.name)


# Both anchored at a word start and bounded, so that no text makes them backtrack for long.
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@([\w-]{1,63}(?:\.[\w-]{1,63}){1,8})")
_DIGIT_RUN = re.compile(r"(?<![\w+])(?:\+?\d[\d \-]{8,16}\d)(?![\w])")


_DIGIT_NOT_ASCII = re.compile(r"(?![0-9])\d")  # \d is Unicode category Nd, as str.isdecimal


def _digits(text: str) -> str:
    """``text`` with every decimal digit (Devanagari ४, Bengali ৪, ...) as an ASCII digit."""
    table = {ord(c): str(unicodedata.decimal(c)) for c in set(_DIGIT_NOT_ASCII.findall(text))}
    return text.translate(table) if table else text


def _personal_data(d: Draft) -> Iterator[Finding]:
    lex = lexicon()
    official = tuple(s.lower() for s in lex["official_email_domains"]["suffixes"])
    for m in _EMAIL.finditer(d.text) if "@" in d.text else ():
        domain = m.group(1).lower()
        if not domain.endswith(official):
            yield make_finding("personal_data", m.span(), kind="email address", value=m.group())
    helplines = tuple(lex["helplines"]["prefixes"])
    text = _digits(d.text) if not d.text.isascii() else d.text
    inside_links = [(e.start, e.end) for e in d.entities if e.kind == "url"]
    for m in _DIGIT_RUN.finditer(text):
        if any(s <= m.start() < e for s, e in inside_links):
            continue
        digits = re.sub(r"\D", "", m.group())
        if len(digits) == 12 and not digits.startswith("91") and digits[0] not in "01":
            yield make_finding(
                "personal_data", m.span(), kind="Aadhaar-like ID number", value=m.group()
            )
            continue
        national = (
            digits[2:] if len(digits) == 12 and digits.startswith("91") else digits.lstrip("0")
        )
        if len(national) == 10 and national[0] in "6789" and not digits.startswith(helplines):
            yield make_finding("personal_data", m.span(), kind="mobile number", value=m.group())


_HIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064"
    "\u2066-\u2069\ufeff\ufffe\uffff\ud800-\udfff]"
)


def _hidden(d: Draft) -> Iterator[Finding]:
    found = _HIDDEN.findall(d.text)
    if found:
        first = _HIDDEN.search(d.text)
        yield make_finding("hidden_characters", first.span(), count=len(found))


CHECKS: tuple[Callable[[Draft], Iterator[Finding]], ...] = (
    _length,
    _hashtags,
    _alt_text,
    _personal_data,
    _emoji,
    _all_caps,
    _calls_to_action,
    _tracking,
    _reading,
    _hidden,
)
"""Every check, in the order its findings are listed (most important first)."""
