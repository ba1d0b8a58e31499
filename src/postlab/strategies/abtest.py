"""Reading an A/B test honestly: lift, its interval, a p-value, the sample size, a plain verdict.

Formulas (all two-sided, 95 %):

* difference ``d = pB - pA``, Wald interval ``d +- 1.96 sqrt(pA(1-pA)/nA + pB(1-pB)/nB)``;
  lift ``d / pA`` with that interval divided by ``pA``;
* p-value of the pooled two-proportion z-test,
  ``z = d / sqrt(p(1-p)(1/nA + 1/nB))`` with ``p = (xA + xB) / (nA + nB)``;
* people needed per group to detect the observed difference with 80 % power
  (Fleiss, Levin and Paik, *Statistical Methods for Rates and Proportions*,
  3rd ed. 2003, eq. 4.14 without continuity correction);
* the z-test is only trusted when each group has at least 10 successes and
  10 failures (the "success-failure condition", OpenIntro Statistics, 4th
  ed., section 6.2); below that the verdict is "too few people to tell".
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

from scipy import stats

from postlab.errors import PostLabTypeError, PostLabValueError

__all__ = ["VERDICTS", "ABTest", "ab_test"]

#: The verdicts :func:`ab_test` can give.
VERDICTS: tuple[str, ...] = (
    "B is better",
    "A is better",
    "no clear difference yet",
    "too few people to tell",
)

_MIN_COUNT = 10
_MAX_PEOPLE = 10**12  # more people than there are: a count above this is a typo


@dataclass(frozen=True)
class ABTest:
    """The reading of one A/B test.

    Attributes
    ----------
    a_rate, b_rate : float
        Success rates of A and B.
    difference, diff_low, diff_high : float
        ``b_rate - a_rate`` and its 95 % interval (percentage points as fractions).
    lift, lift_low, lift_high : float
        Relative change of B over A and its 95 % interval (``nan`` when A had no successes).
    p_value : float
        Two-sided p-value of the pooled z-test.
    needed_per_group : int or None
        People per group needed to detect this difference with 80 % power
        (None when the rates are equal).
    verdict : str
        One of :data:`VERDICTS`.
    explanation : str
        The verdict in a sentence or two, with the numbers.
    """

    a_rate: float
    b_rate: float
    difference: float
    diff_low: float
    diff_high: float
    lift: float
    lift_low: float
    lift_high: float
    p_value: float
    needed_per_group: int | None
    verdict: str
    explanation: str

    def __str__(self) -> str:
        return f"{self.verdict}: {self.explanation}"


def _count(name: str, value: object) -> int:
    """Validate a whole, non-negative count."""
    if not isinstance(value, numbers.Integral) or isinstance(value, bool):
        msg = f"{name}={value!r}, must be a whole number of people (0 or more)"
        raise PostLabTypeError(msg)
    if value < 0:
        msg = f"{name}={_shown(value)}, must be 0 or more (a count of people)"
        raise PostLabValueError(msg)
    if value > _MAX_PEOPLE:
        msg = f"{name}={_shown(value)}, must be at most {_MAX_PEOPLE:,} (a count of people)"
        raise PostLabValueError(msg)
    return int(value)


def _shown(value: int) -> str:
    """``value`` as written, or its number of digits when it is too long to read."""
    digits = len(str(abs(int(value))))
    return f"{int(value):,}" if digits <= 20 else f"a number with {digits:,} digits"


def _needed(pa: float, pb: float, alpha: float, power: float) -> int | None:
    """People per group to detect ``pb - pa`` (Fleiss et al. 2003, eq. 4.14)."""
    if pa == pb:
        return None
    za, zb = stats.norm.ppf(1 - alpha / 2), stats.norm.ppf(power)
    mean = (pa + pb) / 2
    top = za * math.sqrt(2 * mean * (1 - mean)) + zb * math.sqrt(pa * (1 - pa) + pb * (1 - pb))
    return math.ceil(top**2 / (pb - pa) ** 2)


def ab_test(
    a_successes: int,
    a_trials: int,
    b_successes: int,
    b_trials: int,
    *,
    alpha: float = 0.05,
    power: float = 0.8,
) -> ABTest:
    """Read an A/B test of two versions of a post (for example clicks out of people who saw it).

    Parameters
    ----------
    a_successes, a_trials : int
        People who acted, and people who saw version A.
    b_successes, b_trials : int
        The same for version B.
    alpha : float
        Chance of calling a difference that is only luck (default 5 %).
    power : float
        Chance of catching a real difference of the observed size, for the sample size.

    Returns
    -------
    ABTest
        Lift with its interval, p-value, people needed per group, and a verdict.

    Raises
    ------
    PostLabTypeError, PostLabValueError
        For counts that are not whole numbers, negative counts, zero trials,
        more successes than trials, or alpha or power outside 0..1.

    Example
    -------
    >>> ab_test(200, 10_000, 260, 10_000).verdict
    'B is better'
    >>> ab_test(3, 40, 8, 40).verdict
    'too few people to tell'
    """
    xa, na = _count("a_successes", a_successes), _count("a_trials", a_trials)
    xb, nb = _count("b_successes", b_successes), _count("b_trials", b_trials)
    for name, trials in (("a_trials", na), ("b_trials", nb)):
        if trials == 0:
            msg = f"{name}=0, must be at least 1: nobody saw that version"
            raise PostLabValueError(msg)
    for name, x, n in (("a_successes", xa, na), ("b_successes", xb, nb)):
        if x > n:
            msg = f"{name}={x:,} is more than the {n:,} people who saw it; must be at most {n:,}"
            raise PostLabValueError(msg)
    for name, value in (("alpha", alpha), ("power", power)):
        if not isinstance(value, numbers.Real) or isinstance(value, bool) or not 0 < value < 1:
            msg = f"{name}={value!r}, must be a number between 0 and 1"
            raise PostLabValueError(msg)
    pa, pb = xa / na, xb / nb
    d = pb - pa
    z_crit = float(stats.norm.ppf(1 - alpha / 2))
    half = z_crit * math.sqrt(pa * (1 - pa) / na + pb * (1 - pb) / nb)
    pooled = (xa + xb) / (na + nb)
    se = math.sqrt(pooled * (1 - pooled) * (1 / na + 1 / nb))
    p_value = 1.0 if se == 0 else float(2 * stats.norm.sf(abs(d) / se))
    lift = d / pa if pa > 0 else math.nan
    low = (d - half) / pa if pa > 0 else math.nan
    high = (d + half) / pa if pa > 0 else math.nan
    needed = _needed(pa, pb, alpha, power)
    few = min(xa, na - xa, xb, nb - xb) < _MIN_COUNT
    if few:
        verdict = VERDICTS[3]
        why = (
            f"A {xa:,}/{na:,} and B {xb:,}/{nb:,} are too few to trust: each version needs at "
            f"least {_MIN_COUNT} people who acted and {_MIN_COUNT} who did not"
        )
        if needed:
            why += f"; to detect a gap this size you need about {needed:,} people per version"
        why += "."
    elif p_value < alpha:
        verdict = VERDICTS[0] if d > 0 else VERDICTS[1]
        why = (
            f"{pb:.2%} against {pa:.2%}, a lift of {lift:+.0%} (95% interval {low:+.0%} to "
            f"{high:+.0%}); p = {p_value:.3f}, so luck alone rarely gives a gap this large."
        )
    else:
        verdict = VERDICTS[2]
        why = f"{pb:.2%} against {pa:.2%}; p = {p_value:.2f}, so this gap could be luck."
        if needed and needed > max(na, nb):
            why += f" To detect a gap this size you need about {needed:,} people per version."
    return ABTest(
        a_rate=pa,
        b_rate=pb,
        difference=d,
        diff_low=d - half,
        diff_high=d + half,
        lift=lift,
        lift_low=low,
        lift_high=high,
        p_value=p_value,
        needed_per_group=needed,
        verdict=verdict,
        explanation=why,
    )
