"""Real JupyterLab on 127.0.0.1 and real headless Chromium, started and stopped by the tests."""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from postlab.launch import FIRST_LESSON, free_port

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("POSTLAB_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
ARTIFACTS = ROOT / "test-artifacts" / "browser"


@dataclass(frozen=True)
class Lab:
    """A running JupyterLab: where it serves, its token, and the folder it serves."""

    url: str
    token: str
    root: Path
    address: str

    def notebook_url(self, name: str) -> str:
        """Address that opens ``name`` (relative to the served folder) in JupyterLab."""
        return f"{self.url}/lab/tree/{name}?token={self.token}"


def _wait_ready(url: str, token: str, proc: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            msg = f"JupyterLab exited early with code {proc.returncode}"
            raise RuntimeError(msg)
        try:
            with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    msg = f"JupyterLab did not answer on {url} within {timeout:.0f} s"
    raise RuntimeError(msg)


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    """JupyterLab started exactly as ``make lab`` starts it, on a scratch copy of the kit.

    The copy keeps JupyterLab's autosave away from the committed notebooks.
    """
    if not CHROMIUM.exists():
        pytest.skip(
            f"no Chromium at {CHROMIUM}: install it with 'apt-get install chromium' (CI does)"
        )
    served = tmp_path_factory.mktemp("kit")
    for folder in ("notebooks", "exercises"):
        shutil.copytree(ROOT / folder, served / folder)
    token = secrets.token_hex(12)
    env = {
        **os.environ,
        "POSTLAB_ROOT": str(served),
        "POSTLAB_PORT": str(free_port(0)),
        "POSTLAB_TOKEN": token,
        "POSTLAB_WORKBOOK_DIR": str(tmp_path_factory.mktemp("workbooks")),
        # Each lab gets its own saved layout and user settings, so tabs left open by one test
        # (or by a person's own JupyterLab) are never restored into another.
        "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path_factory.mktemp("workspaces")),
        "JUPYTERLAB_SETTINGS_DIR": str(tmp_path_factory.mktemp("user-settings")),
    }
    env.pop("MPLBACKEND", None)
    env.pop("DISPLAY", None)
    log_path = tmp_path_factory.mktemp("log") / "lab.log"
    log = log_path.open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "postlab.launch"],
        stdout=subprocess.PIPE,
        stderr=log,
        env=env,
        text=True,
    )
    try:
        address = _printed_address(proc)
        url = address.split("/lab/")[0]
        assert address == f"{url}/lab/tree/{FIRST_LESSON}?token={token}"
        _wait_ready(url, token, proc)
        yield Lab(url=url, token=token, root=served, address=address)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def _printed_address(proc: subprocess.Popen) -> str:
    """The address ``make lab`` prints for the trainee to open."""
    for _ in range(20):
        line = proc.stdout.readline()
        if line.strip().startswith("http://127.0.0.1:"):
            return line.strip()
    msg = "postlab.launch did not print the address to open"
    raise RuntimeError(msg)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Headless Debian Chromium driven by Playwright (no browser download)."""
    if not CHROMIUM.exists():
        pytest.skip(
            f"no Chromium at {CHROMIUM}: install it with 'apt-get install chromium' (CI does)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS
        )
        yield chromium
        chromium.close()


def run_all_cells(page: object) -> None:
    """Run every cell through JupyterLab's own menu, as a trainee would."""
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()


def wait_kernel_idle(page: object, timeout: float = 120_000) -> None:
    """Wait until the notebook is shown and its kernel has started and reports idle."""
    page.wait_for_selector(".jp-Notebook", timeout=timeout)
    page.wait_for_function(
        "() => { const el = document.querySelector('.jp-Notebook-ExecutionIndicator');"
        " const bar = document.querySelector('.jp-StatusBar-Widget') && document.body.innerText;"
        " return el && el.getAttribute('data-status') === 'idle'"
        "   && /ipykernel\\) \\| Idle/.test(bar || ''); }",
        timeout=timeout,
    )


def run_all_and_wait_for(page: object, selector: str, timeout: float = 240_000) -> object:
    """Run all cells; try once more if the kernel was not quite ready the first time."""
    for attempt in (1, 2):
        run_all_cells(page)
        try:
            page.wait_for_selector(selector, state="attached", timeout=timeout / 2)
            break
        except Exception:
            if attempt == 2:
                page.screenshot(path=str(ARTIFACTS / "run-all-failed.png"))
                raise
            wait_kernel_idle(page, timeout)
    element = page.locator(selector).first
    element.scroll_into_view_if_needed()
    element.wait_for(state="visible", timeout=60_000)
    return element
