#!/usr/bin/env python
"""Whether a hybrid question's dense side (encoding the question, searching the graph) should
run on a second thread beside its BM25 side: in process, one thread per library as in a
gunicorn worker of this machine, each question asked hybrid with and without the overlap
(alternating which goes first) and lexical, medians in ms.

    python scripts/bench_overlap.py .eval/bbc .bench/synthetic-100000 .bench/synthetic-1000000

Questions: the 75 gold questions (data/gold/articles.jsonl and bbc.jsonl), each asked once
untimed first. Retriever.overlap is what `qa` decides from the index's size
(retrieve.OVERLAP_FROM); this sets it both ways. Prints one JSON object per index.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

from _setup import ROOT  # noqa: E402,F401
from loadtest import questions  # noqa: E402

from qa import embed  # noqa: E402
from qa.answer import ask  # noqa: E402
from qa.config import DEFAULT_MODEL  # noqa: E402
from qa.retrieve import Retriever, SearchOptions  # noqa: E402


def ms(fn) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def measure(index: Path, rounds: int) -> dict:
    retriever = Retriever.open(index, DEFAULT_MODEL)
    decided = retriever.overlap
    asked = questions()
    hybrid, lexical = SearchOptions(mode="hybrid"), SearchOptions(mode="lexical")
    for q in asked:
        ask(retriever, q, hybrid)
    times: dict[str, list[float]] = {"overlap": [], "sequential": [], "lexical": []}
    for round_ in range(rounds):
        for n, q in enumerate(asked):
            order = [True, False] if (n + round_) % 2 else [False, True]
            for overlap in order:
                retriever.overlap = overlap
                name = "overlap" if overlap else "sequential"
                times[name].append(ms(lambda: ask(retriever, q, hybrid)))  # noqa: B023
            times["lexical"].append(ms(lambda: ask(retriever, q, lexical)))  # noqa: B023
    medians = {name: round(statistics.median(v), 2) for name, v in times.items()}
    return {
        "index": str(index),
        "passages": retriever.counts["passages"],
        "overlap_by_default": decided,
        "questions": len(asked) * rounds,
        **{f"{name}_p50_ms": value for name, value in medians.items()},
        "saved_ms": round(medians["sequential"] - medians["overlap"], 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("indexes", type=Path, nargs="+")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    embed.set_threads(1)
    for index in args.indexes:
        print(json.dumps(measure(index, args.rounds)), flush=True)


if __name__ == "__main__":
    main()
