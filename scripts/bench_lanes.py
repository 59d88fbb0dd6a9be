#!/usr/bin/env python
"""Passages/s of a build's encoding on lanes (qa.embed.MAX_LANES: one copy of the network per
core, each on its share) against one copy on every core, one passage at a time, per backend;
and whether the vectors are the same to the bit.

    python scripts/bench_lanes.py [--backend openvino --backend onnx-int8 ...] [--rounds 3]

Passages: 200 windows of 120 words from the first BBC articles (sorted). Each round times the
same passages both ways, in turns: `encode_passages(texts)` (the lanes, as `qa index` runs
them) and `encode_passages([t])` for each text (the copy a question uses). Exports come from
the machine's export cache (QA_EXPORT_CACHE), made there if missing.
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np
from _setup import ROOT, scratch  # noqa: E402

from qa import embed
from qa.config import DEFAULT_MODEL

BBC = ROOT.parent / "shared" / "corpora" / "bbc-news"


def windows(n: int, words: int = 120) -> list[str]:
    found: list[str] = []
    for path in sorted(BBC.rglob("*.txt")):
        tokens = path.read_text(errors="replace").split()
        found += [" ".join(tokens[i : i + words]) for i in range(0, len(tokens), words)]
        if len(found) >= n:
            return found[:n]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", action="append")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--passages", type=int, default=200)
    args = parser.parse_args()
    texts = windows(args.passages)
    print(
        f"`scripts/bench_lanes.py` on {time.strftime('%Y-%m-%d')}: {len(texts)} BBC passages, "
        f"{embed.lanes()} lanes, medians of {args.rounds} rounds in turns (passages/s):\n\n"
        "| backend | one copy, a passage at a time | lanes | ratio | same vectors "
        "| lanes made in |\n"
        "|---|---:|---:|---:|---|---:|"
    )
    for backend in args.backend or ["openvino", "onnx", "onnx-int8"]:
        embedder = embed.get_embedder(DEFAULT_MODEL, backend, scratch())
        started = time.perf_counter()
        embedder._lanes()  # made and warmed, as a build's first large call makes them
        made = time.perf_counter() - started
        embedder.encode_passages(texts[:1])  # and the copy for one text
        alone_rate, lanes_rate = [], []
        for _ in range(args.rounds):
            started = time.perf_counter()
            alone = np.stack([embedder.encode_passages([t])[0] for t in texts])
            alone_rate.append(len(texts) / (time.perf_counter() - started))
            started = time.perf_counter()
            together = embedder.encode_passages(texts)
            lanes_rate.append(len(texts) / (time.perf_counter() - started))
        a, b = statistics.median(alone_rate), statistics.median(lanes_rate)
        same = "yes" if np.array_equal(alone, together) else "no"
        print(f"| {backend} | {a:.1f} | {b:.1f} | {b / a:.2f}x | {same} | {made:.2f} s |")


if __name__ == "__main__":
    main()
