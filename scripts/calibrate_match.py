#!/usr/bin/env python
"""Calibrate and check the match level ("strong" / "weak" / "none", qa/match.py).

    python scripts/calibrate_match.py            # indexes of scripts/evaluate_all.py in .eval/

For every question of every set it records the evidence the service judges a match on (best
cosine, lexical coverage; hybrid mode, default settings) and prints, per set, how many
questions each level gets: unanswerable questions (MultiHop-RAG dev's null queries, and the
off-topic questions of data/calibration/off_topic.txt asked of every corpus) should be flagged,
answerable ones (every gold set, SciFact, MultiHop-RAG's answerable) should not. `--sweep`
also prints the trade-off for other thresholds. Writes .eval/match.json for docs.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from evaluate_all import DATASETS, WORK, ensure_index  # noqa: E402

from qa import match  # noqa: E402
from qa.evaluate import load_beir, load_gold, load_multihop  # noqa: E402
from qa.retrieve import Retriever, SearchOptions  # noqa: E402

OFF_TOPIC = ROOT / "data" / "calibration" / "off_topic.txt"


def question_sets(name: str, spec: dict) -> dict[str, list[str]]:
    """(label -> questions) for one corpus: its answerable questions, its null ones if any,
    and the off-topic list."""
    sets: dict[str, list[str]] = {}
    if "gold" in spec:
        sets["answerable"] = [q.question for q in load_gold(spec["gold"])]
    if "beir" in spec:
        sets["answerable"] = list(load_beir(spec["beir"])[0].values())
    if "multihop" in spec:
        questions = load_multihop(spec["multihop"])
        sets["answerable"] = [q.query for q in questions if q.facts]
        sets["null (no answer in corpus)"] = [q.query for q in questions if not q.facts]
    sets["off-topic"] = [line for line in OFF_TOPIC.read_text().splitlines() if line.strip()]
    return sets


def collect(names: list[str]) -> dict:
    out: dict = {}
    for name in names:
        folder, _ = ensure_index(name, DATASETS[name], WORK, rebuild=False)
        retriever = Retriever.open(folder, "all-MiniLM-L6-v2")
        for label, questions in question_sets(name, DATASETS[name]).items():
            rows = []
            for q in questions:
                found = retriever.query(q, SearchOptions(k=10))
                rows.append(found.evidence)
            out[f"{name}: {label}"] = rows
            print(f"{name}: {label}: {len(rows)} questions", file=sys.stderr)
    return out


def table(data: dict) -> list[str]:
    lines = [
        "| set | questions | strong | weak | none | flagged (weak or none) |",
        "|---|---|---|---|---|---|",
    ]
    for label, rows in data.items():
        levels = [match.level(e) for e in rows]
        n = len(levels)
        counts = {lv: levels.count(lv) for lv in match.LEVELS}
        flagged = counts[match.WEAK] + counts[match.NONE]
        lines.append(
            f"| {label} | {n} | {counts['strong']} | {counts['weak']} | {counts['none']} | "
            f"{flagged} ({flagged / n:.0%}) |"
        )
    return lines


def sweep(data: dict) -> None:
    """Flag rates for a grid of (cosine, coverage) thresholds of the rule in qa/match.py."""
    saved = (match.WEAK_COSINE, match.STRONG_COVERAGE)
    for cosine in (0.35, 0.4, 0.45, 0.5):
        for coverage in (0.7, 0.8, 0.9, 1.01):
            match.WEAK_COSINE, match.STRONG_COVERAGE = cosine, coverage
            rates = []
            for label, rows in data.items():
                flagged = sum(match.level(e) != match.STRONG for e in rows)
                rates.append(
                    f"{label.split(':')[0][:4]}/{label.split(': ')[1][:4]} "
                    f"{flagged / len(rows):.2f}"
                )
            print(f"cos<{cosine} cov<{coverage}: " + ", ".join(rates))
    match.WEAK_COSINE, match.STRONG_COVERAGE = saved


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
    print("\n".join(table(data)))


if __name__ == "__main__":
    main()
