#!/usr/bin/env python
"""What a hybrid question costs over its lexical floor, through HTTP: one client asks each
question in both modes, alternating which goes first, against one `qa serve` (2 workers).

    python scripts/bench_hybrid_ratio.py [--index-dir .eval/bbc] [--rounds 3]

Questions: the BBC gold questions (data/gold/bbc.jsonl and said.jsonl, 80). Prints p50 and p90
of each mode and the ratio of the p50s (issue #15's target: hybrid <= 2x lexical); --out
writes the table as Markdown.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from _setup import ROOT  # noqa: E402
from compare_latency import timed_post  # noqa: E402
from loadtest import start_server  # noqa: E402

from qa.evaluate import load_gold


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index-dir", type=Path, default=ROOT / ".eval" / "bbc")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    questions = [
        q.question
        for name in ("bbc.jsonl", "said.jsonl")
        for q in load_gold(ROOT / "data" / "gold" / name)
    ]
    proc, port = start_server(args.index_dir.resolve(), 2)
    times: dict[str, list[float]] = {"hybrid": [], "lexical": []}
    try:
        for q in questions[:10]:  # warm both workers and both paths
            for mode in times:
                timed_post(port, {"question": q, "mode": mode})
        for r in range(args.rounds):
            for i, q in enumerate(questions):
                order = list(times) if (i + r) % 2 == 0 else list(reversed(times))
                for mode in order:
                    times[mode].append(timed_post(port, {"question": q, "mode": mode}))
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    p50 = {m: statistics.median(t) for m, t in times.items()}
    p90 = {m: statistics.quantiles(t, n=10)[-1] for m, t in times.items()}
    lines = [
        f"`scripts/bench_hybrid_ratio.py` on {time.strftime('%Y-%m-%d')}, index "
        f"{args.index_dir.name}, 1 client, 2 workers, {len(questions)} questions x "
        f"{args.rounds} rounds per mode, modes alternating (ms):",
        "",
        "| mode | p50 | p90 |",
        "|---|---:|---:|",
        *(f"| {m} | {p50[m]:.1f} | {p90[m]:.1f} |" for m in times),
        "",
        f"hybrid p50 / lexical p50: **{p50['hybrid'] / p50['lexical']:.2f}**",
    ]
    print("\n".join(lines))
    if args.out:
        args.out.write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
