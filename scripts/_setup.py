"""What every script needs before it imports qa: the model loads offline, tokenizers keep to
one thread pool, and this checkout's qa package comes ahead of an installed one (a script run
from a git worktree of an older commit must measure that commit's code).

    from _setup import ROOT  # first, before any qa import
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
