"""Do the calendar's posts keep the scenario's key facts? Which is missing, which is wrong.

Each post of a campaign about a press release must state its key facts (the dates, the
helpline, the link), and state them right: a post read alone, or forwarded, still tells
people what to do. Facts are read with :func:`postlab.drafting.extract_facts` (digits in
any script, dates with or without a year); a range such as ``12-16 May`` or
``12 से 16 मई`` gives both days.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from postlab.campaign.calendar import CalendarEntry
from postlab.campaign.lexicon import campaign_words
from postlab.drafting.facts import extract_facts, normalize_digits
from postlab.scenarios import KeyFact, Scenario, get_scenario

__all__ = ["calendar_fact_problems", "post_fact_problems"]

_GROUP = {"date": "dates", "amount": "numbers", "number": "numbers", "phone": "phones"}


@cache
def _range_pattern() -> re.Pattern[str]:
    """``12-16 May``, ``12 to 16 May``, ``12 से 16 मई``: a day, a dash or word, a day, a month."""
    months = "|".join(re.escape(m) for m in sorted(campaign_words().months, key=len, reverse=True))
    return re.compile(
        rf"(?<!\d)(\d{{1,2}})\s*(?:-|–|—|to|till|until|से|तक)\s*(\d{{1,2}})\s+({months})\.?(?!\w)",
        re.IGNORECASE,
    )


def _expanded(text: str) -> str:
    """``text`` with each day range written as two dates, so both days are read."""
    return _range_pattern().sub(
        lambda m: f"{m.group(1)} {m.group(3)}, {m.group(2)} {m.group(3)}", normalize_digits(text)
    )


def _found(fact: KeyFact, facts: dict[str, list[str]]) -> bool:
    """True when ``facts`` (of one post) state ``fact``."""
    if fact.kind == "link":
        return any(fact.normalized.lower() == other.lower() for other in facts["links"])
    if fact.kind == "date":
        return any(fact.normalized[-5:] == other[-5:] for other in facts["dates"])
    return fact.normalized in facts[_GROUP[fact.kind]]


def _phone(digits: str) -> str:
    """A toll-free number as people write it: ``18000004477`` -> ``1800-000-4477``."""
    if len(digits) == 11 and digits.startswith(("1800", "1900")):
        return f"{digits[:4]}-{digits[4:7]}-{digits[7:]}"
    return digits


def _said(fact: KeyFact) -> str:
    """``the heat helpline (1800-000-4477)``."""
    return f"the {fact.label} ({fact.value})"


def _listed(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


_MONTHS = (
    "January February March April May June July August September October November December"
).split()


def _day(iso: str) -> str:
    """``--05-17`` or ``2026-05-17`` -> ``17 May``."""
    month, day = int(iso[-5:-3]), int(iso[-2:])
    return f"{day} {_MONTHS[month - 1]}"


def post_fact_problems(text: str, scenario: Scenario | str) -> list[str]:
    """What one post leaves out of the scenario's key facts, or states wrongly.

    Parameters
    ----------
    text : str
        The post.
    scenario : Scenario or str
        The press release it is about (or its id, ``"heatwave-advisory"``).

    Returns
    -------
    list of str
        Plain sentences, empty when the post keeps every key fact.

    Example
    -------
    >>> post_fact_problems("Heatwave 12-16 May. Call 1800-000-4477.", "heatwave-advisory")
    ['it leaves out the advice and cooling centres (https://example.com/navapur/heatwave)']
    """
    scenario = get_scenario(scenario) if isinstance(scenario, str) else scenario
    facts = extract_facts(_expanded(text))
    out = []
    missing = [f for f in scenario.facts if not _found(f, facts)]
    if missing:
        out.append("it leaves out " + _listed([_said(f) for f in missing]))
    phones = {f.normalized for f in scenario.facts if f.kind == "phone"}
    for digits in facts["phones"]:
        if phones and digits not in phones:
            right = " or ".join(f.value for f in scenario.facts if f.kind == "phone")
            out.append(f"it gives the number {_phone(digits)}, but the right one is {right}")
    links = {f.normalized.lower() for f in scenario.facts if f.kind == "link"}
    for link in facts["links"]:
        if links and link.lower() not in links:
            right = " or ".join(f.value for f in scenario.facts if f.kind == "link")
            out.append(f"it links to {link}, but the right link is {right}")
    days = sorted(f.normalized[-5:] for f in scenario.facts if f.kind == "date")
    for date in facts["dates"]:
        if days and not days[0] <= date[-5:] <= days[-1]:
            span = _listed([f.value for f in scenario.facts if f.kind == "date"])
            out.append(f"it gives {_day(date)}, outside the key dates ({span})")
    return out


def calendar_fact_problems(
    calendar: Sequence[CalendarEntry], scenario: Scenario | str
) -> list[str]:
    """For each post that loses or changes a key fact: where it is and what is wrong.

    Example
    -------
    >>> from postlab.campaign import calendar_from_list
    >>> week = calendar_from_list([{"day": "mon", "time": "09:00", "text": "Drink water."}])
    >>> calendar_fact_problems(week, "heatwave-advisory")[0][:37]
    'The post at Mon 09:00 on x leaves out'
    """
    return [
        f"The post at {entry.where} {problem.removeprefix('it ')}"
        for entry in calendar
        for problem in post_fact_problems(entry.text, scenario)
    ]
