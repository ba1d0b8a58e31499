"""Library functions a notebook calls give clear errors (or just work), never raw tracebacks."""

from __future__ import annotations

import numpy as np
import pytest

from postlab.audience import Audience
from postlab.errors import PostLabTypeError, PostLabValueError
from postlab.simulation import Post
from postlab.simulation.segments import segment_specs
from postlab.strategies.abtest import ab_test


def test_a_mix_summing_to_one_within_rounding_is_accepted() -> None:
    names = [s.name for s in segment_specs()]
    mix = {names[0]: 0.5, names[1]: 0.5 + 1e-10}
    audience = Audience.synthetic(followers=500, mix=mix, seed=1)
    assert audience is not None
    thirds = {names[0]: 0.1, names[1]: 0.2, names[2]: 0.7}  # 1.0000000000000002 in floats
    assert Audience.synthetic(followers=500, mix=thirds, seed=1) is not None


def test_a_mix_clearly_over_one_is_still_refused() -> None:
    names = [s.name for s in segment_specs()]
    with pytest.raises(PostLabValueError, match=r"add up to 1\.10"):
        Audience.synthetic(followers=500, mix={names[0]: 0.6, names[1]: 0.5}, seed=1)


def test_quality_reasons_none_means_none() -> None:
    assert Post(quality_reasons=None).quality_reasons == ()
    assert Post(quality_reasons="no call to action").quality_reasons == ("no call to action",)
    with pytest.raises(PostLabTypeError, match="quality_reasons=5"):
        Post(quality_reasons=5)


@pytest.mark.parametrize(
    ("args", "name"),
    [
        ((10**400, 10**401, 1, 2), "a_successes"),
        ((1, 10**400, 1, 2), "a_trials"),
        ((1, 2, 1, 10**13), "b_trials"),
        ((1, 2, -(10**400), 2), "b_successes"),
    ],
)
def test_ab_test_with_huge_counts_names_the_parameter(args: tuple, name: str) -> None:
    with pytest.raises(PostLabValueError) as caught:
        ab_test(*args)
    message = str(caught.value)
    assert message.startswith(f"{name}=") and len(message) < 150
    assert "digits" in message or "10,000,000,000,000" in message


def test_ab_test_at_the_largest_count_still_reads() -> None:
    result = ab_test(10**6, 10**12, 2 * 10**6, 10**12)
    assert result.verdict == "B is better" and np.isfinite(result.p_value)
