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
        if post.author_reply_rate:
            plain = expected(post.replace(author_reply_rate=None), shares, hours=hours, feed=feed)
            gain = boost / plain.boost
            factors.append(
                Factor(
                    "author_replies",
                    gain,
                    f"The account answers {_pct(post.author_reply_rate)} of replies while the "
                    f"post is ranked, which kept it in view x{gain:.2f} as long as an unanswered "
                    f"post (X's 2023 ranker weighs a reply the author engages with at "
                    f"{w['reply_engaged_by_author']:g}).",
                )
            )
    return tuple(factors)


def _number(x: float, n_runs: int) -> str:
    """A count as text: whole for one run, else one decimal unless it is whole."""
    if n_runs == 1 or float(x).is_integer():
        return f"{round(x):,}"
    return f"{x:,.1f}"


def _counted(x: float, n_runs: int, one: str, many: str) -> str:
    """``1 person``, ``2 people``, ``0.4 people`` (singular only for exactly one)."""
    text = _number(x, n_runs)
    return f"{text} {one if text == '1' else many}"


def _reshare_note(
    reshares: float, outside: float, depth: int, n_runs: int, outside_runs: int | None = None
) -> str:
    """What the reshares did: how many, whom they reached outside, how long the chain was.

    ``reshares`` and ``outside`` are means over ``n_runs`` runs; ``outside_runs``
    is how many runs reached anyone outside (default: all when ``outside > 0``).
    """
    several = n_runs > 1
    if reshares < 0.5 and outside > 0:
        who = "Nobody" if reshares == 0 else "Almost nobody"
        people = _counted(outside, n_runs, "person", "people")
        about = "about " if several else ""
        does = "does" if people == "1 person" else "do"
        return (
            f"{who} reshared it, but because people engaged with it the ranked feed showed it "
            f"to {about}{people} who {does} not follow the account."
        )
    if reshares == 0:
        where = f" in any of the {n_runs} runs" if several else ""
        return f"Nobody reshared it{where}, so only followers saw it (most posts go this way)."
    if reshares < 0.5:
        return "Almost nobody reshared it, so only followers saw it (most posts go this way)."
    times = _number(reshares, n_runs)
    times = "once" if times == "1" else f"{times} times"
    subject = (
        f"On average it was reshared {times} a run and"
        if several
        else (f"It was reshared {times} and")
    )
    if outside_runs is None:
        outside_runs = n_runs if outside > 0 else 0
    if outside_runs == 0 or outside == 0:
        where = " in any run" if several else ""
        reached = f"reached no one beyond the account's followers{where}"
    elif several and outside < 1:
        reached = (
            f"reached someone who does not follow the account in only {outside_runs} of "
            f"the {n_runs} runs"
        )
    else:
        people = _counted(outside, n_runs, "person", "people")
        about = "about " if several else ""
        does = "does" if people == "1 person" else "do"
        reached = f"reached {about}{people} who {does} not follow the account"
    steps = _counted(depth, 1, "step", "steps")
    chain = "in any run " if several else ""
    return f"{subject} {reached}; the longest reshare chain {chain}was {steps}."


def _critics_note(critics: float, replies: float, n_runs: int) -> str:
    """Who wrote the replies: the critics' share, in words for none, one and all."""
    one = n_runs == 1 and round(replies) == 1
    if critics <= 0:
        if one:
            return "The one reply did not come from a critic of the account."
        return "None of the replies came from critics of the account."
    if critics >= replies:
        if one:
            return "The one reply came from a critic of the account."
        return "Critics of the account wrote all of the replies."
    share = critics / replies
    pct = "under 1 %" if share < 0.005 else "over 99 %" if share > 0.995 else _pct(share)
    return f"Critics of the account wrote {pct} of the replies."


def _spread_note(low: float, high: float, n_runs: int) -> str:
    """How much reach varied across runs of the same post."""
    start = f"Across {n_runs} runs of the same post"
    if high == 0:
        return f"{start}, no one saw it in any run."
    if round(low) == round(high):
        return f"{start}, reach was about {low:,.0f} every time: here luck made little difference."
    return (
        f"{start}, reach ranged from {low:,.0f} to {high:,.0f}: that spread is luck, not strategy."
    )


def result_notes(result: SimulationResult) -> tuple[str, ...]:
    """Sentences about what happened in the run(s): reshares, critics, luck.

    Counts read well for none, one and many ("no one", "1 person", "2 people").

    Example
    -------
    >>> from postlab.audience import Audience
    >>> from postlab.simulation import simulate
    >>> audience = Audience.synthetic(followers=2_000, seed=1)
    >>> result = simulate(Post(hour=10), audience, seed=1, feed="chronological")
    >>> result_notes(result)[0]
    'Nobody reshared it, so only followers saw it (most posts go this way).'
    """
    runs, n = result.runs, result.n_runs
    notes = [
        _reshare_note(
            float(runs["reshare"].mean()),
            float(runs["reach_outside"].mean()),
            int(runs["cascade_depth"].max()),
            n,
            int((runs["reach_outside"] > 0).sum()),
        )
    ]
    seg = result.by_segment
    if "critics" in seg.index and seg["reply"].sum() > 0:
        notes.append(
            _critics_note(float(seg.loc["critics", "reply"]), float(seg["reply"].sum()), n)
        )
    if "appeal" in runs:
        notes.append(_luck_note(runs, result.feed))
    if n > 1:
        low, high = runs["reach"].quantile([0.025, 0.975])
        notes.append(_spread_note(float(low), float(high), n))
    return tuple(notes)


def _luck_note(runs, feed: str) -> str:
    """What the post's appeal draw (its luck) was, and what it did."""
    ranked = " and how long the ranked feed kept it in view" if feed == "ranked" else ""
    if len(runs) == 1:
        appeal = float(runs["appeal"].iloc[0])
        rank = float(runs["appeal_percentile"].iloc[0])
        verdict = (
            "a lucky draw"
            if rank >= 75
            else "an unlucky draw"
            if rank <= 25
            else "an ordinary draw"
        )
        return (
            f"Luck: this post's appeal came out x{appeal:.2f}, {verdict} (better than "
            f"{rank:.0f} % of posts like it). Appeal is what nobody can know before posting; it "
            f"multiplied every like, reply, reshare and click{ranked}."
        )
    low, high = runs["appeal"].quantile([0.025, 0.975])
    return (
        f"Luck: the post's appeal, drawn afresh in each run, went from x{low:.2f} to "
        f"x{high:.2f} (95 % of runs); it multiplied every response{ranked}, so single posts of "
        "the same kind differ a lot."
    )
