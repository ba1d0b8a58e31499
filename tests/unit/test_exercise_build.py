"""Exercises are built from solutions, and verify catches stale files and leaked answers."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest

from postlab.cli import main
from postlab.exercises.build import build, build_notebook, verify


def _solution() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Lesson"),
        nbformat.v4.new_code_cell(
            "from math import pi\n"
            "# BEGIN SOLUTION: Write your post between the quotes\n"
            'post = "Scholarship deadline extended to 15 March"\n'
            "size = len(post) * 2\n"
            "# END SOLUTION\n"
            "ex.check('post', post)"
        ),
        nbformat.v4.new_code_cell(
            "    # BEGIN SOLUTION\nfor i in range(3):\n    print(i)\n# END SOLUTION"
        ),
        nbformat.v4.new_markdown_cell(
            "Morning posts reach students before classes start.",
            metadata={"tags": ["solution"], "postlab": {"prompt": "Why this hour?"}},
        ),
    ]
    nb.cells[1].outputs = [nbformat.v4.new_output("stream", text="hi")]
    nb.cells[1].execution_count = 3
    return nb


def test_solution_block_becomes_named_placeholders() -> None:
    ex = build_notebook(_solution())
    code = ex.cells[1].source
    assert "post = ..." in code and "size = ..." in code
    assert "Scholarship" not in code
    assert "# ✏️ Write your post between the quotes" in code
    assert code.startswith("from math import pi") and code.endswith("ex.check('post', post)")
    assert ex.cells[1].outputs == [] and ex.cells[1].execution_count is None


def test_block_without_assignments_leaves_only_the_prompt() -> None:
    source = build_notebook(_solution()).cells[2].source
    assert "print(i)" not in source
    assert source.strip() == "# ✏️ Your answer here: replace each ... below."


def test_attribute_assignments_are_not_turned_into_placeholders() -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(
            "# BEGIN SOLUTION\nbox.value = 'typed'\nn: int = 3\n# END SOLUTION"
        )
    ]
    source = build_notebook(nb).cells[0].source
    assert "box.value" not in source and "n = ..." in source


def test_written_answers_become_prompts() -> None:
    cell = build_notebook(_solution()).cells[3]
    assert cell.source == "Why this hour?"
    assert "solution" not in cell.metadata["tags"]


def test_unclosed_marker_is_an_error_naming_the_cell() -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("# BEGIN SOLUTION\nx = 1")]
    with pytest.raises(ValueError, match="cell 0"):
        build_notebook(nb)


@pytest.fixture
def kit(tmp_path: Path) -> Path:
    (tmp_path / "solutions").mkdir()
    nbformat.write(_solution(), tmp_path / "solutions" / "01-test.ipynb")
    build(tmp_path / "solutions", tmp_path / "exercises")
    return tmp_path


def test_fresh_build_verifies(kit: Path) -> None:
    assert verify(kit / "solutions", kit / "exercises") == []


def test_pasted_solution_line_is_a_leak(kit: Path) -> None:
    path = kit / "exercises" / "01-test.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells[1].source += '\npost = "Scholarship deadline extended to 15 March"'
    nbformat.write(nb, path)
    messages = [p.message for p in verify(kit / "solutions", kit / "exercises")]
    assert any("solution text" in m for m in messages)
    assert any("stale" in m for m in messages)


def test_stale_and_missing_and_extra_are_reported(kit: Path) -> None:
    shutil.copy(kit / "exercises" / "01-test.ipynb", kit / "exercises" / "02-orphan.ipynb")
    nb = _solution()
    nb.cells[0].source = "# Lesson, revised"
    nbformat.write(nb, kit / "solutions" / "01-test.ipynb")
    nbformat.write(nb, kit / "solutions" / "03-new.ipynb")
    messages = " ".join(str(p) for p in verify(kit / "solutions", kit / "exercises"))
    assert "02-orphan.ipynb: has no solution" in messages
    assert "01-test.ipynb: is stale" in messages
    assert "03-new.ipynb: is missing" in messages


def test_cli_verify_exit_codes(kit: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["--solutions", str(kit / "solutions"), "--exercises", str(kit / "exercises")]
    assert main(["exercises", "verify", *args]) == 0
    path = kit / "exercises" / "01-test.ipynb"
    path.write_text(path.read_text(encoding="utf-8").replace("post = ...", "post = 'x'"))
    assert main(["exercises", "verify", *args]) == 1
    assert "stale" in capsys.readouterr().out


def test_the_kit_itself_verifies(root: Path) -> None:
    assert verify(root / "solutions", root / "exercises") == []


def test_pasting_a_real_solution_line_into_a_real_exercise_fails(
    root: Path, tmp_path: Path
) -> None:
    shutil.copytree(root / "solutions", tmp_path / "solutions")
    shutil.copytree(root / "exercises", tmp_path / "exercises")
    from postlab.exercises.build import solution_fragments

    target = sorted((tmp_path / "solutions").glob("*.ipynb"))[0]
    fragment = solution_fragments(nbformat.read(target, as_version=4))[0]
    ex_path = tmp_path / "exercises" / target.name
    nb = nbformat.read(ex_path, as_version=4)
    nb.cells[-1].source += "\n" + fragment
    nbformat.write(nb, ex_path)
    assert any(
        "solution text" in p.message for p in verify(tmp_path / "solutions", tmp_path / "exercises")
    )
