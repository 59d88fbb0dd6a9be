#!/usr/bin/env python
"""Drive `qa serve` (gunicorn) on loopback with concurrent clients; report throughput,
latency percentiles, errors and the server's memory at start and end.

    python scripts/loadtest.py                       # 16 clients, 60 s, bundled index
    python scripts/loadtest.py --index-dir .eval/bbc --out docs/loadtest.md

Bounded in time and request count; traffic goes only to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

from _setup import ROOT  # noqa: E402

from qa.web import launch  # noqa: E402
from qa.web.launch import ENV, free_port, post  # noqa: E402,F401


def start_server(
    index_dir: Path, workers: int, root: Path = ROOT, env: dict | None = None, wait: bool = True
):
    """`qa serve` as qa.web.launch starts it, with the question cache off unless `env` turns
    it on: the benchmarks ask the same questions round after round, and time what a
    question costs the first time it is asked (`bench_hybrid_ratio.py --asked-again` times the
    cache)."""
    return launch.start_server(
        index_dir, workers, root, {"QA_QUESTION_CACHE": "0", **(env or {})}, wait
    )


def tree_memory(pid: int) -> dict[str, float]:
    """RSS and PSS (MB) of a process and its children: PSS splits shared pages fairly."""
    pids = [pid]
    with contextlib.suppress(OSError):
        pids += [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    rss = pss = anonymous = 0.0
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    rss += int(line.split()[1]) / 1024
                elif line.startswith("Pss:"):
                    pss += int(line.split()[1]) / 1024
                elif line.startswith("Anonymous:"):  # private to the process: not shareable
                    anonymous += int(line.split()[1]) / 1024
        except OSError:
            continue
    return {
        "rss_mb": round(rss, 1),
        "pss_mb": round(pss, 1),
        "anonymous_mb": round(anonymous, 1),
        "processes": len(pids),
    }


def questions() -> list[str]:
    out = []
    for name in ("articles", "bbc"):
        path = ROOT / "data" / "gold" / f"{name}.jsonl"
        out += [json.loads(line)["question"] for line in path.read_text().splitlines() if line]
    return out


def run_clients(
    port: int,
    clients: int,
    seconds: float,
    qs: list[str],
    extra: dict | None = None,
    max_requests: int = 200_000,
) -> tuple[list[tuple[float, int]], float]:
    """(latency ms, status) per request from `clients` threads over `seconds`; and wall time."""
    results: list[tuple[float, int]] = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def loop(seed: int) -> None:
        rng = random.Random(seed)
        while time.monotonic() < stop:
            with lock:
                if len(results) >= max_requests:
                    return
            started = time.perf_counter()
            try:
                status = post(port, {"question": rng.choice(qs), "k": 5, **(extra or {})})
            except OSError:
                status = 0
            with lock:
                results.append(((time.perf_counter() - started) * 1000, status))

    started = time.monotonic()
    threads = [threading.Thread(target=loop, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results, time.monotonic() - started


def summarize(results: list[tuple[float, int]], wall: float) -> dict:
    latencies = sorted(ms for ms, _ in results)
    q = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else latencies * 99
    return {
        "requests": len(results),
        "errors": sum(1 for _, status in results if status != 200),
        "requests_per_s": round(len(results) / wall, 1),
        "p50_ms": round(q[49], 1),
        "p95_ms": round(q[94], 1),
        "p99_ms": round(q[98], 1),
    }


def _quartiles(samples: list[float]) -> str:
    if not samples:
        return "n/a"
    picks = [
        samples[min(len(samples) - 1, round(f * (len(samples) - 1)))]
        for f in (0, 0.25, 0.5, 0.75, 1)
    ]
    return " → ".join(f"{p:.0f}" for p in picks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index-dir", type=Path, default=None)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--max-requests", type=int, default=200_000)
    parser.add_argument("--out", type=Path, default=None, help="write a Markdown report here")
    args = parser.parse_args()

    index_dir = args.index_dir
    if index_dir is None:
        index_dir = ROOT / ".bench" / "articles"
        if not (index_dir / "current").exists():
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "qa",
                    "index",
                    str(ROOT / "data/articles"),
                    "--index-dir",
                    str(index_dir),
                    "--quiet",
                ],
                check=True,
                env=ENV,
            )
    server, port = start_server(index_dir, args.workers)
    qs = questions()
    try:
        for q in qs[: args.workers * 4]:  # warm every worker: figures describe steady state
            post(port, {"question": q})
        mem_start = tree_memory(server.pid)
        samples: list[float] = []
        sampler_stop = threading.Event()

        def sample() -> None:
            while not sampler_stop.wait(2):
                samples.append(tree_memory(server.pid)["rss_mb"])

        sampler = threading.Thread(target=sample)
        sampler.start()
        results, wall = run_clients(
            port, args.clients, args.seconds, qs, max_requests=args.max_requests
        )
        sampler_stop.set()
        sampler.join()
        mem_end = tree_memory(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)

    report = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "index": str(index_dir),
        "workers": args.workers,
        "clients": args.clients,
        "seconds": round(wall, 1),
        **summarize(results, wall),
        "memory_start": mem_start,
        "memory_end": mem_end,
        "rss_max_mb": max(samples, default=mem_end["rss_mb"]),
    }
    print(json.dumps(report, indent=2))
    if args.out:
        shown = index_dir.relative_to(ROOT) if index_dir.is_relative_to(ROOT) else index_dir
        args.out.write_text(
            "# Load test\n\n"
            f"`python scripts/loadtest.py --index-dir {shown} --clients {args.clients} "
            f"--seconds {args.seconds:.0f} --workers {args.workers}` on {report['date'][:10]}, "
            f"{report['machine']} (clients and server share the machine; questions drawn from "
            "the gold sets, k=5, hybrid).\n\n"
            "| clients | workers | requests | req/s | p50 ms | p95 ms | p99 ms | errors "
            "| server RSS start → end, max (MB) | PSS start → end (MB) |\n"
            "|---|---|---|---|---|---|---|---|---|---|\n"
            f"| {args.clients} | {args.workers} | {report['requests']} | "
            f"{report['requests_per_s']} | {report['p50_ms']} | {report['p95_ms']} | "
            f"{report['p99_ms']} | {report['errors']} | {mem_start['rss_mb']} → "
            f"{mem_end['rss_mb']}, {report['rss_max_mb']} | {mem_start['pss_mb']} → "
            f"{mem_end['pss_mb']} |\n"
            f"\nServer RSS sampled every 2 s (MB): {_quartiles(samples)} (start, each quarter "
            "of the run, end): growth that levels off is warm-up (pages of the mapped index "
            "touched for the first time, allocator pools), not a leak.\n"
            "\nRSS counts the pages workers share (the memory-mapped index, the model's "
            "read-only weights) once per process; PSS divides them among the processes.\n"
        )
    if report["errors"]:
        sys.exit(f"error: {report['errors']} failed requests")


if __name__ == "__main__":
    main()
