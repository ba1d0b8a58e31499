"""Speed of the drafting engine, as ratios against twitter-text in the same run.

Run: .venv/bin/python benchmarks/bench_drafting.py
Targets (exit 1 if missed):
  * analyze() of a 2,000-character draft: median under 5 ms;
  * analyze() of 1 MB on a code-point platform (Facebook): under 1 s;
  * analyze() never hangs on hostile text (1 MB of link-like, digit or emoji runs
    finishes; these are reported, with a looser 10 s guard).
"""

from __future__ import annotations

import statistics
import sys
import time

from twitter_text import parse_tweet

from postlab.drafting import analyze
from postlab.drafting.length import weighted_length

SENTENCE = (
    "Free eye camp on 12 May at the district hospital, 9 am to 5 pm. "
    "नमस्ते, सभी आएं। Book a slot: https://navapur.example.in/eye?utm_source=x 👀 "
    "#NavapurHealth @NavapurHealth. "
)
DRAFT_2K = (SENTENCE * (2000 // len(SENTENCE) + 1))[:2000]
MEGABYTE = (SENTENCE * (1_000_000 // len(SENTENCE) + 1))[:1_000_000]
HOSTILE = {
    "a.a.a. (1 MB)": "a." * 500_000,
    "links (1 MB)": "x.com/a?b=c " * 83_000,
    "digits (1 MB)": "1 " * 500_000,
    "emoji (0.5 M)": "😀" * 500_000,
}


def _median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> int:
    analyze(DRAFT_2K)  # warm caches (rules, emoji tables)
    base = _median_ms(lambda: parse_tweet(DRAFT_2K), 30)
    ours_len = _median_ms(lambda: weighted_length(DRAFT_2K), 30)
    ours = _median_ms(lambda: analyze(DRAFT_2K), 30)
    big_fb = _median_ms(lambda: analyze(MEGABYTE, "facebook"), 3)
    big_x = _median_ms(lambda: analyze(MEGABYTE, "x"), 3)
    rows = [
        ("parse_tweet, 2,000 chars (baseline)", base, 1.0, ""),
        ("weighted_length, 2,000 chars", ours_len, ours_len / base, ""),
        ("analyze x, 2,000 chars", ours, ours / base, "target < 5 ms"),
        ("analyze facebook, 1 MB", big_fb, big_fb / base, "target < 1000 ms"),
        ("analyze x, 1 MB (exact X count)", big_x, big_x / base, "reported"),
    ]
    hostile_ms = {}
    for name, text in HOSTILE.items():
        hostile_ms[name] = _median_ms(lambda text=text: analyze(text), 1)
        rows.append(
            (
                f"analyze x, hostile {name}",
                hostile_ms[name],
                hostile_ms[name] / base,
                "guard < 10 s",
            )
        )
    print(f"{'case':44} {'median ms':>10} {'x baseline':>11}  note")
    for name, ms, ratio, note in rows:
        print(f"{name:44} {ms:10.2f} {ratio:11.2f}  {note}")
    missed = []
    if ours >= 5:
        missed.append(f"analyze 2,000 chars took {ours:.2f} ms (target < 5 ms)")
    if big_fb >= 1000:
        missed.append(f"analyze 1 MB (facebook) took {big_fb:.0f} ms (target < 1000 ms)")
    missed += [
        f"hostile {n} took {ms:.0f} ms (guard < 10 s)"
        for n, ms in hostile_ms.items()
        if ms >= 10_000
    ]
    for m in missed:
        print("MISSED:", m, file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
