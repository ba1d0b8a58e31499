"""Calibration: a plain text post lands on the published engagement per follower.

Benchmark: Rival IQ 2023 median engagement per post per follower (X 0.035 %,
Facebook 0.06 %, Instagram 0.47 %), as stored in ``data/platforms.csv``.
Stated factor: the simulated mean must be within x1.5 of the benchmark.
"""

from __future__ import annotations

import pytest

from postlab.audience import Audience
from postlab.platforms import get_platform
from postlab.simulation import Post, simulate
from postlab.simulation.defaults import defaults_table

FACTOR = 1.5


@pytest.mark.parametrize("platform", ["x", "facebook", "instagram"])
def test_plain_text_post_matches_the_benchmark_within_a_factor(platform):
    audience = Audience.synthetic(followers=40_000, platform=platform, seed=1)
    post = Post(platform=platform, hour=10, day="weekday", format="text")
    result = simulate(post, audience, runs=20, seed=2)
    observed = result.runs["rate_by_followers"].mean()
    target = get_platform(platform).engagement_per_follower
    assert target / FACTOR < observed < target * FACTOR


def test_most_cascades_are_tiny():
    audience = Audience.synthetic(followers=40_000, seed=1)
    runs = simulate(Post(), audience, runs=30, seed=3).runs
    assert (runs["cascade_depth"] <= 2).mean() >= 0.9


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
    missing = [name for name in defaults_table()["name"] if f"`{name}`" not in text]
    assert missing == []
