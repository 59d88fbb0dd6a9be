"""What the tests and benchmarks share to start `qa serve` (qa/web/launch.py) cleans up
after itself."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

STARTS_AND_EXITS = """
import sys
from qa.web.launch import start_server
server, _ = start_server(sys.argv[1], workers=1, wait=False)
server.wait(timeout=60)
print(server.log_path)
"""


def test_the_server_log_goes_when_the_process_that_started_it_exits(tmp_path):
    """Before: each start left a qa-serve-*.log in the temporary folder (383 after a few days
    of tests and benchmarks here)."""
    out = subprocess.run(
        [sys.executable, "-c", STARTS_AND_EXITS, str(tmp_path / "no-index")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    log = Path(out.stdout.strip().splitlines()[-1])
    assert log.name.startswith("qa-serve-") and log.suffix == ".log", out.stdout
    assert not log.exists()
