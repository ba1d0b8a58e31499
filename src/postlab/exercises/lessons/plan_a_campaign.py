"""Checks for exercise 06 (Plan a campaign): an OASIS plan for the heatwave advisory.

Each check builds the plan with :mod:`postlab.campaign` from the plain values the trainee
wrote, so the feedback is the campaign engine's own: the objective's number and deadline,
each draft's platform checks, the simulated week (seeded, small audience) and the measures.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from postlab.exercises.checks import Outcome, not_yet, passed

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
    """The plan from the trainee's answers, or a sentence saying why it cannot be built."""
    from postlab.campaign import plan_from_dict
    from postlab.errors import PostLabError

    if not isinstance(answer, dict):
        return None, "Run the cell above the check: it gathers your answers into the plan."
    try:
        return plan_from_dict({**answer, "scenario": SCENARIO}), ""
    except PostLabError as err:
        return None, f"The plan cannot be read yet: {err}."


def _deadline(objective: Any) -> str:
    return objective.deadline.strftime("%d %B %Y").lstrip("0")


def smart_objective(answer: Any) -> Outcome:
    """An outcome objective (or a labelled output) with a number and a full-date deadline.

    GCS OASIS and AMEC / Barcelona Principles 3.0: the objective says what people will do
    (an outcome); reach and impressions are outputs, accepted only when labelled so.
    """
    from postlab.campaign import parse_objective

    if not isinstance(answer, str):
        return not_yet("The objective is a sentence: put it inside quotes.")
    objective = parse_objective(answer)
    if objective.problems:
        return not_yet(
            "Not an objective yet: " + "; ".join(objective.problems) + ".",
            'For example "Get 3,000 calls to the heat helpline by 16 May 2026".',
        )
    if objective.level_problem:
        return not_yet(f"Not yet: {objective.level_problem}.")
    deadline = _deadline(objective)
    if objective.level == "output":
        return passed(
            f"A labelled output objective: {objective.target_label} by {deadline}. It passes, "
            "but an outcome objective is stronger: say what people will do because of the "
            "posts (for example calls to the heat helpline), and keep this as its output target."
        )
    if objective.level == "out-take":
        return passed(
            f"An out-take objective, measured by survey: {objective.target_label} by {deadline}. "
            "It passes; an outcome objective (what people do, such as calls to the helpline) "
            "is stronger still."
        )
    return passed(
        f"An outcome objective: {objective.target_label}, counting what people do, by "
        f"{deadline}. Specific, measurable and time-bound; whether the posts can get there, "
        "the output target and the simulation will show."
    )


def calendar_passes(answer: Any) -> Outcome:
    """At least three posts; every draft passes ``analyze`` for its platform and keeps the
    press release's key facts (dates, helpline, link), stated right."""
    from postlab.campaign import MIN_POSTS, calendar_from_list
    from postlab.campaign.keyfacts import calendar_fact_problems
    from postlab.errors import PostLabError

    if not isinstance(answer, list):
        return not_yet("Write your posts in the calendar form above, then run this check.")
    try:
        calendar = calendar_from_list(answer)
    except PostLabError as err:
        return not_yet(f"The calendar cannot be read yet: {err}.")
    if len(calendar) < MIN_POSTS:
        return not_yet(
            f"{len(calendar)} post(s) is not a week's calendar: write at least {MIN_POSTS}."
        )
    failing = [e for e in calendar if not e.report.passes]
    if failing:
        said = " ".join(
            f"{e.where}: {'; '.join(f.message for f in e.report.errors)}" for e in failing
        )
        return not_yet(said, "Fix each draft, then run the check again.")
    try:
        from postlab.strategies import Strategy

        Strategy(name="Calendar", posts=[e.to_scheduled() for e in calendar], cap_per_day=3)
    except PostLabError as err:
        return not_yet(f"The week's schedule does not work yet: {err}.")
    facts = calendar_fact_problems(calendar, SCENARIO)
    if facts:
        return not_yet(
            " ".join(f"{p}." for p in facts[:3]),
            "Each post may be the only one a person sees: keep the dates (12-16 May), the "
            "helpline 1800-000-4477 and the link in every post, exactly as in the release.",
        )
    days = len({e.day for e in calendar})
    return passed(
        f"All {len(calendar)} posts pass their platform's checks and keep the key facts, "
        f"over {days} days."
    )


def measures_have_outcome(answer: Any) -> Outcome:
    """At least one real outcome, no output called an outcome, every number with a source."""
    from postlab.campaign import measures_from_dict
    from postlab.errors import PostLabError

    if not isinstance(answer, dict | list):
        return not_yet("Fill in the measures form above, then run this check.")
    try:
        measures = measures_from_dict(answer)
    except PostLabError as err:
        return not_yet(f"{err}.")
    if not measures:
        return not_yet("List at least two numbers you will report: an output and an outcome.")
    mislabelled = [m.name for m in measures if m.kind == "outcome" and m.looks_like_output]
    if mislabelled:
        return not_yet(
            f"'{mislabelled[0]}' counts what was published or seen: that is an output.",
            "An outcome is what people did: called the helpline, visited a cooling centre.",
        )
    problems = [p for m in measures for p in m.problems]
    if problems:
        return not_yet(
            " ".join(f"{p}." for p in problems[:2]),
            "Each measure: what is counted, output or outcome, and where the number comes from.",
        )
    outcomes = [m.name for m in measures if m.kind == "outcome"]
    if not outcomes:
        return not_yet(
            "Every measure is an output: they show the posts were seen, not that anyone acted.",
            "Add an outcome: what people did because of the campaign, and its source.",
        )
    return passed(
        f"{len(measures)} measures, {len(outcomes)} outcome(s) such as '{outcomes[0]}', each "
        "with its source: you will know whether people acted, not only whether they scrolled past."
    )


def plan_complete(answer: Any) -> Outcome:
    """``CampaignPlan.check()`` finds nothing (with the exercise's press release)."""
    plan, why = _plan(answer)
    if plan is None:
        return not_yet(why)
    findings = plan.check()
    if findings:
        return not_yet(" ".join(f"{f}." for f in findings[:3]))
    return passed("Every part of the plan is there: objective, audience, idea, calendar, scoring.")


def meets_objective(answer: Any) -> Outcome:
    """The simulated mean reaches the output target (seeded, 20,000 followers)."""
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
