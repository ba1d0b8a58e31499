"""Synthetic audiences: segments, activity, follow graph, bad input."""

from __future__ import annotations

import numpy as np
import pytest

from postlab.audience import Audience, estimate_memory, segment_specs
from postlab.errors import PostLabTypeError, PostLabValueError
from postlab.graphs import follow_graph, reciprocity


@pytest.fixture(scope="module")
def audience():
    return Audience.synthetic(followers=20_000, seed=3)


def test_segments_table_has_the_lesson_columns(audience):
    table = audience.segments
    assert {"share", "reads_mainly", "weekday_peaks", "stance", "followers"} <= set(table.columns)
    assert table["share"].sum() == pytest.approx(1.0)
    assert table["followers"].sum() == 20_000
    assert "critics" in table.index


def test_every_segment_has_a_source_in_the_data_file():
    from importlib import resources

    import yaml

    text = resources.files("postlab.data").joinpath("segments.yaml").read_text("utf-8")
    sources = yaml.safe_load(text)["sources"]
    assert all(entry["source"] and entry["date"] for entry in sources.values())
    assert sum(s.share for s in segment_specs()) == pytest.approx(1.0)


def test_activity_is_low_at_night_and_high_late_morning_or_evening(audience):
    for name in audience.segment_names:
        curve = audience.activity(name)
        assert curve.shape == (24,)
        assert curve[3] < 0.3 * curve.max()
        assert int(np.argmax(curve)) in range(8, 23)
    weekend = audience.activity("seniors", weekday=False)
    assert not np.allclose(weekend, audience.activity("seniors"))


def test_custom_mix_changes_followers(audience):
    heavy = Audience.synthetic(followers=20_000, mix={"seniors": 0.5}, seed=3)
    assert heavy.segments.loc["seniors", "share"] == pytest.approx(0.5)
    assert (
        heavy.segments.loc["seniors", "followers"]
        > 2 * audience.segments.loc["seniors", "followers"]
    )


def test_same_seed_same_audience_different_seed_differs(audience):
    again = Audience.synthetic(followers=20_000, seed=3)
    other = Audience.synthetic(followers=20_000, seed=4)
    assert np.array_equal(again.node_segment, audience.node_segment)
    assert np.array_equal(again.graph.indices, audience.graph.indices)
    assert not np.array_equal(other.graph.indices[:1000], audience.graph.indices[:1000])


def test_graph_reaches_beyond_followers_with_heavy_tail_and_low_reciprocity(audience):
    g = audience.graph
    assert audience.people > audience.followers
    out_degree = np.diff(g.indptr)
    assert out_degree.max() > 20 * np.median(out_degree)  # heavy tail
    assert 0.1 < reciprocity(g) < 0.3
    # links from followers to people outside the account's followers exist
    rows = np.repeat(np.arange(g.shape[0]), out_degree)
    assert np.any((rows < audience.followers) & (g.indices >= audience.followers))


def test_power_law_exponent_is_about_2_3():
    g = follow_graph(nodes=200_000, seed=1, max_followers=100_000)
    k = np.diff(g.indptr).astype(float)
    k = k[k >= 10]  # tail above the reciprocity-blurred head
    alpha = 1 + k.size / np.sum(np.log(k / 9.5))  # discrete MLE approximation
    assert 2.0 < alpha < 2.6


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({"followers": -5}, PostLabValueError, "followers=-5, must be between 1 and 5,000,000"),
        ({"followers": 0}, PostLabValueError, "between 1"),
        ({"followers": 10**9}, PostLabValueError, "5,000,000"),
        ({"followers": 2.5}, PostLabTypeError, "whole number"),
        ({"platform": "myspace"}, PostLabValueError, "myspace"),
        ({"mix": {"aliens": 0.2}}, PostLabValueError, "aliens"),
        ({"mix": {"seniors": 0.8, "students": 0.8}}, PostLabValueError, "add up"),
        ({"seed": "abc"}, PostLabTypeError, "seed="),
    ],
)
def test_bad_input_is_refused_with_a_plain_message(kwargs, error, words):
    with pytest.raises(error, match=words):
        Audience.synthetic(**{"followers": 100, **kwargs})


def test_memory_refusal_is_up_front_with_an_estimate(monkeypatch):
    import postlab.audience as mod

    monkeypatch.setattr(mod, "_available_memory", lambda: 200_000_000)
    with pytest.raises(PostLabValueError, match="GB of memory"):
        Audience.synthetic(followers=2_000_000)
    assert estimate_memory(1_000_000) < 1_000_000_000
