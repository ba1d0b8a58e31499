"""Create or refresh the kit's virtual environment, saying what went wrong in one sentence.

Run by ``make lab`` and ``make test`` with whatever ``python3`` the machine has, so
this file avoids syntax newer than Python 3.6: an old Python must reach the check
below and hear, in plain words, which version PostLab needs.
"""

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

SUPPORTED = (3, 11)
ROOT = Path(__file__).resolve().parents[1]
INPUTS = ("pyproject.toml", "requirements/lock.txt", "jupyter/overrides.json")
NETWORK_SIGNS = (
    "Could not find a version that satisfies",
    "No matching distribution found",
    "NewConnectionError",
    "Temporary failure in name resolution",
    "Failed to establish a new connection",
    "Network is unreachable",
    "Connection refused",
    "Read timed out",
    "ProxyError",
)


def python_problem(version=None):
    """A sentence when ``version`` is too old for PostLab, else None."""
    version = tuple(version or sys.version_info[:2])
    if version < SUPPORTED:
        return (
            "PostLab needs Python %d.%d or newer, but this is Python %d.%d: install Python %d.%d "
            "and run the command again (or set PYTHON=python%d.%d)."
            % (SUPPORTED + version[:2] + SUPPORTED + SUPPORTED)
        )
    return None


def fingerprint(root=ROOT):
    """A hash of everything that decides what gets installed."""
    digest = hashlib.sha256()
    for name in INPUTS:
        path = root / name
        digest.update(name.encode())
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.hexdigest()


def install_problem(log_text):
    """The one sentence that explains a failed pip run."""
    if any(sign in log_text for sign in NETWORK_SIGNS):
        return (
            "PostLab could not download its packages: the package registry (PyPI) cannot be "
            "reached from this machine. Check the network or proxy settings and run the "
            "command again."
        )
    return "Installing PostLab's packages failed for a reason other than the network."


def _venv_python(venv):
    return venv / "bin" / "python"


def _run_logged(cmd, log):
    with open(log, "a", encoding="utf-8") as fh:
        fh.write("$ " + " ".join(str(c) for c in cmd) + "\n")
        fh.flush()
        return subprocess.call([str(c) for c in cmd], stdout=fh, stderr=subprocess.STDOUT)


def ensure(venv, root=ROOT):
    """Make ``venv`` hold the locked stack and the package; return an exit code."""
    problem = python_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 3
    venv = Path(venv)
    stamp = venv / ".postlab-fingerprint"
    wanted = fingerprint(root)
    if stamp.exists() and stamp.read_text() == wanted and _venv_python(venv).exists():
        return 0
    log = venv.resolve().parent / ".venv-install.log"
    log.write_text("", encoding="utf-8")
    print(
        "Setting up PostLab's environment in %s (first time: a few minutes)..." % venv,
        file=sys.stderr,
    )
    if not _venv_python(venv).exists():
        if venv.exists():
            shutil.rmtree(str(venv))
        code = _run_logged([sys.executable, "-m", "venv", str(venv)], log)
        if code:
            print(
                "Could not create the virtual environment %s (see %s)." % (venv, log),
                file=sys.stderr,
            )
            return 3
    pip = [_venv_python(venv), "-m", "pip", "--disable-pip-version-check"]
    steps = [
        pip + ["install", "-r", root / "requirements" / "lock.txt"],
        pip + ["install", "--no-deps", "-e", str(root)],
    ]
    for step in steps:
        if _run_logged(step, log):
            text = log.read_text(encoding="utf-8", errors="replace")
            print("%s (Details: %s)" % (install_problem(text), log), file=sys.stderr)
            return 3
    overrides = root / "jupyter" / "overrides.json"
    settings = venv / "share" / "jupyter" / "lab" / "settings"
    settings.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(str(overrides), str(settings / "overrides.json"))
    stamp.write_text(wanted)
    print("PostLab's environment is ready.", file=sys.stderr)
    hint = sandbox_hint()
    if hint:
        print(hint, file=sys.stderr)
    return 0


def sandbox_hint(platform=sys.platform, which=shutil.which):
    """A sentence when ``postlab grade`` would not be able to isolate hand-ins here, else None.

    Like Chromium for the browser tests, bubblewrap is a system package: CI (.ci/run) installs
    it; on a workshop machine the facilitator does, once.
    """
    if not platform.startswith("linux") or which("bwrap"):
        return None
    return (
        "Note: bubblewrap (bwrap) is not installed, so 'postlab grade' would grade hand-ins "
        "without isolating them (its reports say so). Install it with: "
        "sudo apt-get install bubblewrap"
    )


if __name__ == "__main__":
    sys.exit(ensure(os.environ.get("VENV", str(ROOT / ".venv"))))
