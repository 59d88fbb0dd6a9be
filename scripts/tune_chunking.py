#!/usr/bin/env python
"""Compare chunking settings (passage words, title context) by retrieval quality.

Builds each variant with the default embedding backend under
.eval/chunking/<dataset>-<words>-<title|notitle> and appends a table to docs/tuning.md. The
default (qa.config.ChunkSettings: 200 words, 1 sentence overlap, title context on) is the
index `scripts/evaluate_all.py` builds under .eval/<dataset>, reused here; the others are built
here. Hybrid rows use the default fusion weights (SearchOptions.weights).

    python scripts/tune_chunking.py                    # about 20 minutes on 2 cores
    python scripts/tune_chunking.py --datasets articles
"""

from __future__ import annotations

import argparse
from pathlib import Path

from _setup import ROOT  # noqa: E402
from evaluate_all import DATASETS, ensure_index  # noqa: E402

from qa.config import DEFAULT_BACKEND, DEFAULT_MODEL, ChunkSettings  # noqa: E402
from qa.evaluate import evaluate_beir, evaluate_gold, load_gold  # noqa: E402
from qa.retrieve import Retriever, SearchOptions  # noqa: E402

VARIANTS = [
    ("articles", 120, True),
    ("articles", 120, False),
    ("articles", 60, True),
    ("articles", 160, True),
    ("articles", 200, True),
    ("bbc", 120, True),
    ("bbc", 120, False),
    ("bbc", 60, True),
    ("bbc", 160, True),
    ("bbc", 200, True),
    ("scifact", 120, True),
    ("scifact", 120, False),
    ("scifact", 200, True),
]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter
    )
    names = sorted({name for name, _, _ in VARIANTS})
    parser.add_argument(
        "--datasets", nargs="+", choices=names, default=names, help="data sets to compare"
    )
    return parser.parse_args(argv)


def build_variant(name: str, settings: ChunkSettings, work: Path) -> tuple[Path, dict]:
    """The index of one chunking variant, built with the default backend if missing."""
    if settings == ChunkSettings():  # the default: the index evaluate_all.py built
        return ensure_index(
            name, DATASETS[name], ROOT / ".eval", False, settings, backend=DEFAULT_BACKEND
        )
    tag = f"{name}-{settings.max_words}-{'title' if settings.title_context else 'notitle'}"
    return ensure_index(tag, DATASETS[name], work, False, settings, backend=DEFAULT_BACKEND)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    work = ROOT / ".eval" / "chunking"
    rows = [
        "",
        "## Chunking and title context (hybrid, default cap)",
        "",
        "| data set | words | title context | passages | build s | dense R@5 / nDCG@10 "
        "| hybrid R@5 / nDCG@10 | hybrid MRR@10 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, words, title in VARIANTS:
        if name not in args.datasets:
            continue
        settings = ChunkSettings(max_words=words, overlap_sentences=1, title_context=title)
        folder, info = build_variant(name, settings, work)
        r = Retriever.open(folder, DEFAULT_MODEL)
        cells = []
        for mode in ("dense", "hybrid"):
            options = SearchOptions(k=20, mode=mode)  # default weights (fusion.DEFAULT)
            if "gold" in DATASETS[name]:
                o = evaluate_gold(r, load_gold(DATASETS[name]["gold"]), options)["overall"]
                cells.append((o["recall@5"], o["ndcg@10"], o["mrr@10"]))
            else:
                o = evaluate_beir(r, DATASETS[name]["beir"], options)["overall"]
                cells.append((o["recall@10"], o["ndcg@10"], o["mrr@10"]))
        rows.append(
            f"| {name} | {words} | {'on' if title else 'off'} | {info['passages']} | "
            f"{info['seconds']:.0f} | {cells[0][0]:.3f} / {cells[0][1]:.3f} | "
            f"{cells[1][0]:.3f} / {cells[1][1]:.3f} | {cells[1][2]:.3f} |"
        )
        print(rows[-1], flush=True)
    rows.append("")
    rows.append("SciFact rows show document recall@10 in place of R@5.")
    path = ROOT / "docs" / "tuning.md"
    text = path.read_text() if path.exists() else "# Tuning\n"
    marker = "\n## Chunking and title context"
    text = text.split(marker)[0].rstrip("\n") + "\n"
    path.write_text(text + "\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
