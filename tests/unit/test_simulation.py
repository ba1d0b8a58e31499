"""simulate(): API, determinism, model properties, explanations, bad input."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from postlab.audience import Audience
from postlab.errors import PostLabTypeError, PostLabValueError
from postlab.simulation import Post, SimulationResult, simulate


@pytest.fixture(scope="module")
def audience():
    return Audience.synthetic(followers=30_000, seed=11)


def _mean(post, audience, metric, runs=12, seed=0):
    return float(simulate(post, audience, runs=runs, seed=seed).runs[metric].mean())


def test_result_has_the_promised_parts(audience):
    r = simulate(Post(), audience, seed=1)
    assert isinstance(r, SimulationResult)
    assert set(r.engagements) == {"like", "reply", "reshare", "click", "negative"}
    assert r.impressions >= r.reach > 0
    assert set(r.engagement_rate.describe()) == {"by_reach", "by_followers", "by_impressions"}
    assert r.engagement_rate.by_reach >= r.engagement_rate.by_followers
    assert isinstance(r.timeline, pd.DataFrame) and len(r.timeline) == 48 * 60
    assert r.timeline.index.name == "minute"
    assert r.timeline["reach"].iloc[-1] == r.reach
    assert r.timeline["reach"].is_monotonic_increasing
    assert r.by_segment["reached"].sum() == r.reach
    assert r.cascade.size >= 1
    json.dumps(r.to_dict())


def test_seeded_runs_are_identical_and_different_seeds_differ(audience):
    a = simulate(Post(), audience, seed=5).to_dict()
    b = simulate(Post(), audience, seed=5).to_dict()
    c = simulate(Post(), audience, seed=6).to_dict()
    assert a == b
    assert a["reach"] != c["reach"]


def test_run_i_is_the_same_whatever_the_number_of_runs(audience):
    three = simulate(Post(), audience, runs=3, seed=9).runs
    five = simulate(Post(), audience, runs=5, seed=9).runs
    pd.testing.assert_frame_equal(three, five.iloc[:3])


def test_different_seeds_give_different_cascades():
    big = Audience.synthetic(followers=30_000, platform="instagram", seed=2)
    sizes = {simulate(Post(platform="instagram"), big, seed=s).cascade.size for s in range(6)}
    assert len(sizes) > 1


def test_more_followers_never_means_less_expected_reach():
    reaches = []
    for n in (2_000, 8_000, 32_000):
        aud = Audience.synthetic(followers=n, seed=1)
        reaches.append(_mean(Post(), aud, "reach", runs=6))
    assert reaches == sorted(reaches)


def test_an_image_beats_the_same_text_post_on_average(audience):
    text = _mean(Post(), audience, "engagements", runs=30)
    image = _mean(Post(format="image"), audience, "engagements", runs=30)
    assert image > text


def test_posting_at_3_reaches_fewer_than_at_10(audience):
    assert _mean(Post(hour=3), audience, "reach") < _mean(Post(hour=10), audience, "reach")


def test_a_language_the_audience_cannot_read_engages_less(audience):
    seniors = Audience.synthetic(followers=30_000, mix={"seniors": 1.0}, seed=1)
    both = _mean(Post(languages=("hi", "en")), seniors, "engagements", runs=30)
    english = _mean(Post(languages=("en",)), seniors, "engagements", runs=30)
    assert english < both


def test_chronological_and_ranked_feeds_both_work(audience):
    r = simulate(Post(), audience, seed=1, feed="chronological")
    assert r.feed == "chronological" and r.reach > 0


def test_runs_summary_intervals_contain_the_mean(audience):
    r = simulate(Post(format="video"), audience, runs=20, seed=3)
    s = r.summary()
    assert len(r.runs) == 20
    assert {"mean", "low", "high", "ci_low", "ci_high"} <= set(s.columns)
    for metric in ("reach", "impressions", "engagements"):
        assert s.loc[metric, "low"] <= s.loc[metric, "mean"] <= s.loc[metric, "high"]
        assert s.loc[metric, "ci_low"] <= s.loc[metric, "mean"] <= s.loc[metric, "ci_high"]
    assert r.reach == pytest.approx(r.runs["reach"].mean())
    assert r.reach_curves.shape == (20, 48 * 60)


def test_explain_names_timing_language_and_accessibility(audience):
    post = Post(hour=3, languages=("en",), accessible=False, quality=0.4)
    lines = simulate(post, audience, seed=1).explain()
    text = " ".join(lines)
    assert "Posting at 03:00 instead of the audience's peak" in text
    assert "Written in English only" in text and "reads mainly" in text
    assert "fails accessibility checks: engagement x0.85" in text
    assert "Draft quality 0.40" in text


def test_explain_timing_percentage_is_large_at_night(audience):
    lines = simulate(Post(hour=3), audience, seed=1).explain()
    timing = next(line for line in lines if line.startswith("Posting at 03:00"))
    pct = int(timing.split("by about ")[1].split(" %")[0])
    assert 40 <= pct <= 99


def test_a_poor_draft_does_worse(audience):
    good = _mean(Post(quality=1.0), audience, "engagements", runs=30)
    poor = _mean(Post(quality=0.0, accessible=False), audience, "engagements", runs=30)
    assert poor < good


@pytest.mark.parametrize(
    ("call", "error", "words"),
    [
        (lambda a: simulate(Post(), a, hours=0), PostLabValueError, "hours=0"),
        (lambda a: simulate(Post(), a, hours=-3), PostLabValueError, "between 1 and 168"),
        (lambda a: simulate(Post(), a, runs=0), PostLabValueError, "runs=0"),
        (lambda a: simulate(Post(), a, seed=1.5), PostLabTypeError, "seed="),
        (lambda a: simulate(Post(), a, feed="magic"), PostLabValueError, "feed="),
        (lambda a: simulate("hello", a), PostLabTypeError, "post="),
        (lambda a: simulate(Post(), "everyone"), PostLabTypeError, "audience="),
        (lambda a: simulate(Post(platform="facebook"), a), PostLabValueError, "platform"),
        (lambda a: Post(format="gif"), PostLabValueError, "format='gif'"),
        (lambda a: Post(platform="orkut"), PostLabValueError, "orkut"),
        (lambda a: Post(hour=24), PostLabValueError, "hour=24"),
        (lambda a: Post(languages=("fr",)), PostLabValueError, "languages"),
        (lambda a: Post(quality=2), PostLabValueError, "quality=2"),
    ],
)
def test_bad_input_gives_a_plain_error(audience, call, error, words):
    with pytest.raises(error, match=words):
        call(audience)


@settings(max_examples=15, deadline=None)
@given(
    hour=st.integers(0, 23),
    fmt=st.sampled_from(["text", "image", "video", "link", "thread"]),
    tags=st.integers(0, 8),
    seed=st.integers(0, 2**32),
)
def test_counts_are_consistent_for_any_post(audience, hour, fmt, tags, seed):
    r = simulate(Post(hour=hour, format=fmt, hashtags=tags), audience, hours=12, seed=seed)
    assert r.impressions >= r.reach >= 0
    assert all(v <= r.reach for v in r.engagements.values())
    total = r.engagements["like"] + r.engagements["reply"] + r.engagements["reshare"]
    assert r.timeline["engagements"].iloc[-1] == total
    assert 0 <= r.engagement_rate.by_followers <= r.engagement_rate.by_reach <= 3
    assert np.isfinite(r.cascade.structural_virality)


def test_post_from_draft_uses_drafting_quality():
    from postlab import drafting

    assert hasattr(drafting, "analyze")
    post = Post.from_draft("Apply for the Navapur scholarship by 30 June.", hour=19)
    assert post.hour == 19
    assert post.quality is not None and 0 <= post.quality <= 1


def test_same_seed_for_audience_and_simulation_does_not_couple_them():
    aud = Audience.synthetic(followers=30_000, seed=1)
    r = simulate(Post(hour=20), aud, seed=1)
    share = r.by_segment["reached"] / r.by_segment["reached"].sum()
    followers = r.by_segment["followers"] / r.by_segment["followers"].sum()
    assert (share - followers).abs().max() < 0.15
