#!/usr/bin/env python
"""Quality of each embedding backend on every gold set and SciFact: writes docs/backends.md.

    python scripts/compare_backends.py [--backend onnx-int8] [--only bbc]

The int8 backend becomes the default only if it loses at most 1 point of recall@5 on every gold
set and of SciFact nDCG@10 against torch (the rule in docs/benchmarks.md); this script is the
evidence. Indexes are built under .eval/<set>[-<backend>] and reused.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import evaluate_all  # noqa: E402

from qa.config import ChunkSettings  # noqa: E402

DEFAULT_MODE = "hybrid + diversification (default)"
# (metric key, label): recall@5 for the gold sets, nDCG@10 for SciFact, both at every mode.
METRICS = {"articles": "recall@5", "bbc": "recall@5", "scifact": "ndcg@10"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", action="append", default=None)
    parser.add_argument("--only", action="append", choices=list(METRICS))
    parser.add_argument("--work", type=Path, default=evaluate_all.ROOT / ".eval")
    parser.add_argument("--out", type=Path, default=evaluate_all.ROOT / "docs" / "backends.md")
    args = parser.parse_args()
    backends = ["torch", *(args.backend or ["onnx-int8"])]
    names = args.only or list(METRICS)
    results = {
        b: evaluate_all.run(names, args.work, False, ChunkSettings(), backend=b) for b in backends
    }
    (args.work / "backends.json").write_text(json.dumps(results, indent=1))
    lines = [
        "# Embedding backends: quality",
        "",
        f"Written by `scripts/compare_backends.py` on {datetime.now(UTC):%Y-%m-%d}. Same passages,",
        "same settings; only what runs the model differs. Recall@5 on the gold sets (per",
        "question, the share of its relevant passages in the top 5), nDCG@10 on SciFact.",
        "Speed is in docs/benchmarks.md.",
        "",
        "| set | metric | mode | " + " | ".join(backends) + " | change |",
        "|---|---|---|" + "---|" * len(backends) + "---|",
    ]
    worst = 0.0
    for name in names:
        metric = METRICS[name]
        for mode in results["torch"][name]["modes"]:
            values = [results[b][name]["modes"][mode]["overall"][metric] for b in backends]
            change = 100 * (values[-1] - values[0])
            if mode == DEFAULT_MODE or name == "scifact":
                worst = min(worst, change)
            lines.append(
                f"| {name} | {metric} | {mode} | "
                + " | ".join(f"{v:.3f}" for v in values)
                + f" | {change:+.1f} pt |"
            )
    lines += [
        "",
        f"Largest loss of {backends[-1]} against torch on the rule's metrics (the default mode on",
        f"the gold sets, every mode on SciFact): {worst:+.1f} points.",
    ]
    args.out.write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
