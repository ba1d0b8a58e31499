"""Build trainee exercises from the solved notebooks, and prove the two agree.

``solutions/`` is the single source. In a solution notebook:

- lines between ``# BEGIN SOLUTION`` and ``# END SOLUTION`` in a code cell are the
  answer; ``# BEGIN SOLUTION: <prompt>`` gives the trainee a prompt. The build keeps
  the names the block assigns (``draft = ...``) and drops everything else;
- a markdown cell tagged ``solution`` is a written answer; the build replaces it
  with a prompt (the cell's ``postlab.prompt`` metadata, or a default).

:func:`verify` fails when ``exercises/`` is not exactly what the build would write
(stale) or holds any solution text (a leak), which the tests run on every change.
"""

from __future__ import annotations

import ast
import hashlib
import json
import re
import shutil
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import nbformat

from postlab.atomic import write_text_atomic
from postlab.errors import PostLabValueError

__all__ = [
    "META",
    "Problem",
    "Role",
    "build",
    "build_notebook",
    "roles",
    "solution_fragments",
    "verify",
    "written_answers",
]

#: Cell and notebook metadata key where the build names each setup and check cell's role.
META = "postlab"

_BEGIN = re.compile(r"^\s*#+\s*BEGIN SOLUTION\b:?\s*(?P<prompt>.*)$")
_END = re.compile(r"^\s*#+\s*END SOLUTION\b")
_DEFAULT_PROMPT = "Your answer here: replace each ... below."
_MARKDOWN_PROMPT = "✏️ *Write your answer in this cell (double-click to edit).*"
_MIN_LEAK_CHARS = 12
#: A quoted value this long is a model answer; shorter ones are often the options a question
#: lists ("too few people to tell"), which the exercise must show.
_MIN_LEAK_TEXT = 25


@dataclass(frozen=True)
class Problem:
    """One thing wrong with ``exercises/``: the file and what is wrong, in a sentence."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass(frozen=True)
class Role:
    """What a cell is to PostLab: the ``setup`` cell (``ex = start(...)``) or the ``check``
    of one question; grading restores these cells from the solution by this role."""

    role: str
    lesson: str
    question: str | None = None
    hidden: bool = False

    def to_metadata(self) -> dict[str, object]:
        """The cell metadata the build writes (as nbgrader writes ``grade_id``)."""
        data: dict[str, object] = {"role": self.role, "lesson": self.lesson}
        if self.question is not None:
            data["question"] = self.question
        if self.hidden:
            data["hidden"] = True
        return data

    @classmethod
    def of(cls, cell: dict) -> Role | None:
        """The role the build wrote into a cell's metadata, or None (any other shape too)."""
        meta = cell.get("metadata", {}).get(META)
        if not isinstance(meta, dict) or meta.get("role") not in ("setup", "check"):
            return None
        question = meta.get("question")
        if meta["role"] == "check" and not isinstance(question, str):
            return None
        return cls(
            str(meta["role"]), str(meta.get("lesson", "")), question, bool(meta.get("hidden"))
        )


_ROLE_KEYS = ("role", "lesson", "question", "hidden")


def _set_role(cell: dict, role: Role | None) -> None:
    """Write ``role`` into the cell's PostLab metadata (or clear it), keeping other keys
    there such as a written answer's ``prompt``."""
    meta = cell.setdefault("metadata", {})
    own = {k: v for k, v in dict(meta.get(META) or {}).items() if k not in _ROLE_KEYS}
    own.update(role.to_metadata() if role is not None else {})
    if own:
        meta[META] = own
    else:
        meta.pop(META, None)


def written_answers(nb: nbformat.NotebookNode) -> dict[str, str]:
    """A trainee's written answers (markdown cells the build marked ``postlab.written``),
    by id; an answer still holding the prompt is left out."""
    found: dict[str, str] = {}
    for cell in nb.get("cells", []):
        meta = cell.get("metadata", {}).get(META)
        ident = meta.get("written") if isinstance(meta, dict) else None
        text = cell.get("source", "")
        text = "".join(text) if isinstance(text, list) else str(text)
        prompt = meta.get("prompt", _MARKDOWN_PROMPT) if isinstance(meta, dict) else ""
        if isinstance(ident, str) and text.strip() and text.strip() != prompt.strip():
            found.setdefault(ident, text.strip())
    return found


def _call(source: str, name: str) -> ast.Call | None:
    """The first call of ``name`` (a function or a method) in ``source`` whose first
    argument is literal text, or None."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        first = node.args[0] if node.args else None
        if called == name and isinstance(first, ast.Constant) and isinstance(first.value, str):
            return node
    return None


def roles(solution: nbformat.NotebookNode) -> dict[int, Role]:
    """The setup and check cells of a (trusted) solution notebook, by cell index.

    The setup cell is the code cell that calls ``start("LESSON")``; a check cell is a
    code cell tagged ``check`` that calls ``ex.check("QUESTION", ...)``.
    """
    found: dict[int, Role] = {}
    lesson = ""
    for index, cell in enumerate(solution.cells):
        if cell.cell_type != "code":
            continue
        tags = cell.get("metadata", {}).get("tags", [])
        started = _call(cell.source, "start")
        if started is not None and not lesson:
            lesson = started.args[0].value
            found[index] = Role("setup", lesson)
            continue
        checked = _call(cell.source, "check") if "check" in tags else None
        if checked is not None:
            found[index] = Role("check", lesson, checked.args[0].value, "hidden" in tags)
    return found


def _placeholder(block: list[str], indent: str, prompt: str) -> list[str]:
    """What a trainee sees instead of a solution block: the prompt and ``name = ...`` lines."""
    out = [f"{indent}# ✏️ {prompt or _DEFAULT_PROMPT}"]
    code = "\n".join(line[len(indent) :] if line.startswith(indent) else line for line in block)
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return out
    names: list[str] = []
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
        # Only plain names become ``name = ...``: setting an attribute such as a widget's
        # value to ... would fail, so those lines are left to the trainee's hands.
        names += [t.id for t in targets if isinstance(t, ast.Name) and t.id not in names]
    return out + [f"{indent}{name} = ..." for name in names]


def _split_code(source: str, where: str) -> tuple[list[str], list[list[str]]]:
    """Exercise lines of a code cell, and the solution blocks it held."""
    kept: list[str] = []
    blocks: list[list[str]] = []
    lines = source.splitlines()
    i = 0
    while i < len(lines):
        start = _BEGIN.match(lines[i])
        if not start:
            if _END.match(lines[i]):
                msg = f"{where}: '# END SOLUTION' without a '# BEGIN SOLUTION' above it"
                raise ValueError(msg)
            kept.append(lines[i])
            i += 1
            continue
        indent = lines[i][: len(lines[i]) - len(lines[i].lstrip())]
        j = i + 1
        while j < len(lines) and not _END.match(lines[j]):
            j += 1
        if j == len(lines):
            msg = f"{where}: '# BEGIN SOLUTION' is never closed by '# END SOLUTION'"
            raise ValueError(msg)
        block = lines[i + 1 : j]
        blocks.append(block)
        kept.extend(_placeholder(block, indent, start["prompt"].strip()))
        i = j + 1
    return kept, blocks


def build_notebook(
    solution: nbformat.NotebookNode, where: str = "notebook"
) -> nbformat.NotebookNode:
    """The exercise for one solution notebook: solution parts replaced, outputs cleared."""
    nb = nbformat.from_dict(solution)
    marked = roles(nb)
    for index, cell in enumerate(nb.cells):
        tags = cell.get("metadata", {}).get("tags", [])
        _set_role(cell, marked.get(index))
        if cell.cell_type == "code":
            kept, _ = _split_code(cell.source, f"{where} cell {index}")
            cell.source = "\n".join(kept)
            cell.outputs = []
            cell.execution_count = None
        elif cell.cell_type == "markdown" and "solution" in tags:
            prompt = cell.metadata.get("postlab", {}).get("prompt", _MARKDOWN_PROMPT)
            cell.source = prompt
            cell.metadata["tags"] = [t for t in tags if t != "solution"] + ["answer"]
    nb.metadata.pop("widgets", None)
    lessons = {role.lesson for role in marked.values()}
    if len(lessons) == 1:
        nb.metadata[META] = {"lesson": lessons.pop()}
    return nb


def solution_fragments(solution: nbformat.NotebookNode) -> list[str]:
    """Pieces of solution text long enough that finding one in an exercise means a leak."""
    found: list[str] = []
    for index, cell in enumerate(solution.cells):
        if cell.cell_type == "code":
            _, blocks = _split_code(cell.source, f"cell {index}")
            lines = [line.strip() for block in blocks for line in block]
            lines += [text for block in blocks for text in _texts_in(block)]
        elif "solution" in cell.get("metadata", {}).get("tags", []):
            lines = [line.strip() for line in cell.source.splitlines()]
        else:
            continue
        found.extend(
            line
            for line in lines
            if len(line) >= _MIN_LEAK_CHARS
            and not line.startswith("#")
            and not line.endswith("= ...")
        )
    return found


def _texts_in(block: list[str]) -> list[str]:
    """The text values a solution block writes (a model answer quoted in a message is a leak
    too, even without the ``name = `` in front of it)."""
    try:
        tree = ast.parse(textwrap.dedent("\n".join(block)))
    except SyntaxError:
        return []
    return [
        node.value.strip()
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and len(node.value.strip()) >= _MIN_LEAK_TEXT
    ]


def _paths(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.ipynb") if not p.name.startswith("."))


def _text(nb: nbformat.NotebookNode) -> str:
    return nbformat.writes(nb)


#: Beside the exercises: a digest of each notebook as the build last wrote it.
BUILD_RECORD = ".postlab-build.json"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _built_before(exercises: Path) -> dict[str, str]:
    """``{notebook name: digest}`` of what the last build wrote (empty when unknown)."""
    try:
        data = json.loads((exercises / BUILD_RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _backup(target: Path, stamp: str) -> Path:
    """Copy ``target`` to ``NAME.ipynb.bak-STAMP`` (never over an earlier backup)."""
    for n in range(1, 1000):
        copy = target.with_name(f"{target.name}.bak-{stamp}" + (f"-{n}" if n > 1 else ""))
        if not copy.exists():
            shutil.copy2(target, copy)
            return copy
    msg = f"too many backups of {target.name}"
    raise PostLabValueError(msg)


def build(
    solutions: Path,
    exercises: Path,
    *,
    force: bool = False,
    log: Callable[[str], object] | None = None,
) -> list[Path]:
    """Write ``exercises/`` from ``solutions/``; return the notebooks written.

    An exercise notebook is replaced only when it is what this build last wrote
    (recorded in ``exercises/.postlab-build.json``) or already what it would
    write. One that differs, such as a notebook holding a trainee's typed answers,
    is refused and nothing at all is written, unless ``force``: then a copy is kept
    as ``NAME.ipynb.bak-STAMP`` first. ``log`` receives one sentence per backup.

    Raises
    ------
    PostLabValueError
        When an exercise was changed since it was built and ``force`` is not set.
    """
    say = log or (lambda _line: None)
    before = _built_before(exercises)
    planned: list[tuple[Path, str, bool]] = []  # target, text, changed by someone
    for src in _paths(solutions):
        nb = build_notebook(nbformat.read(src, as_version=4), where=src.name)
        target, text = exercises / src.name, _text(nb)
        try:
            current = target.read_text(encoding="utf-8", errors="surrogateescape")
        except FileNotFoundError:
            current = None
        changed = (
            current is not None and current != text and _digest(current) != before.get(src.name)
        )
        planned.append((target, text, changed))
    changed = [target for target, _, was_changed in planned if was_changed]
    if changed and not force:
        names = ", ".join(p.name for p in changed)
        msg = (
            f"{len(changed)} exercise notebook(s) in {exercises} differ from what the build "
            f"wrote (typed answers or edits?): {names}. Nothing was written; run again with "
            "--force to replace them (a backup copy of each is kept)."
        )
        raise PostLabValueError(msg)
    exercises.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    written = []
    for target, text, was_changed in planned:
        if was_changed:
            copy = _backup(target, stamp)
            say(f"kept a copy of the changed {target.name} as {copy.name}")
        write_text_atomic(target, text)
        before[target.name] = _digest(text)
        written.append(target)
    write_text_atomic(exercises / BUILD_RECORD, json.dumps(before, indent=1, sort_keys=True))
    return written


def verify(solutions: Path, exercises: Path) -> list[Problem]:
    """Every way ``exercises/`` differs from a fresh build or leaks solution text."""
    problems: list[Problem] = []
    expected = {p.name: p for p in _paths(solutions)}
    present = {p.name: p for p in _paths(exercises)}
    for name in sorted(present.keys() - expected.keys()):
        problems.append(Problem(f"exercises/{name}", "has no solution notebook it was built from"))
    for name, src in sorted(expected.items()):
        where = f"exercises/{name}"
        if name not in present:
            problems.append(Problem(where, "is missing: run 'postlab exercises build'"))
            continue
        solution = nbformat.read(src, as_version=4)
        actual_text = present[name].read_text(encoding="utf-8")
        if actual_text != _text(build_notebook(solution, where=name)):
            problems.append(
                Problem(where, "is stale: it differs from what 'postlab exercises build' writes")
            )
        actual = nbformat.reads(actual_text, as_version=4)
        body = "\n".join(cell.source for cell in actual.cells)
        problems.extend(
            Problem(where, f"holds solution text: {fragment[:60]!r}")
            for fragment in solution_fragments(solution)
            if fragment in body
        )
        if any(c.get("outputs") for c in actual.cells if c.cell_type == "code"):
            problems.append(Problem(where, "has stored outputs (exercises are committed clean)"))
    return problems
