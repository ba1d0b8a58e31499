"""Fictional Navapur press releases and the key facts every post about them must keep.

The scenarios live in ``data/scenarios.yaml``; adding one is adding an entry
there. A scenario can say which of its key facts a draft has lost
(``missing_facts``), reading dates, amounts, phone numbers and links the way
``postlab.drafting.compare_facts`` does, so a Hindi draft with ``१५ मार्च``
keeps the date ``15 March 2026``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from postlab.drafting.facts import extract_facts
from postlab.errors import PostLabTypeError, PostLabValueError

__all__ = ["KeyFact", "Scenario", "get_scenario", "load_scenarios"]

#: Fact kind in the data file -> the group ``extract_facts`` puts it in.
_GROUP = {
    "date": "dates",
    "amount": "numbers",
    "number": "numbers",
    "phone": "phones",
    "link": "links",
}


@dataclass(frozen=True)
class KeyFact:
    """One fact a post must keep.

    Attributes
    ----------
    label : str
        What the fact is, for people ("new last date").
    kind : str
        ``"date"``, ``"amount"``, ``"number"``, ``"phone"`` or ``"link"``.
    value : str
        As written in the press release ("15 March 2026").
    normalized : str
        As ``extract_facts`` reads it ("2026-03-15"), used for matching.
    """

    label: str
    kind: str
    value: str
    normalized: str

    def found_in(self, text: str) -> bool:
        """True when ``text`` states this fact (digits of any script; a date may omit its year)."""
        found = extract_facts(text)[_GROUP[self.kind]]
        if self.kind == "date":
            return any(_same_date(self.normalized, other) for other in found)
        if self.kind == "link":
            return any(self.normalized.lower() == other.lower() for other in found)
        return self.normalized in found


@dataclass(frozen=True)
class Scenario:
    """A fictional press release from Navapur and the facts a post about it must keep.

    Attributes
    ----------
    id, title, department : str
        Short name, one-line title and the (fictional) department that issues it.
    press_release : str
        The English release.
    press_release_hi : str or None
        A Hindi version whose facts match the English one, where the data file has one.
    facts : tuple of KeyFact
        Dates, amounts, helplines and links every post about it must keep.
    """

    id: str
    title: str
    department: str
    press_release: str
    facts: tuple[KeyFact, ...]
    press_release_hi: str | None = None

    def fact(self, kind: str) -> KeyFact:
        """The first key fact of ``kind`` (``"phone"``, ``"link"``, ...)."""
        for fact in self.facts:
            if fact.kind == kind:
                return fact
        kinds = ", ".join(sorted({f.kind for f in self.facts}))
        msg = f"kind={kind!r}: scenario {self.id!r} has no such fact; it has: {kinds}"
        raise PostLabValueError(msg)

    def missing_facts(self, text: str) -> list[KeyFact]:
        """The key facts that ``text`` does not state, in the order of the data file.

        Parameters
        ----------
        text : str
            A draft post (or a whole thread joined together), in any language.

        Returns
        -------
        list of KeyFact
            Empty when every key fact is there.

        Raises
        ------
        PostLabTypeError
            If ``text`` is not a str.

        Example
        -------
        >>> s = get_scenario("scholarship-deadline")
        >>> [f.label for f in s.missing_facts("By 15 March: ₹12,000 a year. Call 1800-000-1234")]
        ['where to apply']
        """
        if not isinstance(text, str):
            msg = f"text={text!r:.60} ({type(text).__name__}), must be str"
            raise PostLabTypeError(msg)
        return [fact for fact in self.facts if not fact.found_in(text)]


def _same_date(wanted: str, found: str) -> bool:
    """ISO dates agree; a date written without its year (``--03-15``) matches any year."""
    if wanted == found:
        return True
    return wanted[-5:] == found[-5:] and (wanted.startswith("--") or found.startswith("--"))


def _fact(scenario_id: str, row: dict) -> KeyFact:
    """Build one KeyFact and make sure the engine reads its value as exactly one fact."""
    kind = row.get("kind")
    if kind not in _GROUP:
        msg = (
            f"scenarios.yaml, scenario {scenario_id!r}: kind={kind!r}, "
            f"must be one of {', '.join(_GROUP)}"
        )
        raise PostLabValueError(msg)
    value = str(row["value"])
    found = extract_facts(value)[_GROUP[kind]]
    if len(found) != 1:
        msg = (
            f"scenarios.yaml, scenario {scenario_id!r}: value={value!r} of kind {kind!r} "
            f"must read as exactly one {kind}, found {found}"
        )
        raise PostLabValueError(msg)
    return KeyFact(label=str(row["label"]), kind=kind, value=value, normalized=found[0])


@cache
def _scenarios() -> dict[str, Scenario]:
    text = resources.files("postlab.data").joinpath("scenarios.yaml").read_text(encoding="utf-8")
    out: dict[str, Scenario] = {}
    for row in yaml.safe_load(text)["scenarios"]:
        sid = row["id"]
        out[sid] = Scenario(
            id=sid,
            title=row["title"],
            department=row["department"],
            press_release=" ".join(row["press_release"].split()),
            press_release_hi=" ".join(row["press_release_hi"].split())
            if row.get("press_release_hi")
            else None,
            facts=tuple(_fact(sid, f) for f in row["facts"]),
        )
    return out


def load_scenarios() -> dict[str, Scenario]:
    """Every scenario, keyed by id, in the order of ``data/scenarios.yaml``.

    Returns
    -------
    dict of str to Scenario
        A fresh dict each call (the scenarios themselves are frozen).

    Example
    -------
    >>> "heatwave-advisory" in load_scenarios()
    True
    """
    return dict(_scenarios())


def get_scenario(scenario_id: str) -> Scenario:
    """The scenario called ``scenario_id``.

    Parameters
    ----------
    scenario_id : str
        For example ``"heatwave-advisory"``.

    Returns
    -------
    Scenario

    Raises
    ------
    PostLabTypeError
        If ``scenario_id`` is not a str.
    PostLabValueError
        If there is no such scenario; the message lists the ones there are.

    Example
    -------
    >>> get_scenario("metro-closure").fact("phone").value
    '1800-000-3636'
    """
    if not isinstance(scenario_id, str):
        msg = f"scenario_id={scenario_id!r} ({type(scenario_id).__name__}), must be str"
        raise PostLabTypeError(msg)
    scenarios = _scenarios()
    key = scenario_id.strip().lower()
    if key not in scenarios:
        msg = (
            f"scenario_id={scenario_id!r} is not a PostLab scenario; "
            f"choose one of: {', '.join(scenarios)}"
        )
        raise PostLabValueError(msg)
    return scenarios[key]
