"""Strategy files: small YAML documents a facilitator can hand out, with errors that name the line.

A file looks like this (times in quotes or not; ``10:00`` is read as a time,
not as YAML's base-60 number)::

    name: One big post a day at 10:00
    platform: x
    cap_per_day: 1
    reply_policy: {answer_share: 0.2, within_minutes: 480, staffed_hours: [10, 18]}
    posts:
      - {day: mon, time: "10:00", format: image, languages: [hi, en]}
"""

from __future__ import annotations

import difflib
import os
import re
import reprlib
from pathlib import Path

import yaml

from postlab.atomic import write_text_atomic
from postlab.errors import PostLabTypeError, PostLabValueError
from postlab.safe_yaml import YamlFileError, compose_yaml, read_yaml_text
from postlab.strategies.strategy import Partner, ReplyPolicy, ScheduledPost, Strategy

__all__ = ["StrategyFileError", "load_strategy", "save_strategy", "strategy_from_yaml"]

_TOP = ("name", "description", "platform", "cap_per_day", "reply_policy", "partners", "posts")
_POST = ("day", "time", "format", "languages", "topic", "hashtags", "call_to_action")
_REPLY = ("answer_share", "within_minutes", "staffed_hours")
_PARTNER = ("name", "followers", "reshare_share")


class StrategyFileError(YamlFileError):
    """A strategy file that cannot be used; the message names the file, the line (``.line``,
    when known) and the problem."""


def _line(node: yaml.Node) -> int:
    """1-based line where ``node`` starts."""
    return node.start_mark.line + 1


def _fail(source: str, node: yaml.Node | int, problem: str) -> StrategyFileError:
    """An error for ``source`` at the line of ``node``."""
    line = node if isinstance(node, int) else _line(node)
    return StrategyFileError(f"{source}, line {line}: {problem}", line)


def _value(node: yaml.Node) -> object:
    """Plain Python value of a YAML node (safe types only)."""
    return yaml.constructor.SafeConstructor().construct_document(node)


def _mapping(source: str, node: yaml.Node, allowed: tuple[str, ...], what: str) -> dict:
    """``{key: value_node}`` of a mapping node; unknown keys are reported with a suggestion."""
    if not isinstance(node, yaml.MappingNode):
        raise _fail(source, node, f"{what} must be a set of 'field: value' lines")
    out: dict[str, yaml.Node] = {}
    for key_node, value_node in node.value:
        key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "?"
        if key not in allowed:
            near = difflib.get_close_matches(key[:100], allowed, n=1)
            hint = f"; did you mean {near[0]!r}?" if near else f"; known: {', '.join(allowed)}"
            raise _fail(source, key_node, f"unknown field {reprlib.repr(key)} in {what}{hint}")
        out[key] = value_node
    return out


def _fields(source: str, nodes: dict, *, raw: tuple[str, ...] = ()) -> dict:
    """Plain values of a mapping's nodes; fields in ``raw`` keep their text (times)."""
    out = {}
    for key, node in nodes.items():
        if key in raw and isinstance(node, yaml.ScalarNode):
            out[key] = node.value
        else:
            try:
                out[key] = _value(node)
            except (yaml.YAMLError, ValueError, TypeError, OverflowError) as err:
                problem = f"{key}: a value PostLab cannot read ({reprlib.repr(str(err))})"
                raise _fail(source, node, problem) from None
    return out


def _build(source: str, node: yaml.Node, factory, problem: str = ""):
    """Call ``factory`` and turn a PostLab error into one that names the line of ``node``."""
    try:
        return factory()
    except (PostLabValueError, PostLabTypeError) as err:
        raise _fail(source, node, f"{problem}{err}") from None


def _posts(source: str, node: yaml.Node | None, top: yaml.Node) -> list[ScheduledPost]:
    """The ``posts:`` list, each post checked on its own line."""
    if node is None:
        raise _fail(source, top, "no 'posts:' list; a strategy needs at least one post")
    if not isinstance(node, yaml.SequenceNode):
        raise _fail(source, node, "'posts' must be a list, one '- day: ..., time: ...' per post")
    posts = []
    for item in node.value:
        nodes = _mapping(source, item, _POST, "a post")
        for needed in ("day", "time"):
            if needed not in nodes:
                raise _fail(source, item, f"the post has no {needed!r}")
        values = _fields(source, nodes, raw=("time",))
        line = _line(item)
        posts.append(_build(source, item, lambda v=values, n=line: ScheduledPost(**v, line=n)))
    return posts


def _reply_policy(source: str, node: yaml.Node | None) -> ReplyPolicy:
    """The ``reply_policy:`` block (defaults when absent)."""
    if node is None:
        return ReplyPolicy()
    values = _fields(source, _mapping(source, node, _REPLY, "reply_policy"))
    hours = values.pop("staffed_hours", None)
    if hours is not None:
        if not isinstance(hours, list) or len(hours) != 2:
            problem = f"staffed_hours={hours!r}, must be two hours such as [10, 18]"
            raise _fail(source, node, problem)
        values["staffed_from"], values["staffed_until"] = hours
    return _build(source, node, lambda: ReplyPolicy(**values), "reply_policy: ")


def _partners(source: str, node: yaml.Node | None) -> list[Partner]:
    """The ``partners:`` list (empty when absent)."""
    if node is None:
        return []
    if not isinstance(node, yaml.SequenceNode):
        raise _fail(source, node, "'partners' must be a list of '- name: ..., followers: ...'")
    out = []
    for item in node.value:
        values = _fields(source, _mapping(source, item, _PARTNER, "a partner"))
        out.append(_build(source, item, lambda v=values: Partner(**v), "partner: "))
    return out


def strategy_from_yaml(text: str, *, source: str = "strategy") -> Strategy:
    """Read a strategy from YAML text.

    Parameters
    ----------
    text : str
        The file's content.
    source : str
        Name used in messages (usually the file name).

    Returns
    -------
    Strategy

    Raises
    ------
    StrategyFileError
        With the line and the problem: a typo in a field name, an unknown
        platform, a post at 25:00, overlapping slots, a day over the posting
        cap, an empty strategy, or text that is not YAML.

    Example
    -------
    >>> s = strategy_from_yaml("name: Daily\\nposts:\\n  - {day: mon, time: 10:00}\\n")
    >>> s.posts[0].time
    '10:00'
    """
    if not isinstance(text, str):
        msg = f"text={type(text).__name__}, must be the strategy file's text"
        raise PostLabTypeError(msg)
    try:
        root = compose_yaml(text, source=source)  # bounded: no aliases, no deep nesting
    except YamlFileError as err:
        raise StrategyFileError(str(err), err.line) from None
    if root is None:
        raise _fail(source, 1, "the file is empty; a strategy needs a name and posts")
    nodes = _mapping(source, root, _TOP, "the strategy")
    if "name" not in nodes:
        raise _fail(source, root, "the strategy has no 'name:'")
    top = _fields(source, {k: v for k, v in nodes.items() if k not in _TOP[4:]})
    for key in ("platform", "cap_per_day"):
        if key in nodes:  # check the line's own value before the whole strategy
            single = {"name": "check", "posts": (), key: top[key]}
            try:
                Strategy(**single)
            except (PostLabValueError, PostLabTypeError) as err:
                if "no posts" not in str(err):
                    raise _fail(source, nodes[key], str(err)) from None
    posts = _posts(source, nodes.get("posts"), root)
    policy = _reply_policy(source, nodes.get("reply_policy"))
    partners = _partners(source, nodes.get("partners"))
    try:
        return Strategy(**top, posts=posts, reply_policy=policy, partners=partners)
    except (PostLabValueError, PostLabTypeError) as err:
        found = re.match(r"line (\d+) \(([^)]*)\) (.*)", str(err), re.DOTALL)
        if found:
            line = int(found.group(1))
            raise _fail(source, line, f"the post at {found.group(2)} {found.group(3)}") from None
        raise _fail(source, root, str(err)) from None


def load_strategy(path: str | os.PathLike) -> Strategy:
    """Read a strategy file (YAML).

    Parameters
    ----------
    path : str or path-like
        The file.

    Returns
    -------
    Strategy

    Raises
    ------
    StrategyFileError
        When the file is missing or has a problem (message names the line).

    Example
    -------
    >>> from postlab.strategies.presets import preset_path
    >>> load_strategy(preset_path("daily-10am")).name
    'One big post a day at 10:00'
    """
    try:
        text = read_yaml_text(path, what="strategy file")  # size, NUL and UTF-8 checked first
    except YamlFileError as err:
        raise StrategyFileError(str(err), err.line) from None
    return strategy_from_yaml(text, source=Path(path).name)


def save_strategy(strategy: Strategy, path: str | os.PathLike) -> Path:
    """Write a strategy to a YAML file (atomically), readable by :func:`load_strategy`.

    Parameters
    ----------
    strategy : Strategy
        What to save.
    path : str or path-like
        Where to save it.

    Returns
    -------
    pathlib.Path
        The file written.

    Example
    -------
    >>> import tempfile, pathlib
    >>> from postlab.strategies.presets import preset
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> load_strategy(save_strategy(preset("video-first"), folder / "v.yaml")).name
    'Video first'
    """
    if not isinstance(strategy, Strategy):
        msg = f"strategy={type(strategy).__name__}, must be a Strategy"
        raise PostLabTypeError(msg)
    file = Path(path)
    body = yaml.safe_dump(strategy.to_dict(), sort_keys=False, allow_unicode=True, width=100)
    text = f"# PostLab strategy file: edit the values, keep the layout.\n{body}"
    return write_text_atomic(file, text)
