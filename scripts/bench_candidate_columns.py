#!/usr/bin/env python
"""What the candidate columns (qa/candidate_columns.py) save a question, in process: the same
index answered with the candidates' fields read from the arrays beside the store or from its
SQLite rows, alternating question by question.

    python scripts/bench_candidate_columns.py --index-dir .bench/synthetic-1000000

Questions: BBC headlines (first lines of the corpus's articles, shuffled), each asked once,
so the candidates differ from question to question as a real stream of questions does (the
75 gold questions asked round after round would find their rows in SQLite's own page cache).
One thread, as a worker has; medians and p90 per mode, in ms; and the lookup alone of 200
random passages' fields, each way.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from pathlib import Path

import numpy as np
from _setup import ROOT  # noqa: E402

from qa import embed, layout
from qa.answer import ask
from qa.candidate_columns import CandidateColumns
from qa.config import DEFAULT_MODEL
from qa.retrieve import Retriever, SearchOptions
from qa.store import Store

BBC = ROOT.parent / "shared" / "corpora" / "bbc-news"


def headlines() -> list[str]:
    found = []
    for path in sorted(BBC.rglob("*.txt")):
        lines = path.read_bytes().decode("utf-8", errors="replace").splitlines()
        if lines and len(lines[0].split()) >= 3:
            found.append(lines[0].strip())
    random.Random(1).shuffle(found)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index-dir", type=Path, default=ROOT / ".bench" / "synthetic-1000000")
    parser.add_argument("--questions", type=int, default=800)
    args = parser.parse_args()
    embed.set_threads(1)
    retriever = Retriever.open(args.index_dir, DEFAULT_MODEL)
    build = layout.resolve(args.index_dir)
    if CandidateColumns.open(build) is None:
        raise SystemExit(f"error: {args.index_dir} was built before the candidate columns")
    stores = {
        "columns": retriever.store,
        "SQLite rows": Store(build / layout.META, use_columns=False),
    }
    questions = headlines()
    warm, asked = questions[:20], questions[20 : 20 + args.questions]
    times = {(mode, way): [] for mode in ("hybrid", "lexical", "200 ids") for way in stores}
    for mode in ("hybrid", "lexical"):
        for q in warm:
            ask(retriever, q, SearchOptions(mode=mode))
        for i, q in enumerate(asked):
            way = list(stores)[i % 2]
            retriever.store = stores[way]
            started = time.perf_counter()
            ask(retriever, q, SearchOptions(mode=mode))
            times[(mode, way)].append((time.perf_counter() - started) * 1000)
    # The lookup alone: 200 random passages' fields, as a question's candidates are spread
    rng = np.random.default_rng(0)
    for i in range(400):
        ids = np.sort(rng.choice(retriever.vectors.ntotal, 200, replace=False))
        way = list(stores)[i % 2]
        started = time.perf_counter()
        stores[way].candidates(ids)
        times[("200 ids", way)].append((time.perf_counter() - started) * 1000)
    print(f"{args.index_dir}, {len(asked)} headlines per mode, each asked once (ms):")
    for (mode, way), values in times.items():
        p90 = statistics.quantiles(values, n=10)[-1]
        print(f"  {mode:8s} {way:12s} p50 {statistics.median(values):6.2f}  p90 {p90:6.2f}")


if __name__ == "__main__":
    main()
