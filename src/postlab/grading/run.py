"""Grade a whole room: find submissions, run them in parallel, resume, write the reports.

Each finished submission's result is saved at once in the report folder
(``.state/LESSON/KEY.json``, atomically), so an interrupted run picks up where it
stopped and a re-run on unchanged submissions redoes nothing and gives the same
report. Progress and an estimated finish go to stderr, one line per submission.
"""

from __future__ import annotations

import functools
import hashlib
import json
import multiprocessing
import os
import shutil
import tempfile
import time
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TextIO

import nbformat

from postlab import __version__
from postlab.atomic import write_json_atomic
from postlab.errors import PostLabValueError
from postlab.exercises.catalogue import get_lesson
from postlab.grading import isolation
from postlab.grading.discover import Submission, discover, extract_zip, majority_lesson
from postlab.grading.report import write_reports
from postlab.grading.sandbox import Limits, Result, grade_submission

__all__ = ["MARKER", "GradeRun", "grade"]

#: File that marks a folder as a PostLab report (so a re-run may write into it).
MARKER = ".postlab-report.json"


@dataclass(frozen=True)
class GradeRun:
    """A finished ``grade``: the lesson, every result (sorted by key), where reports went,
    and whether the hand-ins' kernels were isolated (``sandbox``)."""

    lesson: str
    results: tuple[Result, ...]
    out: Path
    reused: int
    seconds: float
    sandbox: isolation.SandboxCheck | None = None

    @property
    def not_graded(self) -> tuple[Result, ...]:
        """Submissions that could not be graded completely."""
        return tuple(r for r in self.results if not r.graded)

    def summary(self) -> str:
        """The closing line, e.g. ``"148 graded, 2 could not be graded completely"``."""
        done = len(self.results) - len(self.not_graded)
        tail = f", {len(self.not_graded)} could not be graded completely" if self.not_graded else ""
        again = f" ({self.reused} already graded in an earlier run)" if self.reused else ""
        unsafe = f" {self.sandbox.sentence}" if self.sandbox and not self.sandbox.isolated else ""
        return f"{done} graded{tail}{again}.{unsafe}"


def _digest(*parts: bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(hashlib.sha256(part).digest())
    return h.hexdigest()[:32]


def _bytes(path: Path | None) -> bytes:
    try:
        return path.read_bytes() if path is not None else b"-"
    except OSError:
        return b"unreadable"


def _fingerprint(
    sub: Submission, lesson: str, solution: bytes, limits: Limits, isolate: bool = True
) -> str:
    numbers = {k: float(v) for k, v in asdict(limits).items()}  # 4 and 4.0 are the same limit
    mode = "isolated" if isolate else "limits only"  # a result graded unisolated is redone
    meta = json.dumps([lesson, __version__, numbers, asdict(sub), mode], default=str).encode()
    return _digest(_bytes(sub.notebook), _bytes(sub.workbook), solution, meta)


def _job(
    sub: Submission, lesson: str, solution: str, limits: Limits, fingerprint: str, isolate: bool
) -> dict:
    """Grade one submission (runs in a worker process); a plain dict crosses back."""
    nb = _solution(solution)
    result = grade_submission(
        sub, lesson=lesson, solution=nb, limits=limits, fingerprint=fingerprint, isolate=isolate
    )
    return result.to_dict()


@functools.lru_cache(maxsize=2)
def _solution(text: str) -> nbformat.NotebookNode:
    """The solution notebook, parsed (and validated) once per worker, not once per hand-in."""
    return nbformat.reads(text, as_version=4)


def _prepare_out(out: Path, lesson: str) -> Path:
    """Check the report folder: new, or an earlier PostLab report (resumed); else refuse."""
    if out.exists() and not out.is_dir():
        msg = f"--out={str(out)!r} is a file; give a folder for the report"
        raise PostLabValueError(msg)
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        msg = (
            f"--out={str(out)!r} already holds files that are not a PostLab report; "
            "choose a new folder (nothing was written)"
        )
        raise PostLabValueError(msg)
    state = out / ".state" / lesson
    state.mkdir(parents=True, exist_ok=True)
    write_json_atomic(out / MARKER, {"postlab": __version__, "kind": "grading report"})
    return state


def _cached(state: Path, key: str, fingerprint: str) -> Result | None:
    try:
        data = json.loads((state / f"{key}.json").read_text(encoding="utf-8"))
        result = Result.from_dict(data)
    except (OSError, ValueError, TypeError, KeyError):
        return None
    return result if result.fingerprint == fingerprint else None


def _eta(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:.0f} s"
    return f"{seconds // 60:.0f} min {seconds % 60:02.0f} s"


def grade(
    submissions: str | os.PathLike[str],
    *,
    out: str | os.PathLike[str],
    solutions: str | os.PathLike[str],
    lesson: str | None = None,
    jobs: int | None = None,
    limits: Limits | None = None,
    fresh: bool = False,
    progress: TextIO | None = None,
) -> GradeRun:
    """Grade every submission in ``submissions`` and write the reports into ``out``.

    Parameters
    ----------
    submissions : path
        The hand-in folder, or a zip of one.
    out : path
        Report folder: new, or one an earlier run wrote (then finished work is reused).
    solutions : path
        The facilitator's solutions folder (source of the check cells).
    lesson : str, optional
        Lesson to grade; default the lesson most submissions belong to.
    jobs : int, optional
        Submissions graded at once (default: the number of cores).
    limits : Limits, optional
        Per-submission limits.
    fresh : bool
        Grade everything again, ignoring earlier results.
    progress : text stream or None
        Where progress lines go (``postlab grade`` passes stderr); None: nowhere.

    Returns
    -------
    GradeRun

    Raises
    ------
    PostLabValueError
        Bad usage: no such folder, no submissions, no solution, an unsafe report folder.
    """
    started = time.monotonic()
    limits = limits or Limits()
    sandbox = isolation.check_sandbox()
    source = Path(submissions)
    if not source.exists():
        msg = f"submissions={str(source)!r} does not exist"
        raise PostLabValueError(msg)
    with tempfile.TemporaryDirectory(prefix="postlab-unzip-") as unzip:
        root = extract_zip(source, unzip) if source.is_file() else source
        if not root.is_dir():
            msg = f"submissions={str(source)!r} must be a folder or a zip file"
            raise PostLabValueError(msg)
        lesson = lesson or majority_lesson(root)
        if lesson is None:
            msg = f"submissions={str(source)!r} holds no exercise notebooks: nothing to grade"
            raise PostLabValueError(msg)
        get_lesson(lesson)
        solution_path = Path(solutions) / f"{lesson}.ipynb"
        if not solution_path.is_file():
            msg = f"--solutions={str(solutions)!r} has no {solution_path.name} to take checks from"
            raise PostLabValueError(msg)
        subs = discover(root, lesson=lesson)
        if not subs:
            msg = f"submissions={str(source)!r} is empty: nothing to grade"
            raise PostLabValueError(msg)
        report_dir = Path(out)
        state = _prepare_out(report_dir, lesson)
        if fresh:
            shutil.rmtree(state, ignore_errors=True)
            state.mkdir(parents=True)
        solution_text = solution_path.read_text(encoding="utf-8")
        if progress and not sandbox.isolated:
            print(f"postlab grade: {sandbox.sentence}", file=progress)
        results, reused = _run_all(
            subs,
            lesson,
            solution_text,
            limits,
            state,
            jobs or os.cpu_count() or 1,
            progress,
            isolate=sandbox.isolated,
        )
    solution = nbformat.reads(solution_text, as_version=4)
    ordered = tuple(results[s.key] for s in subs)
    write_reports(ordered, out=report_dir, lesson=lesson, solution=solution, sandbox=sandbox)
    seconds = time.monotonic() - started
    return GradeRun(lesson, ordered, report_dir, reused, seconds, sandbox=sandbox)


def _run_all(
    subs: list[Submission],
    lesson: str,
    solution: str,
    limits: Limits,
    state: Path,
    jobs: int,
    progress: TextIO | None,
    *,
    isolate: bool,
) -> tuple[dict[str, Result], int]:
    results: dict[str, Result] = {}
    todo: list[tuple[Submission, str]] = []
    blob = solution.encode()
    for sub in subs:
        fingerprint = _fingerprint(sub, lesson, blob, limits, isolate)
        cached = _cached(state, sub.key, fingerprint)
        if cached is not None:
            results[sub.key] = cached
        else:
            todo.append((sub, fingerprint))
    reused = len(results)
    if progress and reused:
        print(f"{reused} submissions already graded in an earlier run: kept.", file=progress)
    if not todo:
        return results, reused
    started = time.monotonic()
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=max(1, min(jobs, len(todo))), mp_context=context) as pool:
        pending: dict[Future, Submission] = {
            pool.submit(_job, sub, lesson, solution, limits, fp, isolate): sub for sub, fp in todo
        }
        done_count = 0
        try:
            while pending:
                finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    sub = pending.pop(future)
                    try:
                        result = Result.from_dict(future.result())
                    except Exception as exc:  # a worker that died: reported, never fatal
                        result = Result(
                            key=sub.key,
                            trainee=sub.trainee,
                            lesson=lesson,
                            status="error",
                            seconds=0.0,
                            notes=(f"the grader could not run it: {exc.__class__.__name__}",),
                            source=sub.source,
                        )
                    else:
                        write_json_atomic(state / f"{sub.key}.json", result.to_dict())
                    results[sub.key] = result
                    done_count += 1
                    if progress:
                        elapsed = time.monotonic() - started
                        left = elapsed / done_count * (len(todo) - done_count)
                        score = f"{result.passed}/{len(result.questions)} passed"
                        print(
                            f"[{done_count:>{len(str(len(todo)))}}/{len(todo)}] {sub.key}: "
                            f"{result.status}, {score} ({result.seconds:.1f} s)"
                            + (f" · about {_eta(left)} left" if pending else ""),
                            file=progress,
                            flush=True,
                        )
        except KeyboardInterrupt:
            for future in pending:
                future.cancel()
            raise
    return results, reused
