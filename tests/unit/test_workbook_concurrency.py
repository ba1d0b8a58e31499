"""Many writers, one workbook: every check and draft survives (issue 12, "last writer wins")."""

from __future__ import annotations

import multiprocessing
import threading
from pathlib import Path

import pytest

from postlab.exercises.record import CheckRecord, Status
from postlab.exercises.workbook import Workbook, read_workbook, workbook_path

LESSON = "00-welcome"
CHECKS = 200


def _record_many(folder: str, name: str, ready: object, go: object) -> None:
    """One kernel: checks CHECKS answers and types a draft between them."""
    wb = Workbook.open(LESSON, folder=folder)
    ready.set()  # type: ignore[attr-defined]
    go.wait(30)  # type: ignore[attr-defined]
    for i in range(CHECKS):
        status = Status.PASSED if i % 2 else Status.UNANSWERED
        problem = wb.record(CheckRecord(LESSON, f"{name}-{i % 7}", status), f"{name} {i}")
        assert problem is None, problem
        if i % 20 == 0:
            wb.save_draft(f"{name}-draft", f"{name} typed {i}")
    assert wb.flush() is None


@pytest.mark.slow
def test_two_processes_recording_200_checks_each_keep_all_400(tmp_path: Path) -> None:
    # Before: each wrote its whole in-memory copy, and one process kept 2 of its 200.
    ctx = multiprocessing.get_context("spawn")
    go = ctx.Event()
    readies = [ctx.Event() for _ in range(2)]
    workers = [
        ctx.Process(target=_record_many, args=(str(tmp_path), name, ready, go))
        for name, ready in zip(("asha", "ravi"), readies, strict=True)
    ]
    for w in workers:
        w.start()
    for ready in readies:
        assert ready.wait(60), "a worker did not start"
    go.set()
    for w in workers:
        w.join(240)
    assert [w.exitcode for w in workers] == [0, 0]
    data = read_workbook(workbook_path(LESSON, tmp_path))
    assert data.problem is None
    answers = [e.answer for e in data.history]
    assert len(answers) == len(set(answers)) == 2 * CHECKS
    for name in ("asha", "ravi"):
        assert {a for a in answers if a.startswith(name)} == {f"{name} {i}" for i in range(CHECKS)}
        assert data.drafts[f"{name}-draft"] == f"{name} typed 180"
        for q in range(7):  # the latest answer is a passed one, never a later "unanswered"
            assert data.entries[f"{name}-{q}"].record.passed
    stamps = [e.record.at for e in data.history]
    assert stamps == sorted(stamps), "the history is in time order"


def test_threads_checking_and_typing_in_one_kernel_lose_nothing(tmp_path: Path) -> None:
    wb = Workbook.open(LESSON, folder=tmp_path)
    errors: list[str] = []

    def check(n: int) -> None:
        for i in range(30):
            problem = wb.record(CheckRecord(LESSON, f"q{n}", Status.NOT_YET), f"{n}:{i}")
            if problem:
                errors.append(problem)

    def type_(n: int) -> None:
        for i in range(300):
            if wb.save_draft(f"d{n}", "x" * i):
                errors.append("draft")

    threads = [threading.Thread(target=check, args=(n,)) for n in range(3)]
    threads += [threading.Thread(target=type_, args=(n,)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert wb.flush() is None and errors == []
    data = read_workbook(wb.path)
    assert len(data.history) == 90
    assert data.drafts == {"d0": "x" * 299, "d1": "x" * 299}
