"""A real JupyterHub on 127.0.0.1 for the hub tests: one per test module, always stopped.

The hub, its proxy, every single-user server and every kernel run in their own process
sessions; :meth:`LoopbackHub.stop` kills them all (by process group, then every process
whose environment names this hub's hand-in folder), and the fixture checks that nothing
it started is still alive afterwards.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy" / "jupyterhub"
EXERCISE = "exercises/00-welcome.ipynb"
LESSON = "notebooks/00-welcome.ipynb"
ARTIFACTS = ROOT / "test-artifacts" / "hub"


def _load(name: str):
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, DEPLOY / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


sys.path.insert(0, str(DEPLOY))
loopback = _load("loopback")
postlab_hub = _load("postlab_hub")


@pytest.fixture(scope="module")
def hub(request: pytest.FixtureRequest) -> Iterator[object]:
    """The room's hub, started for this module and stopped after it (with all it started)."""
    if loopback.find_proxy() is None:
        pytest.skip(
            "configurable-http-proxy is not installed: run 'npm ci' in deploy/jupyterhub "
            "(needs Node.js 20+); CI does"
        )
    # Not under pytest's basetemp: another pytest run may prune that while the hub runs.
    scratch = Path(tempfile.mkdtemp(prefix="postlab-hub-"))
    running = loopback.LoopbackHub(scratch)
    try:
        running.start()
        yield running
    finally:
        running.stop()
        left = running.processes()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        if running.log_path.exists():
            shutil.copyfile(running.log_path, ARTIFACTS / f"{request.module.__name__}.hub.log")
        shutil.rmtree(scratch, ignore_errors=True)
        assert left == [], f"processes outlived the hub: {left}"


def login(hub: object, name: str, password: str | None = None) -> object:
    """A trainee (or the facilitator) logged in through the hub's login form."""
    session = loopback.TraineeSession(hub, name, password or hub.room_password)
    session.login()
    return session


def answers(marker: str) -> dict[int, str]:
    """Exercise 00 answered, with ``marker`` in the name so each trainee's work is unique."""
    notebook = nbformat.read(ROOT / EXERCISE, as_version=4)
    wanted = {
        "my_name = ...": f'my_name = "{marker}"',
        "rumour_lesson = ...": "rumour_lesson = 8",
        "first_post = ...": (
            'first_post = "PostLab workshop today at 10:00 in Hall B, Navapur Secretariat: '
            'learn to write posts every citizen can read."'
        ),
        "Type your post in the box above": (
            'counter.value = "Heatwave in Navapur: drink water often, stay in the shade."'
        ),
    }
    edits = {}
    for index, cell in enumerate(notebook.cells):
        for needle, source in wanted.items():
            if cell.cell_type == "code" and needle in cell.source:
                edits[index] = source
    assert len(edits) == len(wanted), "exercise 00 changed: update the answers in this test"
    return edits
