"""How quickly the trainee-facing widgets answer, as ratios to the engine call they wrap.

Run with ``.venv/bin/python benchmarks/bench_widgets.py``. Targets (issues 3 and 4):

* the drafting studio updates within ~100 ms of a keystroke on a typical draft
  (three platforms at once);
* the engagement simulator redraws within ~200 ms for the default audience
  (50,000 followers): chart, explanation and all;
* the strategy lab's "Add a strategy" (issue 14: 1.3 s in the browser) creates at most 200
  widget models (the browser renders each one) and runs in under 150 ms in the kernel;
  the baseline is the same grid built with one layout and one style per cell, as before.

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
from postlab.widgets.strategy_lab import StrategyLab

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

    added, add_ms, old_grid = _add_a_strategy()
    rows = [
        ("drafting engine, 3 platforms (baseline)", engine_draft, 1.0, None),
        ("drafting studio, one keystroke", widget_draft, widget_draft / engine_draft, 100),
        ("simulate, 50,000 followers (baseline)", engine_sim, 1.0, None),
        ("simulator widget, Simulate click", widget_sim, widget_sim / engine_sim, 200),
        ("old grid: widget models per tab (count)", old_grid, 1.0, None),
        ("Add a strategy: widget models (count)", added, added / old_grid, 200),
        ("Add a strategy, kernel time", add_ms, None, 150),
    ]
    missed = False
    print(f"{'measure':42} {'median ms':>10} {'x baseline':>11}  target")
    for name, ms, ratio, target in rows:
        ok = target is None or ms < target
        missed |= not ok
        goal = f"< {target} ms {'ok' if ok else 'MISSED'}" if target else ""
        shown = f"{ratio:11.2f}" if ratio is not None else f"{'':11}"
        print(f"{name:42} {ms:10.1f} {shown}  {goal}")
    return 1 if missed else 0


def _add_a_strategy() -> tuple[int, float, int]:
    """Widget models one "Add a strategy" creates, its median kernel time, and the old count."""
    import ipywidgets as widgets

    def models() -> int:
        return len(widgets.widgets.widget._instances)

    lab = StrategyLab(strategies=1, followers=2_000, runs=5)
    before = models()
    lab.add_strategy()
    added = models() - before

    def add_and_remove() -> None:
        lab.add_strategy()
        plan = lab._plans.pop()
        lab._tabs.children = list(lab._plans)
        plan.close_all() if hasattr(plan, "close_all") else plan.close()

    add_ms = median_ms(add_and_remove, 5)
    before = models()
    for _ in range(7 * 17):  # the old grid: each cell with its own layout and style
        widgets.Button(description="", layout=widgets.Layout(width="38px"))
    for _ in range(8 + 17):
        widgets.Label("")
    old_grid = models() - before + (added - 7 * 17 - 8 - 17 - 4)  # rest of the tab as now
    return added, add_ms, old_grid


if __name__ == "__main__":
    sys.exit(main())
