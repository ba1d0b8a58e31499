"""explain() and result_notes(): sentences that read well for none, one and many."""

from __future__ import annotations

import re
from dataclasses import replace

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from postlab.audience import Audience
from postlab.simulation import Post, simulate
from postlab.simulation.explain import result_notes


@pytest.fixture(scope="module")
def base():
    """A real result whose run table and segment table the tests replace."""
    return simulate(Post(), Audience.synthetic(followers=2_000, seed=1), runs=2, seed=1)


def _result(base, *, reshare, outside, depth, reach=None, critics=0.0, replies=0.0):
    """``base`` with a made-up run table (one row per run) and reply counts by segment."""
    n = len(reshare)
    runs = pd.DataFrame(
        {
            "run": range(n),
            "reach": reach or [1_000] * n,
            "reach_outside": outside,
            "reshare": reshare,
            "cascade_depth": depth,
        }
    )
    seg = base.by_segment.copy()
    seg["reply"] = 0.0
    seg.loc["critics", "reply"] = critics
    seg.loc["students", "reply"] = replies - critics
    return replace(base, runs=runs, n_runs=n, by_segment=seg)


@pytest.mark.parametrize(
    ("reshare", "outside", "depth", "sentence"),
    [
        ([0], [0], [0], "Nobody reshared it, so only followers saw it (most posts go this way)."),
        (
            [1],
            [0],
            [1],
            "It was reshared once and reached no one beyond the account's followers; "
            "the longest reshare chain was 1 step.",
        ),
        (
            [1],
            [1],
            [1],
            "It was reshared once and reached 1 person who does not follow the account; "
            "the longest reshare chain was 1 step.",
        ),
        (
            [4],
            [57],
            [3],
            "It was reshared 4 times and reached 57 people who do not follow the account; "
            "the longest reshare chain was 3 steps.",
        ),
        (
            [0, 0, 0],
            [0, 0, 0],
            [0, 0, 0],
            "Nobody reshared it in any of the 3 runs, so only followers saw it "
            "(most posts go this way).",
        ),
        (
            [0, 1, 0],
            [0, 0, 0],
            [0, 1, 0],
            "Almost nobody reshared it, so only followers saw it (most posts go this way).",
        ),
        (
            [1, 1],
            [0, 0],
            [1, 1],
            "On average it was reshared once a run and reached no one beyond the account's "
            "followers in any run; the longest reshare chain in any run was 1 step.",
        ),
        (
            [1, 2, 0, 1],
            [1, 0, 0, 0],
            [1, 2, 0, 1],
            "On average it was reshared once a run and reached someone who does not follow the "
            "account in only 1 of the 4 runs; the longest reshare chain in any run was 2 steps.",
        ),
        (
            [2, 3],
            [10, 15],
            [1, 2],
            "On average it was reshared 2.5 times a run and reached about 12.5 people who do not "
            "follow the account; the longest reshare chain in any run was 2 steps.",
        ),
    ],
)
def test_reshare_sentence_for_none_one_and_many(base, reshare, outside, depth, sentence) -> None:
    notes = result_notes(_result(base, reshare=reshare, outside=outside, depth=depth))
    assert notes[0] == sentence


@pytest.mark.parametrize(
    ("critics", "replies", "runs", "sentence"),
    [
        (0, 1, 1, "The one reply did not come from a critic of the account."),
        (1, 1, 1, "The one reply came from a critic of the account."),
        (0, 5, 1, "None of the replies came from critics of the account."),
        (5, 5, 1, "Critics of the account wrote all of the replies."),
        (2, 5, 1, "Critics of the account wrote 40 % of the replies."),
        (1, 1, 2, "Critics of the account wrote all of the replies."),
        (0.001, 1, 2, "Critics of the account wrote under 1 % of the replies."),
    ],
)
def test_critics_sentence_for_none_one_and_all(base, critics, replies, runs, sentence) -> None:
    made = _result(
        base, reshare=[0] * runs, outside=[0] * runs, depth=[0] * runs, critics=critics,
        replies=replies,
    )  # fmt: skip
    assert sentence in result_notes(made)


def test_no_critics_sentence_without_replies(base) -> None:
    notes = result_notes(_result(base, reshare=[0], outside=[0], depth=[0]))
    assert not any("repl" in note for note in notes)


@pytest.mark.parametrize(
    ("reach", "sentence"),
    [
        ([0, 0, 0], "Across 3 runs of the same post, no one saw it in any run."),
        (
            [800, 800, 800],
            "Across 3 runs of the same post, reach was about 800 every time: "
            "here luck made little difference.",
        ),
    ],
)
def test_spread_sentence_when_runs_agree(base, reach, sentence) -> None:
    made = _result(base, reshare=[0] * 3, outside=[0] * 3, depth=[0] * 3, reach=reach)
    assert result_notes(made)[-1] == sentence


def test_spread_sentence_when_runs_differ(base) -> None:
    made = _result(base, reshare=[0, 0], outside=[0, 0], depth=[0, 0], reach=[700, 1_300])
    note = result_notes(made)[-1]
    assert note.startswith("Across 2 runs of the same post, reach ranged from ")
    assert note.endswith(": that spread is luck, not strategy.")


_BAD_AGREEMENT = [
    r"(?<![\d.,])1 (reshares|people|steps|persons)\b",  # "1 reshares"
    r"(?<![\d.,])(0|[2-9]|\d{2,}) (reshare|step|person)\b",  # "3 step", "0 person"
    r"(?<![\d.,])0 (people|reshares)\b",  # "0 people": say "no one"
    r"\(s\)",  # "step(s)"
    r"about 0(?![.\d])",
]


@settings(max_examples=150, deadline=None)
@given(
    rows=st.lists(
        st.tuples(
            st.integers(0, 40), st.integers(0, 3_000), st.integers(0, 12), st.integers(0, 9_000)
        ),
        min_size=1,
        max_size=6,
    ),
    replies=st.integers(0, 20),
    critic_share=st.floats(0, 1),
)
def test_every_note_is_grammatical_for_any_counts(base, rows, replies, critic_share) -> None:
    reshare, outside, depth, reach = (list(col) for col in zip(*rows, strict=True))
    made = _result(
        base, reshare=reshare, outside=outside, depth=depth, reach=reach,
        critics=round(replies * critic_share), replies=replies,
    )  # fmt: skip
    for note in result_notes(made):
        assert note[0].isupper()
        assert note.endswith(".")
        for pattern in _BAD_AGREEMENT:
            assert not re.search(pattern, note), (pattern, note)


def test_explain_of_a_real_run_ends_with_the_notes() -> None:
    audience = Audience.synthetic(followers=5_000, seed=3)
    result = simulate(Post(format="video", hour=20, call_to_action=True), audience, seed=7)
    lines = result.explain()
    assert lines[-len(result.notes) :] == list(result.notes)
    assert not any("(s)" in line for line in lines)
