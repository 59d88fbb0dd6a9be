#!/usr/bin/env python
"""Performance benchmarks; writes docs/benchmarks.md.

    python scripts/bench.py                      # everything (about an hour on 2 cores)
    python scripts/bench.py --skip-build --sizes 10000,100000

1. Build throughput: `qa index` on the BBC corpus (cold embedding cache, model load included)
   on each backend (torch, fp32 ONNX: the default, int8 ONNX), against ceilings measured in
   the same run on the same passage texts with the model already loaded: plain
   SentenceTransformer.encode (torch fp32, batch 64, normalised) and plain onnxruntime
   inference of each export (one passage per call, as the backend runs it). Medians of
   --repeats runs, alternating.
2. Query latency through HTTP (gunicorn, 2 workers) at 10k (the real BBC index), 100k and 1M
   passages, per mode, 1 client (sequential) and 8 concurrent clients; requests/s.
   The large indexes are synthetic: articles sampled with replacement from the BBC index, each
   passage's vector its real vector plus Gaussian noise (sigma 0.037 per dimension, so cosine
   0.81 to the original: the median cosine of a real BBC passage to its nearest other
   passage), renormalised, its text and BM25 tokens those of the real passage, in the same
   SQLite store, BM25 and FAISS formats as a real build. (Smaller noise makes ~175
   near-identical copies of each passage at 1M, whose top-10 order is noise: no index can
   reproduce it, and no real corpus looks like that.)
3. Peak RSS of the build and of the server, index size on disk, and for HNSW its recall@10
   against exact search (queries: the 75 gold questions).
4. Against txtai on SciFact (scripts/bench_txtai.py): build, latency, nDCG@10, memory.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np  # noqa: E402
from _setup import ROOT  # noqa: E402
from loadtest import ENV, post, questions, run_clients, start_server, summarize, tree_memory  # noqa: E402

from qa import layout, lexical, vectors  # noqa: E402
from qa.build import (  # noqa: E402
    as_array,
    build_window,
    embedding_text,
    write_candidate_columns,
)
from qa.chunk import chunk  # noqa: E402
from qa.clean import clean  # noqa: E402
from qa.config import DEFAULT_BACKEND, DEFAULT_MODEL, ChunkSettings  # noqa: E402
from qa.lexical_writer import LexicalWriter  # noqa: E402
from qa.load import load_documents  # noqa: E402
from qa.store import COUNT_KEYS, Store, StoreWriter  # noqa: E402

BBC = ROOT.parent / "shared" / "corpora" / "bbc-news"
WORK = ROOT / ".bench"
# The bench's own machine-wide export cache: what an earlier build left, not the user's.
ENV = {**ENV, "QA_EXPORT_CACHE": str(WORK / "export-cache")}
MODES = ("dense", "lexical", "hybrid")
SIGMA = 0.037
# A synthetic build's own figures, kept beside it for --reuse.
BUILD_FIGURES = "bench-build.json"


def du(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


# -- 1. build throughput ----------------------------------------------------------------------


def passage_texts() -> tuple[list[str], int]:
    settings = ChunkSettings()
    texts = []
    for doc in load_documents([BBC], []):
        article = clean(doc)
        texts += [embedding_text(article.title, p.text, settings) for p in chunk(article, settings)]
    return texts, sum(len(t.split()) for t in texts)


CEILINGS = {
    "torch": (
        "from sentence_transformers import SentenceTransformer\n"
        "from qa.embed import resolve_model\n"
        "m = SentenceTransformer(resolve_model('all-MiniLM-L6-v2'), device='cpu')\n"
        "t = time.perf_counter()\n"
        "m.encode(texts, batch_size=64, normalize_embeddings=True)\n"
    ),
    **{
        backend: (
            "from qa.embed import get_embedder\n"
            f"m = get_embedder('all-MiniLM-L6-v2', {backend!r}, Path({str(WORK / 'models')!r}))\n"
            "t = time.perf_counter()\n"
            "m.encode_passages(texts, batch_size=1)\n"
        )
        for backend in ("openvino", "onnx", "onnx-int8")
    },
}


def ceiling_run(texts: list[str], backend: str) -> float:
    """Passages/s of plain inference (model loaded: the ceiling of the embed stage)."""
    code = (
        "import json, time\n"
        "from pathlib import Path\n"
        f"texts = json.load(open({str(WORK / 'texts.json')!r}))\n"
        + CEILINGS[backend]
        + "print(len(texts) / (time.perf_counter() - t))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=ENV, cwd=ROOT, check=True
    )
    return float(out.stdout.strip().splitlines()[-1])


def build_run(target: Path, backend: str) -> dict:
    """A cold build into a new folder: no embedding cache, as a user meets it. The ONNX
    export comes from the machine's export cache (QA_EXPORT_CACHE, filled by the ceiling
    run as by any earlier build), copied into the folder within the timed build; the
    machine's very first export is timed by scripts/bench_first_build.py."""
    if not BBC.is_dir():
        sys.exit(f"error: the BBC corpus is not at {BBC} (the checkout expects ../shared)")
    shutil.rmtree(target, ignore_errors=True)
    started = time.perf_counter()
    command = [sys.executable, "-m", "qa", "index", str(BBC), "--index-dir", str(target)]
    with tempfile.TemporaryFile() as errors:  # a file: a pipe nobody reads could fill
        proc = subprocess.Popen(
            [*command, "--quiet", "--backend", backend],
            env=ENV,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=errors,
        )
        peak = 0.0
        while proc.poll() is None:  # sampled every 0.2 s: the build's peak resident memory
            peak = max(peak, tree_memory(proc.pid)["rss_mb"])
            time.sleep(0.2)
        if proc.returncode:
            errors.seek(0)
            said = errors.read().decode(errors="replace").strip().splitlines()[-5:]
            sys.exit(f"error: qa index failed with exit code {proc.returncode}: {said}")
    seconds = time.perf_counter() - started
    manifest = layout.read_manifest(layout.resolve(target))
    return {
        "seconds": seconds,
        "passages": manifest["counts"]["passages"],
        "peak_rss_mb": peak,
        "size_mb": du(target / "current"),
    }


def bench_build(repeats: int) -> dict:
    """Per backend: ceiling and build, alternating; the default backend's build is kept in
    .bench/bbc as the base of the query benchmarks."""
    WORK.mkdir(exist_ok=True)
    texts, words = passage_texts()
    (WORK / "texts.json").write_text(json.dumps(texts))
    out: dict = {"passages": len(texts), "words": words, "repeats": repeats, "backends": {}}
    runs: dict = {b: {"ceilings": [], "builds": []} for b in CEILINGS}
    for _ in range(repeats):
        for backend in CEILINGS:
            runs[backend]["ceilings"].append(ceiling_run(texts, backend))
            target = WORK / ("bbc" if backend == DEFAULT_BACKEND else f"bbc-{backend}")
            runs[backend]["builds"].append(build_run(target, backend))
            print(backend, runs[backend]["ceilings"][-1], runs[backend]["builds"][-1], flush=True)
    for backend, r in runs.items():
        builds = r["builds"]
        n = builds[0]["passages"]
        build_pps = statistics.median(b["passages"] / b["seconds"] for b in builds)
        ceiling = statistics.median(r["ceilings"])
        out["backends"][backend] = {
            "ceiling_pps": ceiling,
            "ceiling_wps": ceiling * words / len(texts),
            "build_pps": build_pps,
            "build_wps": build_pps * words / n,
            "build_seconds": statistics.median(b["seconds"] for b in builds),
            "ratio": build_pps / ceiling,
            "build_peak_rss_mb": max(b["peak_rss_mb"] for b in builds),
            "index_mb": builds[0]["size_mb"],
        }
    torch_ceiling = out["backends"]["torch"]["ceiling_pps"]
    for backend in ("openvino", "onnx", "onnx-int8"):
        out[f"{backend}_vs_torch_encode"] = out["backends"][backend]["build_pps"] / torch_ceiling
    return out


# -- 2. synthetic large indexes -----------------------------------------------------------------


def record_counts(target: Path) -> None:
    """Give a reused synthetic build made before manifests carried every count (qa.store's
    COUNT_KEYS) the store's own counts, once, so its workers start as a new build's do
    (counting at 10M takes minutes: scripts/profile_open.py)."""
    build = layout.resolve(target)
    manifest = layout.read_manifest(build)
    if set(COUNT_KEYS) <= manifest.get("counts", {}).keys():
        return
    store = Store(build / layout.META)
    manifest["counts"] = {**manifest.get("counts", {}), **store.counts()}
    store.close()
    (build / layout.MANIFEST).write_text(json.dumps(manifest, indent=2))


def synthetic_index(base_dir: Path, target: Path, n: int, kind: str, seed: int = 0) -> dict:
    """An index of about `n` passages made from the real BBC build (see module docstring)."""
    import bm25s

    started = time.perf_counter()
    timings: dict[str, float] = {}
    base = layout.resolve(base_dir)
    base_vecs = as_array(vectors.read(base, 0))
    store = Store(base / layout.META)
    articles = list(store.numbered_articles())
    passages = store.passages_by_article()
    store.close()
    settings = ChunkSettings()
    title_of = {aid: a.title for aid, a in articles}
    order = [pid for aid in sorted(passages) for pid, _ in passages[aid]]
    texts = {
        pid: embedding_text(title_of[aid], passage.text, settings)
        for aid, rows in passages.items()
        for pid, passage in rows
    }
    tokenized = bm25s.tokenize(
        [texts[p] for p in order],
        stopwords=lexical.STOPWORDS,
        stemmer=lexical._stemmer(),
        show_progress=False,
    )
    tokens_of = dict(zip(order, tokenized.ids, strict=True))

    shutil.rmtree(target, ignore_errors=True)
    build_id = layout.new_build_id()
    staging = layout.staging_dir(target, build_id)
    writer = StoreWriter(staging / layout.META)
    rng = np.random.default_rng(seed)
    with_passages = [(aid, a) for aid, a in articles if aid in passages]
    chosen_pids: list[int] = []
    count = i = 0
    while count < n:
        aid, original = with_passages[rng.integers(len(with_passages))]
        rows = passages[aid]
        article = dataclasses.replace(
            original,
            source=f"synthetic/{i:07d}/{original.source}",
            content_hash=hashlib.sha1(f"{i}".encode()).hexdigest(),
        )
        writer.add(article, [dataclasses.replace(p, source=article.source) for _pid, p in rows])
        chosen_pids += [pid for pid, _ in rows]
        count += len(rows)
        i += 1
    writer.close()
    store_counts = writer.counts()
    ids = np.array(chosen_pids)
    del chosen_pids

    def batches():
        for start in range(0, len(ids), 65536):
            chunk_ids = ids[start : start + 65536]
            v = base_vecs[chunk_ids] + rng.normal(0, SIGMA, (len(chunk_ids), base_vecs.shape[1]))
            v /= np.linalg.norm(v, axis=1, keepdims=True)
            yield v.astype(np.float32)

    timings["store_s"] = time.perf_counter() - started
    # BM25 before the vectors, a window at a time (qa.lexical_writer), as `qa index` builds it;
    # the peak RSS up to here is the build's without the vector index.
    t = time.perf_counter()
    token_arrays = {p: np.asarray(tokens_of[p], dtype=np.int64) for p in order}
    writer = LexicalWriter(staging / layout.LEXICAL, lexical.SETTINGS["k1"], lexical.SETTINGS["b"])
    window = build_window()
    for start in range(0, len(ids), window):
        chunk_arrays = [token_arrays[p] for p in ids[start : start + window].tolist()]
        writer.add_ids(
            np.concatenate(chunk_arrays),
            np.array([len(a) for a in chunk_arrays]),
            vocab=tokenized.vocab,
        )
    writer.finish()
    lexical.write_analysis(staging / layout.LEXICAL)
    timings["lexical_s"] = time.perf_counter() - t
    timings["peak_rss_before_vectors_mb"] = peak_rss_mb()

    t = time.perf_counter()
    kind = vectors.choose(len(ids), kind)
    sample = next(batches())
    shard_sizes = vectors.write(kind, base_vecs.shape[1], len(ids), batches(), sample, staging)
    timings["vectors_s"] = time.perf_counter() - t
    t = time.perf_counter()
    write_candidate_columns(staging)  # as qa's own build does
    timings["candidate_columns_s"] = time.perf_counter() - t
    layout.write_manifest(
        staging,
        {
            "build_id": build_id,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "model": layout.read_manifest(base)["model"],
            "chunking": settings.as_dict(),
            "lexical": lexical.SETTINGS,
            "vector_index": kind,
            "vector_index_requested": kind,
            "synthetic": {"from": str(base), "sigma": SIGMA},
            "counts": store_counts,
        },
    )
    layout.publish(target, staging, build_id)
    if (base_dir / layout.MODELS).is_dir():  # the query encoder the base build embedded with
        shutil.copytree(base_dir / layout.MODELS, target / layout.MODELS, dirs_exist_ok=True)
    figures = {
        "passages": len(ids),
        "seconds": time.perf_counter() - started,
        "kind": kind,
        "size_mb": du(layout.resolve(target)),
        "peak_rss_mb": peak_rss_mb(),
        "built": datetime.now(UTC).date().isoformat(),
        "hnsw_m": vectors.HNSW_M,
        "shards": len(shard_sizes),
        "ef_construction": vectors.EF_CONSTRUCTION,
        **timings,
    }
    (target / BUILD_FIGURES).write_text(json.dumps(figures))
    return figures


def peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def exact_top(index, q: np.ndarray, k: int) -> np.ndarray:
    """The k best ids of each question by exact search over the index's decoded vectors, a
    block of vectors at a time (10M vectors need no 15 GB flat copy)."""
    best_s = np.full((len(q), k), -np.inf, dtype=np.float32)
    best_i = np.full((len(q), k), -1, dtype=np.int64)
    step = 262_144
    for start in range(0, index.ntotal, step):
        block = index.reconstruct_n(start, min(step, index.ntotal - start))
        scores = q @ block.T
        top = np.argpartition(-scores, k - 1, axis=1)[:, :k]
        s = np.concatenate([best_s, np.take_along_axis(scores, top, 1)], axis=1)
        i = np.concatenate([best_i, top + start], axis=1)
        keep = np.argsort(-s, axis=1, kind="stable")[:, :k]
        best_s, best_i = np.take_along_axis(s, keep, 1), np.take_along_axis(i, keep, 1)
    return best_i


def text_recall(index_dir: Path, approx: np.ndarray, exact: np.ndarray) -> float:
    """recall, counting a passage found when a passage of the same text is: a synthetic
    index repeats each BBC passage (about 450 times at 10M), and the service shows one of
    identical passages, so which of the copies is found does not change an answer."""
    store = Store(layout.resolve(index_dir) / layout.META)
    ids = np.unique(np.concatenate([approx.ravel(), exact.ravel()]))
    hashes = store.candidates(ids[ids >= 0])
    store.close()
    found = []
    for a, t in zip(approx, exact, strict=True):
        wanted = {hashes[int(i)][3] for i in t}
        found.append(len(wanted & {hashes[int(i)][3] for i in a if i >= 0}) / len(wanted))
    return float(np.mean(found))


def hnsw_recall(index_dir: Path, queries: list[str], k: int = 10) -> dict:
    """recall@10 of the HNSW index against exact search over the same (decoded) vectors, at
    the efSearch the server uses and a few others. Exact search runs a chunk of vectors at a
    time, so 10M vectors need no 15 GB flat copy."""
    import faiss

    from qa.embed import get_embedder

    index = vectors.read(layout.resolve(index_dir))
    if vectors.kind_of(index) != "hnsw":
        return {"recall": 1.0}
    model = layout.read_manifest(layout.resolve(index_dir))["model"]
    embedder = get_embedder(DEFAULT_MODEL, model.get("backend", "torch"), index_dir / layout.MODELS)
    q = embedder.encode_passages(queries)
    best_i = exact_top(index, q, k)

    def search(ef: int, rows: np.ndarray = q) -> np.ndarray:
        """Every shard of a sharded index searched at this width."""
        if isinstance(index, vectors.Sharded):
            return index.search(rows, k, ef=ef)[1]
        return index.search(rows, k, params=faiss.SearchParametersHNSW(efSearch=ef))[1]

    def recall(approx: np.ndarray) -> float:
        pairs = zip(approx, best_i, strict=True)
        return float(np.mean([len(set(a) & set(t)) / k for a, t in pairs]))

    def search_ms(ef: int) -> float:
        """Median time of one question's search at this width, on one thread (a worker's)."""
        threads = faiss.omp_get_max_threads()
        faiss.omp_set_num_threads(1)
        times = []
        for row in q:
            started = time.perf_counter()
            search(ef, row[None, :])
            times.append((time.perf_counter() - started) * 1000)
        faiss.omp_set_num_threads(threads)
        return statistics.median(times)

    # A sharded index searches each shard at the width of its own size.
    parts = index.parts if isinstance(index, vectors.Sharded) else [index]
    ef = (vectors.shard_ef_search if len(parts) > 1 else vectors.ef_search)(parts[0].ntotal)
    widths = sorted({256, 768, 1536, ef})
    found = {e: search(e) for e in (*widths, 3072, 6144)}  # one search of all questions each
    return {
        "recall": recall(found[ef]),
        "ef_search": ef,
        "recall_by_ef": {e: recall(found[e]) for e in widths},
        "text_recall": text_recall(index_dir, found[ef], best_i),
        # Recall and one question's search time (one thread) by efSearch, up to 8x the
        # server's: what a higher recall would cost (bench.json only, not in the tables).
        "wider": {e: {"recall": recall(a), "search_ms": search_ms(e)} for e, a in found.items()},
    }


# -- 3. HTTP latency ---------------------------------------------------------------------------


def bench_queries(index_dir: Path, seconds: float) -> dict:
    started = time.perf_counter()
    server, port = start_server(index_dir, workers=2)
    qs = questions()
    out = {"start_s": time.perf_counter() - started}
    try:
        for q in qs[:8]:
            post(port, {"question": q})
        for mode in MODES:
            # Every question once first: the postings, graph pages and rows it reads are then
            # in the page cache, as on a server that has been answering for a while (at 10M
            # the index is larger than this machine's memory, so a cold read is a disk read).
            for q in qs:
                post(port, {"question": q, "k": 5, "mode": mode})
            sequential = []
            for q in qs * 3:
                t = time.perf_counter()
                post(port, {"question": q, "k": 5, "mode": mode})
                sequential.append((time.perf_counter() - t) * 1000)
                if len(sequential) >= 150:
                    break
            results, wall = run_clients(port, 8, seconds, qs, {"mode": mode})
            out[mode] = {
                "one_client": summarize([(ms, 200) for ms in sequential], sum(sequential) / 1000),
                "eight_clients": summarize(results, wall),
            }
            print(index_dir.name, mode, out[mode], flush=True)
        out["server_memory"] = tree_memory(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=60)
    return out


def write_report(result: dict, path: Path) -> None:
    lines = [
        "# Benchmarks",
        "",
        f"`python scripts/bench.py` on {result['date']}, {result['machine']}; "
        f"{result['versions']}. Medians of repeated runs; 1-client latency is sequential "
        "requests through HTTP (gunicorn, 2 workers, loopback) after one untimed pass over "
        "the questions in that mode, 8 clients run for "
        f"{result['seconds']:.0f} s per mode on the same 2 cores as the server.",
        "",
    ]
    if result.get("updated"):
        lines += [
            f"Rows re-measured on {result['updated']} with `--update`, later in the same "
            f"session: {', '.join(f'{n:,}' for n in result.get('updated_sizes', []))} "
            "passages.",
            "",
        ]
    old = path.read_text() if path.exists() else ""
    b = result.get("build")
    if not b:  # not re-run: the last run's section, said so
        lines += carried_section(old, BUILD_HEADING)
    if b:
        names = {
            "openvino": "OpenVINO, bf16 on this CPU (default)",
            "onnx": "fp32 ONNX",
            "onnx-int8": "int8 ONNX",
            "torch": "torch fp32",
        }
        lines += [
            f"{BUILD_HEADING} (BBC, 2,225 articles, {b['passages']:,} passages)",
            "",
            "| backend | plain inference, model loaded: passages/s | `qa index`, everything "
            "(model load included): passages/s | words/s | seconds | build / its ceiling "
            "| peak RSS MB |",
            "|---|---|---|---|---|---|---|",
        ]
        for backend, r in b["backends"].items():
            lines.append(
                f"| {names.get(backend, backend)} | {r['ceiling_pps']:.1f} | "
                f"{r['build_pps']:.1f} | {r['build_wps']:.0f} | {r['build_seconds']:.0f} | "
                f"**{r['ratio']:.2f}** | {r['build_peak_rss_mb']:.0f} |"
            )
        lines += [
            "",
            "Against plain torch fp32 `encode` of the same passages, `qa index` runs at "
            f"**{b['openvino_vs_torch_encode']:.2f}x** on the default OpenVINO backend, "
            f"**{b['onnx_vs_torch_encode']:.2f}x** on fp32 ONNX and "
            f"**{b['onnx-int8_vs_torch_encode']:.2f}x** on int8 ONNX (medians of "
            f"{b['repeats']} runs each). Quality of the backends: docs/backends.md.",
            "",
        ]
    t = result.get("txtai")
    if not t:  # --skip-txtai: the last run's comparison, said so
        lines += carried_section(old, PEERS_HEADING)
    if t and "error" not in t.get("qa", {}):
        names = {
            "qa": f"qa (defaults: fp32 ONNX, {t['qa']['units']:,} passages)",
            "txtai": "txtai {version} (whole abstracts)",
            "haystack": "Haystack {version} in-memory (whole abstracts)",
        }
        lines += [
            f"{PEERS_HEADING} (BEIR SciFact, 5,183 abstracts, same model)",
            "",
            "| | build s (model load included) | dense p50 ms | hybrid p50 ms "
            "| dense nDCG@10 | hybrid nDCG@10 | peak RSS MB |",
            "|---|---|---|---|---|---|---|",
        ]
        for system, r in t.items():
            if "error" in r:
                lines.append(f"| {system} | failed: {' '.join(r['error'])} | | | | | |")
                continue
            build = f"{r['build_s']:.0f}"
            if "dense_build_s" in r and r["dense_build_s"] != r.get("hybrid_build_s"):
                build = f"{r['dense_build_s']:.0f} dense, {r['hybrid_build_s']:.0f} hybrid"
            lines.append(
                f"| {names.get(system, system).format(version=r.get('version', ''))} | {build} | "
                f"{r['dense_p50_ms']:.1f} | {r['hybrid_p50_ms']:.1f} | {r['dense_ndcg10']:.3f} | "
                f"{r['hybrid_ndcg10']:.3f} | {r['peak_rss_mb']:.0f} |"
            )
        lines += [
            "",
            "In process, one query at a time, p50 over the 300 test queries, each system in its "
            "own process, one after another in the same run (scripts/bench_txtai.py). qa's build "
            "makes both its dense and BM25 indexes; Haystack's BM25 is computed at query time.",
            "",
        ]
    lines += [
        QUERY_HEADING,
        "",
        "| passages | vectors | mode | 1 client p50 / p95 / p99 ms | 8 clients p50 / p99 ms "
        "| 8 clients req/s | errors |",
        "|---|---|---|---|---|---|---|",
    ]
    for size in result["sizes"]:
        for mode in MODES:
            q = size["queries"][mode]
            one, eight = q["one_client"], q["eight_clients"]
            lines.append(
                f"| {size['passages']:,} | {size['kind']} | {mode} | "
                f"{one['p50_ms']} / {one['p95_ms']} / {one['p99_ms']} | "
                f"{eight['p50_ms']} / {eight['p99_ms']} | {eight['requests_per_s']} | "
                f"{eight['errors']} |"
            )

    def p50(size: dict, mode: str) -> float:
        return size["queries"][mode]["one_client"]["p50_ms"]

    ratios = ", ".join(
        f"{s['passages']:,}: {p50(s, 'hybrid'):.1f} / {p50(s, 'lexical'):.1f} ms = "
        f"**{p50(s, 'hybrid') / p50(s, 'lexical'):.2f}x**"
        for s in result["sizes"]
    )
    lines += ["", f"Hybrid against lexical, 1 client p50 in the same run: {ratios}."]
    lines += [
        "",
        "| passages | vectors | index build s (store / BM25 / vectors) | build peak RSS MB "
        "(before the vectors / all) | on disk MB | server RSS / PSS (anonymous) MB, 2 workers "
        "| server ready s | HNSW recall@10 vs exact (efSearch) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for size in result["sizes"]:
        mem = size["queries"]["server_memory"]
        phases = peak = "-"
        if "vectors_s" in size:
            phases = f"{size['store_s']:.0f} / {size['lexical_s']:.0f} / {size['vectors_s']:.0f}"
            peak = f"{size['peak_rss_before_vectors_mb']:.0f} / {size['peak_rss_mb']:.0f}"
        recall = f"{size['recall']:.3f}"
        if size.get("recall_by_ef"):
            recall += (
                " ("
                + ", ".join(
                    f"{'**' if int(e) == size['ef_search'] else ''}{r:.3f} at {e}"
                    f"{'**' if int(e) == size['ef_search'] else ''}"
                    for e, r in sorted(size["recall_by_ef"].items(), key=lambda x: int(x[0]))
                )
                + ")"
            )
        if "text_recall" in size:
            recall += f"; {size['text_recall']:.3f} counting a copy of the same text"
        seconds = "-" if size["seconds"] != size["seconds"] else f"{size['seconds']:.0f} ({phases})"
        lines.append(
            f"| {size['passages']:,} | {size['kind']} | {seconds} | "
            f"{peak} | {size['size_mb']:.0f} | {mem['rss_mb']:.0f} / {mem['pss_mb']:.0f} "
            f"({mem.get('anonymous_mb', float('nan')):.0f}) | "
            f"{size['queries'].get('start_s', float('nan')):.1f} | {recall} |"
        )
    lines += [
        "",
        "The 10k row is the real BBC index; larger rows are synthetic (see the "
        "script's docstring for how they are made).",
        "",
    ]
    # Sections someone added to the report by hand (a pointer to another run's report, as
    # the 10M row's clean-clone run): kept, where a new run would have dropped them
    for heading in re.findall(r"(?m)^## .*$", old):
        if not heading.startswith(GENERATED_HEADINGS):
            lines += carried_section(old, heading, note=None)
            print(f"kept the report's section {heading!r}: check it still holds", file=sys.stderr)
    path.write_text("\n".join(lines))


BUILD_HEADING = "## Build throughput"
PEERS_HEADING = "## Against txtai and Haystack"
QUERY_HEADING = "## Query latency through HTTP"
# The sections a run writes; any other a report holds was added by hand
GENERATED_HEADINGS = (BUILD_HEADING, PEERS_HEADING, QUERY_HEADING)
CARRIED_NOTE = "Not re-run in this run: the figures of the run before it."


def carried_section(old: str, heading: str, note: str | None = CARRIED_NOTE) -> list[str]:
    """The lines of the section of the previous report `old` whose heading starts with
    `heading` (none if it has none), with `note` after its heading (once, however many runs
    carried it): what a run that does not measure it again keeps of it."""
    start = next((m.start() for m in re.finditer(r"(?m)^## .*$", old)
                  if m.group().startswith(heading)), None)  # fmt: skip
    if start is None:
        return []
    end = old.find("\n## ", start + 1)
    section = old[start : end + 1 if end >= 0 else None].rstrip("\n").splitlines()
    body = [line for line in section[1:] if line != note]
    while body and not body[0].strip():
        body.pop(0)
    return [section[0], "", *([note, ""] if note else []), *body, ""]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--skip-build", action="store_true")
    parser.add_argument("--skip-txtai", action="store_true")
    parser.add_argument(
        "--update",
        action="store_true",
        help="re-measure only --sizes and keep every other figure of the last run",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    parser.add_argument(
        "--synthetic",
        type=int,
        metavar="N",
        help="only build the synthetic index of N passages (its own process, so its peak "
        "RSS is the build's) and print its figures as JSON",
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="serve synthetic indexes already built (with their recorded build figures) "
        "instead of building them again",
    )
    parser.add_argument(
        "--base",
        type=Path,
        default=WORK / "bbc",
        help="the BBC index the synthetic ones sample from (built by the build benchmark)",
    )
    parser.add_argument(
        "--hnsw",
        metavar="M,EF_CONSTRUCTION",
        help="with --synthetic: build the HNSW graph with these instead of qa's defaults "
        "(a cheaper graph when only the other parts are being measured; recorded)",
    )
    parser.add_argument(
        "--recall-only",
        action="store_true",
        help="re-measure only the HNSW recall of the synthetic --sizes of the last run",
    )
    args = parser.parse_args()
    if args.recall_only:
        result = json.loads((WORK / "bench.json").read_text())
        wanted = {int(s) for s in args.sizes.split(",")}
        for size in result["sizes"]:
            if round(size["passages"], -4) in wanted and size["kind"] == "hnsw":
                size.update(
                    hnsw_recall(WORK / f"synthetic-{round(size['passages'], -4)}", questions())
                )
        (WORK / "bench.json").write_text(json.dumps(result, indent=1, default=str))
        write_report(result, args.out)
        return
    if args.hnsw:
        vectors.HNSW_M, vectors.EF_CONSTRUCTION = (int(x) for x in args.hnsw.split(","))
    if args.synthetic:
        size = synthetic_index(
            args.base, WORK / f"synthetic-{args.synthetic}", args.synthetic, "auto"
        )
        print(json.dumps(size))
        return
    import faiss
    import onnxruntime
    import sentence_transformers
    import torch

    result = {
        "date": datetime.now(UTC).date().isoformat(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB",
        "versions": f"Python {platform.python_version()}, torch {torch.__version__}, "
        f"sentence-transformers {sentence_transformers.__version__}, onnxruntime "
        f"{onnxruntime.__version__}, faiss {faiss.__version__}",
        "seconds": args.seconds,
        "sizes": [],
    }
    base = args.base
    if args.update and (WORK / "bench.json").is_file():
        previous = json.loads((WORK / "bench.json").read_text())
        wanted = {int(s) for s in args.sizes.split(",")}
        kept = [s for s in previous["sizes"] if round(s["passages"], -4) not in wanted]
        result = {**previous, "sizes": kept, "updated": result["date"]}
        result["updated_sizes"] = sorted(wanted)
    elif args.update:  # a clean clone: no earlier run to keep figures of, only these sizes
        print(f"no earlier run in {WORK / 'bench.json'}: measuring only --sizes", file=sys.stderr)
    if args.update:
        args.skip_build = args.skip_txtai = True
    if not args.skip_build:
        result["build"] = bench_build(args.repeats)
        write_report(result, args.out)
    elif not (base / "current").exists():
        # The query rows need the BBC index, not the build benchmark's timings.
        print(f"building the BBC index the rows sample from in {base}...", file=sys.stderr)
        build_run(base, DEFAULT_BACKEND)
    if not args.skip_txtai:
        from bench_txtai import compare

        result["txtai"] = compare()
        write_report(result, args.out)
    qs = questions()
    for n in (int(s) for s in args.sizes.split(",")):
        if n <= 10_000:
            target = base
            size = {
                "passages": layout.read_manifest(layout.resolve(base))["counts"]["passages"],
                "kind": "flat",
                "seconds": float("nan"),
                "size_mb": du(layout.resolve(base)),
            }
        else:
            target = WORK / f"synthetic-{n}"
            recorded = target / BUILD_FIGURES
            if args.reuse and recorded.is_file():
                size = json.loads(recorded.read_text())
                record_counts(target)
            else:
                built = subprocess.run(
                    [sys.executable, __file__, "--synthetic", str(n), "--base", str(base)],
                    check=True,
                    capture_output=True,
                    text=True,
                )
                size = json.loads(built.stdout.strip().splitlines()[-1])
        size.update(hnsw_recall(target, qs))
        size["queries"] = bench_queries(target, args.seconds)
        result["sizes"].append(size)
        result["sizes"].sort(key=lambda s: s["passages"])
        (WORK / "bench.json").write_text(json.dumps(result, indent=1, default=str))
        write_report(result, args.out)  # after every size, so a partial run still reports
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
