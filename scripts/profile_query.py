#!/usr/bin/env python
"""Where a question's time goes, in process: each step of a hybrid query timed on its own
over real questions against a real index (medians, milliseconds), next to the whole
`answer.ask` in hybrid and lexical mode.

    python scripts/profile_query.py [--index .eval/bbc] [--questions data/gold/bbc.jsonl]

Steps: understanding the question (outlets, dates, speakers), BM25 tokenising and scoring,
encoding the question (the embedder the index was built with; --query-backend tries another
export for the question only), the FAISS search, the SQLite rows ranking reads of the ~200
candidates (Store.candidates), and the rest of `ask` (candidates' scores,
fusion, SQLite rows, highlights, statements, the JSON). Run with one thread, as each gunicorn
worker has one core of this machine.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import numpy as np
from _setup import ROOT  # noqa: E402

from qa import embed, vectors
from qa.answer import ask
from qa.config import DEFAULT_MODEL
from qa.evaluate import load_gold
from qa.retrieve import Retriever, SearchOptions, top_k


def timed(fn, *args) -> tuple[float, object]:
    start = time.perf_counter()
    out = fn(*args)
    return (time.perf_counter() - start) * 1000, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, default=ROOT / ".eval" / "bbc")
    parser.add_argument("--questions", type=Path, default=ROOT / "data" / "gold" / "bbc.jsonl")
    parser.add_argument("--query-backend", help="encode questions with this backend instead")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    embed.set_threads(1)
    retriever = Retriever.open(args.index, DEFAULT_MODEL)
    encoder = retriever.embedder
    if args.query_backend:
        encoder = embed.get_embedder(DEFAULT_MODEL, args.query_backend, args.index / "models")
    questions = [q.question for q in load_gold(args.questions)]
    steps: dict[str, list[float]] = {}

    def note(name: str, ms: float) -> None:
        steps.setdefault(name, []).append(ms)

    for _ in range(args.rounds):
        for q in questions:
            ms, understood = timed(retriever.understand, q)
            note("understand", ms)
            text = understood.remainder(q)
            ms, tokens = timed(retriever.lexical.tokens, text)
            note("bm25 tokens", ms)
            ms, scores = timed(retriever.lexical.scores, tokens)
            note("bm25 scores (all passages)", ms)
            ms, query = timed(encoder.encode_query, text)
            note(f"encode question ({encoder.backend})", ms)
            ms, (dense_ids, _) = timed(vectors.search, retriever.vectors, query, 100, None)
            note("faiss search (100)", ms)
            candidates = np.union1d(dense_ids, top_k(scores, 100))
            ms, _ = timed(retriever.store.candidates, candidates)
            note("sqlite rows of the candidates", ms)
            for mode in ("hybrid", "lexical"):
                ms, _ = timed(ask, retriever, q, SearchOptions(mode=mode))
                note(f"ask, {mode} (whole)", ms)
    print(f"{len(questions)} questions x {args.rounds}, {args.index}, medians in ms:")
    for name, values in steps.items():
        print(f"  {name:34s} {statistics.median(values):7.2f}")


if __name__ == "__main__":
    main()
