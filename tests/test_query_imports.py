"""What answers questions does not import what finds statements: qa/quotes.py compiles 158
patterns at import (about 0.4 s), and spaCy takes seconds; `qa ask` and every server worker
read statements from the index (qa/statement.py), never find them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import json, sys
import qa.answer, qa.cli, qa.store, qa.web, qa.web.server  # noqa: F401
print(json.dumps(sorted(m for m in ("qa.quotes", "qa.speech_parse", "spacy") if m in sys.modules)))
"""


def test_the_query_path_does_not_import_the_statement_finder():
    out = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == []


def test_statement_is_still_importable_from_the_finder():
    from qa import quotes, statement

    assert quotes.Statement is statement.Statement
