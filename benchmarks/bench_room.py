"""Benchmark: one refresh of the live room, 150 trainees x 40 questions (the day's 42).

A room folder of 150 progress files, each trainee with two to four checks per
question over the whole day's 42 questions: about 19,000 lines, ~5 MB.
Measured in the same run:

- baseline: read every file whole and ``json.loads`` each line (the least a reader
  that starts from scratch must do, before computing anything);
- cold refresh: a new :class:`postlab.room.Room` reads everything and computes the grid;
- live refresh: every trainee appended one check since the last refresh, as in class
  (the refresh reads only those lines, remembering each file's offset, and computes the
  grid again).

Targets (issue 17): a live refresh under 200 ms and at most 0.5x the baseline (which
only a reader that does not re-read whole files can meet); the cold refresh, done once
when a watcher starts, at most 3x the baseline (it parses every line and builds the
grid). Exits 1 when a target is missed.
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from _timing import median_ms  # noqa: E402

from postlab.exercises.catalogue import lessons  # noqa: E402
from postlab.exercises.questions import questions_of  # noqa: E402
from postlab.room import Room  # noqa: E402

TRAINEES = 150
QUESTIONS = 40
TARGET_MS = 200
TARGET_LIVE_RATIO = 0.5
TARGET_COLD_RATIO = 3.0
_STATUSES = ("passed", "not_yet", "not_yet", "unanswered")


def _questions() -> list[tuple[str, str]]:
    """Every question of the day, in order (42 in lessons 00 to 08: at least the 40 asked)."""
    pairs = [(lesson, q) for lesson in lessons() for q in questions_of(lesson)]
    assert len(pairs) >= QUESTIONS, len(pairs)
    return pairs


def _line(rng: random.Random, trainee: int, where: tuple[str, str], minute: int) -> str:
    status = rng.choice(_STATUSES)
    return (
        json.dumps(
            {
                "event": "check",
                "lesson": where[0],
                "question": where[1],
                "status": status,
                "message": "",
                "hint": "Look at the example above the question." if status == "not_yet" else "",
                "at": f"2026-03-01T{9 + minute // 60:02d}:{minute % 60:02d}:00+00:00",
                "trainee": f"trainee-{trainee:03d}",
                "name": f"Trainee {trainee:03d}",
            }
        )
        + "\n"
    )


def _room(folder: Path, pairs: list[tuple[str, str]], rng: random.Random) -> list[Path]:
    paths = []
    for t in range(TRAINEES):
        lines = [
            _line(rng, t, where, minute)
            for minute, where in enumerate(pairs)
            for _ in range(rng.randint(2, 4))
        ]
        path = folder / f"trainee-{t:03d}.jsonl"
        path.write_text("".join(lines), encoding="utf-8")
        paths.append(path)
    return paths


def _baseline(paths: list[Path]) -> int:
    count = 0
    for path in paths:
        for line in path.read_bytes().splitlines():
            json.loads(line)
            count += 1
    return count


def main() -> int:
    rng = random.Random(17)
    pairs = _questions()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = _room(folder, pairs, rng)
        lines = _baseline(paths)
        size = sum(p.stat().st_size for p in paths)
        baseline = median_ms(lambda: _baseline(paths), 7)

        def cold() -> None:
            Room(folder).refresh()

        cold_ms = median_ms(cold, 5)
        room = Room(folder)
        frame = room.refresh()
        assert len(frame.rows) == TRAINEES and len(frame.columns) == len(pairs)
        minute = [len(pairs)]

        def grow() -> None:  # every trainee checks one more answer (not timed)
            minute[0] += 1
            for t, path in enumerate(paths):
                with path.open("a", encoding="utf-8") as out:
                    out.write(_line(rng, t, rng.choice(pairs), minute[0]))

        live_times = []
        for _ in range(9):
            grow()
            live_times.append(median_ms(room.refresh, 1, warm_up=False))
        live_times.sort()
        live_ms = live_times[len(live_times) // 2]
        # Nothing new at all: what a refresh costs between checks.
        idle_ms = median_ms(room.refresh, 9)
    ratio_cold, ratio_live = cold_ms / baseline, live_ms / baseline
    print(f"room: {TRAINEES} trainees x {len(pairs)} questions, {lines} lines, {size / 1e6:.1f} MB")
    print(f"  baseline: read all + json.loads each line  {baseline:7.1f} ms")
    print(f"  cold refresh (read all + grid)             {cold_ms:7.1f} ms  ({ratio_cold:.2f}x)")
    print(
        f"  live refresh (+{TRAINEES} lines + grid)         {live_ms:7.1f} ms  ({ratio_live:.2f}x)"
    )
    print(f"  idle refresh (nothing new + grid)          {idle_ms:7.1f} ms")
    missed = []
    if live_ms > TARGET_MS:
        missed.append(f"live refresh {live_ms:.0f} ms > {TARGET_MS} ms")
    if ratio_cold > TARGET_COLD_RATIO:
        missed.append(f"cold refresh {ratio_cold:.2f}x baseline > {TARGET_COLD_RATIO}x")
    if ratio_live > TARGET_LIVE_RATIO:
        missed.append(f"live refresh {ratio_live:.2f}x baseline > {TARGET_LIVE_RATIO}x")
    for line in missed:
        print(f"MISSED: {line}")
    if not missed:
        print(
            f"OK: a live refresh takes {live_ms:.0f} ms (< {TARGET_MS} ms), {ratio_live:.2f}x "
            "a plain read of the room"
        )
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
