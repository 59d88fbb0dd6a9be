"""`qa serve` as a real process, spoken to over real HTTP on loopback."""

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_answers_over_http(index_dir):
    port = _free_port()
    proc = subprocess.Popen(
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
            "1",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 90
        while True:
            try:
                with urllib.request.urlopen(base + "/health", timeout=2) as r:
                    assert r.status == 200
                    break
            except (urllib.error.URLError, ConnectionError):
                assert proc.poll() is None, proc.stdout.read().decode()
                assert time.time() < deadline, "server did not start"
                time.sleep(0.5)
        req = urllib.request.Request(
            base + "/api/ask",
            data=json.dumps({"question": "joint naval drills", "k": 3}).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(req, timeout=30) as r:
            body = json.loads(r.read())
        assert len(body["passages"]) == 3
        try:
            urllib.request.urlopen(base + "/api/ask?k=3", timeout=30)
            raise AssertionError("expected 400")
        except urllib.error.HTTPError as err:
            assert err.code == 400
            assert json.loads(err.read())["error"]
    finally:
        proc.terminate()
        proc.wait(timeout=30)
