"""The post being simulated: when, in what format and language, with which quality signals."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from postlab.errors import PostLabTypeError, PostLabValueError
from postlab.platforms import get_platform
from postlab.simulation.defaults import LANGUAGES, model_defaults
from postlab.validation import share, whole_number

__all__ = ["DAYS", "FORMATS", "Post"]

#: Day names a post can give; "weekday" and "weekend" keep every day of that kind.
DAYS: tuple[str, ...] = ("weekday", "weekend", "mon", "tue", "wed", "thu", "fri", "sat", "sun")

#: Formats the model knows (from ``data/model_defaults.yaml``).
FORMATS: tuple[str, ...] = tuple(model_defaults()["formats"])

_LANGUAGE_ALIASES = {
    "hindi": "hi",
    "english": "en",
    "hin": "hi",
    "eng": "en",
    "regional language": "regional",
}
_MIXED = {"mixed", "hi-en", "hinglish", "en-hi"}


def _languages(value: object) -> tuple[str, ...]:
    """Normalise a language or languages to codes from ``LANGUAGES``."""
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list | tuple) or not items:
        msg = f"languages={value!r}, must be codes such as ('hi',) or ('en', 'hi')"
        raise PostLabTypeError(msg)
    codes: list[str] = []
    for item in items:
        if not isinstance(item, str):
            msg = f"languages={value!r}, each must be text such as 'hi'"
            raise PostLabTypeError(msg)
        key = item.strip().lower()
        found = ["hi", "en"] if key in _MIXED else [_LANGUAGE_ALIASES.get(key, key)]
        for code in found:
            if code not in LANGUAGES:
                msg = f"languages has {item!r}, must be among: {', '.join(LANGUAGES)}"
                raise PostLabValueError(msg)
            if code not in codes:
                codes.append(code)
    return tuple(codes)


def _reasons(value: object) -> tuple[str, ...]:
    """``quality_reasons`` as a tuple of text: None is none, one text is one reason."""
    if value is None:
        return ()
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list | tuple | set | frozenset):
        msg = (
            f"quality_reasons={value!r:.60} ({type(value).__name__}), must be a list of "
            "sentences such as ['no call to action'], or None"
        )
        raise PostLabTypeError(msg)
    return tuple(str(reason) for reason in items)


@dataclass(frozen=True, kw_only=True)
class Post:
    """A post to simulate.

    Parameters
    ----------
    platform : str
        Platform short name (``"x"``, ``"facebook"``, ``"instagram"``, ...).
    hour, minute : int
        Local posting time, 0-23 and 0-59.
    day : str
        ``"weekday"``, ``"weekend"`` or a day such as ``"mon"``.
    format : str
        One of ``text``, ``image``, ``video``, ``link``, ``thread``.
    languages : tuple of str
        Languages the post is written in, e.g. ``("hi",)`` or ``("en", "hi")``.
    topic : str, optional
        Topic such as ``"health"``; segments interested in it respond more.
    hashtags : int or tuple of str
        Number of hashtags, or the hashtags themselves.
    call_to_action : bool
        Whether the post asks people to share, click or reply.
    quality : float, optional
        Draft quality in 0..1 from ``postlab.drafting``, multiplied into every
        chance of engaging (None: not checked, same as 1).
    quality_reasons : tuple of str
        Why the quality is what it is (shown in explanations).
    accessible : bool, optional
        False when the draft fails accessibility checks (None: not checked).
        ``from_draft`` leaves it unset: the drafting quality already counts them.
    author_reply_rate : float, optional
        Share of the replies under the post that the account answers while
        the post is still being ranked (0 to 1). X's 2023 ranker weighs a
        reply the author engages with at 75, so on a ranked feed answering
        keeps the post in view a little longer (at most
        ``ranking.author_reply_boost_max`` times); a chronological feed
        ignores it. None (the default) uses ``ranking.author_reply_rate``
        from ``data/model_defaults.yaml``, which is 0.

    Example
    -------
    >>> Post(format="image", hour=19, languages=("hi",)).hashtag_count
    0
    """

    platform: str = "x"
    hour: int = 10
    minute: int = 0
    day: str = "weekday"
    format: str = "text"
    languages: tuple[str, ...] = ("hi", "en")
    topic: str | None = None
    hashtags: int | tuple[str, ...] = 0
    call_to_action: bool = False
    quality: float | None = None
    quality_reasons: tuple[str, ...] = field(default=())
    accessible: bool | None = None
    author_reply_rate: float | None = None

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "platform", get_platform(self.platform).key)
        whole_number("hour", self.hour, 0, 23)
        whole_number("minute", self.minute, 0, 59)
        day = self.day.strip().lower() if isinstance(self.day, str) else None
        if day not in ("weekday", "weekend") and day is not None:
            day = day[:3]
        if day not in DAYS:
            msg = f"day={self.day!r}, must be one of: {', '.join(DAYS)}"
            raise PostLabValueError(msg)
        set_(self, "day", day)
        if self.format not in FORMATS:
            msg = f"format={self.format!r}, must be one of: {', '.join(FORMATS)}"
            raise PostLabValueError(msg)
        set_(self, "languages", _languages(self.languages))
        if self.topic is not None and not isinstance(self.topic, str):
            msg = f"topic={self.topic!r}, must be text such as 'health' or None"
            raise PostLabTypeError(msg)
        if isinstance(self.hashtags, list | tuple):
            set_(self, "hashtags", tuple(str(tag) for tag in self.hashtags))
        else:
            whole_number("hashtags", self.hashtags, 0, 100)
        if not isinstance(self.call_to_action, bool):
            msg = f"call_to_action={self.call_to_action!r}, must be True or False"
            raise PostLabTypeError(msg)
        if self.quality is not None:
            share("quality", self.quality)
        set_(self, "quality_reasons", _reasons(self.quality_reasons))
        if self.accessible is not None and not isinstance(self.accessible, bool):
            msg = f"accessible={self.accessible!r}, must be True, False or None"
            raise PostLabTypeError(msg)
        if self.author_reply_rate is not None:
            set_(self, "author_reply_rate", share("author_reply_rate", self.author_reply_rate))

    @property
    def hashtag_count(self) -> int:
        """Number of hashtags."""
        return len(self.hashtags) if isinstance(self.hashtags, tuple) else int(self.hashtags)

    @property
    def weekday(self) -> bool:
        """True when posted on a weekday."""
        return self.day not in ("weekend", "sat", "sun")

    @property
    def time_label(self) -> str:
        """Posting time as ``HH:MM``."""
        return f"{self.hour:02d}:{self.minute:02d}"

    def replace(self, **changes: object) -> Post:
        """A copy with some fields changed (``dataclasses.replace``)."""
        return replace(self, **changes)

    @classmethod
    def from_draft(cls, text: str, platform: str = "x", **kw: object) -> Post:
        """Build a post from a draft, taking quality signals from ``postlab.drafting``.

        Parameters
        ----------
        text : str
            The draft.
        platform : str
            Platform short name.
        **kw
            Any other :class:`Post` field (``hour``, ``format``, ...); these win
            over what the draft report says.

        Returns
        -------
        Post

        Example
        -------
        >>> post = Post.from_draft("Apply for the scholarship by 30 June.")  # doctest: +SKIP
        """
        from postlab import drafting  # imported here: drafting is a separate engine

        report = drafting.analyze(text, platform=platform)
        # the report's quality already carries its accessibility penalties (emoji, hashtags
        # not in CamelCase, ...), so ``accessible`` is left unset to avoid counting them twice
        fields: dict[str, object] = {
            "platform": platform,
            "quality": float(report.quality),
            "quality_reasons": tuple(str(r) for r in getattr(report, "quality_reasons", ())),
            "hashtags": tuple(getattr(report, "hashtags", ()) or ()),
        }
        language = getattr(report, "language", None)
        try:
            fields["languages"] = _languages(language)
        except (PostLabTypeError, PostLabValueError):
            pass
        fields.update(kw)
        return cls(**fields)
