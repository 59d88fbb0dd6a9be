#!/usr/bin/env python
"""Query latency of this checkout against an earlier commit, through HTTP, on one index.

    python scripts/compare_latency.py --baseline bdc6753 --index-dir .eval/bbc

Both servers (`qa serve`, 2 workers each) answer from the same index folder; the earlier
commit runs from a git worktree under .bench/. One client sends the gold questions (or, with
--multihop, the first 150 of MultiHop-RAG's long many-part ones) to both, alternating which
goes first, so the machine's noise falls on both alike; p50 and p90 per mode and their ratio
are printed as a Markdown table (the README quotes it).
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from _setup import ROOT  # noqa: E402
from loadtest import questions, start_server  # noqa: E402

from qa.evaluate import load_multihop  # noqa: E402


def worktree(ref: str) -> Path:
    folder = ROOT / ".bench" / f"baseline-{ref}"
    if not folder.exists():
        folder.parent.mkdir(exist_ok=True)
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(folder), ref],
            check=True,
            capture_output=True,
        )
    return folder


def timed_post(port: int, body: dict, conn: http.client.HTTPConnection | None = None) -> float:
    """ms of one POST /api/ask, on a new connection unless `conn` (kept open) is given."""
    own = conn is None
    conn = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    started = time.perf_counter()
    conn.request("POST", "/api/ask", json.dumps(body), {"Content-Type": "application/json"})
    resp = conn.getresponse()
    resp.read()
    elapsed = (time.perf_counter() - started) * 1000
    if own:
        conn.close()
    if resp.status != 200:
        raise SystemExit(f"error: HTTP {resp.status} from port {port}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", required=True, help="git ref of the earlier version")
    parser.add_argument("--index-dir", type=Path, default=ROOT / ".eval" / "bbc")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--k", type=int, default=5)
    parser.add_argument(
        "--multihop",
        type=Path,
        help="ask MultiHop-RAG's questions (its query file) instead of the gold questions",
    )
    args = parser.parse_args()
    index_dir = args.index_dir.resolve()
    servers = {
        args.baseline: start_server(index_dir, 2, root=worktree(args.baseline)),
        "this checkout": start_server(index_dir, 2),
    }
    qs = [q.query for q in load_multihop(args.multihop)][:150] if args.multihop else questions()
    try:
        rows = []
        for mode in ("hybrid", "lexical"):
            times: dict[str, list[float]] = {name: [] for name in servers}
            for _, port in servers.values():  # warm both
                for q in qs[:10]:
                    timed_post(port, {"question": q, "k": args.k, "mode": mode})
            for r in range(args.rounds):
                for i, q in enumerate(qs):
                    order = list(servers.items())
                    if (i + r) % 2:
                        order.reverse()
                    for name, (_, port) in order:
                        times[name].append(
                            timed_post(port, {"question": q, "k": args.k, "mode": mode})
                        )
            base, new = (statistics.median(t) for t in times.values())
            b90, n90 = (statistics.quantiles(t, n=10)[-1] for t in times.values())
            rows.append(
                f"| {mode} | {len(qs) * args.rounds} | {base:.1f} | {new:.1f} | "
                f"{new / base:.2f} | {b90:.1f} | {n90:.1f} |"
            )
            print(rows[-1], file=sys.stderr, flush=True)
    finally:
        for proc, _ in servers.values():
            proc.terminate()
            proc.wait(timeout=30)
    print(
        f"HTTP latency, 1 client, index {args.index_dir}, k={args.k}, {args.baseline} vs this "
        "checkout (ms):\n\n"
        f"| mode | requests each | p50 {args.baseline} | p50 now | ratio | p90 {args.baseline} "
        "| p90 now |\n|---|---|---|---|---|---|---|"
    )
    print("\n".join(rows))


if __name__ == "__main__":
    main()
