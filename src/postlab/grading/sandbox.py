"""Run one submission in isolation and turn what happened into a :class:`Result`.

Each submission gets a fresh temporary folder (the kernel's working folder, its
HOME and its TMPDIR) holding only the submission's notebook and workbook, never the
solutions. Its kernel starts through :mod:`postlab.grading.limited_kernel`, so CPU
time, memory, file size and process count are limited in the kernel's own process;
nbclient stops a cell at its time limit and the run at the notebook's; output is
capped; stdin is closed. Whatever the notebook does, this module returns a Result,
and the temporary folder is removed afterwards.
"""

from __future__ import annotations

import dataclasses
import math
import numbers
import os
import shutil
import signal
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat

from postlab import __version__
from postlab.errors import PostLabValueError
from postlab.exercises.build import written_answers
from postlab.exercises.record import GRADING_ENV, CheckRecord
from postlab.exercises.workbook import WorkbookData, read_workbook
from postlab.grading import isolation
from postlab.grading.discover import Submission
from postlab.grading.limited_kernel import FLAGS_ENV  # a light module: no kernel is started
from postlab.grading.restore import check_cells, read_notebook, restore_checks
from postlab.grading.verdicts import judge
from postlab.notebook_runner import run_notebook

#: Kernel starts per submission: a start that fails before any cell ran is retried once.
_STARTS = 2
_NOT_STARTED = "before replying to kernel_info"

__all__ = ["STATUSES", "Limits", "Result", "grade_submission", "kernel_argv"]

#: Every status a submission can end with; only "graded" counts as fully graded.
STATUSES = {
    "graded": "graded",
    "timed-out": "stopped at the time limit; checks after that point did not run",
    "kernel-died": "its kernel ended early; checks after that point did not run",
    "unreadable": "the notebook could not be read",
    "wrong-lesson": "the notebook is from another lesson",
    "no-notebook": "there was no notebook to grade",
    "error": "the grader could not run it",
}
_HINTS = (
    ("MemoryError", "hit the memory limit (MemoryError)"),
    ("File too large", "hit the file size limit"),
    ("Resource temporarily unavailable", "hit the process limit (too many processes)"),
)


@dataclass(frozen=True)
class Limits:
    """How much one submission may use. Defaults suit a 45-minute exercise.

    Parameters
    ----------
    cell_timeout : float
        Seconds per cell before it is interrupted.
    notebook_timeout : float
        Seconds for the whole notebook.
    cpu_seconds : int, optional
        CPU time of the kernel process (and each process it forks); default
        ``notebook_timeout`` + 30, so the notebook's time limit is what normally ends it.
    memory_mb : int
        Address space of the kernel, in MB (at least 256: a kernel needs that to start).
    file_mb : int
        Largest file the kernel may write, in MB.
    nproc_margin : int
        Processes (threads) the kernel may add to the user's current count.
    max_output_chars : int
        Output kept per cell; beyond it, output is dropped with a note.

    This is the one place the limits' defaults live: ``postlab grade`` and
    ``python -m postlab.grading.limited_kernel`` take theirs from here.

    Raises
    ------
    PostLabValueError
        A limit that is not a finite number above 0 (or a whole number, where one is
        expected), naming the field.

    Example
    -------
    >>> Limits(notebook_timeout=60).cpu_seconds
    90
    """

    cell_timeout: float = 60
    notebook_timeout: float = 300
    cpu_seconds: int | None = None
    memory_mb: int = 3000
    file_mb: int = 50
    nproc_margin: int = 128
    max_output_chars: int = 1_000_000

    def __post_init__(self) -> None:
        if self.cpu_seconds is None:
            _finite_above("notebook_timeout", self.notebook_timeout, 0)
            object.__setattr__(self, "cpu_seconds", math.ceil(self.notebook_timeout) + 30)
        for name in ("cell_timeout", "notebook_timeout"):
            object.__setattr__(self, name, _finite_above(name, getattr(self, name), 0))
        lowest = {"memory_mb": 256}
        for name in ("cpu_seconds", "memory_mb", "file_mb", "nproc_margin", "max_output_chars"):
            value = _finite_above(name, getattr(self, name), lowest.get(name, 1), whole=True)
            object.__setattr__(self, name, value)


def _finite_above(name: str, value: object, lowest: float, *, whole: bool = False) -> Any:
    """``value`` when it is a finite number of at least ``lowest`` (above 0); else an error."""
    kind = "a whole number" if whole else "a finite number"
    bound = f"of at least {lowest:g}" if lowest else "above 0"
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        msg = f"{name}={value!r}, must be {kind} {bound}"
        raise PostLabValueError(msg)
    number = float(value)
    if not math.isfinite(number) or number <= 0 or number < lowest:
        msg = f"{name}={value!r}, must be {kind} {bound}"
        raise PostLabValueError(msg)
    if whole:
        if number != int(number):
            msg = f"{name}={value!r}, must be {kind} {bound}"
            raise PostLabValueError(msg)
        return int(number)
    return value


@dataclass(frozen=True)
class Result:
    """What grading one submission found (plain data, saved as JSON for resuming).

    ``questions`` holds one :class:`CheckRecord` per question, computed in the grader's
    process; ``hidden`` names the questions graded but never shown in trainee feedback;
    ``answers`` and ``drafts`` are what the handed-in workbook recorded; ``written`` holds
    the answers written in the trainee's own words, by id, for the facilitator to read.
    """

    key: str
    trainee: str
    lesson: str
    status: str
    seconds: float
    questions: tuple[CheckRecord, ...] = ()
    hidden: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()
    answers: dict[str, Any] = field(default_factory=dict)
    drafts: dict[str, str] = field(default_factory=dict)
    written: dict[str, str] = field(default_factory=dict)
    source: str = ""
    fingerprint: str = ""

    @property
    def passed(self) -> int:
        """How many questions passed."""
        return sum(q.passed for q in self.questions)

    @property
    def graded(self) -> bool:
        """True when the notebook ran to the end."""
        return self.status == "graded"

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data."""
        data = dict(self.__dict__)
        data["questions"] = [q.to_dict() for q in self.questions]
        data["notes"], data["errors"] = list(self.notes), list(self.errors)
        data["hidden"] = list(self.hidden)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Result:
        """The inverse of :meth:`to_dict`."""
        data = dict(data)
        data["questions"] = tuple(CheckRecord.from_dict(q) for q in data.get("questions", []))
        data["hidden"] = tuple(data.get("hidden", ()))
        data["notes"] = tuple(data.get("notes", ()))
        data["errors"] = tuple(data.get("errors", ()))
        return cls(**data)


def kernel_argv(limits: Limits) -> list[str]:
    """The command that starts a kernel under ``limits``."""
    return [
        sys.executable,
        "-m",
        "postlab.grading.limited_kernel",
        "--cpu",
        str(limits.cpu_seconds),
        "--memory-mb",
        str(limits.memory_mb),
        "--file-mb",
        str(limits.file_mb),
        "--nproc-margin",
        str(limits.nproc_margin),
        "-f",
        "{connection_file}",
    ]


def _kernel_env(scratch: Path, work: Path) -> dict[str, str]:
    keep = {k: os.environ[k] for k in ("PATH", "LANG", "LC_ALL", "SYSTEMROOT") if k in os.environ}
    for name in ("home", "tmp", "mpl", "ipython", "flags"):
        (scratch / name).mkdir(exist_ok=True)
    return {
        **keep,
        "HOME": str(scratch / "home"),
        "TMPDIR": str(scratch / "tmp"),
        "MPLCONFIGDIR": str(scratch / "mpl"),
        "IPYTHONDIR": str(scratch / "ipython"),
        "POSTLAB_WORKBOOK_DIR": str(work),
        "POSTLAB_HANDIN_DIR": str(scratch / "handin"),
        FLAGS_ENV: str(scratch / "flags"),
        GRADING_ENV: "1",  # checks report answers as data; the grader judges them
        "PYTHONHASHSEED": "0",
        "PYTHONDONTWRITEBYTECODE": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        # glibc makes a 64 MB arena per contended thread: on a busy machine that alone can
        # push a starting kernel past its address-space limit.
        "MALLOC_ARENA_MAX": "2",
        "MPLBACKEND": "module://matplotlib_inline.backend_inline",
    }


def _rmtree(path: Path) -> None:
    """Remove a folder even when the notebook took away its permissions."""

    def fix(_fn: Any, failed: str, _exc: Any) -> None:
        try:
            os.chmod(Path(failed).parent, 0o700)
            os.chmod(failed, 0o700)
            if Path(failed).is_dir():
                shutil.rmtree(failed, ignore_errors=True)
            else:
                os.unlink(failed)
        except OSError:
            pass

    shutil.rmtree(path, onexc=fix) if sys.version_info >= (3, 12) else shutil.rmtree(
        path, onerror=fix
    )


def _trainee_errors(nb: nbformat.NotebookNode) -> list[str]:
    errors = []
    for index, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error" and out.get("ename") != "CellTimeoutError":
                errors.append(f"cell {index}: {out.get('ename')}: {str(out.get('evalue'))[:300]}")
    return errors


def _stderr_text(nb: nbformat.NotebookNode) -> list[str]:
    return [
        str(out.get("text", ""))[:2000]
        for cell in nb.cells
        for out in cell.get("outputs", [])
        if out.get("output_type") == "stream" and out.get("name") == "stderr"
    ]


def _died_because(code: int | None) -> str:
    if code is None:
        return "the kernel stopped answering"
    if code == -signal.SIGXCPU:
        return "the kernel used up its CPU time limit"
    if code == -signal.SIGKILL:
        return "the kernel was killed (SIGKILL): it ran out of memory, or the notebook killed it"
    if code < 0:
        return f"the kernel ended on signal {signal.Signals(-code).name}"
    return f"the kernel exited with code {code} (the notebook ended its own kernel?)"


def _saved_work(book: Path | None) -> tuple[WorkbookData | None, dict[str, Any], dict[str, str]]:
    """The handed-in workbook (never the copy the graded kernel could write), its answers
    and its drafts."""
    if book is None:
        return None, {}, {}
    data = read_workbook(book)
    return data, {q: e.answer for q, e in data.entries.items()}, dict(data.drafts)


def grade_submission(
    submission: Submission,
    *,
    lesson: str,
    solution: nbformat.NotebookNode,
    limits: Limits | None = None,
    fingerprint: str = "",
    isolate: bool | None = None,
) -> Result:
    """Grade one submission in a fresh folder and a limited kernel; never raises on its content.

    Parameters
    ----------
    submission : Submission
        What to grade (from :func:`postlab.grading.discover`).
    lesson : str
        The lesson being graded.
    solution : NotebookNode
        The solution notebook, source of the check cells.
    limits : Limits, optional
        Time, memory, file size, process and output limits.
    fingerprint : str
        Stored in the result, so a resumed run knows it is up to date.
    isolate : bool, optional
        Run the kernel under bubblewrap (:mod:`postlab.grading.isolation`); default: when
        :func:`~postlab.grading.isolation.check_sandbox` says this machine can. When not
        isolated, the result carries a note saying so.

    Returns
    -------
    Result
    """
    limits = limits or Limits()
    sandbox = isolation.check_sandbox() if not isolate else isolation.SandboxCheck(True)
    isolate = sandbox.isolated if isolate is None else isolate
    started = time.monotonic()
    checks = check_cells(solution)
    qids = [c.qid for c in checks]
    book, answers, drafts = _saved_work(submission.workbook)
    base = {"key": submission.key, "trainee": submission.trainee, "lesson": lesson}
    base |= {"source": submission.source, "fingerprint": fingerprint}
    base |= {"hidden": tuple(c.qid for c in checks if c.hidden)}
    base |= {"answers": answers, "drafts": drafts}

    def early(status: str, note: str) -> Result:
        # No notebook to run: what the workbook recorded is still judged (nothing lost),
        # except for another lesson's work.
        judged = judge(lesson, qids, None, book if status != "wrong-lesson" else None)
        return Result(
            **base,
            status=status,
            seconds=round(time.monotonic() - started, 2),
            questions=judged.records,
            notes=(note, *judged.notes),
        )

    if submission.notebook is None:
        return early("no-notebook", submission.problem or "no notebook was handed in")
    if submission.lesson is not None and submission.lesson != lesson:
        return early("wrong-lesson", f"this notebook is lesson {submission.lesson}, not {lesson}")
    try:
        text = submission.notebook.read_text(encoding="utf-8")
        nb, read_notes = read_notebook(text)
    except (OSError, UnicodeDecodeError) as exc:
        return early("unreadable", f"the notebook could not be read ({exc.__class__.__name__})")
    except PostLabValueError as exc:
        return early("unreadable", str(exc))
    restored = restore_checks(nb, solution)
    base["written"] = written_answers(nb)
    notes = [*read_notes, *restored.notes]
    if book is not None and book.problem:
        notes.append(f"the handed-in workbook could not be read: {book.problem}")
    if submission.workbook is None:
        notes.append("no workbook was handed in: text typed into widgets is missing")
    if not isolate:
        why = sandbox.reason or "the sandbox was turned off for this run"
        notes.append(f"not isolated: graded with limits only ({why})")
    if submission.postlab_version and submission.postlab_version != __version__:
        notes.append(
            f"handed in with PostLab {submission.postlab_version}; graded with {__version__}"
        )
    for attempt in range(1, _STARTS + 1):
        scratch = Path(tempfile.mkdtemp(prefix="postlab-grade-"))
        try:
            work = scratch / "work"
            work.mkdir()
            if submission.workbook is not None:
                shutil.copyfile(submission.workbook, work / f"{lesson}.workbook.json")
            nbformat.write(restored.notebook, work / f"{lesson}.ipynb")
            command, wiring = kernel_argv(limits), {}
            if isolate:  # its own network namespace: unix sockets in the scratch folder
                command = isolation.wrap(command, scratch=scratch)
                wiring = {"transport": "ipc", "ipc_dir": scratch / "ipc"}
                wiring |= {"interrupt_mode": "message"}  # a signal would stop at bwrap
            run = run_notebook(
                restored.notebook,
                cwd=work,
                env=_kernel_env(scratch, work),
                inherit_env=False,
                cell_timeout=limits.cell_timeout,
                notebook_timeout=limits.notebook_timeout,
                max_output_bytes=limits.max_output_chars,
                kernel_argv=command,
                shutdown="immediate",  # nothing is left to do, and the sandbox ends with it
                **wiring,
            )
            if isolate:
                run = dataclasses.replace(run, exit_code=isolation.exit_code(run.exit_code))
            blocked = (scratch / "flags" / "blocked-process").exists()
        finally:
            _rmtree(scratch)
        # A kernel that dies before it answers kernel_info never ran the trainee's code
        # (a busy machine, not the submission): start it once more before reporting it.
        if not (run.error and _NOT_STARTED in run.error) or attempt == _STARTS:
            break
        notes.append("the kernel failed to start on the first try; it was started again")
    if blocked:
        notes.append("tried to start new processes (a fork bomb?): blocked")
    errors = _trainee_errors(run.notebook)
    status = "graded"
    if run.error:
        status, reason = "error", run.error
        notes.append(f"the grader could not run it: {reason}")
    elif run.kernel_died:
        status = "kernel-died"
        notes.append(_died_because(run.exit_code))
    elif run.deadline_hit:
        status = "timed-out"
        notes.append(f"the notebook used its whole time limit ({limits.notebook_timeout:g} s)")
    if run.timed_out and status != "timed-out":
        cells = ", ".join(str(i) for i in run.timed_out)
        notes.append(f"cell {cells} was stopped at the {limits.cell_timeout:g} s limit")
    if run.output_capped:
        notes.append(
            f"printed more than {limits.max_output_chars:,} characters; the rest was dropped"
        )
    joined = "\n".join(errors + _stderr_text(run.notebook))
    notes += [note for needle, note in _HINTS if needle in joined]
    judged = judge(lesson, qids, run.notebook, book)
    return Result(
        **base,
        status=status,
        seconds=round(time.monotonic() - started, 2),
        questions=judged.records,
        notes=(*notes, *judged.notes),
        errors=tuple(errors[:10]),
    )
