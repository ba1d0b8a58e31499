"""The one way PostLab reads YAML that a person supplies: bounded, alias-free, plain errors.

Strategy files, tabletop scenarios and comment queues come from facilitators and
trainees, so a file may be huge, binary, deeply nested or a "billion laughs"
bomb (anchors and aliases that expand to gigabytes). This module checks the
bytes before parsing (size, NUL, UTF-8), parses with a loader that refuses
anchors and aliases at once and stops at :data:`MAX_DEPTH` levels of nesting,
and turns every failure into a :class:`YamlFileError` with one short sentence.
Anything echoed from the file is shortened with :mod:`reprlib`.
"""

from __future__ import annotations

import os
import reprlib
from pathlib import Path

import yaml

from postlab.errors import PostLabTypeError, PostLabValueError

__all__ = ["MAX_BYTES", "MAX_DEPTH", "YamlFileError", "compose_yaml", "load_yaml", "read_yaml_text"]

MAX_BYTES = 1_000_000
"""Largest YAML file PostLab reads (1 MB); the kit's own data files are under 20 KB."""

MAX_DEPTH = 50
"""Deepest nesting of lists and mappings PostLab reads."""

_SHORT = reprlib.Repr()
_SHORT.maxstring = 60
_SHORT.maxother = 40


class YamlFileError(PostLabValueError):
    """A YAML file or text PostLab will not read; the message says why in one sentence.

    Attributes
    ----------
    line : int or None
        1-based line of the problem, when known.
    """

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


def _fail(source: str, problem: str, line: int | None = None) -> YamlFileError:
    where = f"{source}, line {line}" if line else source
    return YamlFileError(f"{where}: {problem}", line)


class _BoundedLoader(yaml.SafeLoader):
    """A safe loader that refuses anchors and aliases and nesting deeper than ``MAX_DEPTH``."""

    def __init__(self, stream: str, source: str) -> None:
        super().__init__(stream)
        self._source = source
        self._depth = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        line = event.start_mark.line + 1 if event.start_mark else None
        if isinstance(event, yaml.AliasEvent):
            name = _SHORT.repr(event.anchor)
            problem = (
                f"uses the alias *{name[1:-1]}; PostLab does not read YAML aliases or anchors, "
                "so write the value out in full"
            )
            raise _fail(self._source, problem, line)
        if getattr(event, "anchor", None) is not None:
            name = _SHORT.repr(event.anchor)
            problem = (
                f"defines the anchor &{name[1:-1]}; PostLab does not read YAML aliases or "
                "anchors, so write the value out in full"
            )
            raise _fail(self._source, problem, line)
        nests = isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent)
        if nests:
            self._depth += 1
            if self._depth > MAX_DEPTH:
                problem = f"nests lists or mappings more than {MAX_DEPTH} levels deep"
                raise _fail(self._source, problem, line)
        try:
            return super().compose_node(parent, index)
        finally:
            if nests:
                self._depth -= 1


def _check_text(text: object, source: str) -> str:
    """``text`` when it is a str PostLab may parse: bounded, no NUL."""
    if not isinstance(text, str):
        msg = f"text={type(text).__name__}, must be the YAML file's text (a str)"
        raise PostLabTypeError(msg)
    if len(text) > MAX_BYTES:
        problem = f"is {len(text):,} characters long; PostLab reads YAML up to {MAX_BYTES:,}"
        raise _fail(source, problem)
    nul = text.find("\0")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        raise _fail(source, "holds a NUL character, so it is not a text file", line)
    return text


def _yaml_problem(source: str, err: yaml.YAMLError) -> YamlFileError:
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    line = mark.line + 1 if mark is not None else None
    problem = getattr(err, "problem", None) or getattr(err, "reason", None) or "unreadable"
    said = _SHORT.repr(str(problem))[1:-1]
    return _fail(source, f"could not be read as YAML (not valid YAML: {said})", line)


def compose_yaml(text: str, *, source: str = "YAML") -> yaml.Node | None:
    """The YAML node tree of ``text`` (for messages that name lines), read safely.

    Raises
    ------
    YamlFileError
        For text that is too long, holds NUL, uses anchors or aliases, nests too
        deep, or is not YAML.

    Example
    -------
    >>> compose_yaml("a: 1").value[0][0].value
    'a'
    """
    text = _check_text(text, source)
    try:
        loader = _BoundedLoader(text, source)  # the reader refuses control characters here
    except yaml.reader.ReaderError as err:
        line = text.count("\n", 0, err.position) + 1
        problem = f"holds the control character U+{err.character:04X}, which YAML does not allow"
        raise _fail(source, problem, line) from None
    try:
        return loader.get_single_node()
    except yaml.YAMLError as err:
        raise _yaml_problem(source, err) from None
    except RecursionError:
        raise _fail(source, "nests too deeply to read") from None
    finally:
        loader.dispose()


def load_yaml(text: str, *, source: str = "YAML") -> object:
    """Plain Python values (dicts, lists, str, numbers) of ``text``, read safely.

    Raises
    ------
    YamlFileError
        As :func:`compose_yaml`, and for values PyYAML cannot build (a 13th month).

    Example
    -------
    >>> load_yaml("posts: [1, 2]")
    {'posts': [1, 2]}
    """
    node = compose_yaml(text, source=source)
    if node is None:
        return None
    try:
        return yaml.constructor.SafeConstructor().construct_document(node)
    except yaml.YAMLError as err:
        raise _yaml_problem(source, err) from None
    except (ValueError, TypeError, OverflowError, RecursionError) as err:
        problem = f"holds a value PostLab cannot read ({_SHORT.repr(str(err))[1:-1]})"
        raise _fail(source, problem, node.start_mark.line + 1) from None


def read_yaml_text(path: str | os.PathLike[str], *, what: str = "YAML file") -> str:
    """The text of the YAML file at ``path``, checked before any parsing.

    The size is checked before reading (at most :data:`MAX_BYTES`), then the bytes
    must hold no NUL and be UTF-8.

    Raises
    ------
    YamlFileError
        When the file is missing, unreadable, too big, binary or not UTF-8.
    PostLabTypeError
        When ``path`` is not a path.

    Example
    -------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "s.yaml"
    >>> _ = f.write_text("name: x")
    >>> read_yaml_text(f)
    'name: x'
    """
    if not isinstance(path, str | os.PathLike):
        msg = f"path={_SHORT.repr(path)} ({type(path).__name__}), must be a file path"
        raise PostLabTypeError(msg)
    file = Path(path)
    name = _SHORT.repr(str(file))
    try:
        with file.open("rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > MAX_BYTES:
                problem = (
                    f"is {size:,} bytes; PostLab reads a {what} of up to {MAX_BYTES:,} bytes (1 MB)"
                )
                raise _fail(f"path={name}", problem)
            data = fh.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise _fail(f"path={name}", f"cannot read the {what}: no such file") from None
    except IsADirectoryError:
        raise _fail(f"path={name}", f"cannot read the {what}: it is a folder") from None
    except OSError as err:
        reason = err.strerror or type(err).__name__
        raise _fail(f"path={name}", f"cannot read the {what} ({reason})") from None
    if len(data) > MAX_BYTES:  # grew while being read
        raise _fail(f"path={name}", f"is over {MAX_BYTES:,} bytes; PostLab reads up to 1 MB")
    if b"\0" in data:
        line = data.count(b"\n", 0, data.index(b"\0")) + 1
        raise _fail(f"path={name}", "holds a NUL byte, so it is not a text file", line)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        problem = f"is not UTF-8 text (byte 0x{data[err.start]:02x}); save it as UTF-8"
        raise _fail(f"path={name}", problem, line) from None
