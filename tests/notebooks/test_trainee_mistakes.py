"""What a trainee can type into an answer cell either works or gets one plain sentence, and a
failed answer cell never leaves an older verdict standing (a real kernel, as in JupyterLab)."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from postlab.exercises.workbook import WORKBOOK_DIR_ENV
from postlab.notebook_runner import execute_notebook

pytestmark = pytest.mark.notebooks

CELLS = [
    'from postlab.exercises import start\nex = start("00-welcome")',
    'my_name = "Asha"',
    'ex.check("your-name", my_name)',
    "my_name = Asha",  # no quotes: a NameError
    'ex.check("your-name", my_name)',
    "rumour_lesson = 08",  # a leading zero: a SyntaxError
    'ex.check("rumour-lesson", rumour_lesson)',
    'first_post = "Workshop today\nat 10:00"',  # Enter pressed inside the quotes
    'ex.check("first-post", first_post)',
]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    folder = tmp_path_factory.mktemp("mistakes")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in CELLS])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    path = folder / "mistakes.ipynb"
    nbformat.write(nb, path)
    ran = execute_notebook(path, env={WORKBOOK_DIR_ENV: str(folder)}, allow_errors=True)
    texts = []
    for cell in ran.cells:
        parts = []
        for out in cell.outputs:
            if out.output_type == "error":
                parts.append("ERROR " + " ".join(out.traceback))
            elif "text" in out:
                parts.append(out.text)
            else:
                parts.append(out.get("data", {}).get("text/plain", ""))
        texts.append("\n".join(parts))
    return texts


def test_a_name_without_quotes_gets_one_plain_sentence(outputs: list[str]) -> None:
    assert "put it between quotes" in outputs[3]
    assert "Traceback" not in outputs[3] and "NameError" not in outputs[3]


def test_no_older_verdict_stands_under_a_failed_cell(outputs: list[str]) -> None:
    assert "Well done" in outputs[2]
    assert "Well done" not in outputs[4]
    assert "did not run" in outputs[4]


def test_a_leading_zero_gets_one_plain_sentence(outputs: list[str]) -> None:
    assert "8, not 08" in outputs[5]
    assert "SyntaxError" not in outputs[5] and "Traceback" not in outputs[5]
    assert "did not run" in outputs[6]


def test_enter_inside_quotes_gets_one_plain_sentence(outputs: list[str]) -> None:
    assert "one line between its quotes" in outputs[7]
    assert "did not run" in outputs[8]


def test_nothing_broken_reaches_the_workbook(tmp_path: Path, outputs: list[str]) -> None:
    assert all("(the answer cell above did not run)" not in text for text in outputs)
