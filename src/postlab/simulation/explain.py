"""Plain-language reasons: which features of the post moved the numbers, and by how much.

Each factor is a what-if with the expected-value model (``expected``): the
same post with one feature set to a neutral value (best hour, every reader's
language, plain text, no hashtags, ...).  The multiplier is the ratio of
expected engagement (or exposure, for timing) with and without it.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from postlab.platforms import get_platform
from postlab.simulation.defaults import LANGUAGES, model_defaults
from postlab.simulation.expected import expected
from postlab.simulation.post import Post
from postlab.simulation.result import Factor
from postlab.simulation.segments import segment_specs

if TYPE_CHECKING:
    from postlab.audience import Audience
    from postlab.simulation.result import SimulationResult

__all__ = ["best_hour", "explain_factors", "result_notes"]

_LANGUAGE_NAMES = {"hi": "Hindi", "en": "English", "regional": "the regional language"}


def _pct(x: float) -> str:
    """A share as a whole percentage, e.g. ``38 %``."""
    return f"{round(100 * x)} %"


def _article(word: str) -> str:
    """'An' before a vowel, else 'A'."""
    return "An" if word[:1].lower() in "aeiou" else "A"


def _names(codes: tuple[str, ...] | list[str]) -> str:
    """Language codes as words joined with 'and'."""
    words = [_LANGUAGE_NAMES[c] for c in codes]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


@lru_cache(maxsize=64)
def _reach_by_hour(platform: str, day: str, shares: tuple[float, ...], hours: int) -> np.ndarray:
    """Expected share of followers reached when posting at each hour 0-23 (plain feed)."""
    return np.array(
        [
            expected(
                Post(platform=platform, hour=h, day=day),
                np.array(shares),
                hours=hours,
                feed="chronological",
            ).reach_per_follower
            for h in range(24)
        ]
    )


def best_hour(post: Post, shares: tuple[float, ...], *, hours: int = 48) -> int:
    """The posting hour (0-23) with the largest expected reach for this audience and day.

    Example
    -------
    >>> from postlab.simulation.segments import segment_specs
    >>> 8 <= best_hour(Post(), tuple(s.share for s in segment_specs())) <= 22
    True
    """
    return int(np.argmax(_reach_by_hour(post.platform, post.day, tuple(shares), hours)))


def _timing(post: Post, shares: tuple[float, ...], hours: int) -> Factor:
    """How much the posting hour cost or gained against the audience's best hour."""
    by_hour = _reach_by_hour(post.platform, post.day, shares, hours)
    best = int(np.argmax(by_hour))
    now = expected(post, np.array(shares), hours=hours, feed="chronological").reach_per_follower
    ratio = now / by_hour[best] if by_hour[best] > 0 else 1.0
    if ratio < 0.9:
        text = (
            f"Posting at {post.time_label} instead of the audience's peak ({best:02d}:00) "
            f"cut exposure by about {_pct(1 - ratio)}."
        )
    else:
        text = (
            f"Posting at {post.time_label} is close to this audience's best time "
            f"({best:02d}:00): {_pct(ratio)} of the best exposure."
        )
    return Factor("timing", float(ratio), text)


def _ratio(post: Post, neutral: Post, shares: np.ndarray, hours: int, feed: str) -> float:
    """Expected engagement of ``post`` over that of ``neutral``."""
    a = expected(post, shares, hours=hours, feed=feed).engagement_per_follower
    b = expected(neutral, shares, hours=hours, feed=feed).engagement_per_follower
    return float(a / b) if b > 0 else 1.0


def _language(post: Post, shares: np.ndarray, hours: int, feed: str) -> Factor:
    """Share of the audience whose main language the post misses, and its cost."""
    primary = np.array([s.primary for s in segment_specs()])
    by_lang = shares @ primary
    missing = [c for c in LANGUAGES if c not in post.languages]
    missed = float(sum(by_lang[LANGUAGES.index(c)] for c in missing))
    ratio = _ratio(post, post.replace(languages=LANGUAGES), shares, hours, feed)
    written = _names(post.languages)
    if missed > 0.005:
        detail = ", ".join(
            f"{_LANGUAGE_NAMES[c]} {_pct(by_lang[LANGUAGES.index(c)])}" for c in missing
        )
        text = (
            f"Written in {written} only: {_pct(missed)} of this audience reads mainly "
            f"another language ({detail}); engagement x{ratio:.2f}."
        )
    else:
        text = f"Written in {written}: every reader gets their main language."
    return Factor("language", ratio, text)


def explain_factors(
    post: Post, audience: Audience, *, hours: int = 48, feed: str = "ranked"
) -> tuple[Factor, ...]:
    """Every factor of the post with its multiplier and a sentence.

    Example
    -------
    >>> from postlab.audience import Audience
    >>> audience = Audience.synthetic(followers=1_000, seed=1)
    >>> [f.name for f in explain_factors(Post(), audience)][:2]
    ['timing', 'language']
    """
    shares_t = tuple(audience.shares)
    shares = np.array(shares_t)
    platform = get_platform(post.platform)
    factors = [_timing(post, shares_t, hours), _language(post, shares, hours, feed)]
    if post.format != "text":
        ratio = _ratio(post, post.replace(format="text"), shares, hours, feed)
        factors.append(
            Factor(
                "format",
                ratio,
                f"{_article(post.format)} {post.format} post: engagement x{ratio:.2f} "
                "compared with plain text.",
            )
        )
    if post.hashtag_count:
        ratio = _ratio(post, post.replace(hashtags=0), shares, hours, feed)
        n, ok = post.hashtag_count, platform.suggested_hashtags
        advice = f"{platform.name} suggests at most {ok}" if ok else "hashtags do little here"
        factors.append(
            Factor(
                "hashtags",
                ratio,
                f"{n} hashtag{'s' if n > 1 else ''}: engagement x{ratio:.2f} ({advice}).",
            )
        )
    if post.call_to_action:
        ratio = _ratio(post, post.replace(call_to_action=False), shares, hours, feed)
        factors.append(
            Factor(
                "call_to_action",
                ratio,
                f"A clear call to action: engagement x{ratio:.2f} (more reshares and clicks).",
            )
        )
    if post.accessible is False:
        ratio = float(model_defaults()["quality"]["accessibility_fail"])
        factors.append(
            Factor(
                "accessibility",
                ratio,
                f"The draft fails accessibility checks: engagement x{ratio:.2f}.",
            )
        )
    if post.quality is not None and post.quality < 1:
        ratio = _ratio(post, post.replace(quality=None), shares, hours, feed)
        why = f" ({'; '.join(post.quality_reasons[:3])})" if post.quality_reasons else ""
        factors.append(
            Factor(
                "quality",
                ratio,
                f"Draft quality {post.quality:.2f}{why}: engagement x{ratio:.2f}.",
            )
        )
    if post.topic:
        ratio = _ratio(post, post.replace(topic=None), shares, hours, feed)
        keen = [
            (s.label, share)
            for s, share in zip(segment_specs(), shares, strict=True)
            if post.topic.strip().lower() in s.interests
        ]
        who = (
            f"interests {', '.join(label for label, _ in keen)} "
            f"({_pct(sum(share for _, share in keen))} of followers)"
            if keen
            else "is not a main interest of any segment"
        )
        factors.append(
            Factor("topic", ratio, f"The topic '{post.topic}' {who}: engagement x{ratio:.2f}.")
        )
    if feed == "ranked":
        boost = expected(post, shares, hours=hours, feed=feed).boost
        w = model_defaults()["ranking"]["weights"]
        factors.append(
            Factor(
                "ranking",
                boost,
                f"The engagement-ranked feed kept this post in view x{boost:.2f} as long as a "
                f"plain post (X's 2023 ranker: reply {w['reply']:g}, like {w['like']:g}, "
                f"negative feedback {w['negative']:g}).",
            )
        )
    return tuple(factors)


def result_notes(result: SimulationResult) -> tuple[str, ...]:
    """Sentences about what happened in the run(s): reshares, critics, luck."""
    notes = []
    runs = result.runs
    outside = float(runs["reach_outside"].mean())
    reshares = float(runs["reshare"].mean())
    if reshares < 0.5:
        notes.append(
            "Almost nobody reshared it, so only followers saw it (most posts go this way)."
        )
    else:
        notes.append(
            f"{reshares:.0f} reshares reached about {outside:.0f} people who do not follow the "
            f"account; the longest reshare chain was {runs['cascade_depth'].max():.0f} step(s)."
        )
    seg = result.by_segment
    if "critics" in seg.index and seg["reply"].sum() > 0:
        share = seg.loc["critics", "reply"] / seg["reply"].sum()
        notes.append(f"Critics of the account wrote {_pct(share)} of the replies.")
    if result.n_runs > 1:
        low, high = runs["reach"].quantile([0.025, 0.975])
        notes.append(
            f"Across {result.n_runs} runs of the same post, reach ranged from {low:,.0f} to "
            f"{high:,.0f}: that spread is luck, not strategy."
        )
    return tuple(notes)
