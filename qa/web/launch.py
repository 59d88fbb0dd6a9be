"""Start `qa serve` as a child process on a free loopback port and wait until it answers:
what the benchmarks (scripts/) and the tests that speak HTTP share."""

from __future__ import annotations

import atexit
import http.client
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
ENV = {**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(
    index_dir: Path,
    workers: int,
    root: Path = ROOT,
    env: dict | None = None,
    wait: bool = True,
) -> tuple[subprocess.Popen, int]:
    """`qa serve` on a free port, waited for until /health answers 200 (unless `wait` is
    false); `root`: the checkout whose code serves (another one's `qa` package shadows this
    one's from its folder); `env`: extra environment (QA_ADMIN_TOKEN, ...). The server's
    stderr goes to a file, whose path is `server.log_path` (read it with `server_log`): a pipe
    nobody reads would stall a server that logs more than it holds, and leak when the test
    that started it ends. The file is removed when this process exits (hundreds of runs of the
    tests and benchmarks had left theirs in the temporary folder)."""
    port = free_port()
    fd, log_path = tempfile.mkstemp(prefix="qa-serve-", suffix=".log")
    with os.fdopen(fd, "wb") as log:  # the child keeps its own copy of the descriptor
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
                str(workers),
            ],
            cwd=root,
            env={**ENV, **(env or {})},
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
    server.log_path = Path(log_path)
    atexit.register(server.log_path.unlink, missing_ok=True)
    deadline = time.monotonic() + 600
    while wait:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        try:
            conn.request("GET", "/health")
            if conn.getresponse().status == 200:
                return server, port
        except OSError:
            pass
        finally:
            conn.close()
        if server.poll() is not None or time.monotonic() > deadline:
            server.kill()
            server.wait()
            sys.exit("error: server did not start: " + server_log(server)[-2000:])
        time.sleep(0.3)
    return server, port


def server_log(server: subprocess.Popen) -> str:
    """What a server started by start_server has written to stderr so far."""
    return server.log_path.read_text(errors="replace")


def post(port: int, body: dict) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("POST", "/api/ask", json.dumps(body), {"Content-Type": "application/json"})
        resp = conn.getresponse()
        resp.read()
        return resp.status
    finally:
        conn.close()
