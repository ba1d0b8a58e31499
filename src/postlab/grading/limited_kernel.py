"""Start an IPython kernel under resource limits: ``python -m postlab.grading.limited_kernel``.

The grader launches every submission's kernel through this module. It sets the
limits in the kernel's own process (so they hold for everything the trainee's code
runs, and for any process it forks), closes stdin, stops the kernel from starting
processes (a Python audit hook, which cannot be removed once added: RLIMIT_NPROC
does not bind root, so on a machine where grading runs as root without the sandbox
this is what stops a fork bomb), then starts ``ipykernel`` in the same process.
Under the sandbox (:mod:`postlab.grading.isolation`) these are the second layer::

    python -m postlab.grading.limited_kernel --cpu 60 --memory-mb 3000 \
        --file-mb 50 --nproc-margin 128 -f CONNECTION_FILE
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

__all__ = ["apply_limits", "block_new_processes", "main", "user_threads"]

#: What the kernel says (once) when the notebook tries to start a process.
BLOCKED = "starting new processes is not allowed while grading"
_PROCESS_EVENTS = frozenset(
    {
        "os.fork",
        "os.forkpty",
        "os.system",
        "os.exec",
        "os.posix_spawn",
        "os.spawn",
        "subprocess.Popen",
        "pty.spawn",
    }
)


def user_threads(uid: int | None = None) -> int:
    """How many threads the user runs now (RLIMIT_NPROC counts them all, per user).

    Example
    -------
    >>> user_threads() >= 1
    True
    """
    uid = os.getuid() if uid is None else uid
    count = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            text = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in text.splitlines() if ":" in line)
        if int(fields.get("Uid", "-1").split()[0]) == uid:
            count += int(fields.get("Threads", "1"))
    return count


def apply_limits(*, cpu: int, memory_mb: int, file_mb: int, nproc_margin: int) -> None:
    """Set CPU seconds, address space, file size and process count limits on this process.

    The process limit is the user's current thread count plus ``nproc_margin``: the
    count is per user, so a fixed small number would stop the kernel starting on a
    busy machine.
    """
    import resource

    mb = 1024 * 1024
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    resource.setrlimit(resource.RLIMIT_AS, (memory_mb * mb, memory_mb * mb))
    resource.setrlimit(resource.RLIMIT_FSIZE, (file_mb * mb, file_mb * mb))
    nproc = user_threads() + nproc_margin
    resource.setrlimit(resource.RLIMIT_NPROC, (nproc, nproc))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


#: Environment variable naming a folder where the wrapper leaves flags for the grader.
FLAGS_ENV = "POSTLAB_GRADING_FLAGS"
_told: list[str] = []


def _no_processes(event: str, _args: tuple) -> None:
    if event in _PROCESS_EVENTS:
        if not _told and os.environ.get(FLAGS_ENV):
            _told.append(event)
            try:  # leave a flag outside the notebook's folder: the report says what it tried
                Path(os.environ[FLAGS_ENV], "blocked-process").write_text(event)
            except OSError:
                pass
        msg = "[Errno 11] Resource temporarily unavailable: grading does not allow new processes"
        raise PermissionError(msg)


def block_new_processes() -> None:
    """From now on, any attempt of this process to fork, exec or spawn raises PermissionError."""
    sys.addaudithook(_no_processes)


def main(argv: list[str] | None = None) -> None:
    """Parse the limits, apply them, close stdin, block new processes, run ipykernel."""
    parser = argparse.ArgumentParser(
        prog="python -m postlab.grading.limited_kernel",
        epilog="A limit left out takes its default from postlab.grading.Limits.",
    )
    parser.add_argument("--cpu", type=int, help="CPU seconds.")
    parser.add_argument("--memory-mb", type=int, help="Address space, MB.")
    parser.add_argument("--file-mb", type=int, help="Largest file written, MB.")
    parser.add_argument("--nproc-margin", type=int, help="Extra processes allowed.")
    parser.add_argument("-f", dest="connection_file", required=True)
    args, extra = parser.parse_known_args(argv)
    if None in (args.cpu, args.memory_mb, args.file_mb, args.nproc_margin):
        # Only when run by hand: the grader passes every limit (and this import is not light).
        from postlab.grading.sandbox import Limits

        default = Limits()
        args.cpu = default.cpu_seconds if args.cpu is None else args.cpu
        args.memory_mb = default.memory_mb if args.memory_mb is None else args.memory_mb
        args.file_mb = default.file_mb if args.file_mb is None else args.file_mb
        if args.nproc_margin is None:
            args.nproc_margin = default.nproc_margin
    apply_limits(
        cpu=args.cpu,
        memory_mb=args.memory_mb,
        file_mb=args.file_mb,
        nproc_margin=args.nproc_margin,
    )
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):  # no stdin; output at the file level never floods the grader
        os.dup2(devnull, fd)
    os.close(devnull)
    if sys.path and sys.path[0] in ("", os.getcwd()):
        sys.path.pop(0)  # as ipykernel_launcher does: the notebook's folder is not a package root
    import platform

    # No debugger in a graded kernel: ipykernel imports debugpy (a tenth of a second of a
    # kernel's start) only when it can; this makes it think it cannot.
    sys.modules.setdefault("debugpy", None)  # type: ignore[arg-type]
    from ipykernel import kernelapp

    _ = platform.uname().processor  # runs `uname -p` now, so the kernel never needs to later
    block_new_processes()
    # No input history database (a file and a thread per kernel): nothing reads it here.
    quiet = ["--HistoryManager.enabled=False"]
    kernelapp.launch_new_instance(argv=["-f", args.connection_file, *quiet, *extra])


if __name__ == "__main__":  # pragma: no cover - runs as the kernel
    main()
