"""axe-core over every lesson and exercise after Run All, in real JupyterLab and Chromium.

Scope: PostLab's outputs only. axe is told to look inside the output areas
(``.jp-OutputArea-output``: every printed table, chart and widget view, including the
widgets' own controls); JupyterLab's menus, toolbars, file browser and cell editors are
JupyterLab's interface and out of this test's scope.

One JupyterLab serves all eighteen notebooks; they are opened one after another in the same
browser page (the workspace reset each time) and each kernel is shut down when its notebook is
done, so only one kernel runs at a time. axe-core comes from npm (``tests/browser/package.json``,
installed by ``make axe`` and ``.ci/run``) and is injected with Playwright's ``add_script_tag``.

Fails on any critical or serious violation; moderate and minor ones are written to
``test-artifacts/browser/axe.json`` with everything else (counts per notebook, Run All times).
"""

from __future__ import annotations

import json
import os
import time
import urllib.request
from pathlib import Path

import pytest

from tests.browser.conftest import ARTIFACTS, Lab, run_all_cells, wait_kernel_idle

pytestmark = pytest.mark.browser

HERE = Path(__file__).resolve().parent
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
ROOT = HERE.parents[1]
#: POSTLAB_AXE_ONLY=05 audits only the notebooks whose name contains "05" (for debugging).
NOTEBOOKS = [
    f"{folder}/{path.name}"
    for folder in ("notebooks", "exercises")
    for path in sorted((ROOT / folder).glob("[0-9][0-9]-*.ipynb"))
    if os.environ.get("POSTLAB_AXE_ONLY", "") in f"{folder}/{path.name}"
]
BLOCKING = ("critical", "serious")

#: True once every code cell has an execution count and none is waiting or running.
_ALL_RAN = """() => {
  const cells = [...document.querySelectorAll('.jp-Notebook .jp-CodeCell')];
  if (!cells.length) return false;
  const prompts = cells.map(c => (c.querySelector('.jp-InputArea-prompt') || {}).innerText || '');
  const busy = document.querySelector('.jp-Notebook-ExecutionIndicator');
  return prompts.every(p => /\\[\\d+\\]/.test(p))
    && busy && busy.getAttribute('data-status') === 'idle';
}"""

_AXE_RUN = """async () => {
  const outputs = document.querySelectorAll('.jp-OutputArea-output');
  if (!outputs.length) return {violations: [], outputs: 0};
  const result = await axe.run({include: [...outputs]},
                               {resultTypes: ['violations']});
  return {
    outputs: outputs.length,
    violations: result.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 300),
                                summary: (n.failureSummary || '').slice(0, 300)})),
    })),
  };
}"""


def _shut_down_kernels(lab: Lab) -> None:
    """Delete every session (and so its kernel), so the next notebook runs alone."""
    with urllib.request.urlopen(f"{lab.url}/api/sessions?token={lab.token}", timeout=10) as r:
        sessions = json.load(r)
    for session in sessions:
        request = urllib.request.Request(
            f"{lab.url}/api/sessions/{session['id']}?token={lab.token}", method="DELETE"
        )
        urllib.request.urlopen(request, timeout=30).close()


def _audit(page: object, lab: Lab, name: str) -> dict:
    """Open ``name``, Run All, wait until every cell ran, then run axe on the outputs."""
    page.goto(f"{lab.url}/lab/tree/{name}?reset&token={lab.token}")
    wait_kernel_idle(page)
    page.wait_for_timeout(500)  # let the notebook finish its first layout
    started = time.monotonic()
    run_all_cells(page)
    try:
        page.wait_for_function(_ALL_RAN, timeout=240_000, polling=250)
    except Exception:
        prompts = page.evaluate(
            "() => [...document.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')]"
            ".map(p => p.innerText)"
        )
        page.screenshot(path=str(ARTIFACTS / f"axe-{Path(name).stem}-run-all.png"))
        msg = f"{name}: Run All did not finish in 240 s; cell prompts: {prompts}"
        raise AssertionError(msg) from None
    run_all = time.monotonic() - started
    page.wait_for_timeout(1_000)  # widget views render just after the kernel goes idle
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(_AXE_RUN)
    found["run_all_seconds"] = round(run_all, 1)
    return found


def test_no_serious_accessibility_violations_in_postlab_outputs(lab: Lab, browser: object) -> None:
    if not AXE.is_file():
        if os.environ.get("POSTLAB_REQUIRE_REAL"):
            pytest.fail(f"axe-core is missing at {AXE}: run 'make axe' (npm ci in tests/browser)")
        pytest.skip(f"axe-core is not installed at {AXE}: run 'make axe' (needs npm)")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    report: dict[str, dict] = {}
    started = time.monotonic()
    try:
        for name in NOTEBOOKS:
            try:
                report[name] = _audit(page, lab, name)
            finally:
                _shut_down_kernels(lab)
    finally:
        page.close()
        total = round(time.monotonic() - started, 1)
        summary = {
            name: {
                "run_all_seconds": found["run_all_seconds"],
                "outputs": found["outputs"],
                "counts": {
                    f"{v['id']} ({v['impact']})": len(v["nodes"]) for v in found["violations"]
                },
            }
            for name, found in report.items()
        }
        (ARTIFACTS / "axe.json").write_text(
            json.dumps({"seconds": total, "summary": summary, "details": report}, indent=1)
        )
    blocking = [
        f"{name}: {v['id']} ({v['impact']}, {len(v['nodes'])} nodes): {v['help']}; "
        f"first: {v['nodes'][0]['html'][:160]}"
        for name, found in report.items()
        for v in found["violations"]
        if v["impact"] in BLOCKING
    ]
    assert not blocking, "axe found critical or serious problems:\n" + "\n".join(blocking)
