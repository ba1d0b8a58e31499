"""`postlab exercises build` never overwrites typed answers, and says where it writes."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from postlab.cli import main
from postlab.errors import PostLabValueError
from postlab.exercises.build import build
from postlab.exitcodes import ExitCode


def _solution(title: str = "# Lesson") -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell(title),
        nbformat.v4.new_code_cell(
            "# BEGIN SOLUTION: Write your post\npost = 'Deadline extended'\n# END SOLUTION"
        ),
    ]
    return nb


@pytest.fixture
def kit(tmp_path: Path) -> Path:
    (tmp_path / "solutions").mkdir()
    nbformat.write(_solution(), tmp_path / "solutions" / "01-test.ipynb")
    build(tmp_path / "solutions", tmp_path / "exercises")
    return tmp_path


def _type_an_answer(kit: Path) -> Path:
    path = kit / "exercises" / "01-test.ipynb"
    path.write_text(
        path.read_text(encoding="utf-8").replace("post = ...", "post = 'my own words'"),
        encoding="utf-8",
    )
    return path


def test_an_exercise_holding_typed_answers_is_not_overwritten(kit: Path) -> None:
    path = _type_an_answer(kit)
    with pytest.raises(PostLabValueError, match=r"01-test.ipynb.*--force"):
        build(kit / "solutions", kit / "exercises")
    assert "my own words" in path.read_text(encoding="utf-8")
    assert not list((kit / "exercises").glob("*.bak-*"))


def test_force_keeps_a_backup_of_the_typed_answers(kit: Path) -> None:
    path = _type_an_answer(kit)
    said: list[str] = []
    build(kit / "solutions", kit / "exercises", force=True, log=said.append)
    backups = list((kit / "exercises").glob("01-test.ipynb.bak-*"))
    assert len(backups) == 1 and "my own words" in backups[0].read_text(encoding="utf-8")
    assert "my own words" not in path.read_text(encoding="utf-8")
    assert backups[0].name in said[0]
    _type_an_answer(kit)
    build(kit / "solutions", kit / "exercises", force=True)
    assert len(list((kit / "exercises").glob("01-test.ipynb.bak-*"))) == 2, "never over a backup"


def test_a_changed_solution_rebuilds_an_untouched_exercise(kit: Path) -> None:
    nbformat.write(_solution("# Lesson, revised"), kit / "solutions" / "01-test.ipynb")
    build(kit / "solutions", kit / "exercises")
    assert "revised" in (kit / "exercises" / "01-test.ipynb").read_text(encoding="utf-8")


def test_an_exercise_the_build_never_wrote_is_kept_when_it_differs(kit: Path) -> None:
    (kit / "exercises" / ".postlab-build.json").unlink()
    nbformat.write(_solution("# Lesson, revised"), kit / "solutions" / "01-test.ipynb")
    with pytest.raises(PostLabValueError, match="differ"):
        build(kit / "solutions", kit / "exercises")


def test_cli_refuses_then_forces_and_names_the_folder(
    kit: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _type_an_answer(kit)
    args = ["--solutions", str(kit / "solutions"), "--exercises", str(kit / "exercises")]
    assert main(["exercises", "build", *args]) == ExitCode.USAGE
    err = capsys.readouterr().err
    assert f"into {(kit / 'exercises').resolve()}" in err and "--force" in err
    assert main(["exercises", "build", *args, "--force"]) == ExitCode.OK
    captured = capsys.readouterr()
    assert "kept a copy" in captured.err
    assert f"into {(kit / 'exercises').resolve()}" in captured.out


def test_from_a_folder_without_solutions_nothing_is_written_to_the_kit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], root: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    before = {p: p.stat().st_mtime_ns for p in (root / "exercises").glob("*")}
    assert main(["exercises", "build"]) == ExitCode.USAGE
    err = capsys.readouterr().err
    assert "no solutions/ folder here" in err and str(tmp_path) in err
    assert {p: p.stat().st_mtime_ns for p in (root / "exercises").glob("*")} == before
    assert not (tmp_path / "exercises").exists()
