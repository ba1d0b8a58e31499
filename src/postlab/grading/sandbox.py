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

import json
import os
import re
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
from postlab.grading.discover import Submission
from postlab.grading.limited_kernel import FLAGS_ENV  # a light module: no kernel is started
from postlab.grading.restore import MARK, check_cells, read_notebook, restore_checks
from postlab.notebook_runner import run_notebook

#: Kernel starts per submission: a start that fails before any cell ran is retried once.
_STARTS = 2
_NOT_STARTED = "before replying to kernel_info"

__all__ = ["STATUSES", "Limits", "QuestionResult", "Result", "grade_submission", "kernel_argv"]

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
_LINE = re.compile(
    r"^(?:✅|🟡|⬜) (?P<qid>\S+): (?P<label>Well done|Not yet|Not answered yet)\. ?(?P<msg>.*)$",
    re.DOTALL,
)
_LABELS = {"Well done": "passed", "Not yet": "not_yet", "Not answered yet": "unanswered"}
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
    cpu_seconds : int
        CPU time of the kernel process (and each process it forks).
    memory_mb : int
        Address space of the kernel, in MB.
    file_mb : int
        Largest file the kernel may write, in MB.
    nproc_margin : int
        Processes (threads) the kernel may add to the user's current count.
    max_output_chars : int
        Output kept per cell; beyond it, output is dropped with a note.
    """

    cell_timeout: float = 60
    notebook_timeout: float = 300
    cpu_seconds: int = 300
    memory_mb: int = 3000
    file_mb: int = 50
    nproc_margin: int = 128
    max_output_chars: int = 1_000_000


@dataclass(frozen=True)
class QuestionResult:
    """One question's result: ``passed``, ``not_yet``, ``unanswered`` or ``not_run``."""

    qid: str
    status: str
    message: str = ""
    hidden: bool = False


@dataclass(frozen=True)
class Result:
    """What grading one submission found (plain data, saved as JSON for resuming)."""

    key: str
    trainee: str
    lesson: str
    status: str
    seconds: float
    questions: tuple[QuestionResult, ...] = ()
    notes: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()
    answers: dict[str, Any] = field(default_factory=dict)
    drafts: dict[str, str] = field(default_factory=dict)
    source: str = ""
    fingerprint: str = ""

    @property
    def passed(self) -> int:
        """How many questions passed."""
        return sum(q.status == "passed" for q in self.questions)

    @property
    def graded(self) -> bool:
        """True when the notebook ran to the end."""
        return self.status == "graded"

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data."""
        data = dict(self.__dict__)
        data["questions"] = [q.__dict__ for q in self.questions]
        data["notes"], data["errors"] = list(self.notes), list(self.errors)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Result:
        """The inverse of :meth:`to_dict`."""
        data = dict(data)
        data["questions"] = tuple(QuestionResult(**q) for q in data.get("questions", []))
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


def _text_of(output: dict) -> str:
    data = output.get("data", {})
    text = data.get("text/plain", output.get("text", ""))
    return "".join(text) if isinstance(text, list) else str(text)


def _question_results(nb: nbformat.NotebookNode, qids: list[str]) -> list[QuestionResult]:
    """Each check's status, read from the outputs of the restored check cells only."""
    found: dict[str, QuestionResult] = {}
    for cell in nb.cells:
        mark = cell.get("metadata", {}).get(MARK)
        if not mark or mark["qid"] in found:
            continue
        qid, hidden = mark["qid"], bool(mark.get("hidden"))
        result = QuestionResult(qid, "not_run", "This check did not run.", hidden)
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                result = QuestionResult(
                    qid,
                    "not_yet",
                    f"The check could not run: {out.get('ename')}: {out.get('evalue')}",
                    hidden,
                )
                break
            match = _LINE.match(_text_of(out).strip().strip("'\""))
            if out.get("output_type") == "execute_result" and match and match["qid"] == qid:
                result = QuestionResult(qid, _LABELS[match["label"]], match["msg"].strip(), hidden)
                break
        found[qid] = result
    return [found.get(q, QuestionResult(q, "not_run", "This check did not run.")) for q in qids]


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


def _saved_work(*books: Path | None) -> tuple[dict[str, Any], dict[str, str]]:
    for book in books:
        if book is None or not book.is_file():
            continue
        try:
            data = json.loads(book.read_text(encoding="utf-8"))
            answers = {q: a.get("answer") for q, a in dict(data.get("answers", {})).items()}
            drafts = {
                k: str(v[-1].get("text", "")) for k, v in dict(data.get("drafts", {})).items() if v
            }
            return answers, drafts
        except (OSError, ValueError, AttributeError, TypeError):
            continue
    return {}, {}


def grade_submission(
    submission: Submission,
    *,
    lesson: str,
    solution: nbformat.NotebookNode,
    limits: Limits | None = None,
    fingerprint: str = "",
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

    Returns
    -------
    Result
    """
    limits = limits or Limits()
    started = time.monotonic()
    qids = [c.qid for c in check_cells(solution)]
    base = {"key": submission.key, "trainee": submission.trainee, "lesson": lesson}
    base |= {"source": submission.source, "fingerprint": fingerprint}

    def early(status: str, note: str) -> Result:
        answers, drafts = _saved_work(submission.workbook)
        not_run = tuple(QuestionResult(q, "not_run", "Not graded.") for q in qids)
        return Result(
            **base,
            status=status,
            seconds=round(time.monotonic() - started, 2),
            questions=not_run,
            notes=(note,),
            answers=answers,
            drafts=drafts,
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
    notes = [*read_notes, *restored.notes]
    if submission.workbook is None:
        notes.append("no workbook was handed in: text typed into widgets is missing")
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
            run = run_notebook(
                restored.notebook,
                cwd=work,
                env=_kernel_env(scratch, work),
                inherit_env=False,
                cell_timeout=limits.cell_timeout,
                notebook_timeout=limits.notebook_timeout,
                max_output_bytes=limits.max_output_chars,
                kernel_argv=kernel_argv(limits),
            )
            answers, drafts = _saved_work(work / f"{lesson}.workbook.json", submission.workbook)
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
    return Result(
        **base,
        status=status,
        seconds=round(time.monotonic() - started, 2),
        questions=tuple(_question_results(run.notebook, qids)),
        notes=tuple(notes),
        errors=tuple(errors[:10]),
        answers=answers,
        drafts=drafts,
    )
