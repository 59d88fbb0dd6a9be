#!/usr/bin/env python
"""Calibrate and check the match level ("strong" / "weak" / "none", qa/match.py).

    python scripts/calibrate_match.py            # indexes of scripts/evaluate_all.py in .eval/

For every question of every set it records the evidence the service judges a match on (best
cosine, lexical coverage; hybrid mode, default settings; `match_evidence` in evaluate_all.py,
which writes the same table into docs/evaluation.md) and prints, per set, how many questions
each level gets: unanswerable questions (MultiHop-RAG dev's null queries, and the
off-topic questions of data/calibration/off_topic.txt asked of every corpus) should be flagged,
answerable ones (every gold set, SciFact, MultiHop-RAG's answerable) should not. `--sweep`
also prints the trade-off for other thresholds. Writes .eval/match.json for docs.
"""

from __future__ import annotations

import argparse
import json
import sys

import _setup  # noqa: E402,F401
from evaluate_all import DATASETS, WORK, ensure_index, match_evidence, match_table  # noqa: E402

from qa import match  # noqa: E402
from qa.retrieve import Retriever  # noqa: E402


def collect(names: list[str]) -> dict:
    out: dict = {}
    for name in names:
        folder, _ = ensure_index(name, DATASETS[name], WORK, rebuild=False)
        retriever = Retriever.open(folder, "all-MiniLM-L6-v2")
        for label, rows in match_evidence(name, retriever).items():
            out[f"{name}: {label}"] = rows
            print(f"{name}: {label}: {len(rows)} questions", file=sys.stderr)
    return out


def sweep(data: dict) -> None:
    """Flag rates for a grid of (cosine, coverage) thresholds of the rule in qa/match.py."""
    saved = (match.STRONG_COSINE, match.MID_COSINE, match.MID_COVERAGE)
    for cosine in (0.4, 0.45, 0.5):
        for mid, coverage in ((0.3, 0.6), (0.3, 0.7), (0.35, 0.6), (1.0, 1.0)):
            match.STRONG_COSINE, match.MID_COSINE, match.MID_COVERAGE = cosine, mid, coverage
            rates = []
            for label, rows in data.items():
                flagged = sum(match.level(e) != match.STRONG for e in rows)
                rates.append(
                    f"{label.split(':')[0][:4]}/{label.split(': ')[1][:4]} "
                    f"{flagged / len(rows):.2f}"
                )
            print(f"strong cos>={cosine}, mid cos>={mid} & cov>={coverage}: " + ", ".join(rates))
    match.STRONG_COSINE, match.MID_COSINE, match.MID_COVERAGE = saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", choices=list(DATASETS))
    parser.add_argument("--sweep", action="store_true")
    parser.add_argument("--reuse", action="store_true", help="Read .eval/match.json again.")
    args = parser.parse_args()
    cache = WORK / "match.json"
    if args.reuse and cache.exists():
        data = json.loads(cache.read_text())
    else:
        data = collect(args.only or list(DATASETS))
        cache.write_text(json.dumps(data))
    if args.sweep:
        sweep(data)
    print("\n".join(match_table(data)))


if __name__ == "__main__":
    main()
