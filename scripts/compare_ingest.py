#!/usr/bin/env python
"""Time to read, clean and chunk a corpus (every build's stage before embedding) in this
checkout against an earlier commit.

    python scripts/compare_ingest.py --baseline 2e24e55 ../shared/corpora/bbc-news

Each version runs in its own process from its own checkout (a git worktree under .bench/),
alternating, --rounds times; the median seconds and the ratio are printed, with the number of
documents and passages each produced (they must agree).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

from _setup import ROOT  # noqa: E402
from compare_latency import worktree  # noqa: E402

STAGE = """
import json, sys, time
from pathlib import Path
from qa.chunk import chunk
from qa.clean import clean
from qa.config import ChunkSettings
from qa.load import load_documents
started = time.perf_counter()
warnings, docs, passages = [], 0, 0
for doc in load_documents([Path(p) for p in sys.argv[1:]], warnings):
    article = clean(doc)
    if article is None:
        continue
    docs += 1
    passages += len(chunk(article, ChunkSettings()))
print(json.dumps({"seconds": time.perf_counter() - started, "documents": docs,
                  "passages": passages}))
"""


def run(root: Path, paths: list[str]) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", STAGE, *paths], cwd=root, capture_output=True, text=True
    )
    if out.returncode:
        raise SystemExit(f"{root}: {out.stderr[-2000:]}")
    return json.loads(out.stdout.splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--baseline", required=True)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    paths = [str(Path(p).resolve()) for p in args.paths]
    roots = {args.baseline: worktree(args.baseline), "this checkout": ROOT}
    runs: dict[str, list[dict]] = {name: [] for name in roots}
    for i in range(args.rounds):
        order = list(roots) if i % 2 == 0 else list(reversed(roots))
        for name in order:
            runs[name].append(run(roots[name], paths))
    print("| version | documents | passages | read+clean+chunk s (median) |")
    print("|---|---|---|---|")
    medians = {}
    for name, results in runs.items():
        medians[name] = statistics.median(r["seconds"] for r in results)
        last = results[-1]
        print(f"| {name} | {last['documents']} | {last['passages']} | {medians[name]:.2f} |")
    print(f"\nratio: {medians['this checkout'] / medians[args.baseline]:.2f}x")


if __name__ == "__main__":
    main()
