"""ab_test: verdicts against worked references computed by hand, and plain errors."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from postlab.errors import PostLabTypeError, PostLabValueError
from postlab.strategies import VERDICTS, ab_test

Z975 = 1.959963984540054  # standard normal quantile for 97.5 %
Z80 = 0.8416212335729143  # standard normal quantile for 80 %


def _two_sided_p(z: float) -> float:
    """P(|Z| > z) for a standard normal, by hand: erfc(z / sqrt 2)."""
    return math.erfc(abs(z) / math.sqrt(2))


def test_clear_winner_matches_worked_reference() -> None:
    # A: 200 of 10,000 clicked (2.0 %); B: 260 of 10,000 (2.6 %).
    # pooled p = 460 / 20,000 = 0.023; SE = sqrt(0.023 * 0.977 * (1/10,000 + 1/10,000))
    pooled = 460 / 20_000
    se = math.sqrt(pooled * (1 - pooled) * 2 / 10_000)
    z = (0.026 - 0.020) / se  # = 2.830...
    assert z == pytest.approx(2.8304, abs=1e-3)
    # Wald interval of the difference: 0.006 +- 1.96 * sqrt(.02*.98/1e4 + .026*.974/1e4)
    half = Z975 * math.sqrt(0.02 * 0.98 / 10_000 + 0.026 * 0.974 / 10_000)
    # Fleiss, Levin, Paik (2003) eq. 4.14, no continuity correction
    mean = 0.023
    top = Z975 * math.sqrt(2 * mean * (1 - mean)) + Z80 * math.sqrt(0.02 * 0.98 + 0.026 * 0.974)
    needed = math.ceil(top**2 / 0.006**2)

    result = ab_test(200, 10_000, 260, 10_000)

    assert result.p_value == pytest.approx(_two_sided_p(z), rel=1e-9)
    assert result.p_value == pytest.approx(0.00465, abs=1e-4)
    assert result.lift == pytest.approx(0.30)
    assert result.diff_low == pytest.approx(0.006 - half)
    assert result.diff_high == pytest.approx(0.006 + half)
    assert result.lift_low == pytest.approx((0.006 - half) / 0.02)
    assert result.needed_per_group == needed
    assert result.verdict == "B is better"


def test_small_sample_trap_is_too_few_to_tell() -> None:
    # 3/40 against 8/40 looks like +167 %, but A has only 3 successes (< 10).
    result = ab_test(3, 40, 8, 40)
    assert result.lift == pytest.approx(8 / 3 - 1)
    assert result.verdict == "too few people to tell"
    assert "per version" in result.explanation


def test_small_gap_on_big_samples_is_no_clear_difference_yet() -> None:
    # 100/5,000 (2.0 %) against 110/5,000 (2.2 %): pooled p = 0.021
    se = math.sqrt(0.021 * 0.979 * 2 / 5_000)
    p_hand = _two_sided_p(0.002 / se)  # about 0.48
    result = ab_test(100, 5_000, 110, 5_000)
    assert result.p_value == pytest.approx(p_hand, rel=1e-9)
    assert 0.4 < result.p_value < 0.6
    assert result.verdict == "no clear difference yet"
    assert result.needed_per_group > 5_000


def test_a_better_when_b_clearly_worse() -> None:
    assert ab_test(260, 10_000, 200, 10_000).verdict == "A is better"


def test_equal_rates_need_no_sample_size() -> None:
    result = ab_test(50, 1_000, 50, 1_000)
    assert result.needed_per_group is None
    assert result.p_value == pytest.approx(1.0)
    assert result.verdict == "no clear difference yet"


@pytest.mark.parametrize(
    ("args", "error", "named"),
    [
        ((11, 10, 5, 10), PostLabValueError, "a_successes"),
        ((5, 10, 12, 10), PostLabValueError, "b_successes"),
        ((-1, 10, 5, 10), PostLabValueError, "a_successes"),
        ((0, 0, 5, 10), PostLabValueError, "a_trials"),
        ((5, 10, 0, 0), PostLabValueError, "b_trials"),
        ((5.5, 10, 5, 10), PostLabTypeError, "a_successes"),
        ((True, 10, 5, 10), PostLabTypeError, "a_successes"),
        ((5, 10, 5, "10"), PostLabTypeError, "b_trials"),
    ],
)
def test_bad_counts_give_plain_errors(args, error, named) -> None:
    with pytest.raises(error, match=named):
        ab_test(*args)


def test_bad_alpha_is_named() -> None:
    with pytest.raises(PostLabValueError, match="alpha"):
        ab_test(10, 100, 20, 100, alpha=1.5)


@given(
    st.integers(1, 5_000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))),
    st.integers(1, 5_000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))),
)
def test_swapping_versions_mirrors_the_reading(a, b) -> None:
    forward, backward = ab_test(*a, *b), ab_test(*b, *a)
    assert forward.difference == pytest.approx(-backward.difference)
    assert forward.p_value == pytest.approx(backward.p_value)
    assert 0.0 <= forward.p_value <= 1.0
    assert forward.verdict in VERDICTS
    mirror = {"B is better": "A is better", "A is better": "B is better"}
    assert backward.verdict == mirror.get(forward.verdict, forward.verdict)
    assert forward.diff_low <= forward.difference <= forward.diff_high
