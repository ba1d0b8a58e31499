"""Grading the fixture room: every good, partial, hostile and broken case is reported correctly."""

from __future__ import annotations

import csv
import os
import re
from pathlib import Path

import pytest

from postlab.cli import main
from postlab.exercises.build import solution_fragments
from tests.grading.conftest import FORGERIES, LESSON, LIMITS, SOLUTIONS, build_room

pytestmark = pytest.mark.slow


def _result(graded, case: str):
    run, _ = graded
    return {r.trainee: r for r in run.results}[case]


def _statuses(graded, key: str) -> dict[str, str]:
    return {q.question: q.status.value for q in _result(graded, key).questions}


def test_good_submission_passes_every_question(graded) -> None:
    r = _result(graded, "good")
    assert r.status == "graded"
    assert set(_statuses(graded, "good").values()) == {"passed"}
    assert r.drafts["live-counter"].startswith("Heatwave in Navapur")


def test_partial_and_untouched_submissions(graded) -> None:
    assert _statuses(graded, "partial") == {
        "your-name": "passed",
        "rumour-lesson": "not_yet",
        "first-post": "unanswered",
        "widget-post": "unanswered",
    }
    assert set(_statuses(graded, "untouched").values()) == {"unanswered"}


def test_infinite_loop_is_stopped_and_the_rest_still_graded(graded) -> None:
    r = _result(graded, "loops-forever")
    assert any("stopped at the 10 s limit" in n for n in r.notes)
    assert _statuses(graded, "loops-forever")["widget-post"] == "passed"


def test_50_gb_allocation_hits_the_memory_limit(graded) -> None:
    r = _result(graded, "allocates-50gb")
    assert "hit the memory limit (MemoryError)" in r.notes
    assert r.status == "graded" and r.passed == 4


def test_deleting_files_in_its_folder_does_not_break_grading(graded, room) -> None:
    assert _result(graded, "deletes-files").passed == 4
    handed = next(room.folders["deletes-files"].glob(f"{LESSON}-*"))
    assert (handed / f"{LESSON}.ipynb").is_file(), "the hand-in itself is untouched"


def test_printing_100_mb_is_capped(graded) -> None:
    r = _result(graded, "prints-100mb")
    assert any("printed more than" in n for n in r.notes)
    assert r.passed == 4


def test_fork_bomb_is_blocked_and_leaves_no_process(graded) -> None:
    r = _result(graded, "fork-bomb")
    assert "tried to start new processes (a fork bomb?): blocked" in r.notes
    assert r.passed == 4
    # A kernel left behind by a finished grade still runs in its deleted scratch folder;
    # kernels of other gradings running at the same time (parallel tests) have live folders.
    leftovers = []
    for proc in (p for p in Path("/proc").iterdir() if p.name.isdigit()):
        try:
            kernel = "postlab.grading.limited_kernel" in (proc / "cmdline").read_text()
            orphaned = os.readlink(proc / "cwd").endswith(" (deleted)")
        except OSError:
            continue
        if kernel and orphaned:
            leftovers.append(proc.name)
    assert leftovers == []


def test_kernel_that_kills_itself_is_reported(graded) -> None:
    r = _result(graded, "kills-kernel")
    assert r.status == "kernel-died"
    assert any("killed (SIGKILL)" in n for n in r.notes)
    assert set(_statuses(graded, "kills-kernel").values()) == {"not_run"}


def test_edited_check_cells_are_restored_and_cannot_pass_themselves(graded) -> None:
    r = _result(graded, "edited-check")
    assert set(_statuses(graded, "edited-check").values()) == {"unanswered"}
    assert any("had been edited; the original was restored" in n for n in r.notes)


@pytest.mark.parametrize("case", [*FORGERIES, "forged-workbook"])
def test_forged_verdicts_earn_nothing(graded, case: str) -> None:
    # Through ex, PostLab's classes and modules, builtins, displayed or printed verdicts,
    # a fake answer report outside a check cell, or a hand-edited workbook: every verdict
    # is computed by the grader from answer data, so none of them passes anything.
    r = _result(graded, case)
    assert r.status == "graded", r.notes
    assert r.passed == 0, _statuses(graded, case)


def test_answers_checked_but_not_saved_in_the_notebook_are_graded(graded) -> None:
    # Hand in before JupyterLab's autosave: the notebook on disk is blank, but the workbook
    # recorded what the trainee saw checked. The grader judges those answers itself.
    r = _result(graded, "unsaved-notebook")
    assert _statuses(graded, "unsaved-notebook") == {
        "your-name": "passed",
        "rumour-lesson": "passed",
        "first-post": "passed",
        "widget-post": "unanswered",
    }
    assert any("graded the answer last checked in the workbook" in n for n in r.notes)


def test_good_hand_in_still_passes_beside_the_forgeries(graded) -> None:
    assert _result(graded, "good").passed == 4


def test_deleted_check_cell_is_put_back(graded) -> None:
    r = _result(graded, "deleted-check")
    assert _statuses(graded, "deleted-check")["widget-post"] == "passed"
    assert "the check of 'widget-post' was missing and has been put back" in r.notes


def test_missing_workbook_is_noted(graded) -> None:
    r = _result(graded, "missing-workbook")
    assert any("no workbook was handed in" in n for n in r.notes)
    assert _statuses(graded, "missing-workbook")["widget-post"] == "unanswered"


def test_duplicated_ids_older_version_and_broken_files(graded) -> None:
    assert any("duplicated cell ids renamed" in n for n in _result(graded, "duplicated-ids").notes)
    old = _result(graded, "older-version")
    assert old.passed == 3, "its workbook is missing, so only the widget question is unanswered"
    assert any("older notebook format 4.4" in n for n in old.notes)
    assert any("retired-question" in n for n in old.notes)
    assert any("PostLab 0.0.1" in n for n in old.notes)
    assert _result(graded, "not-json").status == "unreadable"
    assert "not valid JSON" in _result(graded, "not-json").notes[0]
    assert _result(graded, "wrong-lesson").status == "wrong-lesson"
    assert _result(graded, "empty-folder").status == "no-notebook"


def test_reports_list_every_case_and_escape_trainee_text(graded) -> None:
    run, out = graded
    rows = list(csv.DictReader((out / "grades.csv").open(encoding="utf-8")))
    assert {row["key"] for row in rows} == {r.key for r in run.results}
    assert {row["status"] for row in rows if row["trainee"] == "good"} == {"graded"}
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "data:image/png;base64," in html
    assert "<script" not in html
    for r in run.not_graded:
        assert f"id='t-{r.key}'" in html
    assert {r.trainee for r in run.not_graded} == {
        "kills-kernel",
        "not-json",
        "wrong-lesson",
        "empty-folder",
    }


def test_feedback_shows_no_solution_text(graded) -> None:
    import nbformat

    _, out = graded
    fragments = solution_fragments(nbformat.read(SOLUTIONS / f"{LESSON}.ipynb", as_version=4))
    for page in (out / "feedback").glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not [f for f in fragments if f in text], page.name


def test_rerun_resumes_and_gives_the_same_results(graded, room, capsys) -> None:
    _, out = graded
    before = (out / "grades.csv").read_text(encoding="utf-8")
    code = main(
        [
            "grade",
            str(room.path),
            "--out",
            str(out),
            "--solutions",
            str(SOLUTIONS),
            "--cell-timeout",
            str(LIMITS.cell_timeout),
            "--timeout",
            str(LIMITS.notebook_timeout),
            "--memory-mb",
            str(LIMITS.memory_mb),
        ]
    )
    captured = capsys.readouterr()
    assert code == 1, "some submissions could not be graded"
    assert "already graded in an earlier run" in captured.err
    assert re.search(r"^\d+ graded, 4 could not be graded completely", captured.out, re.M)
    assert (out / "grades.csv").read_text(encoding="utf-8") == before


def test_bad_usage_exits_2(tmp_path: Path, room, capsys) -> None:
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "keep.txt").write_text("mine")
    args = ["--solutions", str(SOLUTIONS)]
    assert main(["grade", str(room.path), "--out", str(foreign), *args]) == 2
    assert (foreign / "keep.txt").read_text() == "mine" and len(os.listdir(foreign)) == 1
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["grade", str(empty), "--out", str(tmp_path / "r"), *args]) == 2
    assert main(["grade", str(tmp_path / "nope"), "--out", str(tmp_path / "r"), *args]) == 2
    assert main(["grade", str(room.path), "--out", str(tmp_path / "r"), "--jobs", "0"]) == 2
    assert main(["grade", str(room.path)]) == 2, "--out is required"
    err = capsys.readouterr().err
    assert "not a PostLab report" in err and "nothing to grade" in err and "does not exist" in err


def test_zip_of_submissions_is_graded(tmp_path: Path) -> None:
    import shutil

    from postlab.grading import grade

    room = build_room(tmp_path / "room")
    for case in list(room.folders):
        if case not in ("good", "untouched"):
            shutil.rmtree(room.folders[case])
    archive = shutil.make_archive(str(tmp_path / "room"), "zip", room.path)
    run = grade(
        archive, out=tmp_path / "r", solutions=SOLUTIONS, jobs=2, limits=LIMITS, progress=None
    )
    assert [(r.key, r.passed) for r in run.results] == [("good-000001", 4), ("untouched-000003", 0)]
