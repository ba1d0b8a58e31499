"""Speed of the drafting engine, as ratios against twitter-text in the same run.

Run: .venv/bin/python benchmarks/bench_drafting.py
Targets (exit 1 if any is missed):
  * analyze() of a 2,000-character draft on X: median under 5 ms;
  * analyze() of 1 MB on every platform (X counted exactly): under 1 s each;
  * analyze() of 1 MB of hostile text on X (link-like, digit or emoji runs, links
    all alike or all different): under 1 s each.
Ratios are against ``twitter_text.parse_tweet`` on the same text: on the 2,000
characters itself, and for 1 MB against parse_tweet's time on 100 kB times ten
(parse_tweet itself takes many seconds on a megabyte and hangs on ``a.a.a...``).
"""

from __future__ import annotations

import sys

from _timing import median_ms  # benchmarks/_timing.py (scripts run from this folder)
from twitter_text import parse_tweet

from postlab.drafting import analyze
from postlab.drafting.length import weighted_length
from postlab.platforms import platform_names

SENTENCE = (
    "Free eye camp on 12 May at the district hospital, 9 am to 5 pm. "
    "नमस्ते, सभी आएं। Book a slot: https://navapur.example.in/eye?utm_source=x 👀 "
    "#NavapurHealth @NavapurHealth. "
)
DRAFT_2K = (SENTENCE * (2000 // len(SENTENCE) + 1))[:2000]
MEGABYTE = (SENTENCE * (1_000_000 // len(SENTENCE) + 1))[:1_000_000]
HOSTILE = {
    "a.a.a. (1 MB)": "a." * 500_000,
    "links alike (1 MB)": "x.com/a?b=c " * 83_000,
    "links all different (1 MB)": "".join(f"x{i}.com/a?b={i} " for i in range(70_000))[:1_000_000],
    "tiny domains 1.a (1 MB)": "1.a " * 250_000,
    "digits (1 MB)": "1 " * 500_000,
    "emoji (0.5 M)": "😀" * 500_000,
}
DRAFT_MS = 5.0
MEGABYTE_MS = 1000.0


def main() -> int:
    analyze(DRAFT_2K)  # warm caches (rules, emoji tables)
    base = median_ms(lambda: parse_tweet(DRAFT_2K), 30, warm_up=False)
    base_mb = 10 * median_ms(lambda: parse_tweet(MEGABYTE[:100_000]), 1, warm_up=False)
    ours_len = median_ms(lambda: weighted_length(DRAFT_2K), 30, warm_up=False)
    ours = median_ms(lambda: analyze(DRAFT_2K), 30, warm_up=False)
    rows = [
        ("parse_tweet, 2,000 chars (baseline)", base, base, ""),
        ("parse_tweet, 1 MB (10 x 100 kB, baseline)", base_mb, base_mb, ""),
        ("weighted_length x, 2,000 chars", ours_len, base, ""),
        ("analyze x, 2,000 chars", ours, base, f"target < {DRAFT_MS:g} ms"),
    ]
    missed = []
    if ours >= DRAFT_MS:
        missed.append(f"analyze 2,000 chars took {ours:.2f} ms (target < {DRAFT_MS:g} ms)")
    big = {}
    for name in platform_names():
        big[name] = median_ms(lambda name=name: analyze(MEGABYTE, name), 3, warm_up=False)
        rows.append((f"analyze {name}, 1 MB", big[name], base_mb, f"target < {MEGABYTE_MS:g} ms"))
    hostile = {}
    for name, text in HOSTILE.items():
        hostile[name] = median_ms(lambda text=text: analyze(text), 1, warm_up=False)
        rows.append((f"analyze x, hostile {name}", hostile[name], base_mb, "target < 1000 ms"))
    print(f"{'case':48} {'median ms':>10} {'x parse_tweet':>14}  note")
    for name, ms, against, note in rows:
        print(f"{name:48} {ms:10.2f} {ms / against:14.3f}  {note}")
    missed += [
        f"analyze 1 MB on {n} took {ms:.0f} ms (target < {MEGABYTE_MS:g} ms)"
        for n, ms in big.items()
        if ms >= MEGABYTE_MS
    ]
    missed += [
        f"hostile {n} took {ms:.0f} ms (target < {MEGABYTE_MS:g} ms)"
        for n, ms in hostile.items()
        if ms >= MEGABYTE_MS
    ]
    for m in missed:
        print("MISSED:", m, file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
