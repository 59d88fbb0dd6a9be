#!/usr/bin/env python
"""Compare chunking settings (passage words, title context) by retrieval quality.

Builds each variant under .eval/chunking/<dataset>-<words>-<title|notitle> and appends a table
to docs/tuning.md. The default (120 words, 1 sentence overlap, title context on) is the one
`scripts/evaluate_all.py` reports; the others are built here.

    python scripts/tune_chunking.py            # about 20 minutes on 2 cores
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from evaluate_all import DATASETS, ensure_index  # noqa: E402

from qa.config import DEFAULT_MODEL, ChunkSettings  # noqa: E402
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


def main() -> None:
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
        settings = ChunkSettings(max_words=words, overlap_sentences=1, title_context=title)
        if settings == ChunkSettings():  # the default: the index evaluate_all.py built
            folder, info = ensure_index(name, DATASETS[name], ROOT / ".eval", False, settings)
        else:
            tag = f"{name}-{words}-{'title' if title else 'notitle'}"
            folder, info = ensure_index(tag, DATASETS[name], work, False, settings)
        r = Retriever.open(folder, DEFAULT_MODEL)
        cells = []
        for mode in ("dense", "hybrid"):
            options = SearchOptions(k=20, mode=mode)
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
