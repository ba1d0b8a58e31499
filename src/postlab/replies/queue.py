"""The comment queue: fictional public comments, each with the triage a seasoned team would choose.

Comments live in ``data/comments.yaml``; ``load_comments()`` reads them (or another
file of the same shape) and says plainly which comment lacks which field.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from postlab.errors import PostLabTypeError, PostLabValueError
from postlab.safe_yaml import load_yaml, read_yaml_text

__all__ = ["TRIAGE_OPTIONS", "Comment", "load_comments", "triage_options"]

_REQUIRED = ("id", "post", "author", "language", "kind", "text", "triage", "why")


@dataclass(frozen=True)
class Comment:
    """One public comment and the triage the key gives it.

    Attributes
    ----------
    id, post, author, language, kind, text : str
        Who said what, on which post, in which language; ``kind`` is
        ``question``, ``complaint``, ``rumour``, ``spam``, ...
    triage : str
        Best triage choice (one of ``TRIAGE_OPTIONS``).
    why : str
        Why a seasoned team would choose it.
    also_ok : tuple of str
        Other acceptable choices (half credit).
    myth : tuple of str
        Key words of the false claim (rumours only).
    fact : str
        The fact that corrects it (rumours only).
    sample_reply : str
        A reply that passes the checks, for facilitators and solutions.
    """

    id: str
    post: str
    author: str
    language: str
    kind: str
    text: str
    triage: str
    why: str
    also_ok: tuple[str, ...] = ()
    myth: tuple[str, ...] = ()
    fact: str = ""
    sample_reply: str = ""

    @property
    def needs_reply(self) -> bool:
        """True when the key's triage means writing a reply."""
        return self.triage in ("answer", "answer_private", "correct", "escalate")

    @property
    def needs_private_channel(self) -> bool:
        """True when the case should move to a private or official channel."""
        return self.triage == "answer_private" or "answer_private" in self.also_ok


def _default_text() -> str:
    return resources.files("postlab.data").joinpath("comments.yaml").read_text(encoding="utf-8")


@cache
def _default_data() -> dict[str, Any]:
    return yaml.safe_load(_default_text())


def triage_options() -> dict[str, str]:
    """Triage choices as ``{key: label}``, from ``data/comments.yaml``.

    Example
    -------
    >>> triage_options()["correct"]
    'Correct the facts in public (truth sandwich)'
    """
    return dict(_default_data()["triage_options"])


TRIAGE_OPTIONS: tuple[str, ...] = tuple(triage_options())
"""Triage keys in chart order: answer, answer_private, correct, monitor, hide_report, escalate."""


def _as_tuple(value: object, where: str, name: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list | tuple) and all(isinstance(v, str | int) for v in value):
        return tuple(str(v) for v in value)
    msg = f"{where} field {name!r} is {value!r}, must be a list of words"
    raise PostLabValueError(msg)


def _comment(raw: object, position: int, options: tuple[str, ...]) -> Comment:
    where = f"comment {position + 1}"
    if not isinstance(raw, dict):
        msg = (
            f"{where} is {type(raw).__name__}, must be a mapping of fields such as id, text, triage"
        )
        raise PostLabValueError(msg)
    if "id" in raw:
        where = f"comment {position + 1} (id {raw['id']!r})"
    missing = [name for name in _REQUIRED if raw.get(name) in (None, "")]
    if missing:
        msg = (
            f"{where} is missing the field(s) {', '.join(missing)}; every comment needs "
            f"{', '.join(_REQUIRED)}"
        )
        raise PostLabValueError(msg)
    for name in _REQUIRED:
        if not isinstance(raw[name], str):
            msg = f"{where} field {name!r} is {raw[name]!r}, must be text"
            raise PostLabValueError(msg)
    also = _as_tuple(raw.get("also_ok"), where, "also_ok")
    for choice in (raw["triage"], *also):
        if choice not in options:
            msg = f"{where} has triage {choice!r}, must be one of: {', '.join(options)}"
            raise PostLabValueError(msg)
    return Comment(
        id=raw["id"],
        post=raw["post"],
        author=raw["author"],
        language=raw["language"],
        kind=raw["kind"],
        text=raw["text"],
        triage=raw["triage"],
        why=raw["why"],
        also_ok=also,
        myth=_as_tuple(raw.get("myth"), where, "myth"),
        fact=str(raw.get("fact") or ""),
        sample_reply=str(raw.get("sample_reply") or ""),
    )


def load_comments(path: str | os.PathLike[str] | None = None) -> tuple[Comment, ...]:
    """Read a comment queue (the built-in one when ``path`` is None).

    Parameters
    ----------
    path : str or PathLike, optional
        A YAML file shaped like ``data/comments.yaml`` (a ``comments`` list).

    Returns
    -------
    tuple of Comment
        In file order.

    Raises
    ------
    PostLabValueError
        If the file is missing, is not YAML, has no ``comments`` list, a comment
        lacks a required field, has an unknown triage, or two share an id.
    PostLabTypeError
        If ``path`` is not a path.

    Example
    -------
    >>> queue = load_comments()
    >>> queue[0].id, queue[0].triage
    ('c01', 'answer')
    """
    if path is None:
        data = _default_data()
        name = "data/comments.yaml"
    else:
        if not isinstance(path, str | os.PathLike):
            msg = f"path={path!r} ({type(path).__name__}), must be a file path or None"
            raise PostLabTypeError(msg)
        file = Path(path)
        name = str(file)
        # bounded and alias-free; a YamlFileError is a PostLabValueError with one sentence
        data = load_yaml(read_yaml_text(file, what="comments YAML file"), source=file.name)
    items = data.get("comments") if isinstance(data, dict) else None
    if not isinstance(items, list) or not items:
        msg = (
            f"{name} has no 'comments' list; expected 'comments:' followed by one entry per comment"
        )
        raise PostLabValueError(msg)
    options = TRIAGE_OPTIONS
    queue = tuple(_comment(raw, i, options) for i, raw in enumerate(items))
    seen: set[str] = set()
    for comment in queue:
        if comment.id in seen:
            msg = f"{name} has two comments with id {comment.id!r}; ids must be unique"
            raise PostLabValueError(msg)
        seen.add(comment.id)
    return queue
