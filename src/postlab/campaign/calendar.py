"""The week's content calendar: one entry a post, each draft checked for its platform."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

from postlab.campaign._values import text_value
from postlab.drafting import analyze
from postlab.drafting.report import Report
from postlab.errors import PostLabTypeError, PostLabValueError
from postlab.platforms import get_platform
from postlab.strategies import ScheduledPost

__all__ = ["CalendarEntry", "calendar_from_list"]

#: Languages a post is simulated in, by the language the drafting engine detects.
_DETECTED = {"en": ("en",), "hi": ("hi",), "hinglish": ("hi", "en")}
#: The keys a calendar post written as a dict may use.
_ENTRY_KEYS = {"day", "time", "text", "platform", "format", "alt_text", "languages"}


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
        text_value("text", self.text)
        if self.alt_text is not None:
            text_value("alt_text", self.alt_text)
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
        unknown = sorted(set(item) - _ENTRY_KEYS)
        if unknown:
            allowed = ", ".join(sorted(_ENTRY_KEYS))
            msg = f"calendar post {i} has {unknown[0]!r}, must use only: {allowed}"
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
