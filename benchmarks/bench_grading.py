"""Benchmark: ``postlab grade --jobs 2`` of N hand-ins of lesson 00, with the sandbox on, vs
plain sequential ``jupyter nbconvert --to notebook --execute`` of the same notebooks, in one run.

Usage: ``python benchmarks/bench_grading.py`` (150 hand-ins, the target of issue 11) or
``--quick`` (20). Target: 150 hand-ins graded in under 180 s on 2 cores, every one of them
isolated and passing every question. The baseline is timed on a sample (15 notebooks; 4 with
``--quick``) and scaled to N, since each nbconvert run is the same work; the sample size is
printed. Exits non-zero when the target is missed, when a hand-in is not graded in full, or
when this machine cannot isolate hand-ins (the target is for the sandbox on).
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.grading.conftest import (  # noqa: E402
    GOOD_ANSWERS,
    LESSON,
    SOLUTIONS,
    exercise,
    workbook,
)

TARGET_SECONDS_150 = 180


def _room(folder: Path, n: int) -> Path:
    """``n`` hand-ins of the solved exercise, each with its workbook, as trainees hand in."""
    import nbformat

    from postlab.handin import Trainee, hand_in

    desk = folder / "desk"
    desk.mkdir(parents=True)
    nbformat.write(exercise(**GOOD_ANSWERS), desk / f"{LESSON}.ipynb")
    (desk / f"{LESSON}.workbook.json").write_text(workbook(), encoding="utf-8")
    room = folder / "submissions"
    for i in range(n):
        hand_in(
            desk / f"{LESSON}.ipynb",
            trainee=Trainee(f"Trainee {i}", f"{i:08x}"),
            workbook=desk / f"{LESSON}.workbook.json",
            root=room,
        )
    return room


def _baseline(room: Path, sample: int) -> list[float]:
    """Seconds per notebook of plain sequential ``jupyter nbconvert --execute``."""
    times = []
    notebooks = sorted(room.rglob(f"{LESSON}.ipynb"))[:sample]
    jupyter = Path(sys.executable).with_name("jupyter")
    for nb in notebooks:
        with tempfile.TemporaryDirectory() as out:
            started = time.perf_counter()
            subprocess.run(
                [
                    str(jupyter),
                    "nbconvert",
                    "--to",
                    "notebook",
                    "--execute",
                    str(nb),
                    "--output-dir",
                    out,
                ],
                check=True,
                capture_output=True,
                env={**os.environ, "POSTLAB_WORKBOOK_DIR": out},
            )
            times.append(time.perf_counter() - started)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="20 hand-ins instead of 150.")
    parser.add_argument("--jobs", type=int, default=2, help="postlab grade --jobs (default 2).")
    args = parser.parse_args()
    n, sample = (20, 4) if args.quick else (150, 15)
    from postlab.grading.isolation import check_sandbox

    sandbox = check_sandbox()
    print(sandbox.sentence)
    with tempfile.TemporaryDirectory(prefix="bench-grading-") as tmp:
        room = _room(Path(tmp), n)
        base = _baseline(room, sample)
        report = Path(tmp) / "report"
        command = [str(Path(sys.executable).with_name("postlab")), "grade", str(room)]
        command += ["--out", str(report), "--solutions", str(SOLUTIONS), "--jobs", str(args.jobs)]
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        graded = time.perf_counter() - started
        rows = list(csv.DictReader((report / "grades.csv").open(encoding="utf-8")))
    per_nb = statistics.median(base)
    sequential = per_nb * n
    full = sum(r["status"] == "graded" and r["passed"] == r["questions"] for r in rows)
    isolated = sum(r.get("isolation") == "isolated with bubblewrap" for r in rows)
    print(f"{'what':<48}{'seconds':>10}")
    print(f"{'nbconvert --execute, median per notebook':<48}{per_nb:>10.2f}")
    print(f"{f'sequential baseline for {n} (median of {sample} x {n})':<48}{sequential:>10.1f}")
    print(f"{f'postlab grade --jobs {args.jobs}, {n} hand-ins, sandbox on':<48}{graded:>10.1f}")
    print(f"{'postlab grade, per hand-in':<48}{graded / n:>10.2f}")
    print(f"speed-up vs sequential nbconvert: {sequential / graded:.2f}x")
    print(f"{full}/{n} hand-ins graded with every question passed; {isolated}/{n} isolated")
    print(done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr[-500:])
    ok = done.returncode == 0 and full == n and isolated == n and sandbox.isolated
    target = TARGET_SECONDS_150 * n / 150
    print(f"{n} hand-ins in {graded:.0f} s (target < {target:.0f} s)")
    ok = ok and graded < target
    print("PASS" if ok else "FAIL: a target was missed")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
