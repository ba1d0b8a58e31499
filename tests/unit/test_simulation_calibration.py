"""Calibration: the default model reproduces the stylised facts of docs/model-card.md.

Each test names the fact, its source and the tolerance stated in the model card's
calibration table. Runs are seeded, so every figure is the same on every machine.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest

from postlab.audience import Audience
from postlab.platforms import get_platform
from postlab.simulation import Post, independent_cascade, simulate, structural_virality
from postlab.simulation.defaults import defaults_table

FACTOR = 1.5


@cache
def _runs():
    """300 runs of the default post to 20,000 followers on X (the issue's yardstick)."""
    audience = Audience.synthetic(followers=20_000, seed=3)
    return simulate(Post(), audience, runs=300, seed=1).runs


@pytest.mark.parametrize("platform", ["x", "facebook", "instagram"])
def test_plain_text_post_matches_the_benchmark_within_a_factor(platform):
    # Rival IQ 2023: median engagement per post per follower, X 0.035 %, FB 0.06 %, IG 0.47 %
    audience = Audience.synthetic(followers=10_000, platform=platform, seed=1)
    post = Post(platform=platform, hour=10, day="weekday", format="text")
    result = simulate(post, audience, runs=120, seed=2)
    observed = result.runs["rate_by_followers"].mean()
    target = get_platform(platform).engagement_per_follower
    assert target / FACTOR < observed < target * FACTOR


def test_posts_of_one_account_differ_a_lot_with_a_long_right_tail():
    engagements = _runs()["engagements"].to_numpy(float)
    median = np.median(engagements)
    assert 1.3 <= np.percentile(engagements, 75) / median <= 3.5  # a typical good post
    months = engagements[:300].reshape(10, 30)
    best_vs_median = np.median(months.max(axis=1) / np.maximum(np.median(months, axis=1), 1))
    assert 4 <= best_vs_median <= 30  # the best post of a month against its median
    assert engagements.mean() > median  # mean above the typical post: a right tail


def test_most_cascades_are_tiny_and_a_few_are_large():
    runs = _runs()
    reshares = runs["reshare"].to_numpy()
    assert (reshares <= 1).mean() >= 0.6  # Goel et al. 2016: most posts barely reshared
    assert 0 < (reshares >= 10).mean() <= 0.05  # large cascades rare but present
    assert runs["structural_virality"].median() <= 2.0  # broadcast-like, low virality
    assert (runs["cascade_depth"] <= 2).mean() >= 0.9


def test_now_and_then_a_post_travels_well_beyond_the_followers():
    runs = _runs()
    outside = runs["reach_outside"].to_numpy()
    assert np.median(outside / runs["reach"]) <= 0.05  # usually followers see it
    assert outside[:60].max() >= 500  # the farthest of 60 runs: 2.5 % of followers or more
    assert (outside > 0).mean() >= 0.5


def test_reach_per_post_on_x_is_a_minority_of_followers():
    share = (_runs()["reach"] / 20_000).median()
    assert 0.05 <= share <= 0.3


@pytest.mark.parametrize("platform", ["x", "facebook"])
def test_half_of_the_engagement_comes_within_the_platforms_half_life(platform):
    audience = Audience.synthetic(followers=10_000, platform=platform, seed=1)
    result = simulate(Post(platform=platform), audience, runs=40, seed=4)
    curve = result.timeline["engagements"].to_numpy()
    half = int(np.searchsorted(curve, curve[-1] / 2))
    target = get_platform(platform).half_life_minutes
    assert target / FACTOR <= half <= target * FACTOR


def test_more_infectious_stories_travel_further_and_faster_with_the_same_shape():
    # Vosoughi, Roy and Aral 2018; Juul and Ugander 2021: a story that is passed on 70 % more
    # often (infectiousness) spreads further and faster, and cascades of the same size look alike.
    from postlab.replies.rumour import rumour_model

    model = rumour_model()
    audience = Audience.synthetic(followers=20_000, seed=8)
    false_p = model["see_share"]["value"] * model["rumour_reshare"]["value"]
    true_p = false_p / model["false_news_advantage"]["value"]
    seeds = np.random.default_rng(1).choice(audience.people, 5, replace=False)

    def spread(p: float):
        out = [independent_cascade(audience.graph, seeds, p, s) for s in range(40)]
        return np.array([c.size for c in out]), out

    false_sizes, false_runs = spread(false_p)
    true_sizes, true_runs = spread(true_p)
    assert np.median(false_sizes) > 2 * np.median(true_sizes)
    reach = 200
    steps = [int(np.searchsorted(np.cumsum(np.bincount(c.generations)), reach)) for c in false_runs
             if c.size >= reach]  # fmt: skip
    true_steps = [int(np.searchsorted(np.cumsum(np.bincount(c.generations)), reach))
                  for c in true_runs if c.size >= reach]  # fmt: skip
    assert len(steps) > len(true_steps)
    if true_steps:
        assert np.median(steps) <= np.median(true_steps)
    # same size, same shape: mean pairwise distance of equally large trees is alike
    small = [c for c in false_runs + true_runs if 20 <= c.size <= 60]
    if len(small) >= 4:
        virality = [structural_virality(_positions(c)) for c in small]
        assert max(virality) / min(virality) < 4


def _positions(casc) -> np.ndarray:
    """A cascade's parents as positions under one root (for structural virality)."""
    index = {int(node): i + 1 for i, node in enumerate(casc.nodes)}
    return np.array([-1] + [index.get(int(p), 0) for p in casc.parents])


def test_every_default_has_a_source_and_a_date():
    table = defaults_table()
    assert len(table) > 40
    assert (table["source"].str.len() > 10).all()
    assert table["date"].str.match(r"^\d{4}(-\d{2})?$").all()


def test_model_card_lists_every_default():
    from pathlib import Path

    card = Path(__file__).resolve().parents[2] / "docs" / "model-card.md"
    text = card.read_text(encoding="utf-8")
    assert "teaching model, not a forecast" in text
    assert "## Calibration" in text
    missing = [name for name in defaults_table()["name"] if f"`{name}`" not in text]
    assert missing == []
