"""The scoring part of a plan: the numbers reported afterwards, each an output or an outcome.

The kinds follow the AMEC Integrated Evaluation Framework (2016): an **output** is what the
account did and who saw it, an **outcome** what people did or changed because of it. The words
that mark a name as an output are in ``data/campaign.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from postlab.campaign._values import text_value
from postlab.campaign.lexicon import campaign_words
from postlab.errors import PostLabTypeError, PostLabValueError

__all__ = ["MEASURE_KINDS", "Measure", "measures_from_dict"]

_EDGE = r"\w\u0900-\u097F"
#: A source written in brackets at the end of the name: "Helpline calls (helpline log)".
_BRACKETED = re.compile(r"\(([^()]+)\)\s*$")

#: The two kinds of measure a plan reports (AMEC Integrated Evaluation Framework, 2016).
MEASURE_KINDS: tuple[str, ...] = ("output", "outcome")


@cache
def _output_pattern() -> re.Pattern[str]:
    """A word that starts like one of the output words (``view`` finds ``viewers``)."""
    words = "|".join(re.escape(w) for w in campaign_words().output_words)
    return re.compile(rf"\b(?:{words})")


@cache
def _starts(name: str) -> re.Pattern[str]:
    """A word that starts like one of the words of list ``name`` of the campaign lexicon."""
    words = sorted(getattr(campaign_words(), name), key=len, reverse=True)
    return re.compile(rf"(?<![{_EDGE}])(?:{'|'.join(re.escape(w) for w in words)})")


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
        Where the number will come from (``"platform analytics"``, ``"camp registers"``);
        when empty, a source in brackets at the end of the name is taken
        (``"Helpline calls (helpline log)"``).

    Example
    -------
    >>> Measure(name="Helpline calls", kind="Outcome").kind
    'outcome'
    """

    name: str
    kind: str
    source: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", text_value("name", self.name))
        source = text_value("source", "" if self.source is None else self.source)
        bracket = _BRACKETED.search(self.name)
        if not source and bracket:
            source = bracket.group(1).strip()
        object.__setattr__(self, "source", source)
        kind = self.kind.strip().lower() if isinstance(self.kind, str) else self.kind
        if kind not in MEASURE_KINDS:
            msg = f"kind={self.kind!r} for measure {self.name!r}, must be 'output' or 'outcome'"
            raise PostLabValueError(msg)
        object.__setattr__(self, "kind", kind)

    @property
    def looks_like_output(self) -> bool:
        """True when the name counts what was published or seen (reach, likes, views ...)."""
        return _output_pattern().search(self.name.lower()) is not None

    @property
    def problems(self) -> tuple[str, ...]:
        """What keeps this measure from being reported honestly, in plain words.

        Every measure names where its number comes from (AMEC 2016: a data source);
        an outcome names what people did, or what a survey asks them (trust, knowing
        the helpline number): a change you can count, not a wish.

        Example
        -------
        >>> Measure(name="Happiness", kind="outcome").problems[0][:48]
        "'Happiness' does not say where its number will c"
        >>> Measure(name="Helpline calls", kind="outcome", source="helpline log").problems
        ()
        """
        name = self.name or "a measure"
        out = []
        if not self.source:
            out.append(
                f"'{name}' does not say where its number will come from: name the record, "
                "tool or survey (a helpline log, platform analytics, camp registers, a survey)"
            )
        elif not _starts("source_words").search(self.source.lower()):
            out.append(
                f"'{self.source}' is not somewhere a number comes from: name a record, a tool "
                "or a survey (a helpline log, platform analytics, camp registers, a survey)"
            )
        if self.kind == "outcome" and not self.looks_like_output:
            text = f"{self.name} {self.source}".lower()
            action = _starts("outcome_words").search(self.name.lower())
            surveyed = _starts("awareness_words").search(self.name.lower()) and _starts(
                "survey_words"
            ).search(text)
            if not (action or surveyed):
                out.append(
                    f"'{name}' does not say what people did: an outcome counts an action "
                    "(calls to the helpline, visits to cooling centres, children vaccinated) or "
                    "what a survey asks (people who know the helpline number)"
                )
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
