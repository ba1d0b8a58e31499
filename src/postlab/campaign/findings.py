"""What keeps a plan from being complete and sound, part by part of OASIS."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from postlab.errors import PostLabValueError

if TYPE_CHECKING:
    from postlab.campaign.plan import CampaignPlan

__all__ = ["MIN_POSTS", "PlanFinding", "plan_findings"]

#: Fewest posts that make a week's calendar.
MIN_POSTS = 3
#: Fewest words of an insight or an idea that say something.
_MIN_WORDS = 5


@dataclass(frozen=True)
class PlanFinding:
    """One thing to fix in a plan.

    Attributes
    ----------
    part : str
        The OASIS part: ``objective``, ``audience``, ``strategy``, ``implementation``
        or ``scoring``.
    code : str
        Short machine name (``"no_deadline"``, ``"draft_fails"``, ``"no_outcome"`` ...).
    message : str
        What is wrong and how to fix it.
    """

    part: str
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.part}: {self.message}"


def _words(text: str) -> int:
    """Number of words in ``text``."""
    return len(text.split())


def plan_findings(plan: CampaignPlan) -> tuple[PlanFinding, ...]:
    """The work behind :meth:`CampaignPlan.check`: what keeps ``plan`` from being ready.

    Example
    -------
    >>> from postlab.campaign import EXAMPLE_PLAN, plan_from_dict
    >>> plan_findings(plan_from_dict({**EXAMPLE_PLAN, "idea": "Camps."}))[0].code
    'no_idea'
    """
    out = [PlanFinding("objective", "objective", p) for p in plan.objective.problems]
    if plan.objective.level_problem and not plan.objective.problems:
        out.append(PlanFinding("objective", "output_objective", plan.objective.level_problem))
    target = plan.output_target
    if target is not None:
        said = [*target.problems]
        if not said and target.level != "output":
            said.append(
                "the output target counts what the posts achieve (people reached, "
                "impressions), written like 'Output: reach 800 seniors on X by 16 May 2026'"
            )
        elif not said and not target.simulable:
            said.append("the output target names nothing the simulation can count")
        out += [PlanFinding("objective", "output_target", f"output target: {p}") for p in said]
    if not plan.name:
        out.insert(0, PlanFinding("objective", "no_name", "the campaign has no name"))
    if not plan.segments:
        out.append(PlanFinding("audience", "no_segments", "name at least one target segment"))
    if _words(plan.insight) < _MIN_WORDS:
        out.append(
            PlanFinding(
                "audience",
                "no_insight",
                f"write the audience insight in a sentence ({_MIN_WORDS} words or more): "
                "what do these people need, and when and where are they online?",
            )
        )
    if _words(plan.idea) < _MIN_WORDS:
        out.append(
            PlanFinding(
                "strategy",
                "no_idea",
                f"write the idea in a sentence ({_MIN_WORDS} words or more): "
                "what will make these people act?",
            )
        )
    out += _calendar_findings(plan)
    out += _scoring_findings(plan)
    return tuple(out)


def _calendar_findings(plan: CampaignPlan) -> list[PlanFinding]:
    """Too few posts, drafts that fail their platform's checks, clashes and the cap."""
    out = []
    if len(plan.calendar) < MIN_POSTS:
        out.append(
            PlanFinding(
                "implementation",
                "too_few_posts",
                f"the calendar has {len(plan.calendar)} post(s); a week's calendar needs "
                f"at least {MIN_POSTS}",
            )
        )
    for entry in plan.calendar:
        if not entry.text:
            out.append(PlanFinding("implementation", "empty_draft", f"{entry.where} has no text"))
            continue
        errors = entry.report.errors
        if errors:
            said = "; ".join(f.message for f in errors)
            out.append(
                PlanFinding(
                    "implementation",
                    "draft_fails",
                    f"the post at {entry.where} does not pass the {entry.platform} checks: {said}",
                )
            )
    if plan.scenario is not None:
        from postlab.campaign.keyfacts import calendar_fact_problems

        out += [
            PlanFinding("implementation", "key_facts", p)
            for p in calendar_fact_problems([e for e in plan.calendar if e.text], plan.scenario)
        ]
    try:
        plan.strategy()
    except PostLabValueError as err:
        if "has no posts" not in str(err):
            out.append(PlanFinding("implementation", "schedule", str(err)))
    return out


def _scoring_findings(plan: CampaignPlan) -> list[PlanFinding]:
    """No measures, no outcome, or an output called an outcome."""
    if not plan.measures:
        return [
            PlanFinding("scoring", "no_measures", "list the numbers you will report afterwards")
        ]
    out = []
    for m in plan.measures:
        if not m.name:
            out.append(PlanFinding("scoring", "empty_measure", "a measure has no name"))
            continue
        out += [PlanFinding("scoring", "measure", p) for p in m.problems]
        if m.kind == "outcome" and m.looks_like_output:
            out.append(
                PlanFinding(
                    "scoring",
                    "output_called_outcome",
                    f"{m.name!r} counts what was published or seen: that is an output. "
                    "An outcome is what people did because of it (came to a camp, "
                    "called the helpline, applied).",
                )
            )
    if not any(m.kind == "outcome" and not m.looks_like_output for m in plan.measures):
        out.append(
            PlanFinding(
                "scoring",
                "no_outcome",
                "every measure is an output; add at least one outcome: what people will "
                "do because of the campaign, and where that number comes from",
            )
        )
    return out
