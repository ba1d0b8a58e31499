"""The crisis tabletop: timed injects reveal new facts, the trainee posts, the rumour moves on.

A scenario (``data/crisis/*.yaml``) is a list of injects, each at a minute after
the start, with facts, citizens' comments and a task. A :class:`Tabletop` plays it
against a clock: :class:`PausedClock` moves only when the facilitator says
(``advance()``), :class:`RealClock` runs at a chosen speed for the room. The
trainee's statements are checked as they are posted, and at any time the
rumour race (``postlab.replies.rumour.race``) shows how far the rumour got
against what was said, and when.
"""

from __future__ import annotations

import math
import numbers
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import pandas as pd

from postlab.audience import Audience
from postlab.errors import PostLabTypeError, PostLabValueError
from postlab.replies.checks import ReplyReport, check_holding_statement, check_reply
from postlab.replies.rumour import Response, RumourRace, race, rumour_model
from postlab.safe_yaml import load_yaml, read_yaml_text
from postlab.seeding import SeedLike

__all__ = [
    "STATEMENT_KINDS",
    "Inject",
    "PausedClock",
    "RealClock",
    "Scenario",
    "Statement",
    "Tabletop",
    "load_scenario",
]

STATEMENT_KINDS: tuple[str, ...] = ("holding", "correction", "update")
"""What a trainee can post: a holding statement, a correction of the rumour, or an update."""

_MAX_STATEMENT = 10_000


@dataclass(frozen=True)
class Inject:
    """One moment of the scenario: when, what is new, what citizens say, what to do."""

    minute: int
    title: str
    facts: tuple[str, ...]
    comments: tuple[str, ...] = ()
    task: str = ""
    expects: str = "update"


@dataclass(frozen=True)
class Scenario:
    """A tabletop scenario: injects in time order and the rumour that starts during it."""

    id: str
    title: str
    start_clock: str
    account: str
    rumour_text: str
    rumour_minute: int
    myth: tuple[str, ...]
    injects: tuple[Inject, ...]

    @property
    def length(self) -> int:
        """Minutes from the first inject to one hour after the last."""
        return self.injects[-1].minute + 60

    def clock(self, minute: int) -> str:
        """Wall-clock time of ``minute`` as ``HH:MM`` (from ``start_clock``)."""
        hours, minutes = (int(x) for x in self.start_clock.split(":"))
        total = hours * 60 + minutes + int(minute)
        return f"{total // 60 % 24:02d}:{total % 60:02d}"


def _need(raw: dict, name: str, where: str) -> object:
    if raw.get(name) in (None, ""):
        msg = f"{where} is missing the field {name!r}"
        raise PostLabValueError(msg)
    return raw[name]


def load_scenario(name: str | os.PathLike[str] = "boil_water") -> Scenario:
    """Load a crisis scenario by name (``data/crisis/<name>.yaml``) or from a path.

    Parameters
    ----------
    name : str or PathLike, default "boil_water"
        A built-in scenario name, or the path of a YAML file of the same shape.

    Returns
    -------
    Scenario

    Raises
    ------
    PostLabValueError
        If the scenario is not found, or a field is missing or out of order.

    Example
    -------
    >>> scenario = load_scenario()
    >>> scenario.injects[0].title
    'Reports of dirty tap water'
    """
    if not isinstance(name, str | os.PathLike):
        msg = f"name={name!r} ({type(name).__name__}), must be a scenario name or a path"
        raise PostLabTypeError(msg)
    path = Path(name)
    try:
        if path.suffix in (".yaml", ".yml"):  # a person's file: size, NUL, UTF-8 checked
            if not path.is_file():
                raise FileNotFoundError(path)
            text = read_yaml_text(path, what="scenario file")
        else:
            text = (
                resources.files("postlab.data")
                .joinpath("crisis", f"{name}.yaml")
                .read_text("utf-8")
            )
    except (FileNotFoundError, IsADirectoryError):
        msg = f"name={str(name)!r}: no such scenario; the built-in one is 'boil_water'"
        raise PostLabValueError(msg) from None
    raw = load_yaml(text, source=f"scenario {path.name!r}")  # no aliases, bounded nesting
    if not isinstance(raw, dict):
        msg = f"scenario {str(name)!r} is not a mapping of fields (title, injects, ...)"
        raise PostLabValueError(msg)
    where = f"scenario {str(name)!r}"
    rumour = _need(raw, "rumour", where)
    listed = _need(raw, "injects", where)
    if not isinstance(rumour, dict) or not isinstance(listed, list) or not listed:
        msg = f"{where} needs 'rumour' as a mapping (text, minute, myth) and 'injects' as a list"
        raise PostLabValueError(msg)
    if not isinstance(rumour.get("minute") or 0, int) or not isinstance(
        rumour.get("myth") or [], list
    ):
        msg = f"{where} rumour needs 'minute' as a whole number and 'myth' as a list of words"
        raise PostLabValueError(msg)
    injects = []
    for i, item in enumerate(listed):
        at = f"{where} inject {i + 1}"
        if not isinstance(item, dict):
            msg = f"{at} is not a mapping of fields (minute, title, facts, ...)"
            raise PostLabValueError(msg)
        minute = _need(item, "minute", at) if item.get("minute") != 0 else 0
        if not isinstance(minute, int) or (injects and minute < injects[-1].minute):
            msg = (
                f"{at} has minute={minute!r}, must be a whole number, not before the inject before"
            )
            raise PostLabValueError(msg)
        if not all(isinstance(item.get(k) or [], list) for k in ("facts", "comments")):
            msg = f"{at} needs 'facts' (and 'comments', if given) as lists of sentences"
            raise PostLabValueError(msg)
        injects.append(
            Inject(
                minute=minute,
                title=str(_need(item, "title", at)),
                facts=tuple(str(f) for f in _need(item, "facts", at)),
                comments=tuple(str(c) for c in item.get("comments") or ()),
                task=str(item.get("task") or ""),
                expects=str(item.get("expects") or "update"),
            )
        )
    return Scenario(
        id=str(_need(raw, "id", where)),
        title=str(_need(raw, "title", where)),
        start_clock=str(raw.get("start_clock") or "09:00"),
        account=str(raw.get("account") or ""),
        rumour_text=str(_need(rumour, "text", f"{where} rumour")),
        rumour_minute=int(rumour.get("minute") or 0),
        myth=tuple(str(w) for w in rumour.get("myth") or ()),
        injects=tuple(injects),
    )


class PausedClock:
    """A clock that moves only when told: for running the tabletop step by step.

    Example
    -------
    >>> clock = PausedClock()
    >>> clock.advance(30); clock.minute
    30
    """

    paused = True

    def __init__(self, minute: int = 0) -> None:
        self._minute = int(minute)

    @property
    def minute(self) -> int:
        """Scenario minutes since the start."""
        return self._minute

    def advance(self, minutes: int) -> None:
        """Move the clock forward by ``minutes`` (0 or more)."""
        if not isinstance(minutes, numbers.Real) or isinstance(minutes, bool) or minutes < 0:
            msg = f"minutes={minutes!r}, must be a number of minutes, 0 or more"
            raise PostLabValueError(msg)
        self._minute += int(minutes)


class RealClock:
    """A clock that runs on its own at ``speed`` scenario minutes per real minute.

    ``now`` is the time source (``time.monotonic`` by default; tests pass a fake).
    The facilitator can still ``pause()``, ``resume()`` and ``advance()`` it.

    Example
    -------
    >>> ticks = iter([0.0, 60.0])
    >>> clock = RealClock(speed=30, now=lambda: next(ticks))
    >>> clock.minute  # one real minute later at 30x
    30
    """

    def __init__(self, *, speed: float = 30.0, now: Callable[[], float] = time.monotonic) -> None:
        if not isinstance(speed, numbers.Real) or isinstance(speed, bool) or not 0 < speed <= 1440:
            msg = (
                f"speed={speed!r}, must be scenario minutes per real minute, "
                "above 0 and at most 1440"
            )
            raise PostLabValueError(msg)
        self._speed = float(speed)
        self._now = now
        self._offset = 0.0  # scenario minutes banked while paused or advanced
        self._since: float | None = now()
        self.paused = False

    @property
    def minute(self) -> int:
        """Scenario minutes since the start."""
        running = 0.0 if self._since is None else (self._now() - self._since) / 60 * self._speed
        return int(self._offset + running)

    def pause(self) -> None:
        """Stop the clock where it is."""
        if self._since is not None:
            self._offset += (self._now() - self._since) / 60 * self._speed
            self._since = None
        self.paused = True

    def resume(self) -> None:
        """Start the clock again."""
        if self._since is None:
            self._since = self._now()
        self.paused = False

    def advance(self, minutes: int) -> None:
        """Jump forward by ``minutes`` (0 or more)."""
        if not isinstance(minutes, numbers.Real) or isinstance(minutes, bool) or minutes < 0:
            msg = f"minutes={minutes!r}, must be a number of minutes, 0 or more"
            raise PostLabValueError(msg)
        self._offset += float(minutes)


@dataclass(frozen=True)
class Statement:
    """What the trainee posted, when, and what the checks said."""

    minute: int
    clock: str
    kind: str
    text: str
    report: ReplyReport = field(repr=False)


class Tabletop:
    """Play a crisis scenario: reveal injects on the clock, take statements, race the rumour.

    Parameters
    ----------
    scenario : Scenario or str, default "boil_water"
        A loaded scenario or a built-in name.
    clock : PausedClock or RealClock, optional
        Default: a paused clock (the facilitator moves it with ``advance()``).
    followers : int
        Size of the synthetic audience the rumour runs through.
    seed : int, SeedSequence, Generator or None
        For the audience and the rumour race: same seed, same numbers.

    Example
    -------
    >>> table = Tabletop(seed=1)
    >>> [i.title for i in table.revealed]
    ['Reports of dirty tap water']
    >>> table.advance().title, table.now
    ('A rumour starts', 30)
    """

    def __init__(
        self,
        scenario: Scenario | str = "boil_water",
        *,
        clock: PausedClock | RealClock | None = None,
        followers: int = 20_000,
        seed: SeedLike = 2024,
    ) -> None:
        self.scenario = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
        if clock is not None and not isinstance(clock, PausedClock | RealClock):
            kind = type(clock).__name__
            msg = f"clock={clock!r:.60} ({kind}), must be a PausedClock, RealClock or None"
            raise PostLabTypeError(msg)
        self.clock = clock if clock is not None else PausedClock()
        self._followers = followers
        self._seed = seed
        self._audience: Audience | None = None
        self._statements: list[Statement] = []

    @property
    def now(self) -> int:
        """Scenario minutes since the first inject (never past the scenario's end)."""
        return min(self.clock.minute, self.scenario.length)

    @property
    def clock_text(self) -> str:
        """The scenario's wall-clock time now, ``HH:MM``."""
        return self.scenario.clock(self.now)

    @property
    def finished(self) -> bool:
        """True once the clock has reached the scenario's end."""
        return self.clock.minute >= self.scenario.length

    @property
    def revealed(self) -> tuple[Inject, ...]:
        """Injects whose minute has come."""
        return tuple(i for i in self.scenario.injects if i.minute <= self.now)

    @property
    def next_inject(self) -> Inject | None:
        """The next inject still to come, or None."""
        return next((i for i in self.scenario.injects if i.minute > self.now), None)

    @property
    def statements(self) -> tuple[Statement, ...]:
        """What the trainee has posted, in order."""
        return tuple(self._statements)

    def advance(self, minutes: int | None = None) -> Inject | None:
        """Move the clock on: by ``minutes``, or to the next inject (or the end) when None.

        Returns the next inject now revealed, if any.
        """
        if minutes is None:
            upcoming = self.next_inject
            target = upcoming.minute if upcoming else self.scenario.length
            minutes = max(0, target - self.clock.minute)
        self.clock.advance(minutes)
        revealed = self.revealed
        return revealed[-1] if revealed else None

    def post(self, text: str, *, kind: str = "update") -> Statement:
        """Post a statement now; it is checked and added to the timeline.

        Raises
        ------
        PostLabTypeError, PostLabValueError
            For text that is not a str, is empty, or longer than 10,000 characters,
            or a kind that is not one of ``STATEMENT_KINDS``. Nothing is posted then.
        """
        if not isinstance(text, str):
            msg = f"text={text!r:.60} ({type(text).__name__}), must be str: the statement"
            raise PostLabTypeError(msg)
        if kind not in STATEMENT_KINDS:
            msg = f"kind={kind!r}, must be one of: {', '.join(STATEMENT_KINDS)}"
            raise PostLabValueError(msg)
        if not text.strip():
            msg = "text is empty; write the statement before posting it"
            raise PostLabValueError(msg)
        if len(text) > _MAX_STATEMENT:
            msg = f"text has {len(text):,} characters, must have at most {_MAX_STATEMENT:,}"
            raise PostLabValueError(msg)
        if kind == "holding":
            report = check_holding_statement(text)
        else:
            myth = self.scenario.myth if kind == "correction" else None
            report = check_reply(text, myth=myth)
        minute = self.now
        statement = Statement(
            minute=minute, clock=self.scenario.clock(minute), kind=kind, text=text, report=report
        )
        self._statements.append(statement)
        return statement

    def plan(self) -> list[Response]:
        """The statements as rumour responses, minutes counted from the rumour's start."""
        kinds = rumour_model()["statement_kinds"]["map"]
        start = self.scenario.rumour_minute
        return [Response(kinds[s.kind], s.minute - start) for s in self._statements[:8]]

    def rumour(self) -> RumourRace:
        """Race the rumour against what was posted, over the whole scenario."""
        if self._audience is None:
            self._audience = Audience.synthetic(followers=self._followers, seed=self._seed)
        hours = max(1, math.ceil((self.scenario.length - self.scenario.rumour_minute) / 60))
        return race(self._audience, self.plan(), hours=hours, seed=self._seed)

    def timeline(self) -> pd.DataFrame:
        """Injects and statements in time order: minute, clock, who, what, and the reply score."""
        rows = [
            {
                "minute": i.minute,
                "clock": self.scenario.clock(i.minute),
                "who": "inject",
                "what": i.title,
                "score": None,
            }
            for i in self.revealed
        ]
        rows += [
            {
                "minute": s.minute,
                "clock": s.clock,
                "who": f"you ({s.kind})",
                "what": s.text,
                "score": s.report.score,
            }
            for s in self._statements
        ]
        table = pd.DataFrame(rows, columns=["minute", "clock", "who", "what", "score"])
        return table.sort_values("minute", kind="stable").reset_index(drop=True)

    def summary(self) -> list[str]:
        """A few sentences: when the first word came, and how far the rumour got."""
        result = self.rumour()
        if self._statements:
            first = self._statements[0]
            lines = [f"First statement at {first.clock} ({first.minute} minutes in)."]
        else:
            lines = ["Nothing was posted."]
        return lines + result.summary()[1:]
