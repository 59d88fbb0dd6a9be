#!/usr/bin/env python
"""What BM25 costs per question at large sizes, in process, one thread: the scores of every
passage (bm25s's numpy `get_scores`; bm25s's numba scorer, which qa used from 100k passages on
until 2026-11-27; qa's blocked numba kernel, which it uses now), finding the passages with a
word in common, and the top 100 of them (`retrieve.top_k`); the top 100 straight from the
scores (`retrieve.top_positive`, and the numpy way it took before); and from the scores to the
100 best combined scores, by gathering the passages with a word first (`gathered_pool`, as
ranking did before) and by retrieve.LexicalScores (`dense_pool`); the same for the questions
with clauses, gathering first and by compiled passes (`clause_pool_*`).

    python scripts/bench_bm25_scoring.py .bench/synthetic-1000000 .bench/synthetic-10000000

An index folder, or a BM25 folder itself (a build's `lexical/`, even one still being staged).

Questions: the 75 gold questions (data/gold/articles.jsonl and bbc.jsonl), after 5 warm-ups,
so the postings they read are in the page cache. Prints one JSON object per index (medians,
ms) and the postings a question reads.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402
from _setup import ROOT  # noqa: E402,F401
from loadtest import questions  # noqa: E402

from qa import fusion, layout  # noqa: E402
from qa.lexical import Lexical, tokens_of  # noqa: E402
from qa.retrieve import LexicalScores, _best_above, _sampled_floor, top_k, top_positive  # noqa: E402


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000


def measure(index_dir: Path) -> dict:
    folder = index_dir if (index_dir / "params.index.json").is_file() else None
    folder = folder or layout.resolve(index_dir) / layout.LEXICAL
    lexical = Lexical(folder, compiled=False)
    tokens = [tokens_of(q) for q in questions()]
    indptr = np.asarray(lexical.model.scores["indptr"])
    vocab = lexical.model.vocab_dict
    postings = [
        int(sum(indptr[vocab[t] + 1] - indptr[vocab[t]] for t in ts if t in vocab)) for ts in tokens
    ]
    for ts in tokens[:5]:
        lexical.scores(ts)
    times: dict[str, list[float]] = {
        "scores_numpy": [],
        "nonzero": [],
        "top100": [],
        "gathered_pool": [],
        "dense_pool": [],
        "top_positive_sampled": [],
        "top_positive": [],
    }
    reference = []  # a few score arrays to compare numba's with (10M floats each at 10M)
    for i, ts in enumerate(tokens):
        started = time.perf_counter()
        scores = lexical.scores(ts)
        times["scores_numpy"].append(_ms(started))
        started = time.perf_counter()
        pool = np.flatnonzero(scores > 0)
        times["nonzero"].append(_ms(started))
        started = time.perf_counter()
        top_k(scores[pool], 100)
        times["top100"].append(_ms(started))
        # From the scores to the 100 best and their combined scores: the way ranking did it
        # before (gather the passages with a word, combine, top 100), and retrieve.LexicalScores.
        started = time.perf_counter()
        pool = np.flatnonzero(scores > 0)
        combined = fusion.combine_lexical(scores[pool], [], 0.5)
        best = top_k(combined, 100)
        gathered = np.sort(combined[best])
        times["gathered_pool"].append(_ms(started))
        started = time.perf_counter()
        _, dense = LexicalScores.of(scores, [], 0.5, None).pool(100)
        times["dense_pool"].append(_ms(started))
        assert np.array_equal(gathered, np.sort(dense))
        # The 100 best above 0 from the array over every passage: numpy above a sampled
        # floor (what top_positive did at every size before 2026-11-27), and top_positive
        # (one compiled pass from 100k passages on), alternately.
        for name, pick in (
            (
                "top_positive_sampled",
                lambda s=scores: _best_above(s, _sampled_floor(s, 100, 0), 100),
            ),
            ("top_positive", lambda s=scores: top_positive(s, 100)),
        ):
            started = time.perf_counter()
            picked = pick()
            times[name].append(_ms(started))
            assert np.array_equal(
                np.sort(scores[picked]), np.sort(scores[top_positive(scores, 100)])
            )
        if i < 5:
            reference.append(scores)
    out: dict = {
        "index": str(index_dir),
        "passages": lexical.num_docs,
        "postings_p50": statistics.median(postings),
        "postings_max": max(postings),
        **{f"{k}_ms": statistics.median(v) for k, v in times.items()},
    }
    started = time.perf_counter()
    lexical = Lexical(folder, compiled=True)
    out["numba_load_s"] = _ms(started) / 1000  # compiled once per machine, then read back
    out["numba_equal"] = all(
        np.array_equal(lexical.scores(ts), ref) for ts, ref in zip(tokens, reference, strict=False)
    )
    # bm25s's own numba scorer (njit of its loop, as BM25.activate_numba_scorer does), timed
    # alternately with qa's kernel on the same questions.
    from bm25s.scoring import _compute_relevance_from_scores_jit_ready
    from numba import njit

    theirs = Lexical(folder, compiled=False)
    theirs.model._compute_relevance_from_scores = njit(nogil=True)(
        _compute_relevance_from_scores_jit_ready
    )
    out["bm25s_numba_equal"] = all(
        np.array_equal(theirs.scores(ts), ref) for ts, ref in zip(tokens, reference, strict=False)
    )
    numba_times: dict[str, list[float]] = {"scores_numba_ms": [], "scores_bm25s_numba_ms": []}
    for ts in tokens:
        for name, scorer in (("scores_numba_ms", lexical), ("scores_bm25s_numba_ms", theirs)):
            started = time.perf_counter()
            scorer.scores(ts)
            numba_times[name].append(_ms(started))
    out.update({k: statistics.median(v) for k, v in numba_times.items()})
    out["numba_speedup"] = out["scores_bm25s_numba_ms"] / out["scores_numba_ms"]
    out.update(_clause_pools(lexical))
    return out


def _clause_pools(lexical: Lexical) -> dict:
    """Questions with two clauses or more (fusion.clauses): from the scores to the 100 best
    combined, gathering the passages with a word first (`compiled=False`, how it was done
    at every size before 2026-11-27) and by the compiled passes over every passage,
    alternately; their maxima (`LexicalScores.of`) included."""
    times: dict[str, list[float]] = {"clause_pool_gathered_ms": [], "clause_pool_compiled_ms": []}
    for question in questions():
        pieces = [tokens_of(p) for p in fusion.clauses(question)]
        pieces = [p for p in pieces if len(p) >= fusion.MIN_CLAUSE_TOKENS]
        if len(pieces) < 2:
            continue
        whole = lexical.scores(tokens_of(question))
        clauses = [lexical.scores(p) for p in pieces]
        pools = []
        for name, compiled in (
            ("clause_pool_gathered_ms", False),
            ("clause_pool_compiled_ms", True),
        ):
            started = time.perf_counter()
            pools.append(LexicalScores.of(whole, clauses, 0.5, None, compiled).pool(100)[1])
            times[name].append(_ms(started))
        assert np.array_equal(np.sort(pools[0]), np.sort(pools[1])), question
    out: dict = {k: statistics.median(v) for k, v in times.items() if v}
    out["clause_questions"] = len(times["clause_pool_compiled_ms"])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("index_dirs", nargs="+", type=Path)
    args = parser.parse_args()
    for index_dir in args.index_dirs:
        print(json.dumps(measure(index_dir)), flush=True)


if __name__ == "__main__":
    main()
