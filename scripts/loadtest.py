#!/usr/bin/env python
"""Drive `qa serve` (gunicorn) on loopback with concurrent clients; report throughput,
latency percentiles, errors and the server's memory at start and end.

    python scripts/loadtest.py                       # 16 clients, 60 s, bundled index
    python scripts/loadtest.py --index-dir .eval/bbc --out docs/loadtest.md

Bounded in time and request count; traffic goes only to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tree_memory(pid: int) -> dict[str, float]:
    """RSS and PSS (MB) of a process and its children: PSS splits shared pages fairly."""
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        pids += [int(c) for c in children]
    except OSError:
        pass
    rss = pss = 0.0
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    rss += int(line.split()[1]) / 1024
                elif line.startswith("Pss:"):
                    pss += int(line.split()[1]) / 1024
        except OSError:
            continue
    return {"rss_mb": round(rss, 1), "pss_mb": round(pss, 1), "processes": len(pids)}


def questions() -> list[str]:
    out = []
    for name in ("articles", "bbc"):
        path = ROOT / "data" / "gold" / f"{name}.jsonl"
        out += [json.loads(line)["question"] for line in path.read_text().splitlines() if line]
    return out


def client_loop(
    port: int,
    stop: float,
    max_requests: int,
    qs: list[str],
    results: list,
    lock: threading.Lock,
    seed: int,
) -> None:
    rng = random.Random(seed)
    while time.monotonic() < stop:
        with lock:
            if len(results) >= max_requests:
                return
        body = json.dumps({"question": rng.choice(qs), "k": 5})
        started = time.perf_counter()
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.request("POST", "/api/ask", body, {"Content-Type": "application/json"})
            resp = conn.getresponse()
            resp.read()
            status = resp.status
            conn.close()
        except OSError:
            status = 0
        elapsed = (time.perf_counter() - started) * 1000
        with lock:
            results.append((elapsed, status))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index-dir", type=Path, default=None)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--max-requests", type=int, default=200_000)
    parser.add_argument("--out", type=Path, default=None, help="write a Markdown report here")
    args = parser.parse_args()

    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
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
                env=env,
            )
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "qa",
            "serve",
            "--index-dir",
            str(index_dir),
            "--port",
            str(port),
            "--workers",
            str(args.workers),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                conn.request("GET", "/health")
                if conn.getresponse().status == 200:
                    break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                sys.exit("error: server did not start: " + server.stderr.read().decode()[-2000:])
            time.sleep(0.3)
        qs = questions()
        # Warm every worker once so the figures describe steady state.
        for q in qs[: args.workers * 4]:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.request(
                "POST",
                "/api/ask",
                json.dumps({"question": q}),
                {"Content-Type": "application/json"},
            )
            conn.getresponse().read()
        mem_start = tree_memory(server.pid)
        results: list[tuple[float, int]] = []
        lock = threading.Lock()
        started = time.monotonic()
        stop = started + args.seconds
        threads = [
            threading.Thread(
                target=client_loop, args=(port, stop, args.max_requests, qs, results, lock, i)
            )
            for i in range(args.clients)
        ]
        samples = []
        for t in threads:
            t.start()
        while any(t.is_alive() for t in threads):
            samples.append(tree_memory(server.pid)["rss_mb"])
            time.sleep(2)
        wall = time.monotonic() - started
        mem_end = tree_memory(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)

    latencies = sorted(ms for ms, _ in results)
    errors = sum(1 for _, status in results if status != 200)
    q = statistics.quantiles(latencies, n=100)
    report = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "index": str(index_dir),
        "workers": args.workers,
        "clients": args.clients,
        "seconds": round(wall, 1),
        "requests": len(results),
        "errors": errors,
        "requests_per_s": round(len(results) / wall, 1),
        "p50_ms": round(q[49], 1),
        "p95_ms": round(q[94], 1),
        "p99_ms": round(q[98], 1),
        "memory_start": mem_start,
        "memory_end": mem_end,
        "rss_max_mb": max(samples),
    }
    print(json.dumps(report, indent=2))
    if args.out:
        shown = index_dir.relative_to(ROOT) if index_dir.is_relative_to(ROOT) else index_dir
        args.out.write_text(
            "# Load test\n\n"
            f"`python scripts/loadtest.py --index-dir {shown} "
            f"--clients {args.clients} --seconds {args.seconds:.0f} --workers {args.workers}` "
            f"on {report['date'][:10]}, {report['machine']} (clients and server share the "
            "machine).\n\n"
            "| clients | workers | requests | req/s | p50 ms | p95 ms | p99 ms | errors "
            "| server RSS start → end (MB) | PSS start → end (MB) |\n"
            "|---|---|---|---|---|---|---|---|---|---|\n"
            f"| {args.clients} | {args.workers} | {report['requests']} | "
            f"{report['requests_per_s']} | "
            f"{report['p50_ms']} | {report['p95_ms']} | {report['p99_ms']} | {errors} | "
            f"{mem_start['rss_mb']} → {mem_end['rss_mb']} | {mem_start['pss_mb']} → "
            f"{mem_end['pss_mb']} |\n"
        )
    if errors:
        sys.exit(f"error: {errors} failed requests")


if __name__ == "__main__":
    main()
