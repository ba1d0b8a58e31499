"""Checks for exercise 06 (Plan a campaign): an OASIS plan for the heatwave advisory.

Each check builds the plan with :mod:`postlab.campaign` from the plain values the trainee
wrote, so the feedback is the campaign engine's own: the objective's number and deadline,
each draft's platform checks, the simulated week (seeded, small audience) and the measures.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from postlab.exercises.checks import Outcome, not_yet, passed, question

__all__ = [
    "LESSON",
    "SCENARIO",
    "calendar_passes",
    "measures_have_outcome",
    "meets_objective",
    "plan_complete",
    "smart_objective",
]

LESSON = "06-plan-a-campaign"

#: The exercise's scenario (``data/scenarios.yaml``).
SCENARIO = "heatwave-advisory"

#: The exercise's audience and simulation (the same in the notebook).
_FOLLOWERS = 20_000
_AUDIENCE_SEED = 6
_RUNS = 30
_SEED = 12


@cache
def _audience():
    """The exercise's audience: small, seeded, built once per kernel."""
    from postlab.audience import Audience

    return Audience.synthetic(followers=_FOLLOWERS, seed=_AUDIENCE_SEED)


def _plan(answer: Any):
    """The plan from the trainee's dict, or a sentence saying why it cannot be built."""
    from postlab.campaign import plan_from_dict
    from postlab.errors import PostLabError

    if not isinstance(answer, dict):
        return None, "The plan should be a dict: keep the shape of the cell above."
    try:
        return plan_from_dict(answer), ""
    except PostLabError as err:
        return None, f"The plan cannot be read yet: {err}."


@question(
    LESSON,
    "smart-objective",
    asks="Write a SMART objective: what is counted, a number, and a deadline with a full date.",
    hint='For example "Reach 900 seniors with the heat helpline number by 16 May 2026".',
)
def smart_objective(answer: Any) -> Outcome:
    """The objective has a number, a full-date deadline and a countable metric."""
    from postlab.campaign import parse_objective

    if not isinstance(answer, str):
        return not_yet("The objective is a sentence: put it inside quotes.")
    objective = parse_objective(answer)
    if objective.problems:
        return not_yet("Not SMART yet: " + "; ".join(objective.problems) + ".")
    deadline = objective.deadline.strftime("%d %B %Y").lstrip("0")
    counted = objective.metric.replace("_", " ")
    return passed(
        f"Specific and measurable: {objective.target_label} ({counted}); time-bound: by "
        f"{deadline}. Whether it is achievable, the simulation will tell."
    )


@question(
    LESSON,
    "calendar-passes",
    asks="Build a week's content calendar (at least three posts) where every draft passes "
    "its platform's checks.",
    hint="An image post needs alt text; a post must fit its platform's limit.",
)
def calendar_passes(answer: Any) -> Outcome:
    """At least three posts; every draft passes ``analyze`` for its platform."""
    from postlab.campaign import MIN_POSTS, calendar_from_list
    from postlab.errors import PostLabError

    if not isinstance(answer, list):
        return not_yet("The calendar should be a list of posts: keep the shape of the cell above.")
    try:
        calendar = calendar_from_list(answer)
    except PostLabError as err:
        return not_yet(f"The calendar cannot be read yet: {err}.")
    if len(calendar) < MIN_POSTS:
        return not_yet(f"{len(calendar)} post(s) is not a week's calendar: plan at least three.")
    failing = [e for e in calendar if not e.report.passes]
    if failing:
        said = " ".join(
            f"{e.where}: {'; '.join(f.message for f in e.report.errors)}" for e in failing
        )
        return not_yet(said, "Fix each draft, then run the check again.")
    days = len({e.day for e in calendar})
    return passed(f"All {len(calendar)} drafts pass their platform's checks, over {days} days.")


@question(
    LESSON,
    "measures",
    asks="List the numbers you will report afterwards, each tagged output or outcome, with at "
    "least one outcome.",
    hint="An output counts what you published or who saw it; an outcome counts what people did.",
)
def measures_have_outcome(answer: Any) -> Outcome:
    """At least one real outcome, and no output called an outcome."""
    from postlab.campaign import measures_from_dict
    from postlab.errors import PostLabError

    if not isinstance(answer, dict):
        return not_yet(
            "The measures should be a dict.", 'Keep the shape: {"what is counted": "outcome"}.'
        )
    try:
        measures = measures_from_dict(answer)
    except PostLabError as err:
        return not_yet(f"{err}.")
    mislabelled = [m.name for m in measures if m.kind == "outcome" and m.looks_like_output]
    if mislabelled:
        return not_yet(
            f"{mislabelled[0]!r} counts what was published or seen: that is an output.",
            "An outcome is what people did: called the helpline, visited a cooling centre.",
        )
    outcomes = [m.name for m in measures if m.kind == "outcome"]
    if not outcomes:
        return not_yet(
            "Every measure is an output: they show the posts were seen, not that anyone acted.",
        )
    return passed(
        f"{len(measures)} measures, {len(outcomes)} outcome(s) such as {outcomes[0]!r}: "
        "you will know whether people acted, not only whether they scrolled past."
    )


@question(
    LESSON,
    "plan-complete",
    asks="Fill in every part of the plan: objective, segments, insight, idea, calendar, measures.",
    hint="Each part the check names is still missing or too short.",
)
def plan_complete(answer: Any) -> Outcome:
    """``CampaignPlan.check()`` finds nothing."""
    plan, why = _plan(answer)
    if plan is None:
        return not_yet(why)
    findings = plan.check()
    if findings:
        return not_yet(" ".join(f"{f}." for f in findings[:3]))
    return passed("Every part of the plan is there: objective, audience, idea, calendar, scoring.")


@question(
    LESSON,
    "meets-objective",
    asks="Does the week's calendar meet the objective in the simulation?",
    hint="Post when the target segment is online, in the languages it reads, or post more often.",
)
def meets_objective(answer: Any) -> Outcome:
    """The simulated mean reaches the objective's number (seeded, 20,000 followers)."""
    from postlab.errors import PostLabError

    plan, why = _plan(answer)
    if plan is None:
        return not_yet(why)
    try:
        simulation = plan.simulate(_audience(), runs=_RUNS, seed=_SEED)
    except PostLabError as err:
        return not_yet(f"The plan cannot be simulated yet: {err}.")
    if not simulation.meets:
        return not_yet(simulation.summary)
    return passed(simulation.summary)
