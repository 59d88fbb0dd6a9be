#!/usr/bin/env python
"""An experiment, kept for its figures: exact top-100 BM25 by MaxScore with term-level bounds
(qa/lexical_query.py) against bm25s's scoring of every passage, per question, in process.

    python scripts/bench_bm25_pruning.py .bench/synthetic-1000000

The 75 gold questions, each run once to warm the page cache and once timed. Prints the medians
(ms), the share of the passages-with-a-word-in-common the pruned search scored, and on how many
questions the two top-100 score lists are identical.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import numpy as np
from _setup import ROOT  # noqa: F401
from loadtest import questions

from qa import fusion, layout
from qa.lexical import Lexical
from qa.lexical_query import LexicalQuery, Postings
from qa.retrieve import top_k


def main() -> None:
    lexical = Lexical(layout.resolve(Path(sys.argv[1])) / layout.LEXICAL)
    scores = lexical.model.scores
    indptr = np.asarray(scores["indptr"])
    upper = np.full(indptr.size - 1, np.nan, dtype=np.float32)

    def bounds(terms: np.ndarray) -> np.ndarray:
        for t in terms[np.isnan(upper[terms])]:
            start, end = int(indptr[t]), int(indptr[t + 1])
            upper[t] = scores["data"][start:end].max() if end > start else 0.0
        return upper[terms]

    postings = Postings(scores["data"], scores["indices"], indptr, lexical.num_docs, bounds)
    old, new, share, equal = [], [], [], 0
    for timed in (False, True):
        for question in questions():
            tokens = lexical.tokens(question)
            started = time.perf_counter()
            whole = lexical.scores(tokens)
            ids = np.flatnonzero(whole > 0)
            combined = fusion.combine_lexical(whole[ids], [], 0.5)
            best = combined[top_k(combined, 100)]
            middle = time.perf_counter()
            query = LexicalQuery(postings, lexical.model.get_tokens_ids(tokens), [], 0.5, None)
            pruned_ids, pruned = query.top(100)
            pruned_best = pruned[top_k(pruned, 100)]
            ended = time.perf_counter()
            if timed:
                old.append((middle - started) * 1000)
                new.append((ended - middle) * 1000)
                share.append(pruned_ids.size / max(ids.size, 1))
                equal += np.array_equal(np.sort(best), np.sort(pruned_best))
    print(
        f"all passages p50 {statistics.median(old):.1f} ms; MaxScore p50 "
        f"{statistics.median(new):.1f} ms, max {max(new):.1f} ms; scored "
        f"{statistics.median(share):.2f} of the passages with a word in common; identical "
        f"top-100 scores on {equal} of {len(old)} questions"
    )


if __name__ == "__main__":
    main()
