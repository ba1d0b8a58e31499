"""Run a plan's week through the strategy engine and say whether it meets its objective."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from postlab.audience import Audience
from postlab.errors import PostLabTypeError, PostLabValueError
from postlab.seeding import SeedLike
from postlab.strategies import Strategy, compare
from postlab.strategies.compare import Comparison

if TYPE_CHECKING:
    from postlab.campaign.plan import CampaignPlan

__all__ = ["PlanSimulation", "simulate_plan"]


@dataclass(frozen=True)
class PlanSimulation:
    """What :meth:`CampaignPlan.simulate` returns.

    Attributes
    ----------
    metric : str
        The metric the objective counts.
    target : float
        The objective's number as a count (or a rate, for engagement rate).
    mean, low, high : float
        The simulated week's mean and its 95 % interval.
    meets : bool
        The mean reaches the target.
    sure : bool
        Even the low end of the interval reaches the target.
    posts_simulated, posts_left_out : int
        Calendar posts on the audience's platform, and posts on other platforms.
    comparison : Comparison
        The full comparison (the plan, and the baseline when one was given).
    """

    metric: str
    target: float
    mean: float
    low: float
    high: float
    meets: bool
    sure: bool
    posts_simulated: int
    posts_left_out: int
    comparison: Comparison

    @property
    def summary(self) -> str:
        """One or two sentences on whether the plan meets its objective in the model."""
        label = self.metric.replace("_", " ")
        fmt = "{:.3%}" if self.metric == "engagement_rate" else "{:,.0f}"
        said = (
            f"The week's calendar gives {label} of {fmt.format(self.mean)} on average "
            f"(95% interval {fmt.format(self.low)} to {fmt.format(self.high)}) against a "
            f"target of {fmt.format(self.target)}"
        )
        if self.sure:
            verdict = ": it meets the objective, with room to spare."
        elif self.meets:
            verdict = ": it meets the objective on average, but only just."
        else:
            verdict = ": it falls short. Post at better hours, in the segment's languages, or more."
        left = (
            f" {self.posts_left_out} post(s) on other platforms were not simulated."
            if self.posts_left_out
            else ""
        )
        return f"{said}{verdict}{left} This is a teaching model, not a forecast."

    def __str__(self) -> str:
        return self.summary


def simulate_plan(
    plan: CampaignPlan,
    audience: Audience,
    *,
    runs: int = 60,
    seed: SeedLike = None,
    baseline: Strategy | None = None,
) -> PlanSimulation:
    """The work behind :meth:`CampaignPlan.simulate`: its parameters, result and errors.

    Raises :class:`~postlab.errors.PostLabTypeError` when ``audience`` is not an Audience.

    Example
    -------
    >>> from postlab.campaign import EXAMPLE_PLAN, plan_from_dict
    >>> aud = Audience.synthetic(followers=2_000, seed=1)
    >>> simulate_plan(plan_from_dict(EXAMPLE_PLAN), aud, runs=4, seed=1).posts_simulated
    3
    """
    if not isinstance(audience, Audience):
        msg = f"audience={type(audience).__name__}, must be an Audience"
        raise PostLabTypeError(msg)
    objective = plan.simulated
    if not objective.simulable:
        why = (
            objective.problems[0]
            if objective.problems
            else "it counts what people do, which the teaching model cannot simulate; add an "
            "output target such as 'Output: reach 800 seniors on X by 16 May 2026'"
        )
        msg = f"objective={objective.text!r} cannot be simulated: {why}"
        raise PostLabValueError(msg)
    key = audience.platform.key
    strategy = plan.strategy(key)
    items = [strategy]
    if baseline is not None:
        items.append(baseline)
    comparison = compare(items, audience, days=7, runs=runs, seed=seed)
    row = comparison.metric(objective.metric).loc[strategy.name]
    target = objective.target_count(audience)
    inside = sum(e.platform == key for e in plan.calendar)
    lower_better = objective.metric == "unfollows"
    mean, low, high = float(row["mean"]), float(row["low"]), float(row["high"])
    return PlanSimulation(
        metric=objective.metric,
        target=target,
        mean=mean,
        low=low,
        high=high,
        meets=mean <= target if lower_better else mean >= target,
        sure=high <= target if lower_better else low >= target,
        posts_simulated=inside,
        posts_left_out=len(plan.calendar) - inside,
        comparison=comparison,
    )
