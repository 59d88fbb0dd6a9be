#!/usr/bin/env python
"""What a hybrid question costs over its lexical floor, through HTTP: one client asks each
question in both modes, alternating which goes first, against one `qa serve` (2 workers).

    python scripts/bench_hybrid_ratio.py [--index-dir .eval/bbc] [--rounds 3] [--asked-again]

Questions: the BBC gold questions (data/gold/bbc.jsonl and said.jsonl, 80). Prints p50 and p90
of each mode and the ratio of the p50s (issue #15's target: hybrid <= 2x lexical); --out
writes the table as Markdown. The server's question cache is off, so every hybrid question
is encoded, as on its first asking. --asked-again turns it on (`qa serve`'s default), starts
a new server for each round (so a round's questions are new to it) and asks each hybrid
question a second time at once on the same keep-alive connection, so the same worker answers it from
its cache (a browser's next submit of the form within gunicorn's 5 s keep-alive; on a new
connection, 2 workers answer from the cache about half the time): a third row.
"""

from __future__ import annotations

import argparse
import http.client
import statistics
import time
from pathlib import Path

from _setup import ROOT  # noqa: E402
from compare_latency import timed_post  # noqa: E402
from loadtest import start_server  # noqa: E402

from qa.evaluate import load_gold


def asked_twice(port: int, body: dict) -> tuple[float, float]:
    """ms of a question and of the same question at once again, on one connection."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        return timed_post(port, body, conn), timed_post(port, body, conn)
    finally:
        conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index-dir", type=Path, default=ROOT / ".eval" / "bbc")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--asked-again", action="store_true")
    args = parser.parse_args()
    questions = [
        q.question
        for name in ("bbc.jsonl", "said.jsonl")
        for q in load_gold(ROOT / "data" / "gold" / name)
    ]
    env = {"QA_QUESTION_CACHE": "1024"} if args.asked_again else None
    times: dict[str, list[float]] = {"hybrid": [], "lexical": []}
    again: list[float] = []
    # With the cache on, each round has a server of its own, so every question's first
    # asking in a round is its first (the warm-up asks other texts).
    servers = args.rounds if args.asked_again else 1
    for n in range(servers):
        proc, port = start_server(args.index_dir.resolve(), 2, env=env)
        try:
            for q in questions[:10]:  # warm both workers and both paths
                for mode in times:
                    warm = f"{q} (warm-up)" if args.asked_again else q
                    timed_post(port, {"question": warm, "mode": mode})
            for r in range(n, n + 1) if args.asked_again else range(args.rounds):
                for i, q in enumerate(questions):
                    order = list(times) if (i + r) % 2 == 0 else list(reversed(times))
                    for mode in order:
                        body = {"question": q, "mode": mode}
                        if mode == "hybrid" and args.asked_again:
                            first, second = asked_twice(port, body)
                            times[mode].append(first)
                            again.append(second)
                        else:
                            times[mode].append(timed_post(port, body))
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    if again:
        times["hybrid, asked again"] = again
    p50 = {m: statistics.median(t) for m, t in times.items()}
    p90 = {m: statistics.quantiles(t, n=10)[-1] for m, t in times.items()}
    lines = [
        f"`scripts/bench_hybrid_ratio.py` on {time.strftime('%Y-%m-%d')}, index "
        f"{args.index_dir.name}, 1 client, 2 workers, {len(questions)} questions x "
        f"{args.rounds} rounds per mode, modes alternating, question cache "
        f"{'on, a new server each round' if args.asked_again else 'off'} (ms):",
        "",
        "| mode | p50 | p90 |",
        "|---|---:|---:|",
        *(f"| {m} | {p50[m]:.1f} | {p90[m]:.1f} |" for m in times),
        "",
        f"hybrid p50 / lexical p50: **{p50['hybrid'] / p50['lexical']:.2f}**",
        *([f"asked again: **{p50['hybrid, asked again'] / p50['lexical']:.2f}**"] if again else []),
    ]
    print("\n".join(lines))
    if args.out:
        args.out.write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
