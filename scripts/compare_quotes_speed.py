#!/usr/bin/env python
"""find_statements of an earlier commit against this checkout's, over every BBC article, in
one run: the rounds alternate, so a busy machine slows both alike.

    python scripts/compare_quotes_speed.py REV [--rounds 2] [--corpus DIR]

REV's qa/quotes.py is loaded beside this checkout's (its qa/speech_parse.py is this
checkout's: a change there is not compared). Prints each round's seconds and the medians.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _setup import ROOT  # noqa: E402

from qa.load import load_documents

BBC = ROOT.parent / "shared" / "corpora" / "bbc-news"


def _module(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rev")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--corpus", type=Path, default=BBC)
    args = parser.parse_args()
    old_source = subprocess.run(
        ["git", "show", f"{args.rev}:qa/quotes.py"], cwd=ROOT, capture_output=True, text=True
    )
    if old_source.returncode:
        sys.exit(f"error: {old_source.stderr.strip()}")
    with tempfile.TemporaryDirectory() as tmp:
        old_path = Path(tmp) / "quotes_old.py"
        old_path.write_text(old_source.stdout)
        old = _module(old_path, "quotes_old")
    new = _module(ROOT / "qa" / "quotes.py", "quotes_new")
    texts = [doc.text for doc in load_documents(sorted(args.corpus.glob("*/*.txt")), [])]
    old.find_statements(texts[0])  # the parser loaded before any round is timed
    times: dict[str, list[float]] = {"old": [], "new": []}
    for _ in range(args.rounds):
        for label, module in (("old", old), ("new", new)):
            start = time.perf_counter()
            for text in texts:
                module.find_statements(text)
            times[label].append(time.perf_counter() - start)
            print(f"{label}: {times[label][-1]:.1f} s", flush=True)
    med = {label: statistics.median(t) for label, t in times.items()}
    print(
        f"{len(texts)} articles: {args.rev} {med['old']:.1f} s, this checkout {med['new']:.1f} s "
        f"(median of {args.rounds}): {med['new'] / med['old']:.2f}x"
    )


if __name__ == "__main__":
    main()
