"""Strategy data, presets, strategy files with line-numbered errors."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from postlab.errors import PostLabTypeError, PostLabValueError
from postlab.strategies import (
    WEEKDAYS,
    Partner,
    ReplyPolicy,
    ScheduledPost,
    Strategy,
    StrategyFileError,
    load_strategy,
    preset,
    preset_names,
    save_strategy,
    strategy_from_yaml,
)

GOOD = """\
name: Test plan
platform: x
cap_per_day: 2
reply_policy: {answer_share: 0.5, within_minutes: 60, staffed_hours: [9, 18]}
posts:
  - {day: mon, time: 10:00, format: image, languages: [hi, en]}
  - {day: mon, time: "19:00", format: video}
  - day: tue
    time: "08:30"
    topic: health
"""


def _errors(text: str) -> StrategyFileError:
    with pytest.raises(StrategyFileError) as info:
        strategy_from_yaml(text, source="plan.yaml")
    return info.value


def test_good_file_reads_times_as_clock_times() -> None:
    s = strategy_from_yaml(GOOD)
    assert [p.time for p in s.posts] == ["10:00", "19:00", "08:30"]
    assert s.reply_policy == ReplyPolicy(
        answer_share=0.5, within_minutes=60, staffed_from=9, staffed_until=18
    )
    assert s.posts[2].topic == "health"
    assert s.posts[0].line == 6


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (GOOD.replace("time: 10:00", "tmie: 10:00"), 6, "did you mean 'time'"),
        (GOOD.replace("platform: x", "platform: myspace"), 2, "myspace"),
        (GOOD.replace('"19:00"', '"25:00"'), 7, "25:00"),
        (GOOD.replace('"19:00"', '"10:15"'), 7, "overlaps"),
        (GOOD.replace("cap_per_day: 2", "cap_per_day: 1"), 7, "posting cap"),
        (GOOD.replace("format: video", "format: podcast"), 7, "podcast"),
        (GOOD.replace("day: tue", "day: someday"), 8, "someday"),
        (GOOD.replace("answer_share: 0.5", "answer_share: 5"), 4, "answer_share"),
        (GOOD.split("posts:")[0] + "posts: []\n", 1, "no posts"),
        (GOOD.split("posts:")[0], 1, "no 'posts:'"),
        ("", 1, "empty"),
        ("name: [unclosed\nposts: x\n", 2, "not valid YAML"),
        (GOOD.replace("  - day: tue", "  - day: tue\n    colour: red"), 9, "unknown field"),
    ],
)
def test_bad_file_names_the_line_and_problem(text: str, line: int, words: str) -> None:
    err = _errors(text)
    assert err.line == line
    assert f"plan.yaml, line {line}:" in str(err)
    assert words in str(err)
    assert isinstance(err, ValueError)


def test_missing_file_is_a_plain_error(tmp_path) -> None:
    with pytest.raises(StrategyFileError, match="cannot read"):
        load_strategy(tmp_path / "nope.yaml")


@pytest.mark.parametrize("name", preset_names())
def test_presets_load_and_round_trip(name: str, tmp_path) -> None:
    strategy = preset(name)
    again = load_strategy(save_strategy(strategy, tmp_path / f"{name}.yaml"))
    assert again == strategy
    assert len(strategy.posts) >= 7


def test_at_least_four_named_presets() -> None:
    for name in ("daily-10am", "bilingual-morning-evening", "video-first", "reply-within-an-hour"):
        assert name in preset_names()


def test_posts_are_kept_in_time_order_and_counted_per_day() -> None:
    s = Strategy(
        name="x",
        posts=[ScheduledPost(day="wed", time="9:00"), ScheduledPost(day="mon", time="18:00")],
    )
    assert [p.day for p in s.posts] == ["mon", "wed"]
    assert s.posts_per_day == {"mon": 1, "tue": 0, "wed": 1, "thu": 0, "fri": 0, "sat": 0, "sun": 0}


def test_scheduled_post_becomes_a_simulator_post() -> None:
    post = ScheduledPost(day="Saturday", time="19:30", format="video", languages="hindi")
    sim = post.to_post("facebook")
    assert (sim.day, sim.hour, sim.minute, sim.platform) == ("sat", 19, 30, "facebook")
    assert sim.languages == ("hi",)


@pytest.mark.parametrize(
    ("make", "error", "named"),
    [
        (lambda: Strategy(name="e", posts=[]), PostLabValueError, "no posts"),
        (lambda: Strategy(name="", posts=[]), PostLabTypeError, "name"),
        (lambda: ReplyPolicy(staffed_from=18, staffed_until=9), PostLabValueError, "staffed"),
        (lambda: Partner(name="P", followers=0), PostLabValueError, "followers"),
        (lambda: ScheduledPost(day="mon", time="7pm"), PostLabValueError, "time"),
        (
            lambda: ScheduledPost(day="mon", time="10:00", hashtags=-1),
            PostLabValueError,
            "hashtags",
        ),
    ],
)
def test_bad_values_are_named(make, error, named) -> None:
    with pytest.raises(error, match=named):
        make()


@given(
    st.lists(
        st.tuples(st.sampled_from(WEEKDAYS), st.integers(0, 23), st.sampled_from([0, 30])),
        min_size=1,
        max_size=10,
        unique_by=lambda t: t[0],
    ),
    st.floats(0, 1),
)
def test_any_valid_strategy_survives_the_file(slots, share) -> None:
    posts = [ScheduledPost(day=d, time=f"{h}:{m:02d}") for d, h, m in slots]
    strategy = Strategy(name="random", posts=posts, reply_policy=ReplyPolicy(answer_share=share))
    import yaml

    text = yaml.safe_dump(strategy.to_dict(), sort_keys=False)
    assert strategy_from_yaml(text) == strategy
