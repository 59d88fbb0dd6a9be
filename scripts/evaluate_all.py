#!/usr/bin/env python
"""Build (or reuse) an index per data set and write docs/evaluation.md and its plot.

    python scripts/evaluate_all.py            # all data sets (bundled, BBC, SciFact, MultiHop)
    python scripts/evaluate_all.py --only articles --rebuild

Indexes live under .eval/<name> (git-ignored), built with the default backend as `qa index`
builds them; BBC, SciFact and MultiHop-RAG are read from ../shared and never copied into the
project. Build time is measured on this machine by this run; an embedding cache makes a rebuild
cheap, so `--rebuild` also clears it to time a cold build.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from _setup import ROOT  # noqa: E402

from qa import match  # noqa: E402
from qa.build import build_index  # noqa: E402
from qa.config import DEFAULT_BACKEND, DEFAULT_MODEL, ChunkSettings  # noqa: E402
from qa.evaluate import (  # noqa: E402
    evaluate_beir,
    evaluate_gold,
    evaluate_multihop,
    load_beir,
    load_gold,
    load_multihop,
)
from qa.layout import read_manifest, resolve  # noqa: E402
from qa.retrieve import Retriever, SearchOptions  # noqa: E402

SHARED = ROOT.parent / "shared"
WORK = ROOT / ".eval"
OFF_TOPIC = ROOT / "data" / "calibration" / "off_topic.txt"
# Plain modes without diversification, then each mode as the service runs it by default
# (automatic diversification: 1 passage per article for "what was said about" questions, else
# the soft per-article penalty); the last row is the service's default.
MODES = [
    ("lexical", SearchOptions(mode="lexical", per_source=0)),
    ("dense", SearchOptions(mode="dense", per_source=0)),
    ("hybrid", SearchOptions(mode="hybrid", per_source=0)),
    ("lexical + diversification", SearchOptions(mode="lexical", per_source=None)),
    ("dense + diversification", SearchOptions(mode="dense", per_source=None)),
    ("hybrid + diversification (default)", SearchOptions(mode="hybrid", per_source=None)),
]
# MultiHop-RAG names outlets and dates in most questions: the default with and without using
# them.
MULTIHOP_EXTRA = [
    (
        "hybrid + diversification, outlets/dates not used",
        SearchOptions(mode="hybrid", per_source=None, understand=False),
    ),
]
DATASETS = {
    "articles": {"paths": [ROOT / "data" / "articles"], "gold": ROOT / "data/gold/articles.jsonl"},
    "bbc": {"paths": [SHARED / "corpora/bbc-news"], "gold": ROOT / "data/gold/bbc.jsonl"},
    "scifact": {
        "paths": [SHARED / "benchmarks/scifact/corpus.jsonl"],
        "beir": SHARED / "benchmarks/scifact",
    },
    "multihop": {
        "paths": [SHARED / "benchmarks/multihop-rag/corpus.json"],
        "multihop": SHARED / "benchmarks/multihop-rag/queries-dev.json",
    },
}
# MultiHop-RAG, Table 5 (benchmarks/multihop-rag/README.md): Hits@4, Hits@10, MAP@10, MRR@10.
PUBLISHED_MULTIHOP = {
    "bge-large-en-v1.5": (0.5221, 0.6718, 0.3423, 0.4298),
    "voyage-02": (0.4619, 0.6506, 0.3143, 0.3934),
    "bge-large-en-v1.5 + bge-reranker-large": (0.6364, 0.7183, 0.4759, 0.5630),
    "voyage-02 + bge-reranker-large": (0.6625, 0.7467, 0.4795, 0.5860),
}
PUBLISHED = {
    "BM25 (BEIR paper, Elasticsearch)": 0.665,
    "all-MiniLM-L6-v2 (MTEB, whole abstracts)": 0.645,
}


def ensure_index(
    name: str,
    spec: dict,
    work: Path = WORK,
    rebuild: bool = False,
    settings: ChunkSettings | None = None,
    backend: str = DEFAULT_BACKEND,
):
    """The index of data set `name` under `work` (built now if missing) and its build facts."""
    folder = work / (name if backend == DEFAULT_BACKEND else f"{name}-{backend}")
    info_path = folder / "build.json"
    built = resolve(folder, must_exist=False)
    if built is not None and read_manifest(built)["model"].get("backend") != backend:
        rebuild = True  # built on another backend (the default changed since): not this one
    if rebuild and folder.exists():
        shutil.rmtree(folder)
        built = None
    if built is None:
        report = build_index(
            spec["paths"],
            folder,
            DEFAULT_MODEL,
            settings or ChunkSettings(),
            progress=True,
            backend=backend,
        )
        info = {
            "seconds": report.seconds,
            "articles": report.articles,
            "passages": report.passages,
            "duplicates": report.duplicates,
            "warnings": len(report.warnings),
        }
        info_path.write_text(json.dumps(info))
    elif not info_path.exists():  # built by `qa index`: counts from the manifest, no timing
        counts = read_manifest(built)["counts"]
        info = {
            "seconds": None,
            "articles": counts["articles"],
            "passages": counts["passages"],
            "duplicates": counts["duplicate_articles"],
        }
        info_path.write_text(json.dumps(info))
    return folder, json.loads(info_path.read_text())


def match_sets(name: str, spec: dict) -> dict[str, list[str]]:
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


def match_evidence(name: str, retriever: Retriever) -> dict[str, list[dict]]:
    """label -> the match evidence (qa/match.py) of each question, default settings."""
    return {
        label: [retriever.query(q, SearchOptions(k=10)).evidence for q in questions]
        for label, questions in match_sets(name, DATASETS[name]).items()
    }


def match_table(data: dict[str, list[dict]]) -> list[str]:
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


def evaluate(spec: dict, retriever, base: SearchOptions) -> dict:
    """The report of one data set under `base` (top 10 for MultiHop-RAG as the authors score
    it, top 20 elsewhere); `retriever` is a Retriever or anything with its search and store."""
    if "multihop" in spec:
        top = replace(base, k=10)
        return evaluate_multihop(
            load_multihop(spec["multihop"]), lambda q: retriever.search(q, top)
        )
    options = replace(base, k=20)
    if "gold" in spec:
        report = evaluate_gold(retriever, load_gold(spec["gold"]), options)
        report.pop("per_question", None)
        return report
    return evaluate_beir(retriever, spec["beir"], options)


def run(names: list[str], work: Path, rebuild: bool, settings: ChunkSettings) -> dict:
    results = {}
    for name in names:
        spec = DATASETS[name]
        folder, info = ensure_index(name, spec, work, rebuild, settings)
        retriever = Retriever.open(folder, DEFAULT_MODEL)
        rows = {}
        for label, base in MODES + (MULTIHOP_EXTRA if "multihop" in spec else []):
            report = evaluate(spec, retriever, base)
            rows[label] = report
            print(
                name,
                label,
                {k: round(v, 3) for k, v in report["overall"].items() if not isinstance(v, list)},
                flush=True,
            )
        evidence = match_evidence(name, retriever)
        results[name] = {
            "build": info,
            "modes": rows,
            "match": {f"{name}: {label}": e for label, e in evidence.items()},
        }
    return results


def _fmt(x: float) -> str:
    return f"{x:.3f}"


def write_report(results: dict, out: Path, plot: Path) -> None:
    lines = [
        "# Retrieval evaluation",
        "",
        f"Written by `python scripts/evaluate_all.py` (`make eval`) on "
        f"{datetime.now(UTC).date().isoformat()}, {platform.machine()}, {os.cpu_count()} cores, "
        f"model {DEFAULT_MODEL}. Latency is in-process retrieval per query (p50), excluding HTTP.",
        "",
    ]
    for name, res in results.items():
        b = res["build"]
        built = f"; index build {b['seconds']:.1f} s" if b.get("seconds") is not None else ""
        lines += [
            f"## {name}",
            "",
            f"{b['articles']} articles, {b['passages']} passages "
            f"({b['duplicates']} duplicate stories){built}.",
            "",
        ]
        first = next(iter(res["modes"].values()))
        if "skipped_null" in first:
            lines += multihop_section(res["modes"])
        elif "questions" in first:
            lines += [
                f"{first['questions']} gold questions (`data/gold/{name}.jsonl`); passage "
                "recall: a passage counts when its span covers the gold quote.",
                "",
                "| mode | R@1 | R@3 | R@5 | R@10 | MRR@10 | nDCG@10 | src R@5 | src R@10 "
                "| said-about src R@5 | said-about src R@10 | p50 ms |",
                "|---|---|---|---|---|---|---|---|---|---|---|---|",
            ]
            for label, r in res["modes"].items():
                o = r["overall"]
                said = r["by_kind"].get("said_about", {})
                lines.append(
                    "| "
                    + " | ".join(
                        [label]
                        + [
                            _fmt(o[k])
                            for k in (
                                "recall@1",
                                "recall@3",
                                "recall@5",
                                "recall@10",
                                "mrr@10",
                                "ndcg@10",
                                "source_recall@5",
                                "source_recall@10",
                            )
                        ]
                        + [
                            _fmt(said.get("source_recall@5", float("nan"))),
                            _fmt(said.get("source_recall@10", float("nan"))),
                            f"{r['latency_ms_p50']:.1f}",
                        ]
                    )
                    + " |"
                )
            lines += [
                "",
                "By kind of question (hybrid): "
                + "; ".join(
                    f"{kind}: R@5 {_fmt(m['recall@5'])}, MRR {_fmt(m['mrr@10'])}"
                    for kind, m in res["modes"]["hybrid"]["by_kind"].items()
                )
                + ".",
                "",
            ]
        else:
            lines += [
                f"{first['queries']} test queries, document level (a document ranks by "
                "its best passage).",
                "",
                "| system | nDCG@10 | recall@10 | recall@100 | MRR@10 | p50 ms |",
                "|---|---|---|---|---|---|",
            ]
            for label, r in res["modes"].items():
                o = r["overall"]
                lines.append(
                    f"| {label} (ours) | **{_fmt(o['ndcg@10'])}** | "
                    f"{_fmt(o['recall@10'])} | {_fmt(o['recall@100'])} | "
                    f"{_fmt(o['mrr@10'])} | {r['latency_ms_p50']:.1f} |"
                )
            for label, value in PUBLISHED.items():
                lines.append(f"| {label}, published | {value:.3f} | | | | |")
            lines.append("")
    evidence = {k: v for res in results.values() for k, v in res.get("match", {}).items()}
    if evidence:
        lines += [
            "## Weak matches said out loud",
            "",
            "Every response carries `match`: `strong`, `weak` or `none` (qa/match.py). Strong: "
            f"the best cosine between the question and a candidate passage is at least "
            f"{match.STRONG_COSINE}, or the best BM25 passage holds {match.STRONG_COVERAGE:.0%} "
            f"of the question's idf mass, or {match.MID_COVERAGE:.0%} of it at a cosine of at "
            f"least {match.MID_COSINE}; none: a cosine under {match.NONE_COSINE} and under "
            f"{match.NONE_COVERAGE:.0%}; weak otherwise. Unanswerable questions should be "
            "flagged (weak or none): MultiHop-RAG dev's null questions, whose answer is in no "
            "article, and 30 off-topic questions (`data/calibration/off_topic.txt`) asked of "
            "every corpus; answerable ones should not. Thresholds were chosen on these rows "
            "(`scripts/calibrate_match.py --sweep` prints the trade-off).",
            "",
            *match_table(evidence),
            "",
        ]
    lines += [f"![recall@k per mode]({plot.name})", ""]
    lines += who_said_it(out.parent)
    out.write_text("\n".join(lines))


# The reports on statement attribution, each written by its own script (the eval above does
# not run them: they need no index, or a build of their own).
WHO_SAID_IT = [
    ("quotes.md", "`scripts/eval_quotes.py --report docs/quotes.md`"),
    ("said.md", "`scripts/eval_speakers.py --out docs/said.md`"),
    ("attribution-warm.md", "`scripts/bench_attribution.py --out docs/attribution-warm.md`"),
    ("attribution-cold.md", "`scripts/bench_attribution.py --cold --out ...`"),
    (
        "attribution-cached.md",
        "`scripts/bench_attribution.py --statements-cached --out docs/attribution-cached.md`",
    ),
]


def who_said_it(docs: Path) -> list[str]:
    """The "Who said it" section: the statement gold sets scored, what naming a speaker in
    a question does to retrieval, and what attribution costs a build."""
    lines = [
        "## Who said it",
        "",
        "Statements and their speakers are found at index time by rules (qa/quotes.py) and, "
        "in the sentences the rules found nothing in, by spaCy's parser (qa/speech_parse.py); "
        "speaker filters, speakers named in questions and grouping by speaker use them "
        "(qa/speakers.py). Each part below is written by the script named with it.",
        "",
    ]
    for name, script in WHO_SAID_IT:
        path = docs / name
        if not path.exists():
            lines += [f"({name}: not yet written; run {script})", ""]
            continue
        body = [
            ("###" + line[2:] if line.startswith("## ") else line)
            for line in path.read_text(encoding="utf-8").splitlines()
            if not line.startswith("# ")
        ]
        lines += [f"From {script}:", "", *body, ""]
    return lines


def multihop_section(modes: dict) -> list[str]:
    first = next(iter(modes.values()))
    lines = [
        f"MultiHop-RAG dev: {first['questions']} answerable questions "
        f"({first['skipped_null']} null questions skipped, as the authors do), top 10 through "
        "the service's search, `corpus.json` indexed as shipped. Scored the authors' way: a "
        "passage hits when it contains an evidence fact, spaces and newlines removed. Article "
        "recall@10: the share of a question's evidence articles that some top-10 passage comes "
        "from.",
        "",
        "| retriever | Hits@4 | Hits@10 | MAP@10 | MRR@10 | article recall@10 | p50 ms |",
        "|---|---|---|---|---|---|---|",
    ]
    for label, r in modes.items():
        o = r["overall"]
        lines.append(
            f"| {label} (ours) | "
            + " | ".join(
                _fmt(o[k]) for k in ("hits@4", "hits@10", "map@10", "mrr@10", "article_recall@10")
            )
            + f" | {r['latency_ms_p50']:.1f} |"
        )
    for label, values in PUBLISHED_MULTIHOP.items():
        lines.append(f"| {label}, published | " + " | ".join(f"{v:.3f}" for v in values) + " | | |")
    default = modes["hybrid + diversification (default)"]["by_kind"]
    lines += [
        "",
        "By question type (default): "
        + "; ".join(
            f"{kind.removesuffix('_query')}: Hits@10 {_fmt(m['hits@10'])}, MRR "
            f"{_fmt(m['mrr@10'])}, article recall {_fmt(m['article_recall@10'])}"
            for kind, m in default.items()
        )
        + ".",
        "",
    ]
    return lines


def first_overall(res: dict) -> dict:
    return next(iter(res["modes"].values()))["overall"]


def write_plot(results: dict, plot: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    results = {n: r for n, r in results.items() if "curve" in first_overall(r)}
    fig, axes = plt.subplots(1, len(results), figsize=(5 * len(results), 4), squeeze=False)
    for ax, (name, res) in zip(axes[0], results.items(), strict=True):
        for label, r in res["modes"].items():
            curve = r["overall"]["curve"]
            ax.plot(range(1, len(curve) + 1), curve, marker=".", label=label)
        kind = "passage" if "questions" in next(iter(res["modes"].values())) else "document"
        ax.set_title(f"{name}: {kind} recall@k")
        ax.set_xlabel("k")
        ax.set_ylim(0, 1)
        ax.set_xticks([1, 5, 10, 15, 20])
        ax.grid(alpha=0.3)
    axes[0][0].set_ylabel("recall")
    axes[0][-1].legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    fig.savefig(plot, dpi=110)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", choices=list(DATASETS))
    parser.add_argument("--work", type=Path, default=ROOT / ".eval")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "evaluation.md")
    parser.add_argument(
        "--from-results",
        action="store_true",
        help="rewrite the report from the last run's results.json without evaluating again "
        "(to take in the Who said it reports)",
    )
    args = parser.parse_args()
    if args.from_results:
        results = json.loads((args.work / "results.json").read_text())
        write_report(results, args.out, args.out.with_name("recall_at_k.png"))
        print(f"wrote {args.out} from {args.work / 'results.json'}")
        return
    names = args.only or list(DATASETS)
    missing = [n for n in names if not all(p.exists() for p in DATASETS[n]["paths"])]
    if missing:
        sys.exit(f"error: data for {', '.join(missing)} not found under {SHARED}")
    started = time.time()
    results = run(names, args.work, args.rebuild, ChunkSettings())
    args.out.parent.mkdir(exist_ok=True)
    plot = args.out.with_name("recall_at_k.png")
    write_plot(results, plot)
    write_report(results, args.out, plot)
    (args.work / "results.json").write_text(json.dumps(results, indent=1))
    print(f"wrote {args.out} and {plot} in {time.time() - started:.0f} s")


if __name__ == "__main__":
    main()
