#!/usr/bin/env python
"""Draw web-news articles from MultiHop-RAG's corpus for a statement gold set, and write
their texts (as `qa index` loads them) outside the repository for annotators.

    .venv/bin/python scripts/draw_web_articles.py OUT_DIR [--seed 1313] [--n 12]

Why. Every other statement gold set is BBC prose of 2004-2005; the finder's faults on web
news of 49 outlets (bylines, newsletter boxes, related-link headlines, "CEO X") never show
there. The corpus may not be committed, so the gold set keeps offsets into each record's
`body` (scripts/web_gold.py) and the texts the annotators read stay in OUT_DIR.

Which articles: 4,000 to 12,000 characters (an annotator reads all of it) with at least four
speech cues (quotation marks, "said", "says"), at most one per outlet, drawn at random.
OUT_DIR gets NN.txt per article and articles.json (NN -> url, outlet, title).
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

from _setup import ROOT  # noqa: E402

from qa.load import load_documents  # noqa: E402

CORPUS = ROOT.parent / "shared" / "benchmarks" / "multihop-rag" / "corpus.json"
CUES = re.compile(r"[“”\"]|\bsaid\b|\bsays\b")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--seed", type=int, default=1313)
    parser.add_argument("--n", type=int, default=12)
    parser.add_argument("--exclude", type=Path, help="articles.json of an earlier draw")
    args = parser.parse_args()
    records = {r["url"]: r for r in json.loads(args.corpus.read_text())}
    excluded = set()
    if args.exclude:
        excluded = {a["url"] for a in json.loads(args.exclude.read_text()).values()}
    docs = [
        d
        for d in load_documents([args.corpus], [])
        if 4000 <= len(d.text) <= 12000
        and len(CUES.findall(d.text)) >= 4
        and d.source not in excluded
    ]
    random.Random(args.seed).shuffle(docs)
    chosen, outlets = [], set()
    for doc in docs:
        outlet = records[doc.source]["source"]
        if outlet in outlets:
            continue
        outlets.add(outlet)
        chosen.append(doc)
        if len(chosen) == args.n:
            break
    args.out.mkdir(parents=True, exist_ok=True)
    index = {}
    for n, doc in enumerate(chosen, 1):
        name = f"{n:02d}"
        (args.out / f"{name}.txt").write_text(doc.text, encoding="utf-8")
        record = records[doc.source]
        index[name] = {"url": doc.source, "outlet": record["source"], "title": record["title"]}
    (args.out / "articles.json").write_text(json.dumps(index, indent=1), encoding="utf-8")
    for name, a in index.items():
        print(name, a["outlet"], "|", a["title"][:70])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
