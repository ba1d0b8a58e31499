"""Load test: N trainees log in to a real PostLab JupyterHub on 127.0.0.1 at once.

Run with ``.venv/bin/python tools/loadtest.py`` (``make loadtest``). Needs
configurable-http-proxy (``npm ci`` in deploy/jupyterhub). Loopback only, bounded
in count (``--trainees`` at most 60) and time (``--deadline`` seconds in all).

Each trainee, in their own thread: logs in through the hub's login form, starts a
server, runs lesson 00 and exercise 00 (their answers carry a marker unique to them),
saves, and hands in with ``postlab submit``. One trainee's server and kernels are
killed (SIGKILL) after saving and before handing in: they must find their saved
notebook intact after starting again, then hand in as usual.

Reported: p50/p95 seconds from login to a working notebook (lesson 00's first cell
run), p50/p95 to handed in, memory per trainee (server and one kernel, PSS), failures,
and whether every hand-in arrived intact and unmixed. Exit code 0 when nothing failed,
1 when a trainee failed or a hand-in is lost, mixed up or damaged.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import threading
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "deploy" / "jupyterhub"))

import loopback  # noqa: E402

__all__ = ["TraineeRun", "main", "run_room"]

EXERCISE = "exercises/00-welcome.ipynb"
LESSON = "notebooks/00-welcome.ipynb"
MAX_TRAINEES = 60
MIB = 1024 * 1024


@dataclass
class TraineeRun:
    """What happened to one trainee: timings, memory, and the first failure if any."""

    number: int
    name: str
    user: str = ""
    to_working: float | None = None
    to_handed_in: float | None = None
    kernel_bytes: int = 0
    server_bytes: int = 0
    killed: bool = False
    survived_kill: bool | None = None
    error: str = ""
    steps: list[str] = field(default_factory=list)


def _marker(number: int) -> str:
    return f"LoadTrainee{number:03d}"


def _edits(number: int) -> dict[int, str]:
    """Exercise 00's answer cells, with this trainee's marker as their name."""
    notebook = json.loads((ROOT / EXERCISE).read_text(encoding="utf-8"))
    wanted = {
        "my_name = ...": f'my_name = "{_marker(number)}"',
        "rumour_lesson = ...": "rumour_lesson = 8",
        "first_post = ...": 'first_post = "PostLab workshop at 10:00 in Hall B, Navapur."',
    }
    edits = {}
    for index, cell in enumerate(notebook["cells"]):
        for needle, source in wanted.items():
            if cell["cell_type"] == "code" and needle in "".join(cell["source"]):
                edits[index] = source
    return edits


def _submit(name: str) -> str:
    return (
        "import subprocess, sys\n"
        "done = subprocess.run([sys.executable, '-m', 'postlab.cli', 'submit', "
        f"'00-welcome.ipynb', '--name', {name!r}], capture_output=True, text=True)\n"
        "print('exit', done.returncode); print(done.stderr[-500:])"
    )


def _server_memory(user: str) -> int:

    total = 0
    for proc in loopback._processes_of(user):
        if "singleuser" in " ".join(proc.cmdline()):
            info = proc.memory_full_info()
            total += getattr(info, "pss", 0) or info.rss
    return total


def _one_trainee(
    hub: loopback.LoopbackHub, run: TraineeRun, start: threading.Barrier, deadline: float
) -> TraineeRun:
    """Everything one trainee does; failures are recorded, never raised."""
    try:
        start.wait(timeout=60)
        t0 = time.monotonic()
        session = loopback.TraineeSession(hub, run.name, hub.room_password)
        run.user = session.login()
        run.steps.append("logged in")
        session.start_server(timeout=max(10.0, deadline - time.monotonic()))
        run.steps.append("server ready")
        with session.kernel(LESSON) as kernel:
            first = kernel.execute("1 + 1")
            if first.status != "ok":
                msg = f"first cell failed: {first.text}"
                raise RuntimeError(msg)
            run.to_working = time.monotonic() - t0
        runs = session.run_notebook(LESSON, during=lambda: _measure(run))
        _all_ok(runs, "lesson 00")
        run.steps.append("lesson 00 run")
        edits = _edits(run.number)
        runs = session.run_notebook(EXERCISE, edits=edits)
        _all_ok(runs, "exercise 00")
        run.steps.append("exercise 00 run and saved")
        if run.killed:
            saved = (hub.home(run.user) / EXERCISE).read_bytes()
            loopback.kill_server(run.user)
            session.stop_server()  # the trainee clicks "Stop My Server", then "Start"
            session.start_server(timeout=max(10.0, deadline - time.monotonic()))
            after = session.get_notebook(EXERCISE)
            kept = any(f'"{_marker(run.number)}"' in "".join(c["source"]) for c in after["cells"])
            run.survived_kill = kept and (hub.home(run.user) / EXERCISE).read_bytes() == saved
            run.steps.append(f"server killed and restarted, work kept: {run.survived_kill}")
        with session.kernel(EXERCISE) as kernel:
            done = kernel.execute(_submit(run.name))
        if "exit 0" not in done.text:
            msg = f"postlab submit failed: {done.text}"
            raise RuntimeError(msg)
        run.to_handed_in = time.monotonic() - t0
        run.steps.append("handed in")
        session.stop_server()
    except Exception as exc:
        run.error = f"{type(exc).__name__}: {exc}"
        run.steps.append(traceback.format_exc(limit=3))
    return run


def _measure(run: TraineeRun) -> None:
    run.kernel_bytes = loopback.kernel_memory(run.user)
    run.server_bytes = _server_memory(run.user)


def _all_ok(runs: list[loopback.CellRun], what: str) -> None:
    bad = [r.text[:200] for r in runs if r.status != "ok"]
    if bad:
        msg = f"{what}: {len(bad)} cells failed, first: {bad[0]}"
        raise RuntimeError(msg)


def check_handins(handin: Path, runs: list[TraineeRun]) -> tuple[int, list[str]]:
    """Intact hand-ins, and problems: missing, extra, mixed-up or damaged hand-ins."""
    problems: list[str] = []
    intact = 0
    expected = {run.name: run for run in runs if run.to_handed_in is not None}
    seen: dict[str, Path] = {}
    for folder in sorted(p for p in handin.iterdir() if p.is_dir()) if handin.exists() else []:
        try:
            owner = json.loads((folder / "trainee.json").read_text(encoding="utf-8"))["name"]
            (copy,) = folder.glob("00-welcome-*/00-welcome.ipynb")
            cells = json.loads(copy.read_text(encoding="utf-8"))["cells"]
        except (OSError, ValueError, KeyError) as exc:
            problems.append(f"{folder.name}: unreadable hand-in ({exc})")
            continue
        if owner in seen:
            problems.append(f"{owner!r} has two folders: {seen[owner].name}, {folder.name}")
        seen[owner] = folder
        run = expected.get(owner)
        if run is None:
            problems.append(f"{folder.name}: hand-in from unknown trainee {owner!r}")
            continue
        text = "\n".join("".join(c["source"]) for c in cells)
        before = len(problems)
        if f'"{_marker(run.number)}"' not in text:
            problems.append(f"{owner!r}: their answers are not in their hand-in")
        others = [m for m in range(len(runs)) if m != run.number and _marker(m) in text]
        if others:
            problems.append(f"{owner!r}: hand-in holds other trainees' work {others}")
        if not list(folder.glob("00-welcome-*/00-welcome.workbook.json")):
            problems.append(f"{owner!r}: workbook missing from the hand-in")
        intact += len(problems) == before
    for name in sorted(set(expected) - set(seen)):
        problems.append(f"{name!r} handed in but no hand-in arrived")
    return intact, problems


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def run_room(*, trainees: int = 20, deadline_s: float = 900, kill: bool = True) -> dict:
    """Run the load test; return its figures (also printed)."""
    if not 1 <= trainees <= MAX_TRAINEES:
        msg = f"trainees={trainees}, must be between 1 and {MAX_TRAINEES}"
        raise ValueError(msg)
    scratch = Path(tempfile.mkdtemp(prefix="postlab-loadtest-"))
    hub = loopback.LoopbackHub(scratch)
    # Names as a room types them: spaces, Unicode, and two people with the same first name.
    names = [f"Trainee {n:02d} {'Priyā' if n % 3 == 0 else 'Asha'}" for n in range(trainees)]
    runs = [TraineeRun(number=n, name=name) for n, name in enumerate(names)]
    if kill and trainees >= 2:
        runs[1].killed = True
    started = time.monotonic()
    with hub:
        deadline = time.monotonic() + deadline_s
        barrier = threading.Barrier(trainees)
        with ThreadPoolExecutor(max_workers=trainees) as pool:
            futures = [pool.submit(_one_trainee, hub, run, barrier, deadline) for run in runs]
            runs = [f.result(timeout=deadline_s + 120) for f in futures]
        intact, problems = check_handins(hub.handin, runs)
        log = hub.log_path
    wall = time.monotonic() - started
    working = [r.to_working for r in runs if r.to_working is not None]
    handed = [r.to_handed_in for r in runs if r.to_handed_in is not None]
    kernels = [r.kernel_bytes / MIB for r in runs if r.kernel_bytes]
    servers = [r.server_bytes / MIB for r in runs if r.server_bytes]
    failed = [r for r in runs if r.error]
    killed = [r for r in runs if r.killed]
    figures = {
        "trainees": trainees,
        "wall_s": round(wall, 1),
        "failures": len(failed),
        "login_to_working_p50_s": round(_pct(working, 0.5), 1),
        "login_to_working_p95_s": round(_pct(working, 0.95), 1),
        "login_to_handed_in_p50_s": round(_pct(handed, 0.5), 1),
        "login_to_handed_in_p95_s": round(_pct(handed, 0.95), 1),
        "kernel_mib_median": round(statistics.median(kernels), 1) if kernels else None,
        "kernel_mib_max": round(max(kernels), 1) if kernels else None,
        "server_mib_median": round(statistics.median(servers), 1) if servers else None,
        "handins_intact": f"{intact}/{trainees}",
        "handin_problems": problems,
        "killed_server_kept_work": [r.survived_kill for r in killed],
    }
    _print(figures, failed, log)
    if not failed and not problems:
        shutil.rmtree(scratch, ignore_errors=True)  # kept, with its hub log, when something failed
    return figures


def _print(figures: dict, failed: list[TraineeRun], log: Path) -> None:
    rows = [
        ("trainees at once", f"{figures['trainees']}"),
        ("wall time", f"{figures['wall_s']} s"),
        ("failures", f"{figures['failures']}"),
        (
            "login -> working notebook",
            f"p50 {figures['login_to_working_p50_s']} s, p95 {figures['login_to_working_p95_s']} s",
        ),
        (
            "login -> handed in",
            f"p50 {figures['login_to_handed_in_p50_s']} s, "
            f"p95 {figures['login_to_handed_in_p95_s']} s",
        ),
        (
            "memory per kernel (PSS)",
            f"median {figures['kernel_mib_median']} MiB, max {figures['kernel_mib_max']} MiB",
        ),
        ("memory per server (PSS)", f"median {figures['server_mib_median']} MiB"),
        ("hand-ins intact", figures["handins_intact"]),
        ("killed server kept saved work", f"{figures['killed_server_kept_work']}"),
    ]
    width = max(len(k) for k, _ in rows)
    print("\nPostLab hub load test (loopback)")
    for key, value in rows:
        print(f"  {key.ljust(width)}  {value}")
    for problem in figures["handin_problems"]:
        print(f"  hand-in problem: {problem}")
    for run in failed:
        print(f"  FAILED {run.name!r} after {run.steps[:-1]}: {run.error}", file=sys.stderr)
    if failed or figures["handin_problems"]:
        print(f"  hub log: {log}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """Command line: ``tools/loadtest.py [--trainees N] [--deadline S] [--json FILE]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trainees", type=int, default=20, help="Trainees at once (1 to 60).")
    parser.add_argument("--deadline", type=float, default=900, help="Seconds for the whole run.")
    parser.add_argument("--no-kill", action="store_true", help="Do not kill a trainee's server.")
    parser.add_argument("--json", type=Path, help="Also write the figures to this file.")
    args = parser.parse_args(argv)
    if loopback.find_proxy() is None:
        print(
            "configurable-http-proxy is not installed: run 'npm ci' in deploy/jupyterhub.",
            file=sys.stderr,
        )
        return 2
    figures = run_room(trainees=args.trainees, deadline_s=args.deadline, kill=not args.no_kill)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    bad = figures["failures"] or figures["handin_problems"]
    lost = False in figures["killed_server_kept_work"]
    return 1 if bad or lost else 0


if __name__ == "__main__":
    raise SystemExit(main())
