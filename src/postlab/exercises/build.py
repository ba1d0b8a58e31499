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
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat

__all__ = ["Problem", "build", "build_notebook", "solution_fragments", "verify"]

_BEGIN = re.compile(r"^\s*#+\s*BEGIN SOLUTION\b:?\s*(?P<prompt>.*)$")
_END = re.compile(r"^\s*#+\s*END SOLUTION\b")
_DEFAULT_PROMPT = "Your answer here: replace each ... below."
_MARKDOWN_PROMPT = "✏️ *Write your answer in this cell (double-click to edit).*"
_MIN_LEAK_CHARS = 12


@dataclass(frozen=True)
class Problem:
    """One thing wrong with ``exercises/``: the file and what is wrong, in a sentence."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


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
    for index, cell in enumerate(nb.cells):
        tags = cell.get("metadata", {}).get("tags", [])
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
    return nb


def solution_fragments(solution: nbformat.NotebookNode) -> list[str]:
    """Pieces of solution text long enough that finding one in an exercise means a leak."""
    found: list[str] = []
    for index, cell in enumerate(solution.cells):
        if cell.cell_type == "code":
            _, blocks = _split_code(cell.source, f"cell {index}")
            lines = [line.strip() for block in blocks for line in block]
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


def _paths(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.ipynb") if not p.name.startswith("."))


def _text(nb: nbformat.NotebookNode) -> str:
    return nbformat.writes(nb)


def build(solutions: Path, exercises: Path) -> list[Path]:
    """Write ``exercises/`` from ``solutions/``; return the notebooks written."""
    exercises.mkdir(parents=True, exist_ok=True)
    written = []
    for src in _paths(solutions):
        nb = build_notebook(nbformat.read(src, as_version=4), where=src.name)
        target = exercises / src.name
        target.write_text(_text(nb), encoding="utf-8")
        written.append(target)
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
