"""The rumour race: deterministic per seed, and early corrections beat late ones."""

from __future__ import annotations

import numpy as np
import pytest

from postlab.audience import Audience
from postlab.errors import PostLabTypeError, PostLabValueError
from postlab.replies.rumour import RESPONSES, Response, race, rumour_model


@pytest.fixture(scope="module")
def audience():
    return Audience.synthetic(followers=5_000, seed=7)


def test_same_seed_same_numbers(audience):
    plan = [Response("holding", 10), Response("correction", 120)]
    a = race(audience, plan, seed=11)
    b = race(audience, plan, seed=11)
    np.testing.assert_array_equal(a.unanswered, b.unanswered)
    np.testing.assert_array_equal(a.saw_rumour, b.saw_rumour)
    assert a.shared_rumour == b.shared_rumour


def test_other_seed_other_numbers(audience):
    a = race(audience, [], seed=1)
    b = race(audience, [], seed=2)
    assert not np.array_equal(a.saw_rumour, b.saw_rumour)


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_correction_at_minute_10_beats_one_at_hour_6(audience, seed):
    early = race(audience, [Response("correction", 10)], seed=seed)
    late = race(audience, [Response("correction", 360)], seed=seed)
    assert early.unanswered_hours < late.unanswered_hours
    assert early.reach <= late.reach


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_any_answer_beats_silence(audience, seed):
    silence = race(audience, [], seed=seed)
    assert silence.answered[-1] == 0
    np.testing.assert_array_equal(silence.unanswered, silence.saw_rumour)
    for kind in ("prebunk", "holding", "correction", "partners"):
        answered = race(audience, [Response(kind, 10)], seed=seed)
        assert answered.unanswered_final < silence.unanswered_final, kind


def test_before_the_first_answer_the_rumour_is_the_same(audience):
    # common random numbers: the plan changes nothing before it starts
    silence = race(audience, [], seed=9)
    late = race(audience, [Response("correction", 360)], seed=9)
    before = late.minutes < 360
    np.testing.assert_array_equal(silence.saw_rumour[before], late.saw_rumour[before])


def test_curves_are_consistent(audience):
    result = race(audience, [("holding", 10), ("correction", 180)], hours=6, seed=3)
    assert result.minutes[0] == 0 and result.minutes[-1] == 360
    assert np.all(np.diff(result.saw_rumour) >= 0)
    assert np.all(result.unanswered <= result.saw_rumour)
    assert result.reach <= result.people
    assert len(result.summary()) == 3 and "holding statement at minute 10" in result.summary()[0]
    assert list(result.timeline.columns) == ["saw_rumour", "answered", "unanswered"]


def test_prebunk_before_the_rumour_starts_the_clock_early(audience):
    result = race(audience, [Response("prebunk", -60)], hours=2, seed=1)
    assert result.minutes[0] == -60
    assert result.answered[result.minutes == 0][0] > 0


def test_runs_average(audience):
    one = race(audience, [], hours=2, seed=5, runs=1)
    three = race(audience, [], hours=2, seed=5, runs=3)
    assert three.runs == 3 and one.runs == 1
    again = race(audience, [], hours=2, seed=5, runs=3)
    np.testing.assert_array_equal(three.saw_rumour, again.saw_rumour)
    assert three.saw_rumour[-1] != one.saw_rumour[-1]


def test_every_response_has_a_source():
    assert set(RESPONSES) == {"silence", "prebunk", "holding", "correction", "partners"}
    for spec in rumour_model()["responses"].values():
        assert spec["source"]
    assert rumour_model()["false_news_advantage"]["value"] > 1


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda a: race(a, [("gossip", 10)]), PostLabValueError, "kind='gossip'"),
        (lambda a: race(a, [("correction", 1.5)]), PostLabTypeError, "minute=1.5"),
        (lambda a: race(a, [("correction", -5000)]), PostLabValueError, "minute=-5000"),
        (lambda a: race(a, "correction"), PostLabTypeError, "responses="),
        (lambda a: race(a, [], hours=0), PostLabValueError, "hours=0"),
        (lambda a: race(a, [], runs=500), PostLabValueError, "runs=500"),
        (lambda a: race("audience", []), PostLabTypeError, "audience="),
    ],
)
def test_bad_input_names_the_parameter(audience, call, error, match):
    with pytest.raises(error, match=match):
        call(audience)


def test_a_loud_correction_can_amplify_a_fringe_rumour(audience):
    # RESIST 2 / OECD 2023: ask "should we respond at all?" before countering a rumour.
    silence = race(audience, [], seed=4, rumour="fringe")
    loud = race(audience, [Response("correction", 10)], seed=4, rumour="fringe")
    quiet = race(audience, [Response("holding", 10)], seed=4, rumour="fringe")
    assert loud.amplified > 0 and loud.reach > silence.reach
    assert quiet.amplified == 0 and quiet.reach <= silence.reach
    assert silence.rumour == "fringe"


def test_unknown_rumour_kind_names_the_choices(audience):
    with pytest.raises(PostLabValueError, match="rumour="):
        race(audience, [], rumour="viral")
