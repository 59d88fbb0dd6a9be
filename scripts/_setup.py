"""What every script needs before it imports qa: the model loads offline, tokenizers keep to
one thread pool, and this checkout's qa package comes ahead of an installed one (a script run
from a git worktree of an older commit must measure that commit's code).

    from _setup import ROOT  # first, before any qa import

`scratch()` is a temporary folder removed when the script exits: the benchmarks' exports,
quantised variants and FAISS files (up to 175 MB each) had piled up in /tmp. `rss_mb()` is
this process's resident memory now (Linux), for scripts that measure it between steps.
"""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def scratch() -> Path:
    """A new temporary folder, removed with everything in it when the script exits."""
    folder = Path(tempfile.mkdtemp(prefix="qa-bench-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def rss_mb() -> int:
    """This process's resident set now, in MB (/proc/self/status's VmRSS; Linux only)."""
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) // 1024 for line in f if line.startswith("VmRSS"))
