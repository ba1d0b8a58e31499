"""What a post's features do to the chance of each action, per view and per segment.

Each factor is a multiplier read from ``data/model_defaults.yaml``: format,
hashtags, call to action, draft quality, topic interest and language match.
"""

from __future__ import annotations

import numpy as np

from postlab.platforms import get_platform
from postlab.simulation.defaults import KINDS, LANGUAGES, model_defaults
from postlab.simulation.post import Post
from postlab.simulation.segments import segment_specs

__all__ = [
    "action_multipliers",
    "expected_language_factor",
    "interest_multipliers",
    "language_factor",
    "language_mask",
]


def _vector(table: dict) -> np.ndarray:
    """A ``{kind: multiplier}`` dict as an array in ``KINDS`` order."""
    return np.array([float(table[kind]) for kind in KINDS])


def action_multipliers(post: Post) -> dict[str, np.ndarray]:
    """Per-kind multipliers of the post's features, by factor name.

    Example
    -------
    >>> action_multipliers(Post(format="image"))["format"].tolist()[:3]
    [1.35, 1.0, 1.35]
    """
    d = model_defaults()
    ones = np.ones(len(KINDS))
    out = {"format": _vector(d["formats"][post.format])}
    count = post.hashtag_count
    suggested = get_platform(post.platform).suggested_hashtags
    tags = ones.copy()
    if count and suggested:
        boost = float(d["hashtags"]["boost"])
        tags[[KINDS.index("like"), KINDS.index("reshare")]] = boost
        tags *= float(d["hashtags"]["over_limit_penalty"]) ** max(0, count - suggested)
    elif count:
        tags *= float(d["hashtags"]["over_limit_penalty"]) ** count
    out["hashtags"] = tags
    out["call_to_action"] = _vector(d["call_to_action"]) if post.call_to_action else ones
    # postlab.drafting builds quality as a product of per-check engagement factors
    # (data/checks.yaml), so it is multiplied in as it is.
    out["quality"] = ones * (1.0 if post.quality is None else float(post.quality))
    access = float(d["quality"]["accessibility_fail"]) if post.accessible is False else 1.0
    out["accessibility"] = ones * access
    return out


def interest_multipliers(post: Post) -> np.ndarray:
    """One multiplier per segment for the post's topic (1 when no topic is given)."""
    specs = segment_specs()
    if post.topic is None:
        return np.ones(len(specs))
    interest = model_defaults()["interest"]
    topic = post.topic.strip().lower()
    return np.array(
        [float(interest["match"] if topic in s.interests else interest["other"]) for s in specs]
    )


def language_mask(post: Post) -> int:
    """Bit mask of the post's languages (bit ``i`` = ``LANGUAGES[i]``)."""
    return sum(1 << LANGUAGES.index(code) for code in post.languages)


def _language_levels(post: Post) -> tuple[float, float, float]:
    """Multipliers for main language, another language read, no language read."""
    lang = model_defaults()["language"]
    visual = post.format in ("image", "video")
    unread = float(lang["unreadable_visual"] if visual else lang["unreadable"])
    return float(lang["primary"]), float(lang["secondary"]), unread


def language_factor(post: Post, primary: np.ndarray, reads: np.ndarray) -> np.ndarray:
    """Per-person multiplier: post in their main language, in one they also read, or neither."""
    mask = language_mask(post)
    main, second, unread = _language_levels(post)
    in_main = ((1 << primary.astype(np.int64)) & mask) > 0
    can_read = (reads.astype(np.int64) & mask) > 0
    return np.where(in_main, main, np.where(can_read, second, unread))


def expected_language_factor(post: Post) -> np.ndarray:
    """Mean language multiplier of each segment (from the segment's language shares)."""
    main, second, unread = _language_levels(post)
    wanted = [LANGUAGES.index(code) for code in post.languages]
    out = []
    for spec in segment_specs():
        total = 0.0
        for lang, share in enumerate(spec.primary):
            if lang in wanted:
                total += share * main
                continue
            others = [spec.also_reads[w] for w in wanted]
            reads_one = 1.0 - float(np.prod([1.0 - p for p in others]))
            total += share * (reads_one * second + (1 - reads_one) * unread)
        out.append(total)
    return np.array(out)
