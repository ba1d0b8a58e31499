"""Load test: N trainees log in to a real PostLab JupyterHub on 127.0.0.1 at once.

Run with ``.venv/bin/python tools/loadtest.py`` (``make loadtest``). Needs
configurable-http-proxy (``npm ci`` in deploy/jupyterhub). Loopback only, bounded
in count (``--trainees``, at most 150) and time (``--deadline`` seconds in all, held by
a watchdog: when it passes, the hub, the proxy and every server are stopped and the
figures so far are printed).

Each trainee, in their own thread: logs in through the hub's login form, starts a
server, runs lesson 00 and exercise 00 (their answers carry a marker unique to them),
saves, and hands in with ``postlab submit``. Two faults on purpose (``--no-kill`` to
skip): trainee 1's server and kernels are SIGKILLed after saving; they reload (the hub
starts a new server) and must have a working kernel within 60 s with their notebook and
workbook intact. Trainee 2's kernel is SIGKILLed mid-session; its server restarts it and
a cell must run again within 60 s. Both then hand in as usual.

Progress goes to stderr as it happens, one line per trainee step. The figures always
go to stdout at the end (also on failure, timeout or Ctrl+C): p50/p95 seconds from
login to a working notebook (lesson 00's first cell run) and to handed in, memory per
trainee (server and kernel, PSS), failures, whether every hand-in arrived intact and
unmixed, both recoveries, and whether any process outlived the run. Exit code 0 when
all of that held, 1 when anything did not.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import statistics
import sys
import tempfile
import threading
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "deploy" / "jupyterhub"))

import loopback  # noqa: E402

__all__ = ["TraineeRun", "main", "run_room"]

EXERCISE = "exercises/00-welcome.ipynb"
WORKBOOK = "exercises/00-welcome.workbook.json"
LESSON = "notebooks/00-welcome.ipynb"
MAX_TRAINEES = 150
ARTIFACTS = ROOT / "test-artifacts" / "hub"
RECOVERY_S = 60
MIB = 1024 * 1024
_GRACE_S = 45  # after the deadline: time to stop everything and print before a hard exit


@dataclass
class TraineeRun:
    """What happened to one trainee: timings, memory, faults, and the first failure if any."""

    number: int
    name: str
    user: str = ""
    to_working: float | None = None
    to_handed_in: float | None = None
    kernel_bytes: int = 0
    server_bytes: int = 0
    fault: str = ""  # "", "server" or "kernel"
    recovered_s: float | None = None
    work_intact: bool | None = None
    error: str = ""
    steps: list[str] = field(default_factory=list)
    done: bool = False


class _Log:
    """Per-trainee progress on stderr, one line per step, with the time since the start."""

    def __init__(self, started: float) -> None:
        self.started = started
        self.lock = threading.Lock()

    def __call__(self, run: TraineeRun | None, what: str) -> None:
        who = f"{run.number:02d} {run.user or run.name}: " if run else ""
        if run is not None:
            run.steps.append(what)
        with self.lock:
            print(f"[{time.monotonic() - self.started:6.1f} s] {who}{what}", file=sys.stderr)
            sys.stderr.flush()


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


def _memory(user: str) -> tuple[int, int]:
    """Bytes (PSS, else RSS) of ``user``'s server and of their kernels, right now."""
    import psutil

    server = kernels = 0
    for proc in loopback._processes_of(user):
        with contextlib.suppress(psutil.Error):
            info = proc.memory_full_info()
            size = getattr(info, "pss", 0) or info.rss
            if "singleuser" in " ".join(proc.cmdline()):
                server += size
            elif "ipykernel" in " ".join(proc.cmdline()):
                kernels += size
    return server, kernels


def _work(hub: loopback.LoopbackHub, user: str) -> tuple[bytes, bytes]:
    home = hub.home(user)
    return (home / EXERCISE).read_bytes(), (home / WORKBOOK).read_bytes()


def _left(deadline: float, cap: float) -> float:
    return max(1.0, min(cap, deadline - time.monotonic()))


def _one_trainee(
    hub: loopback.LoopbackHub,
    run: TraineeRun,
    start: threading.Barrier,
    deadline: float,
    log: _Log,
) -> None:
    """Everything one trainee does; failures are recorded, never raised."""
    try:
        start.wait(timeout=60)
        t0 = time.monotonic()
        session = loopback.TraineeSession(hub, run.name, hub.room_password)
        run.user = session.login()
        log(run, "logged in")
        session.start_server(timeout=_left(deadline, 600))
        log(run, f"server ready after {time.monotonic() - t0:.1f} s")
        with session.kernel(LESSON) as kernel:
            first = kernel.execute("1 + 1", timeout=_left(deadline, 300))
            if first.status != "ok":
                msg = f"first cell failed: {first.text}"
                raise RuntimeError(msg)
            run.to_working = time.monotonic() - t0
        log(run, f"working notebook after {run.to_working:.1f} s")
        runs = session.run_notebook(LESSON, during=lambda: _measure(run))
        _all_ok(runs, "lesson 00")
        log(run, "lesson 00 run")
        runs = session.run_notebook(EXERCISE, edits=_edits(run.number))
        _all_ok(runs, "exercise 00")
        log(run, "exercise 00 run and saved")
        if run.fault == "server":
            _server_dies(hub, session, run, log)
        if run.fault == "kernel":
            _kernel_dies(hub, session, run, log)
        else:
            with session.kernel(EXERCISE) as kernel:
                done = kernel.execute(_submit(run.name), timeout=_left(deadline, 300))
            if "exit 0" not in done.text:
                msg = f"postlab submit failed: {done.text}"
                raise RuntimeError(msg)
        run.to_handed_in = time.monotonic() - t0
        log(run, f"handed in after {run.to_handed_in:.1f} s")
        session.stop_server(timeout=_left(deadline, 60))
        log(run, "server stopped")
    except Exception as exc:
        run.error = run.error or f"{type(exc).__name__}: {exc}"  # the deadline's word stays
        run.steps.append(traceback.format_exc(limit=3))
        log(run, f"FAILED: {run.error}")
    finally:
        run.done = True


def _server_dies(
    hub: loopback.LoopbackHub, session: loopback.TraineeSession, run: TraineeRun, log: _Log
) -> None:
    """SIGKILL the server and kernels; the trainee reloads; time until a cell runs again."""
    saved = _work(hub, run.user)
    killed = loopback.kill_server(run.user)
    log(run, f"server and kernels killed ({killed} processes)")
    t0 = time.monotonic()
    session.recover_server(timeout=RECOVERY_S)
    with session.kernel(EXERCISE) as kernel:
        kernel.wait_working(timeout=_left(t0 + RECOVERY_S, RECOVERY_S))
    run.recovered_s = time.monotonic() - t0
    after = session.get_notebook(EXERCISE)
    kept = any(f'"{_marker(run.number)}"' in "".join(c["source"]) for c in after["cells"])
    run.work_intact = kept and _work(hub, run.user) == saved
    log(run, f"server back in {run.recovered_s:.1f} s, work intact: {run.work_intact}")


def _kernel_dies(
    hub: loopback.LoopbackHub, session: loopback.TraineeSession, run: TraineeRun, log: _Log
) -> None:
    """SIGKILL the kernel mid-session; the server restarts it; run a cell again; hand in."""
    saved = _work(hub, run.user)
    with session.kernel(EXERCISE) as kernel:
        kernel.execute("x = 1")
        killed = loopback.kill_kernels(run.user)
        log(run, f"kernel killed ({killed} processes)")
        t0 = time.monotonic()
        kernel.wait_working(timeout=RECOVERY_S)
        run.recovered_s = time.monotonic() - t0
        run.work_intact = _work(hub, run.user) == saved
        log(run, f"kernel back in {run.recovered_s:.1f} s, work intact: {run.work_intact}")
        done = kernel.execute(_submit(run.name), timeout=300)
    if "exit 0" not in done.text:
        msg = f"postlab submit failed: {done.text}"
        raise RuntimeError(msg)


def _measure(run: TraineeRun) -> None:
    run.server_bytes, run.kernel_bytes = _memory(run.user)


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


def _pct(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))], 1)


def _figures(
    runs: list[TraineeRun],
    *,
    wall: float,
    intact: int,
    problems: list[str],
    leftovers: int,
    stopped_by: str,
) -> dict:
    working = [r.to_working for r in runs if r.to_working is not None]
    handed = [r.to_handed_in for r in runs if r.to_handed_in is not None]
    per_trainee = [(r.server_bytes + r.kernel_bytes) / MIB for r in runs if r.server_bytes]
    kernels = [r.kernel_bytes / MIB for r in runs if r.kernel_bytes]
    servers = [r.server_bytes / MIB for r in runs if r.server_bytes]
    faults = {
        r.fault: {"recovered_s": r.recovered_s and round(r.recovered_s, 1), "intact": r.work_intact}
        for r in runs
        if r.fault
    }
    return {
        "trainees": len(runs),
        "wall_s": round(wall, 1),
        "stopped_by": stopped_by,
        "failures": sum(bool(r.error) for r in runs),
        "unfinished": sum(not r.done for r in runs),
        "login_to_working_p50_s": _pct(working, 0.5),
        "login_to_working_p95_s": _pct(working, 0.95),
        "login_to_handed_in_p50_s": _pct(handed, 0.5),
        "login_to_handed_in_p95_s": _pct(handed, 0.95),
        "trainee_mib_median": round(statistics.median(per_trainee), 1) if per_trainee else None,
        "kernel_mib_median": round(statistics.median(kernels), 1) if kernels else None,
        "server_mib_median": round(statistics.median(servers), 1) if servers else None,
        "handins_intact": f"{intact}/{len(runs)}",
        "handin_problems": problems,
        "server_killed": faults.get("server"),
        "kernel_killed": faults.get("kernel"),
        "processes_left": leftovers,
        "errors": [f"{r.name}: {r.error}" for r in runs if r.error],
    }


def passed(figures: dict) -> bool:
    """True when the run held: no failure, every hand-in intact, both faults recovered."""
    recovered = all(
        f is None
        or (f["intact"] and f["recovered_s"] is not None and f["recovered_s"] < RECOVERY_S)
        for f in (figures["server_killed"], figures["kernel_killed"])
    )
    return (
        figures["stopped_by"] == "finished"
        and not figures["failures"]
        and not figures["unfinished"]
        and not figures["handin_problems"]
        and figures["handins_intact"] == f"{figures['trainees']}/{figures['trainees']}"
        and figures["processes_left"] == 0
        and recovered
    )


def run_room(*, trainees: int = 20, deadline_s: float = 900, kill: bool = True) -> dict:
    """Run the load test within ``deadline_s``; return its figures (also printed)."""
    if not 1 <= trainees <= MAX_TRAINEES:
        msg = f"trainees={trainees}, must be between 1 and {MAX_TRAINEES}"
        raise ValueError(msg)
    started = time.monotonic()
    deadline = started + deadline_s
    log = _Log(started)
    scratch = Path(tempfile.mkdtemp(prefix="postlab-loadtest-"))
    hub = loopback.LoopbackHub(scratch)
    # Names as a room types them: spaces, Unicode, and two people with the same first name.
    names = [f"Trainee {n:02d} {'Priyā' if n % 3 == 0 else 'Asha'}" for n in range(trainees)]
    runs = [TraineeRun(number=n, name=name) for n, name in enumerate(names)]
    if kill and trainees >= 2:
        runs[1].fault = "server"
    if kill and trainees >= 3:
        runs[2].fault = "kernel"
    state = {"stopped_by": "finished", "printed": False}
    lock = threading.Lock()

    def finish(stopped_by: str | None = None) -> dict:
        """Stop everything, check the hand-ins, print the figures (once)."""
        with lock:
            if stopped_by and state["stopped_by"] == "finished":
                state["stopped_by"] = stopped_by
            if state["printed"]:
                return state["figures"]
            hub.stop()
            leftovers = len(hub.processes())
            intact, problems = check_handins(hub.handin, runs)
            figures = _figures(
                runs,
                wall=time.monotonic() - started,
                intact=intact,
                problems=problems,
                leftovers=leftovers,
                stopped_by=state["stopped_by"],
            )
            _print(figures, runs, hub.log_path)
            state.update(printed=True, figures=figures)
            if passed(figures):  # kept whole on failure; the hub log is always kept
                with contextlib.suppress(OSError):
                    ARTIFACTS.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(hub.log_path, ARTIFACTS / "loadtest.hub.log")
                shutil.rmtree(scratch, ignore_errors=True)
            return figures

    def watchdog() -> None:
        """Hard deadline: if the run is not over soon after it, stop it from here."""
        time.sleep(max(0.0, deadline + _GRACE_S - time.monotonic()))
        if not state["printed"]:
            log(None, f"deadline of {deadline_s:.0f} s passed: stopping everything")
            finish("the watchdog, at the deadline")
            sys.stdout.flush()
            os._exit(1)

    threading.Thread(target=watchdog, name="deadline-watchdog", daemon=True).start()
    try:
        log(None, f"starting a hub for {trainees} trainees (deadline {deadline_s:.0f} s)")
        hub.start(timeout=_left(deadline, 120))
        log(None, f"hub up at {hub.url}")
        barrier = threading.Barrier(trainees)
        threads = [
            threading.Thread(
                target=_one_trainee, args=(hub, run, barrier, deadline, log), daemon=True
            )
            for run in runs
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=max(0.0, deadline - time.monotonic()))
        if any(thread.is_alive() for thread in threads):
            state["stopped_by"] = "the deadline"
            for run in runs:
                if not run.done:
                    run.error = f"not finished by the deadline (last step: {_last(run)})"
    except KeyboardInterrupt:
        state["stopped_by"] = "Ctrl+C or a signal"
    except Exception as exc:  # the hub did not start, for example
        state["stopped_by"] = f"an error: {type(exc).__name__}: {exc}"
    return finish()


def _last(run: TraineeRun) -> str:
    return run.steps[-1] if run.steps else ("logged in" if run.user else "before login")


def _print(figures: dict, runs: list[TraineeRun], log: Path) -> None:
    def fault(key: str) -> str:
        found = figures[key]
        if found is None:
            return "not tried"
        took = found["recovered_s"]
        said = f"back in {took} s" if took is not None else "NOT back"
        return f"{said}, work intact: {found['intact']}"

    rows = [
        ("trainees at once", f"{figures['trainees']}"),
        ("wall time", f"{figures['wall_s']} s (stopped by {figures['stopped_by']})"),
        ("failures", f"{figures['failures']} ({figures['unfinished']} unfinished)"),
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
            "memory per trainee (PSS)",
            f"median {figures['trainee_mib_median']} MiB (server {figures['server_mib_median']}"
            f" + kernel {figures['kernel_mib_median']})",
        ),
        ("hand-ins intact", figures["handins_intact"]),
        ("server killed", fault("server_killed")),
        ("kernel killed", fault("kernel_killed")),
        ("processes left running", f"{figures['processes_left']}"),
        ("result", "PASS" if passed(figures) else "FAIL"),
    ]
    width = max(len(k) for k, _ in rows)
    print("\nPostLab hub load test (loopback)")
    for key, value in rows:
        print(f"  {key.ljust(width)}  {value}")
    for problem in figures["handin_problems"]:
        print(f"  hand-in problem: {problem}")
    for run in runs:
        if run.error:
            print(f"  FAILED {run.name!r}: {run.error}")
    if not passed(figures):
        print(f"  hub log: {log}")
    sys.stdout.flush()


def main(argv: list[str] | None = None) -> int:
    """Command line: ``tools/loadtest.py [--trainees N] [--deadline S] [--json FILE]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--trainees", type=int, default=20, help=f"Trainees at once (1 to {MAX_TRAINEES})."
    )
    parser.add_argument("--deadline", type=float, default=900, help="Seconds for the whole run.")
    parser.add_argument("--no-kill", action="store_true", help="Kill no server and no kernel.")
    parser.add_argument("--json", type=Path, help="Also write the figures to this file.")
    args = parser.parse_args(argv)
    if loopback.find_proxy() is None:
        print(
            "configurable-http-proxy is not installed: run 'npm ci' in deploy/jupyterhub.",
            file=sys.stderr,
        )
        return 2

    def interrupted(signum: int, _frame: object) -> None:
        raise KeyboardInterrupt  # so that the run stops everything and prints its figures

    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, interrupted)
    figures = run_room(trainees=args.trainees, deadline_s=args.deadline, kill=not args.no_kill)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return 0 if passed(figures) else 1


if __name__ == "__main__":
    raise SystemExit(main())
