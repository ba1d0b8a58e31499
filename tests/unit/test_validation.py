"""Shared argument checks: the message names the parameter, the range and what came."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from postlab.errors import PostLabTypeError, PostLabValueError
from postlab.validation import share, whole_number


@given(st.integers(min_value=1, max_value=1000))
def test_whole_numbers_in_range_come_back_as_int(n: int) -> None:
    assert whole_number("runs", n, 1, 1000) == n


@pytest.mark.parametrize(
    ("value", "error", "words"),
    [
        (0, PostLabValueError, "runs=0, must be between 1 and 5,000"),
        (5001, PostLabValueError, "runs=5,001, must be between 1 and 5,000"),
        (2.5, PostLabTypeError, "runs=2.5, must be a whole number between 1 and 5,000"),
        (True, PostLabTypeError, "runs=True"),
        ("3", PostLabTypeError, "runs='3'"),
    ],
)
def test_whole_number_errors_name_the_parameter(value: object, error: type, words: str) -> None:
    with pytest.raises(error, match=words):
        whole_number("runs", value, 1, 5000)


@given(st.floats(min_value=0.0, max_value=1.0))
def test_shares_in_range_come_back_as_float(x: float) -> None:
    assert share("answer_share", x) == x


@pytest.mark.parametrize(
    ("value", "error"),
    [
        (-0.1, PostLabValueError),
        (1.5, PostLabValueError),
        (float("nan"), PostLabValueError),
        (None, PostLabTypeError),
        (False, PostLabTypeError),
        ("0.5", PostLabTypeError),
    ],
)
def test_share_errors(value: object, error: type) -> None:
    with pytest.raises(error, match="answer_share="):
        share("answer_share", value)
