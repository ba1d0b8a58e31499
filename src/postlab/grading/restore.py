"""Put the solution's check cells back into a submission, so an edited check cannot pass itself.

Check cells are the solution's code cells tagged ``check`` (each holds only
``ex.check("question-id", answer)``). A submission's cell with the same id, or
failing that the same question id, gets the original source back; a deleted or
renamed check cell is inserted again after the cell that precedes it in the
solution. Each restored cell is marked in its metadata so the grader reads its
output, and only its output, as that question's result. Check cells tagged
``hidden`` as well are graded but never shown in trainee feedback.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import nbformat

from postlab.errors import PostLabValueError

__all__ = ["MARK", "CheckCell", "Restored", "check_cells", "read_notebook", "restore_checks"]

#: Metadata key the grader puts on the check cells it restored (trainees' copies are removed).
MARK = "postlab_grader"
_QID = re.compile(r"""\bcheck\(\s*["']([^"']+)["']""")


@dataclass(frozen=True)
class CheckCell:
    """One check of the solution: question id, cell id, source, and whether it is hidden."""

    qid: str
    cell_id: str | None
    source: str
    hidden: bool
    before: str | None


@dataclass(frozen=True)
class Restored:
    """A submission ready to run: the notebook, and what restoring had to change (sentences)."""

    notebook: nbformat.NotebookNode
    notes: tuple[str, ...]
    checks: tuple[CheckCell, ...]


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


def _qid(source: str) -> str | None:
    found = _QID.search(source)
    return found.group(1) if found else None


def check_cells(solution: nbformat.NotebookNode) -> tuple[CheckCell, ...]:
    """The solution's check cells, in order, each with the id of the cell before it."""
    found = []
    previous = None
    for cell in solution.cells:
        tags = cell.get("metadata", {}).get("tags", [])
        if cell.cell_type == "code" and "check" in tags and _qid(cell.source):
            found.append(
                CheckCell(
                    _qid(cell.source), cell.get("id"), cell.source, "hidden" in tags, previous
                )
            )
        previous = cell.get("id")
    return tuple(found)


def _new_check(check: CheckCell) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell(check.source, metadata={"tags": ["check"]})
    if check.cell_id:
        cell["id"] = f"{check.cell_id}-restored"
    return cell


def restore_checks(submission: nbformat.NotebookNode, solution: nbformat.NotebookNode) -> Restored:
    """Restore every check cell of ``solution`` into a copy of ``submission``.

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
    notes: list[str] = []
    for cell in nb.cells:
        cell.get("metadata", {}).pop(MARK, None)
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    checks = check_cells(solution)
    known = {c.qid for c in checks}
    used: set[int] = set()
    for check in checks:
        index = _find(nb, check, used)
        if index is None:
            index = _insert_at(nb, check)
            nb.cells.insert(index, _new_check(check))
            used = {i + (i >= index) for i in used}
            notes.append(f"the check of {check.qid!r} was missing and has been put back")
        elif nb.cells[index].source.strip() != check.source.strip():
            notes.append(f"the check of {check.qid!r} had been edited; the original was restored")
        cell = nb.cells[index]
        cell.source = check.source
        cell.metadata["tags"] = sorted({*cell.metadata.get("tags", []), "check"})
        cell.metadata[MARK] = {"qid": check.qid, "hidden": check.hidden}
        used.add(index)
    strangers = sorted(
        {q for c in nb.cells if c.cell_type == "code" and (q := _qid(c.source)) and q not in known}
    )
    if strangers:
        notes.append(
            f"checks of questions not in this version of the lesson were ignored: "
            f"{', '.join(strangers)} (an older PostLab version?)"
        )
    return Restored(nb, tuple(notes), checks)


def _find(nb: nbformat.NotebookNode, check: CheckCell, used: set[int]) -> int | None:
    """The submission cell that is this check: same id, else the first cell checking the same
    question (tagged ``check`` first)."""
    for i, cell in enumerate(nb.cells):
        if i not in used and check.cell_id and cell.get("id") == check.cell_id:
            if cell.cell_type == "code":
                return i
    candidates = [
        i
        for i, cell in enumerate(nb.cells)
        if i not in used
        and cell.cell_type == "code"
        and _qid(cell.source) == check.qid
        and ("check" in cell.metadata.get("tags", []) or len(cell.source.strip().splitlines()) == 1)
    ]
    tagged = [i for i in candidates if "check" in nb.cells[i].metadata.get("tags", [])]
    return (tagged or candidates or [None])[0]


def _insert_at(nb: nbformat.NotebookNode, check: CheckCell) -> int:
    """Just after the cell that precedes the check in the solution, else at the end."""
    for i, cell in enumerate(nb.cells):
        if check.before and cell.get("id") == check.before:
            return i + 1
    return len(nb.cells)
