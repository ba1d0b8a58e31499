"""A small room on the loopback hub survives a dead server and a dead kernel.

Three trainees do exercise 00 and save. Then one trainee's server and kernels are
SIGKILLed (as the out-of-memory killer would), and another trainee's kernel is
SIGKILLed in the middle of a session. Each must have a working kernel again within a
minute, doing only what a trainee does (reload the page, which asks the hub for the
server; run a cell again), with every saved notebook and workbook byte for byte intact,
and the third trainee must not notice anything. The room's live files keep working too.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from pathlib import Path

import pytest

from tests.hub.conftest import EXERCISE, answers, login, loopback

pytestmark = pytest.mark.slow

RECOVERY_S = 60
WORKBOOK = "exercises/00-welcome.workbook.json"


def _work(hub: object, user: str) -> tuple[bytes, bytes]:
    home = hub.home(user)
    return (home / EXERCISE).read_bytes(), (home / WORKBOOK).read_bytes()


def test_a_dead_server_and_a_dead_kernel_come_back_within_a_minute(hub: object) -> None:
    people = [login(hub, name) for name in ("Fault Asha", "Fault Ravi", "Fault Mira")]
    for person in people:
        person.request_server()
    for person in people:
        person.wait_server()
    for number, person in enumerate(people):
        runs = person.run_notebook(EXERCISE, edits=answers(f"Fault{number}"))
        assert [r.status for r in runs] == ["ok"] * len(runs)
    saved = {p.user: _work(hub, p.user) for p in people}
    victim, crashed, bystander = people

    # 1. A server dies with its kernels. The trainee reloads: the hub sees it is dead and
    # starts another; they open their notebook and run a cell.
    assert loopback.kill_server(victim.user) >= 1
    started = time.monotonic()
    victim.recover_server(timeout=RECOVERY_S)
    with victim.kernel(EXERCISE) as kernel:
        kernel.wait_working(timeout=max(1.0, RECOVERY_S - (time.monotonic() - started)))
        back = time.monotonic() - started
        check = kernel.execute(
            "from postlab.exercises import start\n"
            "ex = start('00-welcome')\n"
            "print(ex.check('your-name', 'Fault0 again'))"
        )
    assert back < RECOVERY_S, f"server back after {back:.0f} s"
    assert check.status == "ok" and "✅" in check.text, check.text
    cells = victim.get_notebook(EXERCISE)["cells"]
    assert any('my_name = "Fault0"' in "".join(c["source"]) for c in cells)

    # 2. A kernel dies mid-session; its server restarts it; the trainee runs a cell again.
    with crashed.kernel(EXERCISE) as kernel:
        assert kernel.execute("x = 41").status == "ok"
        assert loopback.kill_kernels(crashed.user) == 1
        started = time.monotonic()
        kernel.wait_working(timeout=RECOVERY_S)
        back = time.monotonic() - started
        fresh = kernel.execute("print('x' in dir())")
    assert back < RECOVERY_S, f"kernel back after {back:.0f} s"
    assert "False" in fresh.text  # a new kernel: the old one's variables are gone, files stay

    # 3. Nobody else noticed, and every saved notebook and workbook is as it was.
    with bystander.kernel(EXERCISE) as kernel:
        assert kernel.execute("1 + 1").status == "ok"
    assert _work(hub, crashed.user) == saved[crashed.user]
    assert _work(hub, bystander.user) == saved[bystander.user]
    notebook, workbook = _work(hub, victim.user)
    assert notebook == saved[victim.user][0]
    book = json.loads(workbook)  # the check after recovery was added; nothing was lost
    before = json.loads(saved[victim.user][1])
    assert {e["id"] for e in before["history"]} < {e["id"] for e in book["history"]}

    # The live room kept every check, before and after the fault.
    lines = (hub.room / f"{victim.user}.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(before["history"]) + 1


def test_kernel_runtime_folder_is_private_short_and_cleared(tmp_path: Path) -> None:
    from tests.hub.conftest import postlab_hub

    home = Path(tempfile.mkdtemp(prefix="h", dir="/tmp"))  # a short home, as /home/asha-rao
    made = [home]
    runtime = home / ".local" / "share" / "jupyter" / "runtime"
    runtime.mkdir(parents=True)
    (runtime / "kernel-dead.json").write_text("{}")  # left by a server that was killed
    (runtime / "kernel-dead-ipc-1").write_text("")
    (runtime / "jpserver-1.json").write_text("{}")
    try:
        chosen = postlab_hub.kernel_runtime_dir(home)
        assert chosen == runtime
        assert sorted(p.name for p in chosen.iterdir()) == ["jpserver-1.json"]
        assert chosen.stat().st_mode & 0o777 == 0o700
        deep = tmp_path / ("x" * 60) / "प्रिया-शर्मा"  # long, and wide in bytes
        chosen = postlab_hub.kernel_runtime_dir(deep)
        made.append(chosen)
        assert len(str(chosen).encode()) + len("/kernel-") + 36 + len("-ipc-99") <= 100
        assert chosen.stat().st_mode & 0o777 == 0o700
    finally:
        for folder in made:
            shutil.rmtree(folder, ignore_errors=True)
