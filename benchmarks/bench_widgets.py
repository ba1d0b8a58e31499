"""How quickly the trainee-facing widgets answer, as ratios to the engine call they wrap.

Run with ``.venv/bin/python benchmarks/bench_widgets.py``. Targets (issues 3 and 4):

* the drafting studio updates within ~100 ms of a keystroke on a typical draft
  (three platforms at once);
* the engagement simulator redraws within ~200 ms for the default audience
  (50,000 followers): chart, explanation and all.

Each widget is timed in the kernel's Python (no browser), against the bare engine
call it makes, so the ratio shows what the view itself costs. Exits 1 on a miss.
"""

from __future__ import annotations

import sys

import matplotlib

matplotlib.use("Agg")

from _timing import median_ms  # benchmarks/_timing.py (scripts run from this folder)

from postlab.drafting import analyze
from postlab.simulation import simulate
from postlab.widgets.drafting_studio import DraftingStudio
from postlab.widgets.simulator import EngagementSimulator

DRAFT = (
    "Heatwave advisory for Navapur: drink water often, stay in the shade from 12:00 to 16:00 "
    "and check on older neighbours. Helpline 1800-000-1077. Details: "
    "https://example.com/navapur/heatwave #HeatwaveNavapur"
)
PLATFORMS = ("x", "facebook", "instagram")


def main() -> int:
    """Print the table; return 1 when a target is missed."""
    studio = DraftingStudio(DRAFT, platforms=PLATFORMS)
    keystrokes = iter(range(10**6))

    def type_a_key() -> None:
        studio._text.value = DRAFT + " " * (next(keystrokes) % 7)

    engine_draft = median_ms(lambda: [analyze(DRAFT, p) for p in PLATFORMS], 50)
    widget_draft = median_ms(type_a_key, 50)

    sim = EngagementSimulator()
    engine_sim = median_ms(lambda: simulate(sim.post, sim._audience(), seed=1), 10)
    widget_sim = median_ms(sim.run, 10)

    rows = [
        ("drafting engine, 3 platforms (baseline)", engine_draft, 1.0, None),
        ("drafting studio, one keystroke", widget_draft, widget_draft / engine_draft, 100),
        ("simulate, 50,000 followers (baseline)", engine_sim, 1.0, None),
        ("simulator widget, Simulate click", widget_sim, widget_sim / engine_sim, 200),
    ]
    missed = False
    print(f"{'measure':42} {'median ms':>10} {'x baseline':>11}  target")
    for name, ms, ratio, target in rows:
        ok = target is None or ms < target
        missed |= not ok
        goal = f"< {target} ms {'ok' if ok else 'MISSED'}" if target else ""
        print(f"{name:42} {ms:10.1f} {ratio:11.2f}  {goal}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
