"""A campaign objective as a sentence: the number, the deadline and what is counted.

What is counted comes first, as in the GCS OASIS guide (2021) and the AMEC framework and
Barcelona Principles 3.0: an **outcome** (what people do: calls to a helpline, children
vaccinated) is the objective to aim for; an **output** (people reached, impressions) is
accepted only when labelled ``"Output: ..."``; an **out-take** (what people know) only
when a survey measures it. "Raise awareness" with nothing to count is not an objective.

The words that name a metric, the month names (English and Hindi) and the number words
(``lakh``, ``crore``) come from ``data/campaign.yaml``; Hindi digits are read as 0-9 with
:func:`postlab.drafting.facts.normalize_digits`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from postlab.audience import Audience
from postlab.campaign._values import text_value
from postlab.campaign.lexicon import campaign_words
from postlab.drafting.facts import normalize_digits
from postlab.errors import PostLabValueError
from postlab.simulation.segments import segment_specs

__all__ = ["Objective", "parse_objective"]


@dataclass(frozen=True)
class Objective:
    """A campaign objective as written, with the number and deadline read from it.

    Attributes
    ----------
    text : str
        The sentence as the planner wrote it.
    target : float or None
        The number to reach (``9,000``; ``1.5 lakh`` is 150,000), or None when there is none.
    is_share : bool
        True when the target is a percentage (then ``target`` is a fraction, 40 % -> 0.4).
    deadline : datetime.date or None
        The date it must be reached by, or None when there is no full date.
    metric : str or None
        The simulated metric that measures it (``"reach_rural_families"``), or None when
        the words do not say what is counted or count something the model cannot
        simulate (an outcome such as helpline calls).
    problems : tuple of str
        What keeps it from being SMART, in plain words (empty when it is).
    level : str or None
        ``"outcome"`` (what people do), ``"out-take"`` (what people know, by survey),
        ``"output"`` (who saw or reacted), or None when nothing countable is named.
    labelled_output : bool
        True when the planner marked it as an output (``"Output: reach ..."``).
    """

    text: str
    target: float | None
    is_share: bool
    deadline: dt.date | None
    metric: str | None
    problems: tuple[str, ...]
    level: str | None = None
    labelled_output: bool = False

    @property
    def smart(self) -> bool:
        """True when the objective has a number, a deadline and a countable metric."""
        return not self.problems

    @property
    def level_problem(self) -> str | None:
        """Why the objective does not put the outcome first (an unlabelled output), or None.

        Example
        -------
        >>> parse_objective("Reach 900 seniors by 7 June 2026").level_problem is not None
        True
        >>> parse_objective("Output: reach 900 seniors by 7 June 2026").level_problem is None
        True
        """
        if self.level == "output" and not self.labelled_output:
            return (
                "it counts who saw or reacted to the posts, which is an output, not what "
                "people did. Write an outcome objective (for example 'Get 3,000 calls to the "
                "heat helpline by 16 May 2026'), or label it as an output: 'Output: reach ...'"
            )
        return None

    @property
    def simulable(self) -> bool:
        """True when the teaching model can simulate it (a number and a week metric)."""
        return self.metric is not None and self.target is not None

    @property
    def target_label(self) -> str:
        """The target as a person would write it (``"9,000"``, ``"40%"``)."""
        if self.target is None:
            return "no number"
        if self.is_share:
            return f"{self.target:.1%}".replace(".0%", "%")
        return f"{self.target:,.0f}"

    def target_count(self, audience: Audience) -> float:
        """The target as a count for ``audience`` (a share is taken of the segment or followers).

        Example
        -------
        >>> aud = Audience.synthetic(followers=2_000, seed=1)
        >>> parse_objective("Reach 50% of followers by 7 June 2026").target_count(aud)
        1000.0
        """
        if self.target is None:
            msg = f"objective {self.text!r} has no number to reach"
            raise PostLabValueError(msg)
        if not self.is_share or self.metric == "engagement_rate":
            return float(self.target)
        base = float(audience.followers)
        if self.metric and self.metric.startswith("reach_"):
            name = self.metric[len("reach_") :]
            base = float(audience.segments.loc[name, "followers"])
        return float(self.target) * base


def _alternation(words: object) -> str:
    """A regex alternation of ``words``, longest first so a short word never cuts a long one."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _date_pattern() -> re.Pattern[str]:
    """Dates as ``2026-06-07``, ``07/06/2026`` (day first), ``7 June 2026`` or ``June 7``."""
    month = f"(?:{_alternation(campaign_words().months)})\\.?"
    return re.compile(
        rf"\b(?P<iso>(?P<iy>\d{{4}})-(?P<im>\d{{1,2}})-(?P<id>\d{{1,2}}))\b"
        rf"|\b(?P<num>(?P<nd>\d{{1,2}})[/.](?P<nm>\d{{1,2}})[/.](?P<ny>\d{{4}}))\b"
        rf"|\b(?P<dm>(?P<dd>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<dmon>{month})(?:,?\s+(?P<dy>\d{{4}}))?)(?!\w)"
        rf"|\b(?P<md>(?P<mmon>{month})\s+(?P<md_d>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<my>\d{{4}}))?)(?!\w)",
        re.IGNORECASE,
    )


@cache
def _number_pattern() -> re.Pattern[str]:
    """Numbers with Indian or Western commas, a fraction, and ``%`` or a number word after."""
    mult = _alternation(campaign_words().multipliers)
    return re.compile(
        r"(?<![\w.])(?P<n>\d{1,3}(?:,\d{2,3})+|\d+)(?P<f>\.\d+)?"
        rf"(?:\s*(?P<pct>%|per\s?cent)|\s*(?P<mult>{mult})\b)?",
        re.IGNORECASE,
    )


@cache
def _reach_pattern() -> re.Pattern[str]:
    """Whole words that make an objective count people reached."""
    return re.compile(rf"\b(?:{_alternation(campaign_words().reach_words)})\b")


def _month(name: str) -> int:
    """The number of a month name as matched (any case, a trailing dot allowed)."""
    return campaign_words().months[name.lower().rstrip(".")]


def _find_dates(text: str) -> tuple[list[dt.date], list[str], list[tuple[int, int]]]:
    """Full dates in ``text``, dates written without a year, and every date's span."""
    dates: list[dt.date] = []
    yearless: list[str] = []
    spans: list[tuple[int, int]] = []
    for m in _date_pattern().finditer(text):
        spans.append(m.span())
        if m.group("iso"):
            y, mo, d = int(m.group("iy")), int(m.group("im")), int(m.group("id"))
        elif m.group("num"):  # Indian order: day first
            y, mo, d = int(m.group("ny")), int(m.group("nm")), int(m.group("nd"))
        elif m.group("dm"):
            y = int(m.group("dy")) if m.group("dy") else None
            mo, d = _month(m.group("dmon")), int(m.group("dd"))
        else:
            y = int(m.group("my")) if m.group("my") else None
            mo, d = _month(m.group("mmon")), int(m.group("md_d"))
        if y is None:
            yearless.append(m.group().strip())
            continue
        try:
            dates.append(dt.date(y, mo, d))
        except ValueError:
            yearless.append(m.group().strip())
    return dates, yearless, spans


def _find_number(text: str, spans: list[tuple[int, int]]) -> tuple[float | None, bool, int]:
    """The first number outside the date spans, whether it is a percentage, and its end."""
    for m in _number_pattern().finditer(text):
        if any(lo <= m.start() < hi for lo, hi in spans):
            continue
        value = float(m.group("n").replace(",", "") + (m.group("f") or ""))
        if m.group("pct"):
            return value / 100.0, True, m.end()
        if m.group("mult"):
            value *= campaign_words().multipliers[m.group("mult").lower()]
        return value, False, m.end()
    return None, False, -1


_EDGE = r"\w\u0900-\u097F"


@cache
def _starts(name: str) -> re.Pattern[str]:
    """Words of list ``name`` matched at the start of a word (``call`` finds ``calls``)."""
    words = getattr(campaign_words(), name)
    return re.compile(rf"(?<![{_EDGE}])(?:{_alternation(words)})")


def _level(low: str, number_end: int) -> str | None:
    """What the objective counts: outcome, out-take, output, ``"awareness"`` or None."""
    words = campaign_words()
    first = re.match(rf"\s*(?:output(?:\s+\w+)?\s*[:\-–]\s*)?([{_EDGE}]+)", low)
    verb = first.group(1) if first else ""
    if verb in words.reach_verbs:
        return "output"
    after = ""
    if number_end >= 0:  # the words that say what the number counts, up to "of", "about" ...
        words = low[number_end:].split()[:3]
        cut = next((i for i, w in enumerate(words) if w in _TOPIC_WORDS), len(words))
        after = " ".join(words[:cut]).replace("the share", "")  # a proportion, not reshares
    if _output_words().search(after):
        return "output"
    if _starts("outcome_words").search(after) or _starts("outcome_words").match(verb):
        return "outcome"
    if _starts("awareness_words").search(low):
        # "Raise awareness of the vaccination camps": a behaviour named as a topic is no outcome.
        return "out-take" if _starts("survey_words").search(low) else "awareness"
    if _starts("outcome_words").search(low):
        return "outcome"
    return None


#: Words after which the objective names a topic, not what is counted.
_TOPIC_WORDS = frozenset({"of", "about", "on", "regarding", "for", "around", "की", "के", "का"})


@cache
def _output_words() -> re.Pattern[str]:
    """Words that count what was published or seen (the measures' output words)."""
    return re.compile(rf"(?<![{_EDGE}])(?:{_alternation(campaign_words().output_words)})")


def _find_metric(text: str) -> str | None:
    """The week metric the objective's words name (first match wins)."""
    low = text.lower()
    words = campaign_words()
    for metric, names in words.metric_words:
        if any(name in low for name in names):
            return metric
    for spec in segment_specs():
        names = {spec.label.lower(), spec.name.replace("_", " ")}
        names.update(words.segment_aliases.get(spec.name, ()))
        if any(name in low for name in names):
            return f"reach_{spec.name}"
    if _reach_pattern().search(low):
        return "reach"
    return None


def parse_objective(text: str) -> Objective:
    """Read the number, the deadline and what is counted from an objective sentence.

    Parameters
    ----------
    text : str
        For example ``"Reach 9,000 rural families with the camp dates by 7 June 2026"``.
        Numbers may use commas, ``%``, ``thousand``, ``lakh`` or ``crore``; dates may be
        ``7 June 2026``, ``June 7, 2026``, ``07/06/2026`` (day first) or ``2026-06-07``.
        Hindi digits are read as well.

    Returns
    -------
    Objective
        Always; what is missing is listed in ``problems`` rather than raised.

    Raises
    ------
    PostLabTypeError
        If ``text`` is not a str.

    Example
    -------
    >>> o = parse_objective("Reach 9,000 rural families by 7 June 2026")
    >>> o.target, o.deadline.isoformat(), o.metric
    (9000.0, '2026-06-07', 'reach_rural_families')
    >>> parse_objective("Raise awareness of the camps").problems[0]
    'it has no number: say how many (for example 9,000 people)'
    """
    clean = text_value("objective", text)
    work = normalize_digits(clean)
    dates, yearless, spans = _find_dates(work)
    target, is_share, number_end = _find_number(work, spans)
    low = work.lower()
    level = _level(low, number_end)
    metric = _find_metric(work) if level in ("output", None) else None
    if level is None and metric is not None:
        level = "output"
    labelled = re.search(campaign_words().output_label, low) is not None
    problems = []
    if target is None:
        problems.append("it has no number: say how many (for example 9,000 people)")
    if not dates:
        if yearless:
            problems.append(f"the date {yearless[0]!r} has no year: write it in full")
        else:
            problems.append("it has no deadline: say by when (for example 'by 7 June 2026')")
    if level == "awareness":
        problems.append(
            "awareness on its own cannot be counted: say what people will do because of "
            "the campaign (for example 'Get 3,000 calls to the heat helpline'), or name the "
            "survey that will measure what they know"
        )
        level = None
    elif level is None:
        problems.append(
            "it does not say what is counted: what people will do (calls to the helpline, "
            "children vaccinated) or, labelled as an output, people reached or impressions"
        )
    return Objective(
        text=clean,
        target=target,
        is_share=is_share,
        deadline=max(dates) if dates else None,
        metric=metric,
        problems=tuple(problems),
        level=level,
        labelled_output=labelled,
    )
