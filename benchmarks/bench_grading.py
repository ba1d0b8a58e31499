"""Benchmark: grade N submissions of lesson 00 with ``postlab grade`` vs plain sequential
``jupyter nbconvert --execute`` of the same notebooks, in the same run.

Usage: ``python benchmarks/bench_grading.py`` (150 submissions, the issue's target) or
``--quick`` (12 submissions). Targets (issue 7): the grader finishes 150 submissions in
under 5 minutes on 2 cores and is at least 1.5x faster than the sequential baseline.
The baseline for N submissions is measured on a sample and scaled (each nbconvert run is
the same work), so the benchmark does not spend 10 minutes on it; the sample size is
printed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.grading.conftest import GOOD_ANSWERS, LESSON, SOLUTIONS, exercise  # noqa: E402

TARGET_SECONDS_150 = 300
TARGET_RATIO = 1.5


def _room(folder: Path, n: int) -> Path:
    import nbformat

    from postlab.handin import Trainee, hand_in

    desk = folder / "desk"
    desk.mkdir(parents=True)
    nbformat.write(exercise(**GOOD_ANSWERS), desk / f"{LESSON}.ipynb")
    room = folder / "submissions"
    for i in range(n):
        hand_in(desk / f"{LESSON}.ipynb", trainee=Trainee(f"Trainee {i}", f"{i:08x}"), root=room)
    return room


def _baseline(room: Path, sample: int) -> list[float]:
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
    parser.add_argument("--quick", action="store_true", help="12 submissions instead of 150.")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    n = 12 if args.quick else 150
    sample = 4 if args.quick else 8
    from postlab.grading import grade

    with tempfile.TemporaryDirectory(prefix="bench-grading-") as tmp:
        room = _room(Path(tmp), n)
        base = _baseline(room, sample)
        started = time.perf_counter()
        run = grade(room, out=Path(tmp) / "report", solutions=SOLUTIONS, jobs=args.jobs)
        graded = time.perf_counter() - started
    per_nb = statistics.median(base)
    sequential = per_nb * n
    ratio = sequential / graded
    per_sub = statistics.median(r.seconds for r in run.results)
    print(f"{'what':<42}{'seconds':>10}")
    print(f"{'nbconvert --execute, median per notebook':<42}{per_nb:>10.2f}")
    print(f"{f'sequential baseline for {n} (x median of {sample})':<42}{sequential:>10.1f}")
    print(f"{f'postlab grade, {n} submissions, --jobs {args.jobs}':<42}{graded:>10.1f}")
    print(f"{'postlab grade, median per submission':<42}{per_sub:>10.2f}")
    print(f"speed-up vs sequential baseline: {ratio:.2f}x (target >= {TARGET_RATIO}x)")
    ok = ratio >= TARGET_RATIO and len(run.not_graded) == 0
    if not args.quick:
        print(f"150 submissions in {graded:.0f} s (target < {TARGET_SECONDS_150} s)")
        ok = ok and graded < TARGET_SECONDS_150
    print("PASS" if ok else "FAIL: a target was missed")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
