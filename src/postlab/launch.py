"""Start JupyterLab for the workshop: loopback only, a token, lesson 00 open.

One function builds the command so ``make lab``, the browser test and the hub
configuration all start JupyterLab the same way.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import sys
from pathlib import Path

__all__ = ["FIRST_LESSON", "HIDDEN_FILES", "free_port", "hide_files_option", "lab_command", "main"]

FIRST_LESSON = "notebooks/00-welcome.ipynb"

#: Files kept out of the trainee's file browser (they stay on disk and readable): the
#: workbooks PostLab writes beside each exercise, their locks and set-aside copies, plus
#: jupyter_server's own defaults. The file browser then shows the notebooks.
HIDDEN_FILES = (
    "__pycache__",
    "*.pyc",
    "*.pyo",
    ".DS_Store",
    "*~",
    "*.workbook.json",
    "*.workbook.json.*",
    "*.lock",
)


def hide_files_option() -> str:
    """The server option that hides :data:`HIDDEN_FILES` (for ``make lab`` and the hub)."""
    return f"--ContentsManager.hide_globs={json.dumps(list(HIDDEN_FILES))}"


def free_port(preferred: int = 8888) -> int:
    """``preferred`` when it is free on 127.0.0.1, else any free port."""
    for port in (preferred, 0):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return sock.getsockname()[1]
    msg = "no free port on 127.0.0.1"
    raise OSError(msg)


def lab_command(
    root: str | os.PathLike[str],
    *,
    port: int,
    token: str,
    open_path: str | None = FIRST_LESSON,
    open_browser: bool = False,
) -> list[str]:
    """The ``jupyter lab`` command line serving ``root`` on 127.0.0.1:``port``."""
    cmd = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--ServerApp.root_dir={Path(root).resolve()}",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.open_browser={open_browser}",
        hide_files_option(),
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    if open_path:
        cmd.append(str(Path(root).resolve() / open_path))
    return cmd


def main() -> None:
    """Entry point of ``make lab``: print the address with its token, then run JupyterLab."""
    root = Path(os.environ.get("POSTLAB_ROOT", Path.cwd()))
    port = free_port(int(os.environ.get("POSTLAB_PORT", "8888")))
    token = os.environ.get("POSTLAB_TOKEN") or secrets.token_hex(16)
    url = f"http://127.0.0.1:{port}/lab/tree/{FIRST_LESSON}?token={token}"
    bar = "=" * min(len(url), 100)
    print(
        f"\n{bar}\nPostLab is starting. Open this address in your browser:\n\n  {url}\n\n"
        f"Press Ctrl+C twice to stop.\n{bar}\n",
        flush=True,
    )
    cmd = lab_command(root, port=port, token=token, open_browser=bool(os.environ.get("DISPLAY")))
    os.execv(cmd[0], cmd)


if __name__ == "__main__":  # pragma: no cover
    main()
