"""Retrieval metrics over gold questions (our JSONL contract) and BEIR folders.

Gold line: {"id", "question", "relevant": [{"source", "quote"?}]}. A retrieved passage is
relevant to an item when it cites that source (or repeats it verbatim, see `also_in`) and its
span covers an occurrence of the quote; an item without a quote accepts any passage of its
source.
"""

from __future__ import annotations

import csv
import json
import math
import re
import statistics
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from qa.errors import QAError
from qa.retrieve import Retriever, SearchOptions
from qa.types import Hit

CUTOFFS = (1, 3, 5, 10)
CURVE_K = 20


@dataclass
class Item:
    source: str
    quote: str | None = None


@dataclass
class GoldQuestion:
    id: str
    question: str
    relevant: list[Item]
    kind: str | None = None


@dataclass
class Retrieved:
    """The parts of a hit that relevance needs."""

    source: str
    char_start: int
    char_end: int
    also_in: list[str] = field(default_factory=list)

    @classmethod
    def from_hit(cls, hit: Hit) -> Retrieved:
        return cls(hit.source, hit.char_start, hit.char_end, list(hit.also_in))


def load_gold(path: Path) -> list[GoldQuestion]:
    questions = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise QAError(f"cannot read gold file {path}: {exc.strerror}") from exc
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            questions.append(
                GoldQuestion(
                    id=str(obj.get("id", number)),
                    question=obj["question"],
                    relevant=[Item(r["source"], r.get("quote")) for r in obj["relevant"]],
                    kind=obj.get("kind"),
                )
            )
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise QAError(f"{path}:{number}: not a gold question ({exc})") from exc
    if not questions:
        raise QAError(f"{path} holds no gold questions")
    return questions


def _covers(hit: Retrieved, item: Item, quote_spans: list[tuple[int, int]]) -> bool:
    if item.source != hit.source and item.source not in hit.also_in:
        return False
    if item.quote is None:
        return True
    return any(hit.char_start <= s and e <= hit.char_end for s, e in quote_spans)


def find_quote(text: str, quote: str) -> list[tuple[int, int]]:
    """Every occurrence of `quote` in `text` (exact, else whitespace-insensitive)."""
    spans, start = [], text.find(quote)
    while start >= 0:
        spans.append((start, start + len(quote)))
        start = text.find(quote, start + 1)
    if spans:
        return spans
    pattern = r"\s+".join(re.escape(w) for w in quote.split())
    return [(m.start(), m.end()) for m in re.finditer(pattern, text)]


def score_question(
    hits: list[Retrieved], items: list[Item], spans: list[list[tuple[int, int]]]
) -> dict[str, float]:
    """Passage recall@k, MRR@10, nDCG@10 (binary, each item credited once), source recall."""
    relevant_at = []  # per rank: the items this hit covers
    for hit in hits[:10]:
        relevant_at.append({i for i, item in enumerate(items) if _covers(hit, item, spans[i])})
    metrics: dict[str, float] = {}
    for k in CUTOFFS:
        covered = set().union(*relevant_at[:k]) if relevant_at[:k] else set()
        metrics[f"recall@{k}"] = len(covered) / len(items)
    first = next((r for r, rel in enumerate(relevant_at, 1) if rel), None)
    metrics["mrr@10"] = 1.0 / first if first else 0.0
    dcg, credited = 0.0, set()
    for rank, rel in enumerate(relevant_at, 1):
        new = rel - credited
        if new:
            dcg += 1.0 / math.log2(rank + 1)
            credited |= new
    ideal = sum(1.0 / math.log2(r + 1) for r in range(1, min(len(items), 10) + 1))
    metrics["ndcg@10"] = dcg / ideal
    curve = []
    covered: set[int] = set()
    for hit in hits[:CURVE_K]:
        covered |= {i for i, item in enumerate(items) if _covers(hit, item, spans[i])}
        curve.append(len(covered) / len(items))
    curve += [curve[-1] if curve else 0.0] * (CURVE_K - len(curve))
    metrics["curve"] = curve
    sources = {item.source for item in items}
    for k in (5, 10):
        cited = set()
        for hit in hits[:k]:
            cited |= {hit.source, *hit.also_in}
        metrics[f"source_recall@{k}"] = len(sources & cited) / len(sources)
    return metrics


def mean_metrics(rows: Iterable[dict]) -> dict:
    """Means of every metric; list-valued ones (recall curves) are averaged point by point."""
    rows = list(rows)
    if not rows:
        return {}
    out: dict = {}
    for key, value in rows[0].items():
        if isinstance(value, list):
            out[key] = [statistics.fmean(r[key][i] for r in rows) for i in range(len(value))]
        else:
            out[key] = statistics.fmean(r[key] for r in rows)
    return out


def evaluate_gold(
    retriever: Retriever,
    questions: list[GoldQuestion],
    options: SearchOptions,
    search: Callable[[str, SearchOptions], list[Hit]] | None = None,
) -> dict:
    """Per-question and overall metrics, plus per-kind means and latency."""
    search = search or retriever.search
    per_question, latencies, problems = [], [], []
    texts: dict[str, str | None] = {}
    for q in questions:
        spans = []
        for item in q.relevant:
            if item.source not in texts:
                aid = retriever.store.article_id(item.source)
                texts[item.source] = (
                    retriever.store.article_texts([aid])[aid] if aid is not None else None
                )
            text = texts[item.source]
            found = find_quote(text, item.quote) if text is not None and item.quote else []
            if text is None:
                problems.append(f"{q.id}: source {item.source!r} is not in the index")
            elif item.quote and not found:
                problems.append(f"{q.id}: quote not found in {item.source}: {item.quote[:60]!r}")
            spans.append(found)
        started = time.perf_counter()
        hits = search(q.question, options)
        latencies.append((time.perf_counter() - started) * 1000)
        metrics = score_question([Retrieved.from_hit(h) for h in hits], q.relevant, spans)
        per_question.append({"id": q.id, "kind": q.kind, "question": q.question, **metrics})
    kinds = sorted({q.kind for q in questions if q.kind})
    metric_keys = [k for k in per_question[0] if k not in ("id", "kind", "question")]
    strip = lambda r: {k: r[k] for k in metric_keys}  # noqa: E731
    return {
        "questions": len(questions),
        "overall": mean_metrics(strip(r) for r in per_question),
        "by_kind": {
            kind: mean_metrics(strip(r) for r in per_question if r["kind"] == kind)
            for kind in kinds
        },
        "latency_ms_p50": statistics.median(latencies),
        "per_question": per_question,
        "problems": problems,
    }


# -- BEIR ---------------------------------------------------------------------------------------


def load_beir(
    folder: Path, split: str = "test"
) -> tuple[dict[str, str], dict[str, dict[str, int]]]:
    try:
        queries = {}
        with (folder / "queries.jsonl").open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    obj = json.loads(line)
                    queries[str(obj["_id"])] = obj["text"]
        qrels: dict[str, dict[str, int]] = {}
        with (folder / "qrels" / f"{split}.tsv").open(encoding="utf-8") as fh:
            reader = csv.reader(fh, delimiter="\t")
            for row in reader:
                if not row or row[0] == "query-id":
                    continue
                qrels.setdefault(row[0], {})[row[1]] = int(row[2])
    except (OSError, json.JSONDecodeError, KeyError, ValueError, IndexError) as exc:
        raise QAError(
            f"{folder} is not a BEIR folder (queries.jsonl, qrels/{split}.tsv): {exc}"
        ) from exc
    return {q: queries[q] for q in qrels if q in queries}, qrels


def rank_documents(hits: list[Hit]) -> list[str]:
    """Documents ordered by their best passage (the first time each appears)."""
    seen: dict[str, None] = {}
    for hit in hits:
        for source in (hit.source, *hit.also_in):
            seen.setdefault(source, None)
    return list(seen)


def doc_metrics(ranked: list[str], qrels: dict[str, int]) -> dict[str, float]:
    gains = [qrels.get(doc, 0) for doc in ranked[:10]]
    dcg = sum(g / math.log2(i + 2) for i, g in enumerate(gains))
    ideal_gains = sorted(qrels.values(), reverse=True)[:10]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal_gains))
    relevant = {d for d, g in qrels.items() if g > 0}
    first = next((i for i, d in enumerate(ranked[:10], 1) if d in relevant), None)
    curve = [len(relevant & set(ranked[:k])) / len(relevant) for k in range(1, CURVE_K + 1)]
    return {
        "curve": curve,
        "ndcg@10": dcg / idcg if idcg else 0.0,
        "recall@10": len(relevant & set(ranked[:10])) / len(relevant),
        "recall@100": len(relevant & set(ranked[:100])) / len(relevant),
        "mrr@10": 1.0 / first if first else 0.0,
    }


def evaluate_beir(
    retriever: Retriever, folder: Path, options: SearchOptions, passages: int = 300
) -> dict:
    queries, qrels = load_beir(folder)
    rows, latencies = [], []
    wide = replace(options, k=passages, per_source=0)
    for qid, text in queries.items():
        started = time.perf_counter()
        hits = retriever.search(text, wide)
        latencies.append((time.perf_counter() - started) * 1000)
        rows.append(doc_metrics(rank_documents(hits), qrels[qid]))
    return {
        "queries": len(rows),
        "overall": mean_metrics(rows),
        "latency_ms_p50": statistics.median(latencies),
    }


# -- MultiHop-RAG -------------------------------------------------------------------------------

MULTIHOP_KS = (4, 10)


@dataclass
class MultiHopQuestion:
    query: str
    kind: str
    facts: list[str]
    evidence_urls: list[str]  # one per distinct evidence article


def load_multihop(path: Path) -> list[MultiHopQuestion]:
    """MultiHop-RAG's own query file: a JSON array of {query, question_type, evidence_list}."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        questions = []
        for obj in data:
            evidence = obj["evidence_list"]
            questions.append(
                MultiHopQuestion(
                    query=obj["query"],
                    kind=obj.get("question_type", "unknown"),
                    facts=[e["fact"] for e in evidence],
                    evidence_urls=list(dict.fromkeys(e.get("url") or e["title"] for e in evidence)),
                )
            )
    except (OSError, json.JSONDecodeError, KeyError, TypeError) as exc:
        raise QAError(f"{path} is not a MultiHop-RAG query file ({exc})") from exc
    if not questions:
        raise QAError(f"{path} holds no questions")
    return questions


def _squash(text: str) -> str:
    """The authors' matching rule: spaces and newlines deleted from both sides."""
    return text.replace(" ", "").replace("\n", "")


def multihop_metrics(
    passages: list[str], article_keys: list[set[str]], q: MultiHopQuestion
) -> dict[str, float]:
    """Hits@4/@10, MAP@10 and MRR@10 the way the authors' retrieval_evaluate.py counts them
    (a passage hits when it contains an evidence fact, spaces and newlines removed), plus the
    share of evidence articles that some top-10 passage comes from."""
    facts = [_squash(f) for f in q.facts]
    found_at: list[set[int]] = [
        {i for i, f in enumerate(facts) if f in _squash(text)} for text in passages[:10]
    ]
    metrics = {f"hits@{k}": float(any(found_at[:k])) for k in MULTIHOP_KS}
    first = next((r for r, hit in enumerate(found_at, 1) if hit), None)
    metrics["mrr@10"] = 1.0 / first if first else 0.0
    seen: set[int] = set()
    ap = 0.0
    for rank, hit in enumerate(found_at, 1):
        new = hit - seen
        if new:
            ap += len(new) / rank
            seen |= new
    metrics["map@10"] = ap / min(len(facts), 10)
    covered = set().union(*article_keys[:10]) if article_keys else set()
    metrics["article_recall@10"] = len(set(q.evidence_urls) & covered) / len(q.evidence_urls)
    return metrics


def evaluate_multihop(
    questions: list[MultiHopQuestion],
    search: Callable[[str], list[Hit]],
) -> dict:
    """Metrics over the answerable questions (null ones are skipped, as the authors do), by
    question type; `search` returns at least 10 hits for a question."""
    rows, latencies = [], []
    for q in questions:
        if not q.facts:
            continue
        started = time.perf_counter()
        hits = search(q.query)
        latencies.append((time.perf_counter() - started) * 1000)
        keys = [{h.url or h.title or h.source, h.source} for h in hits]
        rows.append((q.kind, multihop_metrics([h.text for h in hits], keys, q)))
    kinds = sorted({kind for kind, _ in rows})
    return {
        "questions": len(rows),
        "skipped_null": sum(1 for q in questions if not q.facts),
        "overall": mean_metrics(m for _, m in rows),
        "by_kind": {k: mean_metrics(m for kind, m in rows if kind == k) for k in kinds},
        "latency_ms_p50": statistics.median(latencies) if latencies else 0.0,
    }
