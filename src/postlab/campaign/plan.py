"""The plan itself: OASIS on one page, and how to build it from plain notebook values."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from postlab.audience import Audience
from postlab.campaign import export
from postlab.campaign._values import text_value
from postlab.campaign.calendar import CalendarEntry, calendar_from_list
from postlab.campaign.findings import PlanFinding, plan_findings
from postlab.campaign.measures import Measure, measures_from_dict
from postlab.campaign.objective import Objective, parse_objective
from postlab.campaign.simulate import PlanSimulation, simulate_plan
from postlab.errors import PostLabTypeError, PostLabValueError
from postlab.platforms import get_platform
from postlab.seeding import SeedLike
from postlab.simulation.segments import segment_specs
from postlab.strategies import Strategy
from postlab.validation import whole_number

__all__ = ["EXAMPLE_PLAN", "CampaignPlan", "plan_from_dict"]

#: The keys a plan written as a dict may use; the six after ``name`` are required.
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
    "output_target",
    "scenario",
)


def _segment_key(text: str) -> str:
    """``"Rural families"`` and ``"rural-families"`` -> ``"rural_families"``."""
    return re.sub(r"[\s\-]+", "_", text.strip().lower())


def _segment_name(value: object) -> str:
    """A segment's name from its name or label (``"Rural families"`` -> ``rural_families``)."""
    specs = segment_specs()
    if isinstance(value, str):
        key = _segment_key(value)
        for spec in specs:
            if key in (spec.name, _segment_key(spec.label)):
                return spec.name
    names = ", ".join(s.name for s in specs)
    msg = f"segments has {value!r}, must be among: {names}"
    raise PostLabValueError(msg)


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
    output_target : str or Objective, optional
        An output the posts must reach for the objective to be met, labelled as such
        (``"Output: reach 800 seniors on X by 16 May 2026"``). The teaching model simulates
        outputs only, so an outcome objective is simulated through this target.
    scenario : str, optional
        The press release the campaign is about (``"heatwave-advisory"``): every post must
        then keep its key facts.

    Raises
    ------
    PostLabTypeError, PostLabValueError
        For a field of the wrong kind, an unknown segment, day, time, platform or
        format. Empty or incomplete fields are not errors: :meth:`check` lists them.

    Example
    -------
    >>> plan = CampaignPlan(name="Camps", objective="Vaccinate 900 children by 7 June 2026",
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
    output_target: str | Objective | None = None
    scenario: str | None = None
    _strategy_cache: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "name", text_value("name", self.name))
        if not isinstance(self.objective, Objective):
            set_(self, "objective", parse_objective(self.objective))
        segs = (self.segments,) if isinstance(self.segments, str) else self.segments
        if not isinstance(segs, Sequence):
            msg = f"segments={self.segments!r}, must be a list such as ['rural_families']"
            raise PostLabTypeError(msg)
        set_(self, "segments", tuple(dict.fromkeys(_segment_name(s) for s in segs)))
        set_(self, "insight", text_value("insight", self.insight))
        set_(self, "idea", text_value("idea", self.idea))
        set_(self, "calendar", _tuple_of("calendar", self.calendar, CalendarEntry))
        set_(self, "measures", _tuple_of("measures", self.measures, Measure))
        set_(self, "platform", get_platform(self.platform).key)
        if self.topic is not None:
            text_value("topic", self.topic)
        set_(self, "cap_per_day", whole_number("cap_per_day", self.cap_per_day, 1, 24))
        target = self.output_target
        if isinstance(target, str):
            set_(self, "output_target", parse_objective(target) if target.strip() else None)
        elif target is not None and not isinstance(target, Objective):
            msg = f"output_target={target!r:.60}, must be a sentence such as 'Output: reach ...'"
            raise PostLabTypeError(msg)
        if self.scenario is not None:
            from postlab.scenarios import get_scenario

            set_(self, "scenario", get_scenario(self.scenario).id)

    @property
    def simulated(self) -> Objective:
        """What the simulation measures: the objective when the model can count it (an
        output), else the output target (or the objective, to say why it cannot be run)."""
        if self.objective.simulable or self.output_target is None:
            return self.objective  # type: ignore[return-value]
        return self.output_target  # type: ignore[return-value]

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
        return plan_findings(self)

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
        return simulate_plan(self, audience, runs=runs, seed=seed, baseline=baseline)

    # -- exports ----------------------------------------------------------------------------

    def calendar_rows(self) -> list[dict[str, object]]:
        """The calendar as plain rows (day, time, platform, format, text, length, passes ...).

        Example
        -------
        >>> plan_from_dict(EXAMPLE_PLAN).calendar_rows()[0]["day"]
        'mon'
        """
        return export.calendar_rows(self)

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
        return export.write_text(path, export.calendar_csv(self))

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
        page = export.plan_html(self, simulation)
        if path is not None:
            export.write_text(path, page)
        return page


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
    "objective": "Vaccinate 9,000 children in rural districts by 14 June 2026",
    "output_target": "Output: reach 1,000 rural families on X with the camp dates by 7 June 2026",
    "scenario": "vaccination-drive",
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
                "नज़दीकी शिविर: https://example.com/navapur/vaccine या 1800-000-2200 पर कॉल करें।"
            ),
            "alt_text": "A nurse gives a smiling child a vaccine at a school camp.",
        },
        {
            "day": "wed",
            "time": "08:00",
            "text": (
                "Free measles-rubella vaccine for children aged 9 months to 15 years, "
                "1-14 June. Find your nearest camp: https://example.com/navapur/vaccine "
                "or call 1800-000-2200"
            ),
        },
        {
            "day": "sat",
            "time": "19:30",
            "format": "video",
            "text": (
                "No vaccination card? Your child will still get the free vaccine, 1-14 June. "
                "Call 1800-000-2200 or visit https://example.com/navapur/vaccine"
            ),
        },
    ],
    "measures": {
        "People reached on X (platform analytics)": "output",
        "Children vaccinated at the camps (camp registers)": "outcome",
    },
}
