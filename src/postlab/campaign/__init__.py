"""A campaign plan on the OASIS model: objective, audience, strategy, implementation, scoring.

OASIS is the UK Government Communication Service's campaign-planning guide
(GCS, "OASIS campaign planning guide", 2018; updated 2021). A plan here holds:

* an **objective** written as a sentence, from which a number and a deadline
  are read (SMART: specific, measurable, achievable, relevant, time-bound);
* the **audience**: the target segments (``data/segments.yaml``) and an insight;
* the **strategy**: the big idea in a sentence or two;
* the **implementation**: a week's content calendar, each draft checked with
  :func:`postlab.drafting.analyze` for its platform;
* the **scoring**: the measures reported afterwards, each tagged ``output``
  (what the account did and who saw it) or ``outcome`` (what people did or
  changed because of it), as in the AMEC Integrated Evaluation Framework (2016).

:meth:`CampaignPlan.check` lists what is missing or wrong; :meth:`CampaignPlan.simulate`
runs the calendar through :func:`postlab.strategies.compare`; :meth:`CampaignPlan.to_csv`
and :meth:`CampaignPlan.to_html` export the calendar and a printable one-page plan.

One job a module: ``objective`` (reading the SMART objective), ``calendar`` (the week's
posts), ``measures`` (outputs and outcomes), ``findings`` (what :meth:`CampaignPlan.check`
finds), ``simulate`` (the week in the model), ``export`` (CSV and HTML), ``plan`` (the plan
and :func:`plan_from_dict`), ``lexicon`` (the word lists of ``data/campaign.yaml``).
"""

from __future__ import annotations

from postlab.campaign.calendar import CalendarEntry, calendar_from_list
from postlab.campaign.findings import MIN_POSTS, PlanFinding
from postlab.campaign.measures import MEASURE_KINDS, Measure, measures_from_dict
from postlab.campaign.objective import Objective, parse_objective
from postlab.campaign.plan import EXAMPLE_PLAN, CampaignPlan, plan_from_dict
from postlab.campaign.simulate import PlanSimulation

__all__ = [
    "EXAMPLE_PLAN",
    "MEASURE_KINDS",
    "MIN_POSTS",
    "CalendarEntry",
    "CampaignPlan",
    "Measure",
    "Objective",
    "PlanFinding",
    "PlanSimulation",
    "calendar_from_list",
    "measures_from_dict",
    "parse_objective",
    "plan_from_dict",
]
