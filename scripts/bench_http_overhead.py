#!/usr/bin/env python
"""What HTTP adds to a question: the server's own `took_ms` (inside `answer.ask`) against
what the client sees, on a new connection and on a kept-alive one, and the floor of any
request (GET /health). One client, one `qa serve` (2 workers, question cache off).

    python scripts/bench_http_overhead.py [--index-dir .bench/bbc] [--rounds 3]

Questions: data/gold/bbc.jsonl (40). Medians in ms. What the client sees minus `took_ms` is
everything outside `ask`: gunicorn's parsing and writing, Flask, the JSON, the access log,
the client's own `http.client`.
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import time
from pathlib import Path

from _setup import ROOT  # noqa: E402
from loadtest import start_server  # noqa: E402

from qa.evaluate import load_gold


def request(port: int, method: str, path: str, body: dict | None, conn=None) -> tuple[float, bytes]:
    """(ms, response body) of one request, on a new connection unless `conn` is given."""
    own = conn is None
    conn = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    started = time.perf_counter()
    if body is None:
        conn.request(method, path)
    else:
        conn.request(method, path, json.dumps(body), {"Content-Type": "application/json"})
    response = conn.getresponse()
    data = response.read()
    elapsed = (time.perf_counter() - started) * 1000
    if own:
        conn.close()
    if response.status != 200:
        raise SystemExit(f"error: HTTP {response.status} for {method} {path}")
    return elapsed, data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index-dir", type=Path, default=ROOT / ".bench" / "bbc")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    questions = [q.question for q in load_gold(ROOT / "data" / "gold" / "bbc.jsonl")]
    proc, port = start_server(args.index_dir.resolve(), 2)
    rows = []
    try:
        for q in questions[:10]:  # warm both workers and both paths
            for mode in ("lexical", "hybrid"):
                request(port, "POST", "/api/ask", {"question": q, "mode": mode})
        for mode in ("lexical", "hybrid"):
            new, kept, took, size = [], [], [], []
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            for _ in range(args.rounds):
                for q in questions:
                    body = {"question": q, "mode": mode}
                    ms, data = request(port, "POST", "/api/ask", body)
                    new.append(ms)
                    took.append(json.loads(data)["took_ms"])
                    size.append(len(data))
                    kept.append(request(port, "POST", "/api/ask", body, conn)[0])
            conn.close()
            rows.append((f"POST /api/ask, {mode}", new, kept, took, size))
        new, kept, size = [], [], []
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        for _ in range(args.rounds * len(questions)):
            ms, data = request(port, "GET", "/health", None)
            new.append(ms)
            size.append(len(data))
            kept.append(request(port, "GET", "/health", None, conn)[0])
        conn.close()
        rows.append(("GET /health", new, kept, [], size))
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    med = statistics.median
    print(
        f"`scripts/bench_http_overhead.py` on {time.strftime('%Y-%m-%d')}, index "
        f"{args.index_dir.name}, 1 client, 2 workers, {args.rounds} rounds (medians, ms):\n\n"
        "| request | new connection | kept alive | server's took_ms | bytes |\n"
        "|---|---:|---:|---:|---:|"
    )
    for name, new, kept, took, size in rows:
        took_cell = f"{med(took):.2f}" if took else "-"
        print(f"| {name} | {med(new):.2f} | {med(kept):.2f} | {took_cell} | {med(size):.0f} |")


if __name__ == "__main__":
    main()
