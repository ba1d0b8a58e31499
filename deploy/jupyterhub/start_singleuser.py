"""Start a trainee's JupyterLab on the hub: copy in the kit's notebooks first, then hand over.

JupyterHub runs this as the trainee (``Spawner.cmd``), so the copies belong to the
trainee. It copies only files the trainee does not have yet (see
``postlab_hub.seed_home``), gives the server a private, short runtime folder for its
kernels' sockets, cleared of what a dead server left (``postlab_hub.kernel_runtime_dir``),
then replaces itself with ``jupyterhub-singleuser``,
passing on every argument the spawner gave. A kit that cannot be copied is
reported in the server log and the server still starts: a trainee with their
earlier work and no new files is better off than one with no server at all.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from postlab_hub import kernel_runtime_dir, seed_home

__all__ = ["main"]


def main(argv: list[str] | None = None) -> None:
    """Seed ``$HOME`` from ``$POSTLAB_KIT``, then exec ``python -m jupyterhub.singleuser``."""
    args = list(sys.argv[1:] if argv is None else argv)
    kit = os.environ.get("POSTLAB_KIT", "")
    home = os.environ.get("HOME") or str(Path.home())
    try:
        done = seed_home(kit=kit, home=home)
        print(
            f"postlab: {len(done.copied)} kit files copied into {home}, "
            f"{len(done.kept)} already there and kept.",
            file=sys.stderr,
            flush=True,
        )
    except OSError as exc:
        print(f"postlab: could not copy the kit into {home}: {exc}", file=sys.stderr, flush=True)
    try:  # kernels talk over Unix sockets in a private folder (see kernel_runtime_dir)
        os.environ["JUPYTER_RUNTIME_DIR"] = str(kernel_runtime_dir(home))
    except OSError as exc:
        print(f"postlab: no private runtime folder in {home}: {exc}", file=sys.stderr, flush=True)
    os.execv(sys.executable, [sys.executable, "-m", "jupyterhub.singleuser", *args])


if __name__ == "__main__":
    main()
