"""A strategy is data: a week of scheduled posts, a posting cap, a reply policy and partners.

Every class here is a frozen dataclass that checks itself when built, so a
strategy that exists is one the comparison engine can run.  Errors say which
post (by day and time, and by file line when the strategy came from a file)
and what was expected.
"""

from __future__ import annotations

import itertools
import numbers
from dataclasses import dataclass, field, replace

from postlab.errors import PostLabTypeError, PostLabValueError
from postlab.platforms import get_platform
from postlab.simulation.post import FORMATS, Post
from postlab.validation import share, whole_number

__all__ = ["WEEKDAYS", "Partner", "ReplyPolicy", "ScheduledPost", "Strategy"]

#: Days of the week a post can be scheduled on; the simulated week starts on Monday.
WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

#: Two posts on the same day closer than this many minutes share a slot.
_MIN_GAP_MINUTES = 30
_MAX_POSTS = 100


def _parse_time(value: object) -> tuple[int, int]:
    """``"10:30"`` (or a whole hour) as ``(hour, minute)``, or a plain error."""
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        value = f"{int(value)}:00"
    if not isinstance(value, str) or value.count(":") != 1:
        msg = f"time={value!r}, must be a clock time such as '10:00' (24-hour, HH:MM)"
        raise PostLabValueError(msg)
    hh, mm = (part.strip() for part in value.split(":"))
    if not (hh.isdigit() and mm.isdigit()):
        msg = f"time={value!r}, must be a clock time such as '10:00' (24-hour, HH:MM)"
        raise PostLabValueError(msg)
    hour, minute = int(hh), int(mm)
    if hour > 23 or minute > 59:
        msg = f"time={value!r} is not a time of day, must be between 00:00 and 23:59"
        raise PostLabValueError(msg)
    return hour, minute


@dataclass(frozen=True, kw_only=True)
class ScheduledPost:
    """One post in the weekly schedule.

    Parameters
    ----------
    day : str
        ``"mon"`` .. ``"sun"`` (full names such as ``"Monday"`` are accepted).
    time : str
        Local clock time ``"HH:MM"``.
    format : str
        One of ``text``, ``image``, ``video``, ``link``, ``thread``.
    languages : tuple of str
        Language codes, e.g. ``("hi", "en")``.
    topic : str, optional
        Topic such as ``"health"``.
    hashtags : int
        Number of hashtags.
    call_to_action : bool
        Whether the post asks people to act.
    line : int, optional
        Line in the strategy file, for messages (not compared).

    Example
    -------
    >>> ScheduledPost(day="Monday", time="10:00", format="image").day
    'mon'
    """

    day: str
    time: str
    format: str = "text"
    languages: tuple[str, ...] = ("hi", "en")
    topic: str | None = None
    hashtags: int = 0
    call_to_action: bool = False
    line: int | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        day = self.day.strip().lower()[:3] if isinstance(self.day, str) else None
        if day not in WEEKDAYS:
            msg = f"day={self.day!r}, must be one of: {', '.join(WEEKDAYS)}"
            raise PostLabValueError(msg)
        set_(self, "day", day)
        hour, minute = _parse_time(self.time)
        set_(self, "time", f"{hour:02d}:{minute:02d}")
        if self.format not in FORMATS:
            msg = f"format={self.format!r}, must be one of: {', '.join(FORMATS)}"
            raise PostLabValueError(msg)
        langs = (self.languages,) if isinstance(self.languages, str) else self.languages
        set_(self, "languages", tuple(langs) if isinstance(langs, list | tuple) else langs)
        whole_number("hashtags", self.hashtags, 0, 30)
        # the simulator's own checks (languages, topic, call to action) and its language codes
        set_(self, "languages", self.to_post("x").languages)

    @property
    def hour(self) -> int:
        """Posting hour, 0-23."""
        return int(self.time[:2])

    @property
    def minute(self) -> int:
        """Posting minute, 0-59."""
        return int(self.time[3:])

    @property
    def day_index(self) -> int:
        """0 for Monday .. 6 for Sunday."""
        return WEEKDAYS.index(self.day)

    @property
    def minute_of_week(self) -> int:
        """Minutes from Monday 00:00."""
        return self.day_index * 1440 + self.hour * 60 + self.minute

    @property
    def where(self) -> str:
        """``"line 12"`` when it came from a file, else ``"Mon 10:00"``."""
        label = f"{self.day.capitalize()} {self.time}"
        return f"line {self.line} ({label})" if self.line else label

    def to_post(self, platform: str) -> Post:
        """The simulator's :class:`~postlab.simulation.Post` for this slot.

        Example
        -------
        >>> ScheduledPost(day="sat", time="19:30").to_post("x").time_label
        '19:30'
        """
        return Post(
            platform=platform,
            hour=self.hour,
            minute=self.minute,
            day=self.day,
            format=self.format,
            languages=self.languages,
            topic=self.topic,
            hashtags=self.hashtags,
            call_to_action=self.call_to_action,
        )

    def to_dict(self) -> dict:
        """Plain values for a strategy file."""
        out: dict = {"day": self.day, "time": self.time, "format": self.format}
        out["languages"] = list(self.languages)
        if self.topic is not None:
            out["topic"] = self.topic
        if self.hashtags:
            out["hashtags"] = self.hashtags
        if self.call_to_action:
            out["call_to_action"] = True
        return out


@dataclass(frozen=True, kw_only=True)
class ReplyPolicy:
    """How the account answers replies.

    Parameters
    ----------
    answer_share : float
        Share of replies the team answers (0 to 1).
    within_minutes : int
        How fast an answer comes during staffed hours.
    staffed_from, staffed_until : int
        Hours (0-24) when someone is watching the account; replies outside
        these hours are answered when the team is back.

    Example
    -------
    >>> ReplyPolicy(answer_share=1.0, within_minutes=60).fast
    True
    """

    answer_share: float = 0.2
    within_minutes: int = 480
    staffed_from: int = 10
    staffed_until: int = 18

    def __post_init__(self) -> None:
        object.__setattr__(self, "answer_share", share("answer_share", self.answer_share))
        whole_number("within_minutes", self.within_minutes, 1, 7 * 1440)
        whole_number("staffed_from", self.staffed_from, 0, 23)
        whole_number("staffed_until", self.staffed_until, 1, 24)
        if self.staffed_until <= self.staffed_from:
            msg = (
                f"staffed_until={self.staffed_until} must be later than "
                f"staffed_from={self.staffed_from}"
            )
            raise PostLabValueError(msg)

    @property
    def fast(self) -> bool:
        """True when answers come within an hour."""
        return self.within_minutes <= 60

    def to_dict(self) -> dict:
        """Plain values for a strategy file."""
        return {
            "answer_share": self.answer_share,
            "within_minutes": self.within_minutes,
            "staffed_hours": [self.staffed_from, self.staffed_until],
        }


@dataclass(frozen=True, kw_only=True)
class Partner:
    """An account that reshares some of the posts to its own followers.

    Parameters
    ----------
    name : str
        For example ``"Navapur Health Department"``.
    followers : int
        Its followers (1 to 5,000,000).
    reshare_share : float
        Share of the posts it reshares (0 to 1).

    Example
    -------
    >>> Partner(name="Navapur Health Department", followers=20_000).reshare_share
    0.5
    """

    name: str
    followers: int
    reshare_share: float = 0.5

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            msg = f"name={self.name!r}, must be the partner's name as text"
            raise PostLabTypeError(msg)
        whole_number("followers", self.followers, 1, 5_000_000)
        object.__setattr__(self, "reshare_share", share("reshare_share", self.reshare_share))

    def to_dict(self) -> dict:
        """Plain values for a strategy file."""
        return {
            "name": self.name,
            "followers": self.followers,
            "reshare_share": self.reshare_share,
        }


@dataclass(frozen=True, kw_only=True)
class Strategy:
    """A week of posting: schedule, cap, reply policy and partners.

    Parameters
    ----------
    name : str
        Short name shown in tables and charts.
    posts : tuple of ScheduledPost
        The weekly schedule (at least one post, at most 100); kept in time order.
    platform : str
        Platform every post goes to (``"x"``, ``"facebook"``, ...).
    cap_per_day : int
        Most posts the team allows itself on one day (1 to 24).
    reply_policy : ReplyPolicy
        How replies are answered.
    partners : tuple of Partner
        Accounts that reshare (at most 3).
    description : str
        One sentence on the idea.

    Raises
    ------
    PostLabValueError, PostLabTypeError
        For an empty schedule, two posts in one slot (same day, under 30
        minutes apart), a day over the cap, or a bad field.

    Example
    -------
    >>> s = Strategy(name="Daily 10:00", posts=[ScheduledPost(day=d, time="10:00")
    ...              for d in WEEKDAYS])
    >>> s.posts_per_day["mon"]
    1
    """

    name: str
    posts: tuple[ScheduledPost, ...]
    platform: str = "x"
    cap_per_day: int = 3
    reply_policy: ReplyPolicy = field(default_factory=ReplyPolicy)
    partners: tuple[Partner, ...] = ()
    description: str = ""

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        if not isinstance(self.name, str) or not self.name.strip():
            msg = f"name={self.name!r}, must be a short name as text"
            raise PostLabTypeError(msg)
        set_(self, "platform", get_platform(self.platform).key)
        whole_number("cap_per_day", self.cap_per_day, 1, 24)
        if not isinstance(self.reply_policy, ReplyPolicy):
            msg = f"reply_policy={self.reply_policy!r}, must be a ReplyPolicy"
            raise PostLabTypeError(msg)
        partners = tuple(self.partners)
        if len(partners) > 3 or not all(isinstance(p, Partner) for p in partners):
            msg = f"partners has {len(partners)} entries, must be at most 3 Partner objects"
            raise PostLabValueError(msg)
        set_(self, "partners", partners)
        posts = tuple(self.posts)
        if not all(isinstance(p, ScheduledPost) for p in posts):
            msg = "posts must all be ScheduledPost objects"
            raise PostLabTypeError(msg)
        set_(self, "posts", tuple(sorted(posts, key=lambda p: p.minute_of_week)))
        self._check_schedule()

    def _check_schedule(self) -> None:
        """Raise for an empty schedule, overlapping slots or a day over the cap."""
        posts = self.posts
        if not posts:
            msg = f"strategy {self.name!r} has no posts; schedule at least one post"
            raise PostLabValueError(msg)
        if len(posts) > _MAX_POSTS:
            msg = f"strategy {self.name!r} has {len(posts)} posts, at most {_MAX_POSTS} a week"
            raise PostLabValueError(msg)
        for before, after in itertools.pairwise(posts):
            gap = after.minute_of_week - before.minute_of_week
            if after.day == before.day and gap < _MIN_GAP_MINUTES:
                msg = (
                    f"{after.where} overlaps the post at {before.where}; posts on the same "
                    f"day must be at least {_MIN_GAP_MINUTES} minutes apart"
                )
                raise PostLabValueError(msg)
        seen: dict[str, int] = {}
        for post in posts:
            seen[post.day] = seen.get(post.day, 0) + 1
            if seen[post.day] > self.cap_per_day:
                msg = (
                    f"{post.where} is post {seen[post.day]} on {post.day.capitalize()}, over "
                    f"the posting cap of {self.cap_per_day} a day; move it or raise cap_per_day"
                )
                raise PostLabValueError(msg)

    @property
    def posts_per_day(self) -> dict[str, int]:
        """Number of posts on each day of the week."""
        return {day: sum(p.day == day for p in self.posts) for day in WEEKDAYS}

    def replace(self, **changes: object) -> Strategy:
        """A copy with some fields changed (checked again).

        Example
        -------
        >>> s = Strategy(name="a", posts=[ScheduledPost(day="mon", time="10:00")])
        >>> s.replace(name="b").name
        'b'
        """
        return replace(self, **changes)

    def to_dict(self) -> dict:
        """Plain values, in the order of a strategy file."""
        out: dict = {"name": self.name}
        if self.description:
            out["description"] = self.description
        out["platform"] = self.platform
        out["cap_per_day"] = self.cap_per_day
        out["reply_policy"] = self.reply_policy.to_dict()
        if self.partners:
            out["partners"] = [p.to_dict() for p in self.partners]
        out["posts"] = [p.to_dict() for p in self.posts]
        return out
