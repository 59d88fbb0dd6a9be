#!/usr/bin/env python
"""What finding who said what (qa/quotes.py) costs a build: index throughput with and
without it, in the same run, on the same corpus.

    python scripts/bench_attribution.py [--corpus DIR] [--rounds N] [--cold]

Builds alternate (with, without, with, ...) into fresh index folders, so both see the same
machine state. Two settings:
- warm (default): each folder starts with a copy of the embedding cache and ONNX export of a
  first build, so nothing is embedded and the build is load + clean + chunk + attribution +
  SQLite + BM25 + vectors: the worst case for attribution's share;
- --cold: nothing copied, every passage embedded (a first build into a new folder, the
  machine's ONNX export cache filled beforehand; one round each unless --rounds says more,
  about 4 minutes per build on BBC);
- --statements-cached: warm, and the first build's statement cache (qa/statement_cache.py)
  copied in too: a rebuild or `qa index --add` of articles the folder has seen.
Prints articles per second of each build, the medians and their ratio (with / without), and
writes the result as JSON with --json.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from _setup import ROOT  # noqa: E402

from qa.build import build_index
from qa.config import DEFAULT_BACKEND, ChunkSettings
from qa.embed import get_embedder
from qa.layout import MODELS
from qa.statement_cache import FOLDER

MODEL = "all-MiniLM-L6-v2"
BBC = ROOT.parent / "shared" / "corpora" / "bbc-news"


def one_build(corpus: Path, folder: Path, statements: bool) -> dict:
    started = time.perf_counter()
    report = build_index(
        [corpus], folder, MODEL, ChunkSettings(), progress=False, statements=statements
    )
    seconds = time.perf_counter() - started
    return {
        "statements": statements,
        "seconds": round(seconds, 3),
        "articles": report.articles,
        "found": report.statements,
        "articles_per_s": round(report.articles / seconds, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=BBC)
    parser.add_argument("--rounds", type=int, help="pairs of builds (3; 1 with --cold)")
    parser.add_argument("--cold", action="store_true")
    parser.add_argument("--statements-cached", action="store_true")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--out", type=Path, help="write the result as a Markdown table here")
    args = parser.parse_args()
    if not args.corpus.exists():
        sys.exit(f"error: {args.corpus} not found")
    rounds = args.rounds or (1 if args.cold else 3)
    runs = []
    with tempfile.TemporaryDirectory(prefix="bench-attribution-") as tmp:
        seed = Path(tmp) / "seed"
        if not args.cold:
            print("first build (fills the embedding cache and the ONNX export) ...", flush=True)
            one_build(args.corpus, seed, True)
        else:  # the machine's export cache filled first: no build in the run pays for it
            get_embedder(MODEL, DEFAULT_BACKEND, seed / MODELS)
        for n in range(rounds):
            for statements in (True, False):
                folder = Path(tmp) / f"run-{n}-{int(statements)}"
                if not args.cold:
                    parts = ["cache", MODELS] + [FOLDER] * args.statements_cached
                    for part in parts:
                        shutil.copytree(seed / part, folder / part)
                run = one_build(args.corpus, folder, statements)
                runs.append(run)
                print(json.dumps(run), flush=True)
                shutil.rmtree(folder)
    med = {
        flag: statistics.median(r["articles_per_s"] for r in runs if r["statements"] is flag)
        for flag in (True, False)
    }
    setting = "cold" if args.cold else "warm"
    setting += ", statements cached" if args.statements_cached and not args.cold else ""
    result = {
        "corpus": str(args.corpus),
        "setting": setting,
        "backend": DEFAULT_BACKEND,
        "rounds": rounds,
        "runs": runs,
        "median_articles_per_s_with": med[True],
        "median_articles_per_s_without": med[False],
        "ratio": round(med[True] / med[False], 3),
    }
    print(
        f"{result['setting']}: {med[True]:.2f} articles/s with attribution, {med[False]:.2f} "
        "without: "
        f"ratio {result['ratio']}"
    )
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))
    if args.out:
        rows = [
            f"| {'with' if r['statements'] else 'without'} | {r['seconds']} | {r['articles']} | "
            f"{r['found']} | {r['articles_per_s']} |"
            for r in runs
        ]
        args.out.write_text(
            "\n".join(
                [
                    f"`scripts/bench_attribution.py{' --cold' if args.cold else ''}"
                    f"{' --statements-cached' if args.statements_cached else ''}` on "
                    f"{time.strftime('%Y-%m-%d')}, {args.corpus.name}, backend "
                    f"{DEFAULT_BACKEND}, builds alternating ({result['setting']}: "
                    + (
                        "every passage embedded"
                        if args.cold
                        else "embedding cache, ONNX export and statement cache copied in: "
                        "a rebuild of articles the folder has seen"
                        if args.statements_cached
                        else "embedding cache and ONNX export copied in, nothing embedded: "
                        "the worst case for attribution's share"
                    )
                    + "):",
                    "",
                    "| attribution | seconds | articles | statements | articles/s |",
                    "|---|---:|---:|---:|---:|",
                    *rows,
                    "",
                    f"Median throughput with attribution / without: **{result['ratio']}** "
                    f"({med[True]:.2f} / {med[False]:.2f} articles/s).",
                ]
            )
            + "\n"
        )


if __name__ == "__main__":
    main()
