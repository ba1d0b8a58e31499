"""Speed of the strategy comparison, as ratios within one run.

Run with ``.venv/bin/python benchmarks/bench_strategies.py``.  Target (issue 5):

* ``compare`` of 3 strategies x 200 runs over 7 days for 50,000 followers:
  median under 10 s on 2 cores.

Baselines measured in the same process:

* the same work through plain ``simulate()`` calls, one per post per run
  (timed on a sample of post-runs and scaled to the full count);
* ``compare`` of one strategy (so the cost of each extra strategy shows).

Exits 1 when the target is missed.
"""

from __future__ import annotations

import sys

from _timing import median_seconds  # benchmarks/_timing.py (scripts run from this folder)

from postlab.audience import Audience
from postlab.simulation import simulate
from postlab.strategies import compare, preset
from postlab.strategies.weekly import count_posts

TARGET_SECONDS = 10.0
FOLLOWERS = 50_000
RUNS = 200
NAMES = ("daily-10am", "bilingual-morning-evening", "video-first")


def main() -> int:
    audience = Audience.synthetic(followers=FOLLOWERS, seed=1)
    strategies = [preset(name) for name in NAMES]
    three = median_seconds(lambda: compare(strategies, audience, runs=RUNS, seed=1), 5)
    one = median_seconds(lambda: compare(strategies[:1], audience, runs=RUNS, seed=1), 5)
    post_runs = RUNS * sum(count_posts(s) for s in strategies)
    sample = [s.posts[0].to_post(s.platform) for s in strategies]
    per_post_run = median_seconds(
        lambda: [simulate(p, audience, hours=48, runs=4, seed=2) for p in sample], 3
    ) / (4 * len(sample))
    plain = per_post_run * post_runs
    rows = [
        ("compare 3 strategies x 200 runs", f"{three:8.2f} s", "1.0x", f"< {TARGET_SECONDS} s"),
        ("compare 1 strategy x 200 runs", f"{one:8.2f} s", f"{one / three:.2f}x", ""),
        (
            f"plain simulate(), {post_runs:,} post-runs (scaled)",
            f"{plain:8.1f} s",
            f"{plain / three:.0f}x",
            "",
        ),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"Strategy comparison, {FOLLOWERS:,} followers, 7 days (ratios to the first row)")
    for name, seconds, ratio, target in rows:
        print(f"  {name:<{width}}  {seconds}  {ratio:>7}  {target}")
    print(f"  compare is {plain / three:.0f}x faster than the same work through simulate()")
    if three >= TARGET_SECONDS:
        print(f"FAIL: compare took {three:.2f} s, target < {TARGET_SECONDS} s", file=sys.stderr)
        return 1
    print("all targets met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
