"""Set-up failures end in one clear sentence, not a wall of pip output."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest


def _bootstrap(root: Path):
    spec = importlib.util.spec_from_file_location("bootstrap", root / "tools" / "bootstrap.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_old_python_gets_one_sentence(root: Path) -> None:
    message = _bootstrap(root).python_problem((3, 9))
    assert message.startswith("PostLab needs Python 3.11 or newer, but this is Python 3.9")
    assert "\n" not in message


def test_supported_python_is_fine(root: Path) -> None:
    assert _bootstrap(root).python_problem((3, 11)) is None
    assert _bootstrap(root).python_problem((3, 13)) is None


def test_network_failures_are_recognised(root: Path) -> None:
    bootstrap = _bootstrap(root)
    log = "WARNING: Retrying ... NewConnectionError('Failed to establish a new connection')"
    assert "cannot be reached" in bootstrap.install_problem(log)
    assert "other than the network" in bootstrap.install_problem("error: subprocess failed")


def test_fingerprint_changes_with_the_lock(root: Path, tmp_path: Path) -> None:
    bootstrap = _bootstrap(root)
    (tmp_path / "requirements").mkdir()
    (tmp_path / "requirements" / "lock.txt").write_text("a==1\n")
    first = bootstrap.fingerprint(tmp_path)
    assert bootstrap.fingerprint(tmp_path) == first
    (tmp_path / "requirements" / "lock.txt").write_text("a==2\n")
    assert bootstrap.fingerprint(tmp_path) != first


def test_old_interpreter_stops_before_touching_anything(root: Path, tmp_path: Path) -> None:
    """Run the real script under a fake 'old' Python: one line on stderr, exit 3, no venv made."""
    code = (
        "import sys, runpy; sys.version_info = (3, 8, 0, 'final', 0); "
        f"sys.argv = ['bootstrap']; runpy.run_path({str(root / 'tools' / 'bootstrap.py')!r}, "
        "run_name='__main__')"
    )
    venv = tmp_path / "venv"
    proc = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "VENV": str(venv)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 3
    assert proc.stderr.strip().count("\n") == 0
    assert "needs Python 3.11" in proc.stderr
    assert not venv.exists()


@pytest.mark.slow
def test_no_registry_gives_one_clear_sentence(root: Path, tmp_path: Path) -> None:
    """A real pip run against an unreachable index ends in the network sentence."""
    kit = tmp_path / "kit"
    (kit / "requirements").mkdir(parents=True)
    (kit / "jupyter").mkdir()
    (kit / "tools").mkdir()
    (kit / "requirements" / "lock.txt").write_text("postlab-package-that-is-not-installed==9.9.9\n")
    (kit / "pyproject.toml").write_text((root / "pyproject.toml").read_text())
    (kit / "jupyter" / "overrides.json").write_text("{}")
    (kit / "tools" / "bootstrap.py").write_text((root / "tools" / "bootstrap.py").read_text())
    env = {
        **os.environ,
        "VENV": str(kit / ".venv"),
        "PIP_CONFIG_FILE": os.devnull,
        "PIP_INDEX_URL": "http://127.0.0.1:9/simple",
        "PIP_NO_INDEX": "",
        "PIP_FIND_LINKS": "",
        "PIP_EXTRA_INDEX_URL": "",
        "PIP_RETRIES": "0",
        "PIP_TIMEOUT": "2",
    }
    proc = subprocess.run(
        [sys.executable, str(kit / "tools" / "bootstrap.py")],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert proc.returncode == 3
    assert "cannot be reached" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_second_run_installs_nothing(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the fingerprint matching, set-up returns at once without calling pip."""
    bootstrap = _bootstrap(root)
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "python").write_text("")
    (venv / ".postlab-fingerprint").write_text(bootstrap.fingerprint(root))
    calls: list[object] = []
    monkeypatch.setattr(bootstrap, "_run_logged", lambda *a: calls.append(a) or 0)
    assert bootstrap.ensure(venv, root) == 0
    assert calls == []
    (venv / ".postlab-fingerprint").write_text("stale")
    assert bootstrap.ensure(venv, root) == 0
    assert len(calls) == 2, "a changed lock reinstalls the stack and the package"
