"""How the engines scale with long trainee input, as ratios against a linear baseline.

Run: .venv/bin/python benchmarks/bench_inputs.py
Target (exit 1 if missed): ``sentiment()`` scales linearly: going from 69 KB to
690 KB of reply text (10 times more) may take at most 20 times longer (quadratic
time, as before the fix, takes about 100 times longer: 14 s at 69 KB). The baseline
is ``str.split`` of the same text, timed in the same run, so the ratios show how
many splits of the text one sentiment score costs.
"""

from __future__ import annotations

import sys

from _timing import median_seconds  # benchmarks/_timing.py (scripts run from this folder)

from postlab.replies.checks import sentiment

REPLY = (
    "Thank you for asking, we are so sorry the water was dirty but it is safe now! "
    "Not good? It is not bad at all, kind of great, without doubt the best. "
)
MAX_GROWTH = 20.0  # for 10 times the text; linear is 10, quadratic 100


def main() -> int:
    small = (REPLY * (69_000 // len(REPLY) + 1))[:69_000]
    large = (REPLY * (690_000 // len(REPLY) + 1))[:690_000]
    times = {}
    for label, text in (("69 KB", small), ("690 KB", large)):
        repeat = 5 if len(text) < 100_000 else 3
        ours = median_seconds(lambda t=text: sentiment(t), repeat)
        base = median_seconds(lambda t=text: t.split(), repeat)
        times[label] = ours
        print(f"sentiment() of {label}: {ours:.3f} s = {ours / base:,.0f} x str.split")
    growth = times["690 KB"] / times["69 KB"]
    ok = growth <= MAX_GROWTH
    print(
        f"10 x the text took {growth:.1f} x the time (target at most {MAX_GROWTH:.0f}; "
        f"linear is 10): {'ok' if ok else 'MISSED'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
