"""Post(author_reply_rate=...): X's "reply engaged by author" weight in the ranked feed."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from postlab.audience import Audience
from postlab.errors import PostLabTypeError, PostLabValueError
from postlab.simulation import Post, simulate
from postlab.simulation.defaults import model_defaults
from postlab.simulation.expected import expected
from postlab.simulation.feed import ranking_score
from postlab.simulation.segments import segment_specs

SHARES = np.array([s.share for s in segment_specs()])
CAP = float(model_defaults()["ranking"]["author_reply_boost_max"])


@pytest.fixture(scope="module")
def audience() -> Audience:
    return Audience.synthetic(followers=5_000, seed=4)


def test_default_is_unset_and_zero_changes_nothing(audience) -> None:
    assert Post().author_reply_rate is None
    assert model_defaults()["ranking"]["author_reply_rate"] == 0.0
    plain = simulate(Post(format="image", hour=19), audience, runs=3, seed=5)
    zero = simulate(Post(format="image", hour=19, author_reply_rate=0.0), audience, runs=3, seed=5)
    assert zero.runs.equals(plain.runs)
    assert [f.name for f in zero.factors] == [f.name for f in plain.factors]


def test_ranking_score_takes_the_rate_or_the_data_default() -> None:
    p = np.array([0.01, 0.002, 0.003, 0.001, 0.0001])
    weight = model_defaults()["ranking"]["weights"]["reply_engaged_by_author"]
    assert ranking_score(p) == ranking_score(p, author_reply_rate=0.0)
    gained = ranking_score(p, author_reply_rate=0.5) - ranking_score(p)
    assert gained == pytest.approx(weight * 0.002 * 0.5)


def test_answering_raises_the_ranked_boost_a_little_and_no_more_than_the_cap() -> None:
    for fmt in ("text", "image", "thread"):
        plain = expected(Post(format=fmt), SHARES)
        answered = expected(Post(format=fmt, author_reply_rate=1.0), SHARES)
        assert plain.boost < answered.boost <= plain.boost * CAP + 1e-12
        assert answered.reach_per_follower > plain.reach_per_follower


@settings(max_examples=40, deadline=None)
@given(
    low=st.floats(0, 1),
    high=st.floats(0, 1),
    hour=st.integers(0, 23),
    fmt=st.sampled_from(["text", "image", "video", "link", "thread"]),
)
def test_more_answers_never_mean_less_ranked_exposure(low, high, hour, fmt) -> None:
    low, high = sorted((low, high))
    a = expected(Post(hour=hour, format=fmt, author_reply_rate=low), SHARES)
    b = expected(Post(hour=hour, format=fmt, author_reply_rate=high), SHARES)
    assert a.boost <= b.boost
    assert a.reach_per_follower <= b.reach_per_follower + 1e-15


def test_chronological_feed_ignores_answers(audience) -> None:
    post = Post(format="image", hour=19)
    plain = simulate(post, audience, runs=3, seed=2, feed="chronological")
    answered = simulate(post.replace(author_reply_rate=1.0), audience, runs=3, seed=2,
                        feed="chronological")  # fmt: skip
    assert answered.runs.equals(plain.runs)
    assert "author_replies" not in [f.name for f in answered.factors]


def test_simulated_reach_is_higher_when_the_account_answers(audience) -> None:
    post = Post(format="image", hour=19)
    plain = simulate(post, audience, runs=6, seed=9)
    answered = simulate(post.replace(author_reply_rate=1.0), audience, runs=6, seed=9)
    assert answered.runs["reach"].mean() > plain.runs["reach"].mean()
    # who of the followers sees it comes from the run's first draw, shared by both posts
    followers_plain = plain.runs["reach"] - plain.runs["reach_outside"]
    followers_answered = answered.runs["reach"] - answered.runs["reach_outside"]
    assert (followers_answered >= followers_plain).all()


def test_explain_names_the_answers_and_the_weight(audience) -> None:
    result = simulate(Post(author_reply_rate=0.25), audience, seed=1)
    factor = next(f for f in result.factors if f.name == "author_replies")
    assert 1.0 < factor.multiplier <= CAP + 1e-12
    assert "25 % of replies" in factor.sentence
    assert "75" in factor.sentence
    assert "author_replies" not in [f.name for f in simulate(Post(), audience, seed=1).factors]


@pytest.mark.parametrize(
    ("value", "error"),
    [(1.5, PostLabValueError), (-0.1, PostLabValueError), ("high", PostLabTypeError),
     (True, PostLabTypeError)],
)  # fmt: skip
def test_bad_rate_is_named(value, error) -> None:
    with pytest.raises(error, match="author_reply_rate"):
        Post(author_reply_rate=value)
