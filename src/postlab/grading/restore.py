"""Put the solution's setup and check cells back into a submission, so an edited check
cannot pass itself.

``postlab exercises build`` names each setup and check cell's role, lesson and
question in the cell's metadata (as nbgrader does with ``grade_id``); the solution's
roles come from :func:`postlab.exercises.build.roles`. A submission's cell with the
same role (else the same cell id) gets the solution's source back; a deleted one is
inserted again after the cell that precedes it in the solution. Only restored cells
keep the role metadata, so the grader reads answers from them and from nothing else.
Check cells tagged ``hidden`` as well are graded but never shown in trainee feedback.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import nbformat

from postlab.errors import PostLabValueError
from postlab.exercises.build import META, Role, roles

__all__ = ["Restored", "RoleCell", "check_cells", "read_notebook", "restore_checks", "role_cells"]


@dataclass(frozen=True)
class RoleCell:
    """One setup or check cell of the solution: its role, cell id, source, and the id of
    the cell before it."""

    role: Role
    cell_id: str | None
    source: str
    before: str | None

    @property
    def qid(self) -> str | None:
        """The question this cell checks (None for the setup cell)."""
        return self.role.question

    @property
    def hidden(self) -> bool:
        """True for a check graded but never shown in trainee feedback."""
        return self.role.hidden


@dataclass(frozen=True)
class Restored:
    """A submission ready to run: the notebook, and what restoring had to change (sentences)."""

    notebook: nbformat.NotebookNode
    notes: tuple[str, ...]
    checks: tuple[RoleCell, ...]


def read_notebook(text: str) -> tuple[nbformat.NotebookNode, tuple[str, ...]]:
    """Parse notebook JSON (any nbformat version) into version 4; duplicated cell ids are
    renamed in a fixed way (``id-2``, ...) so the run is the same every time.

    Raises
    ------
    PostLabValueError
        When the text is not JSON or not a notebook.
    """
    try:
        data = json.loads(text)
    except ValueError as exc:
        msg = f"the notebook is not valid JSON ({exc.msg} at line {exc.lineno})"
        raise PostLabValueError(msg) from None
    if not isinstance(data, dict) or "nbformat" not in data:
        msg = "the file is JSON but not a Jupyter notebook (no 'nbformat' field)"
        raise PostLabValueError(msg)
    notes: list[str] = []
    seen: dict[str, int] = {}
    for cell in data.get("cells", []) if isinstance(data.get("cells"), list) else []:
        ident = cell.get("id") if isinstance(cell, dict) else None
        if isinstance(ident, str):
            seen[ident] = seen.get(ident, 0) + 1
            if seen[ident] > 1:
                cell["id"] = f"{ident}-{seen[ident]}"
    duplicated = sorted(k for k, n in seen.items() if n > 1)
    if duplicated:
        notes.append(f"duplicated cell ids renamed: {', '.join(duplicated[:5])}")
    version = (data.get("nbformat"), data.get("nbformat_minor"))
    try:
        nb = nbformat.reads(json.dumps(data), as_version=4)
    except Exception as exc:  # nbformat raises several types for a broken notebook
        msg = f"the file is not a readable notebook ({exc.__class__.__name__})"
        raise PostLabValueError(msg) from None
    if version < (4, 5):
        notes.append(
            f"older notebook format {version[0]}.{version[1]} (cells without ids): "
            "checks matched by question id"
        )
    return nb, tuple(notes)


def role_cells(solution: nbformat.NotebookNode) -> tuple[RoleCell, ...]:
    """The solution's setup and check cells, in order, each with the id of the cell before it."""
    marked = roles(solution)
    found = []
    for index, role in marked.items():
        cell = solution.cells[index]
        before = solution.cells[index - 1].get("id") if index else None
        found.append(RoleCell(role, cell.get("id"), cell.source, before))
    return tuple(found)


def check_cells(solution: nbformat.NotebookNode) -> tuple[RoleCell, ...]:
    """The solution's check cells, in order."""
    return tuple(c for c in role_cells(solution) if c.role.role == "check")


def _same(a: Role | None, b: Role) -> bool:
    return a is not None and (a.role, a.question) == (b.role, b.question)


def _find(
    nb: nbformat.NotebookNode, was: dict[int, Role | None], wanted: RoleCell, used: set[int]
) -> int | None:
    """The submission cell that is this role: same role metadata, else the same cell id."""
    for i in range(len(nb.cells)):
        if i not in used and _same(was.get(i), wanted.role):
            return i
    for i, cell in enumerate(nb.cells):
        if i not in used and wanted.cell_id and cell.get("id") == wanted.cell_id:
            if cell.cell_type == "code" and was.get(i) is None:
                return i
    return None


def _insert_at(nb: nbformat.NotebookNode, wanted: RoleCell) -> int:
    """Just after the cell that precedes it in the solution, else at the end (setup: first)."""
    for i, cell in enumerate(nb.cells):
        if wanted.before and cell.get("id") == wanted.before:
            return i + 1
    return 0 if wanted.role.role == "setup" else len(nb.cells)


def _what(wanted: RoleCell) -> str:
    return "the set-up cell" if wanted.qid is None else f"the check of {wanted.qid!r}"


def restore_checks(submission: nbformat.NotebookNode, solution: nbformat.NotebookNode) -> Restored:
    """Restore the setup cell and every check cell of ``solution`` into a copy of ``submission``.

    Example
    -------
    >>> sol = nbformat.v4.new_notebook(cells=[
    ...     nbformat.v4.new_code_cell("x = 1"),
    ...     nbformat.v4.new_code_cell('ex.check("q", x)', metadata={"tags": ["check"]})])
    >>> sub = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 2")])
    >>> restored = restore_checks(sub, sol)
    >>> restored.notebook.cells[-1].source, restored.notes
    ('ex.check("q", x)', ("the check of 'q' was missing and has been put back",))
    """
    nb = nbformat.from_dict(json.loads(json.dumps(submission)))
    was: dict[int, Role | None] = {}
    for i, cell in enumerate(nb.cells):
        was[i] = Role.of(cell)
        cell.get("metadata", {}).pop(META, None)
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    wanted_cells = role_cells(solution)
    notes: list[str] = []
    used: set[int] = set()
    for wanted in wanted_cells:
        index = _find(nb, was, wanted, used)
        if index is None:
            index = _insert_at(nb, wanted)
            fresh = nbformat.v4.new_code_cell(wanted.source)
            if wanted.cell_id:
                fresh["id"] = f"{wanted.cell_id}-restored"
            nb.cells.insert(index, fresh)
            used = {i + (i >= index) for i in used}
            was = {i + (i >= index): r for i, r in was.items()}
            notes.append(f"{_what(wanted)} was missing and has been put back")
        elif nb.cells[index].source.strip() != wanted.source.strip():
            notes.append(f"{_what(wanted)} had been edited; the original was restored")
        cell = nb.cells[index]
        cell.source = wanted.source
        if wanted.role.role == "check":
            cell.metadata["tags"] = sorted({*cell.metadata.get("tags", []), "check"})
        cell.metadata[META] = wanted.role.to_metadata()
        used.add(index)
    known = {c.qid for c in wanted_cells}
    strangers = sorted(
        {
            r.question
            for r in was.values()
            if r is not None and r.question and r.question not in known
        }
    )
    if strangers:
        notes.append(
            f"checks of questions not in this version of the lesson were ignored: "
            f"{', '.join(strangers)} (an older PostLab version?)"
        )
    return Restored(nb, tuple(notes), check_cells(solution))
