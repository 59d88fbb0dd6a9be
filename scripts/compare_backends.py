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
from datetime import UTC, datetime
from pathlib import Path

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
    backends = ["torch", *(args.backend or ["onnx", "onnx-int8"])]
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
        "| set | metric | mode | "
        + " | ".join(backends)
        + "".join(f" | {b} - torch" for b in backends[1:])
        + " |",
        "|---|---|---|" + "---|" * (2 * len(backends) - 1),
    ]
    worst = {b: 0.0 for b in backends[1:]}
    for name in names:
        metric = METRICS[name]
        for mode in results["torch"][name]["modes"]:
            values = [results[b][name]["modes"][mode]["overall"][metric] for b in backends]
            changes = [100 * (v - values[0]) for v in values[1:]]
            for b, change in zip(backends[1:], changes, strict=True):
                worst[b] = min(worst[b], change)
            lines.append(
                f"| {name} | {metric} | {mode} | "
                + " | ".join(f"{v:.3f}" for v in values)
                + "".join(f" | {c:+.1f} pt" for c in changes)
                + " |"
            )
    lines.append("")
    for b, loss in worst.items():
        verdict = "within" if loss >= -1.0 else "outside"
        lines.append(
            f"- {b}: largest loss against torch in any row {loss:+.1f} points, {verdict} the "
            "1-point rule for a default backend."
        )
    args.out.write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
