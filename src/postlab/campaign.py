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
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import numbers
import os
import re
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from postlab.audience import Audience
from postlab.drafting import analyze
from postlab.drafting.facts import normalize_digits
from postlab.drafting.report import Report
from postlab.errors import PostLabTypeError, PostLabValueError
from postlab.platforms import get_platform
from postlab.seeding import SeedLike
from postlab.simulation.segments import segment_specs
from postlab.strategies import ScheduledPost, Strategy, compare
from postlab.strategies.compare import Comparison

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

#: The two kinds of measure a plan reports (AMEC Integrated Evaluation Framework, 2016).
MEASURE_KINDS: tuple[str, ...] = ("output", "outcome")

#: Fewest posts that make a week's calendar.
MIN_POSTS = 3
#: Fewest words of an insight or an idea that say something.
_MIN_WORDS = 5

# Words that name an OUTPUT (what was published and who saw or reacted to it). A measure with
# one of these words tagged "outcome" is reported. Source: AMEC Integrated Evaluation Framework
# (2016) and GCS Evaluation Framework 2.0 (2018): reach, impressions, views, likes, shares,
# followers and engagement are outputs or out-takes; outcomes are changes in what people do.
_OUTPUT_WORDS = (
    "impression",
    "reach",
    "view",
    "like",
    "reshare",
    "retweet",
    "share",
    "follower",
    "engagement",
    "post",
    "click",
)

_MULTIPLIERS = {"thousand": 1e3, "k": 1e3, "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7}
_MONTHS = {
    name.lower(): i
    for i in range(1, 13)
    for name in (dt.date(2000, i, 1).strftime("%B"), dt.date(2000, i, 1).strftime("%b"))
}
_MONTHS["sept"] = 9
_MONTHS.update(  # Hindi month names, as the drafting engine reads them
    {
        name: i
        for i, names in enumerate(
            (
                ("जनवरी",),
                ("फ़रवरी", "फरवरी"),
                ("मार्च",),
                ("अप्रैल",),
                ("मई",),
                ("जून",),
                ("जुलाई",),
                ("अगस्त",),
                ("सितंबर", "सितम्बर"),
                ("अक्टूबर", "अक्तूबर"),
                ("नवंबर", "नवम्बर"),
                ("दिसंबर", "दिसम्बर"),
            ),
            start=1,
        )
        for name in names
    }
)
_MONTH = "(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DATE = re.compile(
    rf"\b(?P<iso>(?P<iy>\d{{4}})-(?P<im>\d{{1,2}})-(?P<id>\d{{1,2}}))\b"
    rf"|\b(?P<num>(?P<nd>\d{{1,2}})[/.](?P<nm>\d{{1,2}})[/.](?P<ny>\d{{4}}))\b"
    rf"|\b(?P<dm>(?P<dd>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<dmon>{_MONTH})(?:,?\s+(?P<dy>\d{{4}}))?)(?!\w)"
    rf"|\b(?P<md>(?P<mmon>{_MONTH})\s+(?P<md_d>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<my>\d{{4}}))?)(?!\w)",
    re.IGNORECASE,
)
_NUMBER = re.compile(
    r"(?<![\w.])(?P<n>\d{1,3}(?:,\d{2,3})+|\d+)(?P<f>\.\d+)?"
    r"(?:\s*(?P<pct>%|per\s?cent)|\s*(?P<mult>thousand|k|lakhs?|crores?)\b)?",
    re.IGNORECASE,
)

# Which week metric an objective is measured by, from the words it uses (first match wins).
_METRIC_WORDS: tuple[tuple[str, str], ...] = (
    (r"engagement rate", "engagement_rate"),
    (r"repl(?:y|ies)|answer", "replies_answered"),
    (r"impressions?|views?", "impressions"),
    (r"engagements?|likes?|reshares?", "engagements"),
    (r"unfollow", "unfollows"),
)


# ---------------------------------------------------------------------------------------------
# small validators


def _text(name: str, value: object) -> str:
    """Validate text (may be empty; emptiness is a finding, not an error)."""
    if not isinstance(value, str):
        msg = f"{name}={value!r}, must be text in quotes"
        raise PostLabTypeError(msg)
    return value.strip()


def _words(text: str) -> int:
    """Number of words in ``text``."""
    return len(text.split())


def _segment_name(value: object) -> str:
    """A segment's name from its name or label (``"Rural families"`` -> ``rural_families``)."""
    specs = segment_specs()
    if isinstance(value, str):
        key = re.sub(r"[\s\-]+", "_", value.strip().lower())
        for spec in specs:
            if key in (spec.name, re.sub(r"[\s\-]+", "_", spec.label.lower())):
                return spec.name
    names = ", ".join(s.name for s in specs)
    msg = f"segments has {value!r}, must be among: {names}"
    raise PostLabValueError(msg)


# ---------------------------------------------------------------------------------------------
# Objective


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
        the words do not say what is counted.
    problems : tuple of str
        What keeps it from being SMART, in plain words (empty when it is).
    """

    text: str
    target: float | None
    is_share: bool
    deadline: dt.date | None
    metric: str | None
    problems: tuple[str, ...]

    @property
    def smart(self) -> bool:
        """True when the objective has a number, a deadline and a countable metric."""
        return not self.problems

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


def _find_dates(text: str) -> tuple[list[dt.date], list[str], list[tuple[int, int]]]:
    """Full dates in ``text``, dates written without a year, and every date's span."""
    dates: list[dt.date] = []
    yearless: list[str] = []
    spans: list[tuple[int, int]] = []
    for m in _DATE.finditer(text):
        spans.append(m.span())
        if m.group("iso"):
            y, mo, d = int(m.group("iy")), int(m.group("im")), int(m.group("id"))
        elif m.group("num"):  # Indian order: day first
            y, mo, d = int(m.group("ny")), int(m.group("nm")), int(m.group("nd"))
        elif m.group("dm"):
            y = int(m.group("dy")) if m.group("dy") else None
            mo, d = _MONTHS[m.group("dmon").lower().rstrip(".")], int(m.group("dd"))
        else:
            y = int(m.group("my")) if m.group("my") else None
            mo, d = _MONTHS[m.group("mmon").lower().rstrip(".")], int(m.group("md_d"))
        if y is None:
            yearless.append(m.group().strip())
            continue
        try:
            dates.append(dt.date(y, mo, d))
        except ValueError:
            yearless.append(m.group().strip())
    return dates, yearless, spans


def _find_number(text: str, spans: list[tuple[int, int]]) -> tuple[float | None, bool]:
    """The first number outside the date spans, and whether it is a percentage."""
    for m in _NUMBER.finditer(text):
        if any(lo <= m.start() < hi for lo, hi in spans):
            continue
        value = float(m.group("n").replace(",", "") + (m.group("f") or ""))
        if m.group("pct"):
            return value / 100.0, True
        if m.group("mult"):
            value *= _MULTIPLIERS[m.group("mult").lower()]
        return value, False
    return None, False


def _find_metric(text: str) -> str | None:
    """The week metric the objective's words name."""
    low = text.lower()
    for pattern, metric in _METRIC_WORDS:
        if re.search(pattern, low):
            return metric
    for spec in segment_specs():
        words = {spec.label.lower(), spec.name.replace("_", " ")}
        if spec.name == "journalists_civil_society":
            words |= {"journalists", "civil society"}
        if any(w in low for w in words):
            return f"reach_{spec.name}"
    if re.search(r"\b(reach|people|citizens|residents|followers)\b", low):
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
    clean = _text("objective", text)
    work = normalize_digits(clean)
    dates, yearless, spans = _find_dates(work)
    target, is_share = _find_number(work, spans)
    metric = _find_metric(work)
    problems = []
    if target is None:
        problems.append("it has no number: say how many (for example 9,000 people)")
    if not dates:
        if yearless:
            problems.append(f"the date {yearless[0]!r} has no year: write it in full")
        else:
            problems.append("it has no deadline: say by when (for example 'by 7 June 2026')")
    if metric is None:
        problems.append(
            "it does not say what is counted: people reached (a segment such as rural "
            "families), engagements, engagement rate, impressions or replies answered"
        )
    return Objective(
        text=clean,
        target=target,
        is_share=is_share,
        deadline=max(dates) if dates else None,
        metric=metric,
        problems=tuple(problems),
    )


# ---------------------------------------------------------------------------------------------
# Calendar and measures


_DETECTED = {"en": ("en",), "hi": ("hi",), "hinglish": ("hi", "en")}


@dataclass(frozen=True, kw_only=True)
class CalendarEntry:
    """One post in the week's content calendar.

    Parameters
    ----------
    day : str
        ``"mon"`` .. ``"sun"`` (full names accepted).
    time : str
        Clock time ``"HH:MM"``.
    text : str
        The draft, exactly as it will be posted.
    platform : str
        Where it is posted (``"x"``, ``"facebook"``, ...).
    format : str
        ``text``, ``image``, ``video``, ``link`` or ``thread``.
    alt_text : str, optional
        Alt text of an image (an image post without it does not pass the drafting checks).
    languages : tuple of str, optional
        Languages of the post; None reads them from the text.

    Example
    -------
    >>> e = CalendarEntry(day="Monday", time="20:00", text="Free vaccine camps from 1 June.")
    >>> e.day, e.report.passes
    ('mon', True)
    """

    day: str
    time: str
    text: str
    platform: str = "x"
    format: str = "text"
    alt_text: str | None = None
    languages: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "platform", get_platform(self.platform).key)
        _text("text", self.text)
        if self.alt_text is not None:
            _text("alt_text", self.alt_text)
        if self.languages is not None and not isinstance(self.languages, str | list | tuple):
            msg = f"languages={self.languages!r}, must be codes such as ['hi', 'en'] or None"
            raise PostLabTypeError(msg)
        if isinstance(self.languages, str | list):
            langs = [self.languages] if isinstance(self.languages, str) else self.languages
            set_(self, "languages", tuple(langs))
        post = ScheduledPost(day=self.day, time=self.time, format=self.format, languages=("hi",))
        set_(self, "day", post.day)
        set_(self, "time", post.time)

    @cached_property
    def report(self) -> Report:
        """The drafting engine's report on the text, for this platform (images need alt text)."""
        image = self.format == "image"
        return analyze(self.text, self.platform, alt_text=self.alt_text, has_image=image)

    @property
    def where(self) -> str:
        """``"Mon 20:00 on x"``, for messages."""
        return f"{self.day.capitalize()} {self.time} on {self.platform}"

    def to_scheduled(self, *, topic: str | None = None) -> ScheduledPost:
        """The strategy engine's :class:`~postlab.strategies.ScheduledPost` for this entry.

        Example
        -------
        >>> entry = CalendarEntry(day="wed", time="08:00", text="Camps open today.")
        >>> entry.to_scheduled().languages
        ('en',)
        """
        langs = self.languages or _DETECTED.get(self.report.language, ("hi", "en"))
        return ScheduledPost(
            day=self.day,
            time=self.time,
            format=self.format,
            languages=langs,
            topic=topic,
            hashtags=len(self.report.hashtags),
            call_to_action=not self.report.has("no_call_to_action"),
        )


@dataclass(frozen=True, kw_only=True)
class Measure:
    """A number the team will report after the campaign.

    Parameters
    ----------
    name : str
        What is counted, e.g. ``"children vaccinated at the camps"``.
    kind : str
        ``"output"`` (what the account did and who saw it) or ``"outcome"`` (what people
        did or changed because of it).
    source : str
        Where the number will come from (``"platform analytics"``, ``"camp registers"``).

    Example
    -------
    >>> Measure(name="Helpline calls", kind="Outcome").kind
    'outcome'
    """

    name: str
    kind: str
    source: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", _text("name", self.name))
        object.__setattr__(self, "source", _text("source", self.source))
        kind = self.kind.strip().lower() if isinstance(self.kind, str) else self.kind
        if kind not in MEASURE_KINDS:
            msg = f"kind={self.kind!r} for measure {self.name!r}, must be 'output' or 'outcome'"
            raise PostLabValueError(msg)
        object.__setattr__(self, "kind", kind)

    @property
    def looks_like_output(self) -> bool:
        """True when the name counts what was published or seen (reach, likes, views ...)."""
        low = self.name.lower()
        return any(re.search(rf"\b{word}", low) for word in _OUTPUT_WORDS)


# ---------------------------------------------------------------------------------------------
# Findings and simulation


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


# ---------------------------------------------------------------------------------------------
# The plan


def _tuple_of(name: str, value: object, kind: type) -> tuple:
    """A tuple of ``kind`` objects from a list or tuple."""
    if isinstance(value, str | bytes) or not isinstance(value, Sequence):
        msg = f"{name}={value!r}, must be a list of {kind.__name__} objects"
        raise PostLabTypeError(msg)
    items = tuple(value)
    for item in items:
        if not isinstance(item, kind):
            msg = f"{name} has {item!r}, must hold only {kind.__name__} objects"
            raise PostLabTypeError(msg)
    return items


@dataclass(frozen=True, kw_only=True)
class CampaignPlan:
    """A campaign on one page: OASIS from objective to scoring.

    Parameters
    ----------
    name : str
        Title of the campaign.
    objective : str or Objective
        The SMART objective as a sentence (parsed with :func:`parse_objective`).
    segments : tuple of str
        Target segments, by name or label (``"rural_families"`` or ``"Rural families"``).
    insight : str
        What we know about them that shapes the plan.
    idea : str
        The strategy: the big idea in a sentence or two.
    calendar : tuple of CalendarEntry
        The week's posts.
    measures : tuple of Measure
        What will be reported afterwards.
    platform : str
        The platform the plan is simulated on (posts elsewhere are checked, not simulated).
    topic : str, optional
        Topic of the posts for the simulation (``"health"``).
    cap_per_day : int
        Most posts a day on the simulated platform.

    Raises
    ------
    PostLabTypeError, PostLabValueError
        For a field of the wrong kind, an unknown segment, day, time, platform or
        format. Empty or incomplete fields are not errors: :meth:`check` lists them.

    Example
    -------
    >>> plan = CampaignPlan(name="Camps", objective="Reach 900 seniors by 7 June 2026",
    ...                     segments=("seniors",), insight="", idea="", calendar=(),
    ...                     measures=())
    >>> [f.code for f in plan.check()][:2]
    ['no_insight', 'no_idea']
    """

    name: str
    objective: str | Objective
    segments: tuple[str, ...]
    insight: str
    idea: str
    calendar: tuple[CalendarEntry, ...]
    measures: tuple[Measure, ...]
    platform: str = "x"
    topic: str | None = None
    cap_per_day: int = 3
    _strategy_cache: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "name", _text("name", self.name))
        if not isinstance(self.objective, Objective):
            set_(self, "objective", parse_objective(self.objective))
        segs = (self.segments,) if isinstance(self.segments, str) else self.segments
        if not isinstance(segs, Sequence):
            msg = f"segments={self.segments!r}, must be a list such as ['rural_families']"
            raise PostLabTypeError(msg)
        set_(self, "segments", tuple(dict.fromkeys(_segment_name(s) for s in segs)))
        set_(self, "insight", _text("insight", self.insight))
        set_(self, "idea", _text("idea", self.idea))
        set_(self, "calendar", _tuple_of("calendar", self.calendar, CalendarEntry))
        set_(self, "measures", _tuple_of("measures", self.measures, Measure))
        set_(self, "platform", get_platform(self.platform).key)
        if self.topic is not None:
            _text("topic", self.topic)
        if not isinstance(self.cap_per_day, numbers.Integral) or not 1 <= self.cap_per_day <= 24:
            msg = f"cap_per_day={self.cap_per_day!r}, must be a whole number from 1 to 24"
            raise PostLabValueError(msg)

    # -- checking ---------------------------------------------------------------------------

    def check(self) -> tuple[PlanFinding, ...]:
        """Everything that keeps the plan from being complete and sound, in OASIS order.

        Returns
        -------
        tuple of PlanFinding
            Empty when the plan is ready.

        Example
        -------
        >>> plan = plan_from_dict(EXAMPLE_PLAN)
        >>> plan.check()
        ()
        """
        out = [PlanFinding("objective", "objective", p) for p in self.objective.problems]
        if not self.name:
            out.insert(0, PlanFinding("objective", "no_name", "the campaign has no name"))
        if not self.segments:
            out.append(PlanFinding("audience", "no_segments", "name at least one target segment"))
        if _words(self.insight) < _MIN_WORDS:
            out.append(
                PlanFinding(
                    "audience",
                    "no_insight",
                    f"write the audience insight in a sentence ({_MIN_WORDS} words or more): "
                    "what do these people need, and when and where are they online?",
                )
            )
        if _words(self.idea) < _MIN_WORDS:
            out.append(
                PlanFinding(
                    "strategy",
                    "no_idea",
                    f"write the idea in a sentence ({_MIN_WORDS} words or more): "
                    "what will make these people act?",
                )
            )
        out += self._calendar_findings()
        out += self._scoring_findings()
        return tuple(out)

    def _calendar_findings(self) -> list[PlanFinding]:
        """Too few posts, drafts that fail their platform's checks, clashes and the cap."""
        out = []
        if len(self.calendar) < MIN_POSTS:
            out.append(
                PlanFinding(
                    "implementation",
                    "too_few_posts",
                    f"the calendar has {len(self.calendar)} post(s); a week's calendar needs "
                    f"at least {MIN_POSTS}",
                )
            )
        for entry in self.calendar:
            if not entry.text:
                out.append(
                    PlanFinding("implementation", "empty_draft", f"{entry.where} has no text")
                )
                continue
            errors = entry.report.errors
            if errors:
                said = "; ".join(f.message for f in errors)
                out.append(
                    PlanFinding(
                        "implementation",
                        "draft_fails",
                        f"the post at {entry.where} does not pass the {entry.platform} "
                        f"checks: {said}",
                    )
                )
        try:
            self.strategy()
        except PostLabValueError as err:
            if "has no posts" not in str(err):
                out.append(PlanFinding("implementation", "schedule", str(err)))
        return out

    def _scoring_findings(self) -> list[PlanFinding]:
        """No measures, no outcome, or an output called an outcome."""
        if not self.measures:
            return [
                PlanFinding("scoring", "no_measures", "list the numbers you will report afterwards")
            ]
        out = []
        for m in self.measures:
            if not m.name:
                out.append(PlanFinding("scoring", "empty_measure", "a measure has no name"))
            elif m.kind == "outcome" and m.looks_like_output:
                out.append(
                    PlanFinding(
                        "scoring",
                        "output_called_outcome",
                        f"{m.name!r} counts what was published or seen: that is an output. "
                        "An outcome is what people did because of it (came to a camp, "
                        "called the helpline, applied).",
                    )
                )
        if not any(m.kind == "outcome" and not m.looks_like_output for m in self.measures):
            out.append(
                PlanFinding(
                    "scoring",
                    "no_outcome",
                    "every measure is an output; add at least one outcome: what people will "
                    "do because of the campaign, and where that number comes from",
                )
            )
        return out

    @property
    def ready(self) -> bool:
        """True when :meth:`check` finds nothing."""
        return not self.check()

    # -- simulation -------------------------------------------------------------------------

    def strategy(self, platform: str | None = None) -> Strategy:
        """The calendar's posts on ``platform`` (default the plan's) as a strategy.

        Raises
        ------
        PostLabValueError
            When no post is on that platform, two clash, or a day is over the cap.

        Example
        -------
        >>> plan_from_dict(EXAMPLE_PLAN).strategy().posts_per_day["mon"]
        1
        """
        key = get_platform(platform or self.platform).key
        if key not in self._strategy_cache:
            posts = [e.to_scheduled(topic=self.topic) for e in self.calendar if e.platform == key]
            self._strategy_cache[key] = Strategy(
                name=self.name or "Campaign",
                posts=posts,
                platform=key,
                cap_per_day=self.cap_per_day,
                description=self.idea,
            )
        return self._strategy_cache[key]

    def simulate(
        self,
        audience: Audience,
        *,
        runs: int = 60,
        seed: SeedLike = None,
        baseline: Strategy | None = None,
    ) -> PlanSimulation:
        """Simulate the week's calendar and say whether it meets the objective.

        Parameters
        ----------
        audience : Audience
            Followers of the account (its platform picks the posts simulated).
        runs : int
            Runs of the week (2 to 1,000).
        seed : int, SeedSequence, Generator or None
            Randomness; the same seed gives the same numbers.
        baseline : Strategy, optional
            Business as usual, compared under the same luck (shown in ``comparison``).

        Returns
        -------
        PlanSimulation

        Raises
        ------
        PostLabValueError
            When the objective has no number or does not say what is counted, or no
            post is on the audience's platform.

        Example
        -------
        >>> aud = Audience.synthetic(followers=2_000, seed=1)
        >>> sim = plan_from_dict(EXAMPLE_PLAN).simulate(aud, runs=10, seed=1)
        >>> sim.metric
        'reach_rural_families'
        """
        if not isinstance(audience, Audience):
            msg = f"audience={type(audience).__name__}, must be an Audience"
            raise PostLabTypeError(msg)
        objective = self.objective
        if objective.metric is None or objective.target is None:
            msg = f"objective={objective.text!r} cannot be simulated: {objective.problems[0]}"
            raise PostLabValueError(msg)
        key = audience.platform.key
        strategy = self.strategy(key)
        items = [strategy]
        if baseline is not None:
            items.append(baseline)
        comparison = compare(items, audience, days=7, runs=runs, seed=seed)
        row = comparison.metric(objective.metric).loc[strategy.name]
        target = objective.target_count(audience)
        inside = sum(e.platform == key for e in self.calendar)
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
            posts_left_out=len(self.calendar) - inside,
            comparison=comparison,
        )

    # -- exports ----------------------------------------------------------------------------

    def calendar_rows(self) -> list[dict[str, object]]:
        """The calendar as plain rows (day, time, platform, format, text, length, passes ...).

        Example
        -------
        >>> plan_from_dict(EXAMPLE_PLAN).calendar_rows()[0]["day"]
        'mon'
        """
        rows = []
        for e in sorted(self.calendar, key=lambda e: (_DAY_ORDER[e.day], e.time)):
            rows.append(
                {
                    "day": e.day,
                    "time": e.time,
                    "platform": e.platform,
                    "format": e.format,
                    "text": e.text,
                    "alt_text": e.alt_text or "",
                    "length": e.report.length,
                    "limit": e.report.limit,
                    "passes": e.report.passes,
                    "problems": "; ".join(f.message for f in e.report.errors),
                }
            )
        return rows

    def to_csv(self, path: str | os.PathLike) -> Path:
        """Write the content calendar as CSV (UTF-8 with a BOM, so spreadsheets show Hindi).

        Parameters
        ----------
        path : str or path-like
            The file to write (written atomically).

        Returns
        -------
        pathlib.Path

        Example
        -------
        >>> import pathlib, tempfile
        >>> out = plan_from_dict(EXAMPLE_PLAN).to_csv(pathlib.Path(tempfile.mkdtemp()) / "c.csv")
        >>> out.read_text("utf-8-sig").splitlines()[0]
        'day,time,platform,format,text,alt_text,length,limit,passes,problems'
        """
        buffer = io.StringIO()
        rows = self.calendar_rows()
        names = list(_CSV_COLUMNS)
        writer = csv.DictWriter(buffer, fieldnames=names, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return _write(path, "\ufeff" + buffer.getvalue())

    def to_html(self, path: str | os.PathLike | None = None, *, simulation=None) -> str:
        """A printable one-page plan (HTML, A4); every piece of planner text is escaped.

        Parameters
        ----------
        path : str or path-like, optional
            Where to write it; when None only the HTML text is returned.
        simulation : PlanSimulation, optional
            A simulated outcome to print under the objective.

        Returns
        -------
        str
            The HTML document.

        Example
        -------
        >>> "<h2>Objective</h2>" in plan_from_dict(EXAMPLE_PLAN).to_html()
        True
        """
        page = _html_page(self, simulation)
        if path is not None:
            _write(path, page)
        return page


_DAY_ORDER = {d: i for i, d in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))}
_CSV_COLUMNS = (
    "day",
    "time",
    "platform",
    "format",
    "text",
    "alt_text",
    "length",
    "limit",
    "passes",
    "problems",
)

_CSS = """
@page { size: A4; margin: 12mm; }
body { font-family: system-ui, sans-serif; font-size: 10.5pt; color: #202124; max-width: 190mm; }
h1 { font-size: 16pt; margin: 0 0 4pt; } h2 { font-size: 11.5pt; margin: 10pt 0 3pt;
  border-bottom: 1px solid #dadce0; } p { margin: 2pt 0; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; }
th, td { border: 1px solid #dadce0; padding: 3pt 4pt; text-align: left; vertical-align: top; }
.bad { color: #a50e0e; } .note { color: #5f6368; font-size: 8.5pt; }
"""


def _write(path: str | os.PathLike, text: str) -> Path:
    """Write ``text`` to ``path`` atomically."""
    file = Path(path)
    file.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=file.parent, prefix=f".{file.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.replace(tmp, file)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return file


def _html_page(plan: CampaignPlan, simulation: PlanSimulation | None) -> str:
    """The one-page plan as an HTML document."""
    e = html.escape
    labels = {s.name: s.label for s in segment_specs()}
    obj = plan.objective
    deadline = obj.deadline.strftime("%d %B %Y") if obj.deadline else "no deadline"
    parts = [
        f"<h1>{e(plan.name or 'Campaign plan')}</h1>",
        "<h2>Objective</h2>",
        f"<p>{e(obj.text)}</p>",
        f'<p class="note">Target: {e(obj.target_label)}; by {e(deadline)}; '
        f"counted as {e((obj.metric or 'not said').replace('_', ' '))}.</p>",
    ]
    if simulation is not None:
        parts.append(f'<p class="note">Simulated: {e(simulation.summary)}</p>')
    parts += [
        "<h2>Audience insight</h2>",
        f"<p><b>Segments:</b> {e(', '.join(labels[s] for s in plan.segments) or 'none')}</p>",
        f"<p>{e(plan.insight)}</p>",
        "<h2>Strategy</h2>",
        f"<p>{e(plan.idea)}</p>",
        "<h2>Implementation: the week</h2>",
        "<table><tr><th>Day</th><th>Time</th><th>Platform</th><th>Format</th>"
        "<th>Post</th><th>Checks</th></tr>",
    ]
    for row in plan.calendar_rows():
        ok = "passes" if row["passes"] else f'<span class="bad">{e(str(row["problems"]))}</span>'
        alt = (
            f'<div class="note">Alt text: {e(str(row["alt_text"]))}</div>'
            if row["alt_text"]
            else ""
        )
        parts.append(
            f"<tr><td>{e(str(row['day']).capitalize())}</td><td>{e(str(row['time']))}</td>"
            f"<td>{e(str(row['platform']))}</td><td>{e(str(row['format']))}</td>"
            f"<td>{e(str(row['text']))}{alt}</td>"
            f"<td>{row['length']}/{row['limit']} {ok}</td></tr>"
        )
    parts += [
        "</table>",
        "<h2>Scoring</h2>",
        "<table><tr><th>Measure</th><th>Kind</th><th>Where the number comes from</th></tr>",
    ]
    parts += [
        f"<tr><td>{e(m.name)}</td><td>{e(m.kind)}</td><td>{e(m.source)}</td></tr>"
        for m in plan.measures
    ]
    findings = plan.check()
    parts.append("</table>")
    if findings:
        items = "".join(f"<li>{e(str(f))}</li>" for f in findings)
        parts.append(f'<h2>Still to do</h2><ul class="bad">{items}</ul>')
    parts.append(
        '<p class="note">Planned with PostLab (OASIS: Objectives, Audience insight, Strategy, '
        "Implementation, Scoring). Simulated numbers come from a teaching model, not a "
        "forecast.</p>"
    )
    body = "\n".join(parts)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{e(plan.name or 'Campaign plan')}</title><style>{_CSS}</style></head>"
        f"<body>\n{body}\n</body></html>\n"
    )


# ---------------------------------------------------------------------------------------------
# From plain values (what a trainee writes in a notebook)


def calendar_from_list(value: Sequence[object]) -> tuple[CalendarEntry, ...]:
    """Calendar entries from a list of dicts (or entries), as written in a notebook.

    Parameters
    ----------
    value : list of dict
        Each ``{"day", "time", "text"}`` and optionally ``platform``, ``format``,
        ``alt_text``, ``languages``.

    Returns
    -------
    tuple of CalendarEntry

    Raises
    ------
    PostLabTypeError, PostLabValueError
        Naming the post (1-based) and the problem.

    Example
    -------
    >>> calendar_from_list([{"day": "tue", "time": "8:00", "text": "Camps open."}])[0].time
    '08:00'
    """
    if isinstance(value, str | bytes) or not isinstance(value, Sequence):
        msg = "calendar must be a list of posts, each like {'day': 'mon', 'time': '20:00', ...}"
        raise PostLabTypeError(msg)
    out = []
    for i, item in enumerate(value, start=1):
        if isinstance(item, CalendarEntry):
            out.append(item)
            continue
        if not isinstance(item, Mapping):
            msg = f"calendar post {i} is {item!r}, must be like {{'day': 'mon', 'time': ...}}"
            raise PostLabTypeError(msg)
        allowed = {"day", "time", "text", "platform", "format", "alt_text", "languages"}
        unknown = sorted(set(item) - allowed)
        if unknown:
            msg = (
                f"calendar post {i} has {unknown[0]!r}, must use only: {', '.join(sorted(allowed))}"
            )
            raise PostLabValueError(msg)
        missing = [k for k in ("day", "time", "text") if k not in item]
        if missing:
            msg = f"calendar post {i} has no {missing[0]!r}"
            raise PostLabValueError(msg)
        try:
            out.append(CalendarEntry(**item))
        except (PostLabValueError, PostLabTypeError) as err:
            msg = f"calendar post {i}: {err}"
            raise PostLabValueError(msg) from None
    return tuple(out)


def measures_from_dict(value: object) -> tuple[Measure, ...]:
    """Measures from ``{name: kind}`` (or a list of dicts or measures), as written in a notebook.

    Raises
    ------
    PostLabTypeError, PostLabValueError
        For another shape, or a kind that is not ``output`` or ``outcome``.

    Example
    -------
    >>> measures_from_dict({"Helpline calls": "outcome"})[0].kind
    'outcome'
    """
    if isinstance(value, Mapping):
        return tuple(Measure(name=str(k), kind=v) for k, v in value.items())
    if isinstance(value, str | bytes) or not isinstance(value, Sequence):
        msg = "measures must be a dict such as {'helpline calls': 'outcome'}"
        raise PostLabTypeError(msg)
    out = []
    for item in value:
        if isinstance(item, Measure):
            out.append(item)
        elif isinstance(item, Mapping):
            out.append(Measure(**item))
        else:
            msg = f"measures has {item!r}, must be {{'name': ..., 'kind': 'output' or 'outcome'}}"
            raise PostLabTypeError(msg)
    return tuple(out)


_PLAN_KEYS = (
    "name",
    "objective",
    "segments",
    "insight",
    "idea",
    "calendar",
    "measures",
    "platform",
    "topic",
    "cap_per_day",
)


def plan_from_dict(data: Mapping[str, object]) -> CampaignPlan:
    """Build a plan from plain values, as written in an exercise notebook.

    Parameters
    ----------
    data : mapping
        ``objective`` (a sentence), ``segments`` (list), ``insight``, ``idea`` (text),
        ``calendar`` (list of ``{"day", "time", "text", "platform", "format", "alt_text"}``),
        ``measures`` (``{name: "output" or "outcome"}``), and optionally ``name``,
        ``platform``, ``topic``, ``cap_per_day``.

    Returns
    -------
    CampaignPlan

    Raises
    ------
    PostLabTypeError, PostLabValueError
        For a missing or unknown key, or a value the plan cannot hold.

    Example
    -------
    >>> plan_from_dict(EXAMPLE_PLAN).segments
    ('rural_families', 'seniors')
    """
    if not isinstance(data, Mapping):
        msg = f"data={type(data).__name__}, must be a dict with objective, segments, ..."
        raise PostLabTypeError(msg)
    unknown = sorted(set(data) - set(_PLAN_KEYS))
    if unknown:
        msg = f"the plan has {unknown[0]!r}, must use only: {', '.join(_PLAN_KEYS)}"
        raise PostLabValueError(msg)
    needed = [k for k in _PLAN_KEYS[1:7] if k not in data]
    if needed:
        msg = f"the plan has no {needed[0]!r}; it needs: {', '.join(_PLAN_KEYS[1:7])}"
        raise PostLabValueError(msg)
    values = dict(data)
    values.setdefault("name", "")
    values["calendar"] = calendar_from_list(values["calendar"])
    values["measures"] = measures_from_dict(values["measures"])
    return CampaignPlan(**values)


#: A complete example plan (the lesson's worked example; also used by the docstrings).
EXAMPLE_PLAN: dict[str, object] = {
    "name": "Measles-rubella vaccination camps, 1-14 June 2026",
    "objective": "Reach 1,000 rural families on X with the camp dates by 7 June 2026",
    "segments": ["rural_families", "seniors"],
    "insight": (
        "Rural parents read Hindi, are online early morning and after 20:00, and trust "
        "grandparents' advice on children's health."
    ),
    "idea": "Show a real camp day: free, close to home, and a card is not needed.",
    "topic": "health",
    "calendar": [
        {
            "day": "mon",
            "time": "20:00",
            "format": "image",
            "text": (
                "बच्चों के लिए मुफ़्त खसरा-रूबेला टीका: 1 से 14 जून, हर सरकारी स्कूल में। "
                "नज़दीकी शिविर: https://example.com/navapur/vaccine"
            ),
            "alt_text": "A nurse gives a smiling child a vaccine at a school camp.",
        },
        {
            "day": "wed",
            "time": "08:00",
            "text": (
                "Free measles-rubella vaccine for children aged 9 months to 15 years, "
                "1-14 June. Find your nearest camp: https://example.com/navapur/vaccine"
            ),
        },
        {
            "day": "sat",
            "time": "19:30",
            "format": "video",
            "text": (
                "No vaccination card? Your child will still get the free vaccine. "
                "Call 1800-000-2200 or visit https://example.com/navapur/vaccine"
            ),
        },
    ],
    "measures": {
        "People reached on X (platform analytics)": "output",
        "Children vaccinated at the camps (camp registers)": "outcome",
    },
}
