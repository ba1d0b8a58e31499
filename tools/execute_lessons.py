"""Re-execute lesson notebooks in place so their stored outputs are what nbval compares.

Usage: ``python tools/execute_lessons.py notebooks/*.ipynb`` (what ``make lessons`` runs).
Each lesson runs in a fresh kernel from its own folder, with a throw-away workbook
folder so no trainee state leaks into the committed outputs.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import nbformat

from postlab.exercises.workbook import WORKBOOK_DIR_ENV
from postlab.notebook_runner import execute_notebook


def main(paths: list[str]) -> int:
    """Execute each notebook and write it back; stop at the first one with an error output."""
    os.environ.pop("MPLBACKEND", None)  # plots inline, exactly as under nbval
    for name in paths:
        path = Path(name)
        with tempfile.TemporaryDirectory() as scratch:
            nb = execute_notebook(
                path,
                env={
                    WORKBOOK_DIR_ENV: scratch,
                    "MPLBACKEND": "module://matplotlib_inline.backend_inline",
                },
            )
        errors = [
            o
            for c in nb.cells
            if c.cell_type == "code"
            for o in c.outputs
            if o.output_type == "error"
        ]
        if errors:
            print(f"{path}: a cell raised {errors[0].ename}: {errors[0].evalue}", file=sys.stderr)
            return 1
        nbformat.write(nb, path)
        print(f"executed {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
