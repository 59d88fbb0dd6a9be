#!/usr/bin/env python
"""gunicorn's sync and gevent workers against qa.web.worker (gevent, gated while it computes)
on one index: speed and slow clients; writes docs/workers.md.

    python scripts/bench_workers.py --index-dir .eval/bbc

The same code and index served by each worker class (2 workers each); runs alternate (sync,
gevent, ours, sync, ...) so the machine's noise falls on all alike. Measured:

- hybrid p50 with 1 client (the gold questions, POST /api/ask, k=5);
- requests/s, p50 and p99 with 8 concurrent clients for --seconds;
- how long GET /health takes while 2 and then 50 sockets drip header bytes (one line every
  0.5 s), capped at 70 s (a sync worker waits out gunicorn's 60 s timeout per slow socket).
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from _setup import ROOT  # noqa: E402
from loadtest import ENV, free_port, post, questions, run_clients, summarize  # noqa: E402

KINDS = {
    "sync": "sync",
    "gunicorn's gevent": "gevent",
    "qa.web.worker (gevent, gated)": "qa.web.worker.Worker",
}
SERVE = """
import sys
from pathlib import Path
from qa.config import Settings
from qa.web.server import Server
settings = Settings(index_dir=Path(sys.argv[1]), port=int(sys.argv[2]), workers=2)
Server(settings, {"worker_class": sys.argv[3], "accesslog": None}).run()
"""


def start(index_dir: Path, worker_class: str) -> tuple[subprocess.Popen, int]:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-c", SERVE, str(index_dir), str(port), worker_class],
        cwd=ROOT,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        try:
            if health_seconds(port, 2) is not None:
                return proc, port
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit(f"{worker_class} server did not come up")


def health_seconds(port: int, timeout: float) -> float | None:
    """Seconds for GET /health (None: not a 200)."""
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", "/health")
        ok = conn.getresponse().status == 200
    finally:
        conn.close()
    return time.perf_counter() - started if ok else None


def under_slow_clients(port: int, n: int, cap_s: float = 70) -> float:
    """Seconds /health takes while n sockets drip header bytes (cap_s when it never came)."""
    stop = threading.Event()
    socks = []
    for _ in range(n):
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(b"GET /health HTTP/1.1\r\nHost: bench\r\n")
        socks.append(s)

    def drip() -> None:
        while not stop.is_set():
            for s in socks:
                with contextlib.suppress(OSError):
                    s.sendall(b"X-Drip: 1\r\n")
            time.sleep(0.5)

    dripper = threading.Thread(target=drip, daemon=True)
    dripper.start()
    time.sleep(0.5)  # the drips reach the workers first
    try:
        took = health_seconds(port, cap_s)
        return cap_s if took is None else took
    except OSError:
        return cap_s
    finally:
        stop.set()
        dripper.join()
        for s in socks:
            s.close()


def one_run(index_dir: Path, worker_class: str, seconds: float) -> dict:
    proc, port = start(index_dir, worker_class)
    try:
        qs = questions()
        for q in qs[:10]:  # warm both workers
            post(port, {"question": q, "k": 5})
        single = []
        for q in qs:
            started = time.perf_counter()
            post(port, {"question": q, "k": 5})
            single.append((time.perf_counter() - started) * 1000)
        results, wall = run_clients(port, 8, seconds, qs)
        loaded = summarize(results, wall)
        return {
            "p50_1": statistics.median(single),
            "rps_8": loaded["requests_per_s"],
            "p50_8": loaded["p50_ms"],
            "p99_8": loaded["p99_ms"],
            "errors": loaded["errors"],
            "slow_2": under_slow_clients(port, 2),
            "slow_50": under_slow_clients(port, 50),
        }
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index-dir", type=Path, default=ROOT / ".eval" / "bbc")
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "workers.md")
    args = parser.parse_args()

    runs: dict[str, list[dict]] = {name: [] for name in KINDS}
    for _ in range(args.repeats):
        for name, worker_class in KINDS.items():
            runs[name].append(one_run(args.index_dir, worker_class, args.seconds))
            print(name, runs[name][-1], flush=True)

    def med(name: str, key: str) -> float:
        return statistics.median(r[key] for r in runs[name])

    names = list(KINDS)
    lines = [
        "# Worker class: sync, gevent, and ours",
        "",
        f"`scripts/bench_workers.py --index-dir {args.index_dir.relative_to(ROOT)}` on this "
        f"2-core machine, {time.strftime('%Y-%m-%d')}: 2 workers each, the same code and index, "
        f"runs alternating, medians of {args.repeats}; the clients share the machine's 2 cores. "
        "The ratio is ours against sync.",
        "",
        "| measure | " + " | ".join(names) + " | ratio |",
        "|---|" + "---|" * (len(names) + 1),
    ]
    rows = [
        ("hybrid p50, 1 client (ms)", "p50_1", "{:.1f}"),
        ("requests/s, 8 clients", "rps_8", "{:.0f}"),
        ("p50 with 8 clients (ms)", "p50_8", "{:.1f}"),
        ("p99 with 8 clients (ms)", "p99_8", "{:.1f}"),
        ("errors with 8 clients", "errors", "{:.0f}"),
        ("GET /health with 2 slow clients dripping headers (s)", "slow_2", "{:.3f}"),
        ("GET /health with 50 slow clients (s)", "slow_50", "{:.3f}"),
    ]
    for label, key, fmt in rows:
        values = [med(name, key) for name in names]
        ratio = f"{values[-1] / values[0]:.2f}x" if values[0] else ""
        cells = " | ".join(fmt.format(v) for v in values)
        lines.append(f"| {label} | {cells} | {ratio} |")
    lines += [
        "",
        "70 s means /health had not answered when the client gave up (a sync worker holds a "
        "slow client until gunicorn's 60 s timeout).",
        "",
    ]
    args.out.write_text("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
