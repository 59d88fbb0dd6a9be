#!/usr/bin/env python
"""Measure the ranking's choices on all four data sets at once and write docs/tuning.md.

    python scripts/tune_retrieval.py          # after scripts/evaluate_all.py built .eval/

Every row runs the service's own search (qa.retrieve) with one choice changed (qa.fusion.
Weights, the mode, the diversification) over the bundled-article and BBC gold sets, SciFact
and MultiHop-RAG dev, so no choice is made on one set: a default must hold on all four.
Query vectors are cached between rows (the same questions are embedded once per run), which
changes no score, only the run time.
"""

from __future__ import annotations

from dataclasses import replace

from _setup import ROOT  # noqa: E402
from evaluate_all import DATASETS, WORK, ensure_index, evaluate  # noqa: E402

from qa.config import DEFAULT_MODEL  # noqa: E402
from qa.fusion import DEFAULT  # noqa: E402
from qa.retrieve import Retriever, SearchOptions  # noqa: E402

COLUMNS = [
    ("articles", "recall@5", "articles R@5"),
    ("articles", "mrr@10", "articles MRR"),
    ("bbc", "recall@5", "BBC R@5"),
    ("bbc", "mrr@10", "BBC MRR"),
    ("scifact", "ndcg@10", "SciFact nDCG@10"),
    ("multihop", "hits@10", "MultiHop Hits@10"),
    ("multihop", "mrr@10", "MultiHop MRR@10"),
    ("multihop", "article_recall@10", "MultiHop article R@10"),
]
D = DEFAULT
MODES = [
    ("lexical", SearchOptions(mode="lexical")),
    ("dense", SearchOptions(mode="dense")),
    ("hybrid (default)", SearchOptions()),
]
FUSIONS = [
    ("RRF (k=60)", replace(D, method="rrf")),
    ("convex, alpha 0.3", replace(D, alpha=0.3, alpha_long=None)),
    ("convex, alpha 0.4", replace(D, alpha=0.4, alpha_long=None)),
    ("convex, alpha 0.5", replace(D, alpha=0.5, alpha_long=None)),
    ("convex, alpha 0.6", replace(D, alpha=0.6, alpha_long=None)),
    ("convex, alpha 0.6 -> 0.3 by length", replace(D, alpha=0.6, alpha_long=0.3)),
    ("convex, alpha 0.6 -> 0.1 by length", replace(D, alpha=0.6, alpha_long=0.1)),
    ("convex, alpha 0.5 -> 0.2 by length", replace(D, alpha=0.5, alpha_long=0.2)),
    ("alpha falls from 12 to 24 tokens (not 20)", replace(D, long_tokens=24)),
    ("no best-clause lexical score", replace(D, clause_weight=0.0)),
    ("best clause weight 0.7", replace(D, clause_weight=0.7)),
    ("article penalty 0.1", replace(D, article_penalty=0.1)),
    ("article penalty 0.2", replace(D, article_penalty=0.2)),
    ("outlet/date boost 0.25", replace(D, outlet_boost=0.25, date_boost=0.25)),
    ("outlet/date boost 1.0", replace(D, outlet_boost=1.0, date_boost=1.0)),
]
# Sections of docs/tuning.md after the tables that this script does not write.
KEPT_SECTIONS = ("## Reading the tables", "## Chunking and title context")
OTHER = [
    ("hard cap 2 per article (the old default)", SearchOptions(per_source=2)),
    ("no diversification", SearchOptions(per_source=0)),
    ("outlets and dates not used", SearchOptions(understand=False)),
]


class NamedOutletsAsFilter:
    """The retriever with the outlets a question names applied as a hard filter instead of a
    boost: the alternative the boost was chosen over."""

    def __init__(self, retriever: Retriever) -> None:
        self.retriever, self.store = retriever, retriever.store

    def search(self, question: str, options: SearchOptions):
        named = tuple(self.retriever.understand(question).outlets)
        if named:
            options = replace(options, filters=replace(options.filters, outlets=named))
        return self.retriever.search(question, options)


def open_cached(name: str) -> Retriever:
    folder, _ = ensure_index(name, DATASETS[name], WORK)
    retriever = Retriever.open(folder, DEFAULT_MODEL)
    encode, cache = retriever.embedder.encode_query, {}

    def cached(text: str):
        if text not in cache:
            cache[text] = encode(text)
        return cache[text]

    retriever.embedder.encode_query = cached
    return retriever


def score(name: str, retriever, options: SearchOptions) -> dict[str, float]:
    return evaluate(DATASETS[name], retriever, options)["overall"]


def table(
    title: str, rows: list[tuple[str, SearchOptions]], retrievers: dict, wrap=None
) -> list[str]:
    out = [
        f"## {title}",
        "",
        "| variant | " + " | ".join(label for _, _, label in COLUMNS) + " |",
        "|---|" + "---|" * len(COLUMNS),
    ]
    for label, options in rows:
        results = {
            name: score(name, wrap(r) if wrap else r, options) for name, r in retrievers.items()
        }
        cells = [f"{results[name][metric]:.3f}" for name, metric, _ in COLUMNS]
        out.append(f"| {label} | " + " | ".join(cells) + " |")
        print(out[-1], flush=True)
    return out + [""]


def main() -> None:
    retrievers = {name: open_cached(name) for name in ("articles", "bbc", "scifact", "multihop")}
    out = [
        "# Tuning retrieval",
        "",
        "Written by `python scripts/tune_retrieval.py` over the indexes of "
        "`scripts/evaluate_all.py`: every row is the service's search with one choice changed, "
        "on all four sets at once. Gold sets: passage recall@5 and MRR@10 (top 20, metrics cut "
        "at 10); SciFact: document nDCG@10; MultiHop-RAG dev: the authors' Hits@10 and MRR@10 "
        "and evidence-article recall@10 on its 564 answerable questions (top 10). Unless a row "
        "says otherwise: hybrid, the default weights "
        f"({D}), automatic diversification, outlets and dates used.",
        "",
    ]
    out += table("Modes", MODES, retrievers)
    out += table(
        "Fusion and its constants",
        [(label, SearchOptions(weights=w)) for label, w in FUSIONS],
        retrievers,
    )
    out += table("Diversification and understanding", OTHER, retrievers)
    out += table(
        "Named outlets as a filter instead of a boost",
        [("outlets the question names as a hard filter", SearchOptions())],
        retrievers,
        wrap=NamedOutletsAsFilter,
    )
    path = ROOT / "docs" / "tuning.md"
    kept = ""
    old = path.read_text() if path.exists() else ""
    for heading in KEPT_SECTIONS:  # written by hand or by other scripts: kept as they are
        if f"\n{heading}" in old:
            kept = f"\n{heading}" + old.split(f"\n{heading}", 1)[1]
            break
    path.write_text("\n".join(out) + "\n" + kept)
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
