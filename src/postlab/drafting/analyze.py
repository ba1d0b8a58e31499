"""``analyze``: run every check on a draft for one platform and build the Report."""

from __future__ import annotations

import re

import numpy as np

from postlab.drafting.checks import CHECKS, Draft, make_finding
from postlab.drafting.extract import extract_entities, find_urls
from postlab.drafting.language import LanguageGuess, detect_language, prose_text, script_shares
from postlab.drafting.length import (
    _emoji_bounds,
    _weighted,
    count_length,
    emoji_spans,
    normalize_for_count,
)
from postlab.drafting.readability import reading_ease
from postlab.drafting.report import Report
from postlab.drafting.rules import check_rule
from postlab.errors import PostLabTypeError, PostLabValueError
from postlab.platforms import Platform, get_platform

__all__ = ["analyze"]

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# Drafts longer than this are still counted exactly, but the checks, and the hashtag,
# mention and link lists, look only at this much (a tip says so): no platform takes
# a post this long, and it keeps a pasted megabyte from stalling the studio.
_CHECK_WINDOW = 100_000


def _validate(text: object, alt_text: object, has_image: object, language: object) -> None:
    if not isinstance(text, str):
        hint = (
            " (decode bytes first: text.decode('utf-8'))"
            if isinstance(text, bytes | bytearray)
            else ""
        )
        msg = f"text={text!r:.60} ({type(text).__name__}), must be str: the draft as text{hint}"
        raise PostLabTypeError(msg)
    if alt_text is not None and not isinstance(alt_text, str):
        msg = f"alt_text={alt_text!r:.60} ({type(alt_text).__name__}), must be str or None"
        raise PostLabTypeError(msg)
    if has_image is not None and not isinstance(has_image, bool):
        msg = f"has_image={has_image!r} ({type(has_image).__name__}), must be True, False or None"
        raise PostLabTypeError(msg)
    if language is not None and not isinstance(language, str):
        kind = type(language).__name__
        msg = f"language={language!r} ({kind}), must be a code such as 'en' or 'hi', or None"
        raise PostLabTypeError(msg)
    if isinstance(language, str) and not language.strip():
        msg = (
            f"language={language!r}, must be a code such as 'en' (English) or 'hi' (Hindi), or None"
        )
        raise PostLabValueError(msg)


def analyze(
    text: str,
    platform: str | Platform = "x",
    *,
    alt_text: str | None = None,
    has_image: bool | None = None,
    language: str | None = None,
) -> Report:
    """Check a draft post for one platform and explain what to improve.

    Parameters
    ----------
    text : str
        The draft.
    platform : str or Platform, default "x"
        Short name from the platform table (``postlab.platforms.platform_names()``).
    alt_text : str or None, keyword-only
        Alt text of the post's image. Giving it (even ``""``) means the post has
        an image; ``""`` then counts as missing alt text.
    has_image : bool or None, keyword-only
        Say ``True`` for an image post whose alt text is not written yet (raises
        ``missing_alt_text``). ``None`` (default): an image exactly when
        ``alt_text`` is given.
    language : str or None, keyword-only
        Language code (``"en"``, ``"hi"``, ...) to use instead of detecting it.

    Returns
    -------
    Report
        ``length``, ``limit``, ``fits``, ``hashtags``, ``mentions``, ``urls``,
        ``findings`` and more; see ``Report``.

    Raises
    ------
    PostLabTypeError
        If ``text`` is not a str (None, bytes, a number), or another argument
        has the wrong type.
    PostLabValueError
        If ``platform`` is not in the platform table.

    Example
    -------
    >>> r = analyze("Free eye camp on 12 May. Book a slot: navapur.example.in/eye #NavapurHealth")
    >>> r.length, r.fits, r.hashtags, r.passes
    (76, True, ['NavapurHealth'], True)
    """
    _validate(text, alt_text, has_image, language)
    row = get_platform(platform)
    image = alt_text is not None if has_image is None else has_image
    clean = _LONE_SURROGATE.sub("\ufffd", text)  # same indices; no encoder can choke on it
    window = clean[:_CHECK_WINDOW]
    if row.count_method == "twitter_weighted" and normalize_for_count(clean) == clean:
        # already NFC with \n line endings: links and emoji found once serve both jobs
        urls, (starts, ends) = find_urls(clean), _emoji_bounds(clean)
        length = _weighted(clean, urls, starts, ends)
        if len(clean) > len(window):
            urls = [u for u in urls if u["indices"][1] <= len(window)]
            cut = int(np.searchsorted(ends, len(window), side="right"))
            starts, ends = starts[:cut], ends[:cut]
        emoji = list(zip(starts.tolist(), ends.tolist(), strict=True))
    else:
        length = count_length(clean, row)
        urls, emoji = find_urls(window), emoji_spans(window)
    entities = extract_entities(window, urls=urls)
    if language is None:
        guess = detect_language(window, entities=entities)
    else:
        code = language.strip().lower()
        shares = script_shares(prose_text(window, entities=entities))
        guess = LanguageGuess(next(iter(shares), "None"), code, shares)
    ease = reading_ease(window) if guess.language == "en" else None
    draft = Draft(
        text=window,
        platform=row,
        length=length,
        entities=entities,
        emoji=emoji,
        language=guess,
        reading_ease=ease,
        has_image=image,
        alt_text=alt_text,
    )
    findings = [f for check in CHECKS for f in check(draft)]
    if len(clean) > _CHECK_WINDOW:
        findings.append(make_finding("checked_in_part", length=len(clean), checked=_CHECK_WINDOW))
    quality = 1.0
    reasons: list[str] = []
    for f in findings:
        rule = check_rule(f.code)
        if rule.quality < 1.0:
            quality *= rule.quality
            if rule.reason and rule.reason not in reasons:
                reasons.append(rule.reason)
    return Report(
        text=text,
        platform=row.key,
        length=length,
        limit=row.limit,
        fits=length <= row.limit,
        hashtags=[e.value for e in entities if e.kind == "hashtag"],
        mentions=[e.value for e in entities if e.kind == "mention"],
        urls=[e.value for e in entities if e.kind == "url"],
        findings=findings,
        script=guess.script,
        language=guess.language,
        reading_ease=None if ease is None else round(ease, 1),
        quality=round(quality, 4),
        quality_reasons=reasons,
        has_image=image,
        alt_text=alt_text,
        scripts={k: round(v, 3) for k, v in guess.shares.items()},
    )
