"""Run a notebook top to bottom with nbclient: one way, used by lessons, tests and grading.

:func:`execute_notebook` is the everyday call (raise on the first error, return the
executed notebook). :func:`run_notebook` is the same runner with the options the
grader needs, and it never raises on what the notebook does: a per-cell and a
per-notebook time limit (a cell over its limit is interrupted and the next one
runs), a cap on stored output, a custom kernel command (the grader's kernel with
resource limits), and a :class:`NotebookRun` saying what happened.
"""

from __future__ import annotations

import contextlib
import os
import signal
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
from jupyter_client.kernelspec import KernelSpec
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from nbclient.exceptions import DeadKernelError

__all__ = ["NotebookRun", "execute_notebook", "run_notebook"]

_TIMEOUT_ENAME = "CellTimeoutError"


def execute_notebook(
    path: str | os.PathLike[str],
    *,
    cwd: str | os.PathLike[str] | None = None,
    timeout: int = 120,
    env: Mapping[str, str] | None = None,
    allow_errors: bool = False,
    kernel_name: str = "python3",
) -> nbformat.NotebookNode:
    """Execute the notebook at ``path`` and return it with fresh outputs (the file is untouched).

    ``cwd`` defaults to the notebook's folder, as in JupyterLab; ``env`` is added
    to the kernel's environment (for example a workbook folder for tests).
    """
    nb = nbformat.read(path, as_version=4)
    kernel_env = {**os.environ, **(env or {})}
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name=kernel_name,
        allow_errors=allow_errors,
        resources={"metadata": {"path": str(cwd or Path(path).parent)}},
        record_timing=False,
    )
    client.execute(env=kernel_env)
    return nb


@dataclass(frozen=True)
class NotebookRun:
    """What happened when a notebook ran under :func:`run_notebook`.

    ``notebook`` holds the outputs; ``timed_out`` the indexes of cells stopped at
    their limit; ``deadline_hit`` whether the whole-notebook limit ended the run;
    ``kernel_died`` with ``exit_code`` (negative: the signal) when the kernel ended
    early; ``output_capped`` when outputs beyond ``max_output_bytes`` were dropped.
    """

    notebook: nbformat.NotebookNode
    seconds: float
    timed_out: tuple[int, ...] = ()
    deadline_hit: bool = False
    kernel_died: bool = False
    exit_code: int | None = None
    output_capped: bool = False
    error: str | None = None
    cells_run: int = 0
    extra: dict[str, Any] = field(default_factory=dict)


class _DeadlineReachedError(Exception):
    """The whole-notebook time limit is spent: stop before the next cell."""


class _GuardedClient(NotebookClient):
    """nbclient with an output cap and a record of what went wrong (no new execution logic)."""

    def __init__(self, nb: nbformat.NotebookNode, *, max_output_bytes: int | None, **kw: Any):
        super().__init__(nb, **kw)
        self._max_output = max_output_bytes
        self._output_bytes: dict[int, int] = {}
        self.output_capped = False

    def output(self, outs, msg, display_id, cell_index):
        """Keep a cell's outputs until the cap; after it, drop them and leave one note."""
        if self._max_output is not None:
            size = len(str(msg.get("content", "")))
            before = self._output_bytes.get(cell_index, 0)
            self._output_bytes[cell_index] = before + size
            if before + size > self._max_output:
                self.output_capped = True
                if before <= self._max_output:
                    outs.append(
                        nbformat.v4.new_output(
                            "stream",
                            name="stderr",
                            text=f"[output beyond {self._max_output:,} characters dropped]\n",
                        )
                    )
                return None
        return super().output(outs, msg, display_id, cell_index)


def _limited_manager(
    kernel_argv: Sequence[str],
    *,
    transport: str = "tcp",
    ipc_dir: str | os.PathLike[str] | None = None,
    interrupt_mode: str = "signal",
) -> AsyncKernelManager:
    """A kernel manager that starts ``kernel_argv`` (with ``{connection_file}``).

    With ``transport="ipc"`` the kernel's sockets are unix sockets ``ipc_dir/kernel-N`` and
    its connection file is ``ipc_dir/kernel.json``: what a kernel in its own network
    namespace (the grader's sandbox) needs, as TCP on 127.0.0.1 cannot reach it there.
    ``interrupt_mode="message"`` interrupts through the control channel, for a kernel that
    a signal to the started process would not reach.
    """
    if transport not in ("tcp", "ipc"):
        msg = f"transport={transport!r}, must be 'tcp' or 'ipc'"
        raise ValueError(msg)
    km = AsyncKernelManager(kernel_name="python3")
    km._kernel_spec = KernelSpec(  # the documented way is a kernelspec folder; this avoids one
        argv=list(kernel_argv),
        display_name="Python 3 (limited)",
        language="python",
        interrupt_mode=interrupt_mode,
    )
    if transport == "ipc":
        if ipc_dir is None:
            msg = "transport='ipc' needs ipc_dir, the folder for the kernel's sockets"
            raise ValueError(msg)
        folder = Path(ipc_dir)
        folder.mkdir(parents=True, exist_ok=True)
        km.transport = "ipc"
        km.ip = str(folder / "kernel")
        km.connection_file = str(folder / "kernel.json")
    return km


def run_notebook(
    notebook: nbformat.NotebookNode,
    *,
    cwd: str | os.PathLike[str],
    env: Mapping[str, str] | None = None,
    cell_timeout: float = 60,
    notebook_timeout: float = 600,
    max_output_bytes: int | None = None,
    kernel_argv: Sequence[str] | None = None,
    startup_timeout: float = 60,
    inherit_env: bool = True,
    transport: str = "tcp",
    ipc_dir: str | os.PathLike[str] | None = None,
    interrupt_mode: str = "signal",
    shutdown: str = "graceful",
) -> NotebookRun:
    """Execute ``notebook`` in place (errors allowed) and report how the run went; never raises
    on what the notebook does.

    Parameters
    ----------
    notebook : NotebookNode
        The notebook; its cells receive the outputs.
    cwd : path
        The kernel's working folder.
    env : mapping, optional
        Added to (or, with ``inherit_env=False``, used as) the kernel's environment.
    cell_timeout : float
        Seconds a cell may run before it is interrupted (the next cell then runs).
    notebook_timeout : float
        Seconds for the whole notebook; when spent, the run stops.
    max_output_bytes : int, optional
        Characters of output kept per cell; the rest is dropped with a note.
    kernel_argv : sequence of str, optional
        Kernel command with ``{connection_file}`` (default: the ``python3`` kernel).
    startup_timeout : float
        Seconds the kernel may take to start.
    inherit_env : bool
        Whether the kernel also gets this process's environment.
    transport : {"tcp", "ipc"}
        How the kernel's ZeroMQ sockets connect (with ``kernel_argv``): TCP on 127.0.0.1,
        or unix sockets in ``ipc_dir`` (a kernel in a sandbox without network).
    ipc_dir : path, optional
        Folder for the sockets and the connection file when ``transport="ipc"``.
    interrupt_mode : {"signal", "message"}
        How a cell over its time limit is interrupted (with ``kernel_argv``).
    shutdown : {"graceful", "immediate"}
        After the last cell, ask the kernel to stop, or kill it at once (nothing left to do).

    Returns
    -------
    NotebookRun

    Example
    -------
    >>> import tempfile
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")])
    >>> run = run_notebook(nb, cwd=tempfile.mkdtemp(), cell_timeout=30)  # doctest: +SKIP
    >>> run.notebook.cells[0].outputs[0]["data"]["text/plain"]  # doctest: +SKIP
    '2'
    """
    started = time.monotonic()
    deadline = started + notebook_timeout
    timed_out: list[int] = []
    state: dict[str, Any] = {"process": None, "pgid": None, "cells": 0}

    def timeout_for(_cell: nbformat.NotebookNode) -> int:
        left = deadline - time.monotonic()
        return max(1, int(min(cell_timeout, left) + 0.999))

    client = _GuardedClient(
        notebook,
        max_output_bytes=max_output_bytes,
        timeout_func=timeout_for,
        interrupt_on_timeout=True,
        error_on_timeout={"ename": _TIMEOUT_ENAME, "evalue": "the cell ran out of time"},
        allow_errors=True,
        startup_timeout=int(startup_timeout),
        resources={"metadata": {"path": str(cwd)}},
        record_timing=False,
        shutdown_kernel=shutdown,
    )
    if kernel_argv is not None:
        client.km = _limited_manager(
            kernel_argv, transport=transport, ipc_dir=ipc_dir, interrupt_mode=interrupt_mode
        )

    def on_start(**_kw: Any) -> None:
        provisioner = getattr(client.km, "provisioner", None)
        state["process"] = getattr(provisioner, "process", None)
        state["pgid"] = getattr(provisioner, "pgid", None)

    def on_cell_start(cell: nbformat.NotebookNode, cell_index: int, **_kw: Any) -> None:
        if time.monotonic() >= deadline:
            raise _DeadlineReachedError
        if cell.cell_type == "code":
            state["cells"] += 1

    def on_executed(cell_index: int, execute_reply: dict | None = None, **_kw: Any) -> None:
        content = (execute_reply or {}).get("content", {})
        if content.get("ename") == _TIMEOUT_ENAME:
            timed_out.append(cell_index)

    client.on_notebook_start = on_start
    client.on_cell_start = on_cell_start
    client.on_cell_executed = on_executed
    kernel_env = {**(os.environ if inherit_env else {}), **(env or {})}
    died = deadline_hit = False
    error = None
    try:
        client.execute(env=kernel_env, cwd=str(cwd))
    except _DeadlineReachedError:
        deadline_hit = True
    except DeadKernelError:
        died = True
    except Exception as exc:  # a kernel that never started, a broken message: reported
        error = f"{exc.__class__.__name__}: {exc}"
    finally:
        _kill_group(state["pgid"])
    process = state["process"]
    code = process.poll() if process is not None else None
    if time.monotonic() >= deadline and timed_out:
        deadline_hit = True
    return NotebookRun(
        notebook=notebook,
        seconds=time.monotonic() - started,
        timed_out=tuple(timed_out),
        deadline_hit=deadline_hit,
        kernel_died=died,
        exit_code=code,
        output_capped=client.output_capped,
        error=error,
        cells_run=state["cells"],
    )


def _kill_group(pgid: int | None) -> None:
    """End whatever the kernel left behind in its process group (forked children)."""
    if pgid and pgid > 1 and pgid != os.getpgid(0):
        with contextlib.suppress(OSError):
            os.killpg(pgid, signal.SIGKILL)
