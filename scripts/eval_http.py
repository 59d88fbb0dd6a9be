#!/usr/bin/env python
"""MultiHop-RAG scored through the HTTP API, the way an outside checker asks it.

    python scripts/eval_http.py --index-dir .eval/multihop     # starts `qa serve` itself
    python scripts/eval_http.py --port 8000                    # a server already running

Each question goes to `POST /api/ask` as {"question": ..., "k": 10} (every other setting the
service's default); the passages that come back are scored by qa.evaluate's MultiHop-RAG rules
(the authors' fact matching, evidence articles by their url).
"""

from __future__ import annotations

import argparse
import http.client
import json
from pathlib import Path

from _setup import ROOT  # noqa: E402
from loadtest import start_server  # noqa: E402

from qa.evaluate import evaluate_multihop, load_multihop  # noqa: E402
from qa.types import Hit  # noqa: E402

QUERIES = ROOT.parent / "shared" / "benchmarks" / "multihop-rag" / "queries-dev.json"


def ask(port: int, question: str, k: int) -> list[Hit]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    body = json.dumps({"question": question, "k": k})
    conn.request("POST", "/api/ask", body, {"Content-Type": "application/json"})
    resp = conn.getresponse()
    data = json.loads(resp.read())
    conn.close()
    if resp.status != 200:
        raise SystemExit(f"error: HTTP {resp.status}: {data}")
    hits = []
    for p in data["passages"]:
        c = p["citation"]
        hits.append(
            Hit(
                passage_id=0,
                score=p["score"],
                text=p["text"],
                source=c["source"],
                title=c["title"],
                published=c["published"],
                url=c["url"],
                outlet=c["outlet"],
                author=c["author"],
                article_id=p["article_id"],
                char_start=c["char_start"],
                char_end=c["char_end"],
                sentences=[],
            )
        )
    return hits


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=Path, default=QUERIES)
    parser.add_argument("--index-dir", type=Path)
    parser.add_argument("--port", type=int)
    parser.add_argument("--k", type=int, default=10)
    args = parser.parse_args()
    if bool(args.index_dir) == bool(args.port):
        raise SystemExit("error: give --index-dir (a server is started) or --port")
    server = None
    port = args.port
    if args.index_dir:
        server, port = start_server(args.index_dir.resolve(), 2)
    try:
        report = evaluate_multihop(load_multihop(args.queries), lambda q: ask(port, q, args.k))
    finally:
        if server:
            server.terminate()
            server.wait(timeout=30)
    print(
        f"{report['questions']} answerable questions through POST /api/ask (k={args.k}), "
        f"{report['skipped_null']} null skipped; p50 {report['latency_ms_p50']:.1f} ms"
    )
    for key, value in report["overall"].items():
        print(f"  {key:<18} {value:.3f}")
    for kind, metrics in report["by_kind"].items():
        print(f"  [{kind}] " + " ".join(f"{k}={v:.3f}" for k, v in metrics.items()))


if __name__ == "__main__":
    main()
