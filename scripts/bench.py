#!/usr/bin/env python
"""Performance benchmarks; writes docs/benchmarks.md.

    python scripts/bench.py                      # everything (about an hour on 2 cores)
    python scripts/bench.py --skip-build --sizes 10000,100000

1. Build throughput: `qa index` on the BBC corpus (cold embedding cache, model load included)
   against the ceiling measured in the same run: plain SentenceTransformer.encode of the same
   passage texts (batch 64, normalised). Medians of --repeats runs, alternating.
2. Query latency through HTTP (gunicorn, 2 workers) at 10k (the real BBC index), 100k and 1M
   passages, per mode, 1 client (sequential) and 8 concurrent clients; requests/s.
   The large indexes are synthetic: articles sampled with replacement from the BBC index, each
   passage's vector its real vector plus Gaussian noise (sigma 0.015 per dimension, cosine
   about 0.96 to the original) renormalised, its text and BM25 tokens those of the real
   passage, in the same SQLite store, BM25 and FAISS formats as a real build.
3. Peak RSS of the build and of the server, index size on disk, and for HNSW its recall@10
   against exact search.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import numpy as np  # noqa: E402
from loadtest import ENV, post, questions, run_clients, start_server, summarize, tree_memory  # noqa: E402

from qa import layout, lexical, vectors  # noqa: E402
from qa.build import as_array, embedding_text  # noqa: E402
from qa.chunk import chunk  # noqa: E402
from qa.clean import clean  # noqa: E402
from qa.config import DEFAULT_MODEL, ChunkSettings  # noqa: E402
from qa.load import load_documents  # noqa: E402
from qa.store import StoreWriter  # noqa: E402
from qa.types import Article, Passage  # noqa: E402

BBC = ROOT.parent / "shared" / "corpora" / "bbc-news"
WORK = ROOT / ".bench"
MODES = ("dense", "lexical", "hybrid")
SIGMA = 0.015


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


def ceiling_run(texts: list[str]) -> float:
    """Passages/s of plain encode (model already loaded: the ceiling of the embed stage)."""
    code = (
        "import sys, json, time, torch\n"
        "from sentence_transformers import SentenceTransformer\n"
        "from qa.embed import resolve_model\n"
        f"texts = json.load(open({str(WORK / 'texts.json')!r}))\n"
        "m = SentenceTransformer(resolve_model('all-MiniLM-L6-v2'), device='cpu')\n"
        "t = time.perf_counter()\n"
        "m.encode(texts, batch_size=64, normalize_embeddings=True)\n"
        "print(len(texts) / (time.perf_counter() - t))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=ENV, cwd=ROOT, check=True
    )
    return float(out.stdout.strip().splitlines()[-1])


def build_run(target: Path) -> dict:
    shutil.rmtree(target, ignore_errors=True)
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "qa", "index", str(BBC), "--index-dir", str(target), "--quiet"],
        env=ENV,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    peak = 0.0
    while proc.poll() is None:  # sampled every 0.2 s: the build's peak resident memory
        peak = max(peak, tree_memory(proc.pid)["rss_mb"])
        time.sleep(0.2)
    if proc.returncode:
        sys.exit(f"error: qa index failed with exit code {proc.returncode}")
    seconds = time.perf_counter() - started
    manifest = json.loads((target / "current" / "manifest.json").read_text())
    return {
        "seconds": seconds,
        "passages": manifest["counts"]["passages"],
        "peak_rss_mb": peak,
        "size_mb": du(target / "current"),
    }


def bench_build(repeats: int) -> dict:
    WORK.mkdir(exist_ok=True)
    texts, words = passage_texts()
    (WORK / "texts.json").write_text(json.dumps(texts))
    ceilings, builds = [], []
    for _ in range(repeats):
        ceilings.append(ceiling_run(texts))
        builds.append(build_run(WORK / "bbc"))
        print("ceiling", ceilings[-1], "build", builds[-1], flush=True)
    build_pps = statistics.median(b["passages"] / b["seconds"] for b in builds)
    ceiling = statistics.median(ceilings)
    n = builds[0]["passages"]
    return {
        "passages": n,
        "words": words,
        "repeats": repeats,
        "ceiling_pps": ceiling,
        "ceiling_wps": ceiling * words / len(texts),
        "build_pps": build_pps,
        "build_wps": build_pps * words / n,
        "build_seconds": statistics.median(b["seconds"] for b in builds),
        "ratio": build_pps / ceiling,
        "build_peak_rss_mb": max(b["peak_rss_mb"] for b in builds),
        "index_mb": builds[0]["size_mb"],
    }


# -- 2. synthetic large indexes -----------------------------------------------------------------


def synthetic_index(base_dir: Path, target: Path, n: int, kind: str, seed: int = 0) -> dict:
    """An index of about `n` passages made from the real BBC build (see module docstring)."""
    import sqlite3

    import bm25s
    import faiss

    started = time.perf_counter()
    base = layout.resolve(base_dir)
    base_vecs = as_array(faiss.read_index(str(base / layout.VECTORS)))
    conn = sqlite3.connect(base / layout.META)
    articles = conn.execute(
        "SELECT id, source, title, published, url, text, lines FROM articles ORDER BY id"
    ).fetchall()
    passages: dict[int, list] = {}
    for row in conn.execute(
        "SELECT article_id, id, ordinal, char_start, char_end, text, "
        "sentences FROM passages ORDER BY id"
    ):
        passages.setdefault(row[0], []).append(row[1:])
    conn.close()
    settings = ChunkSettings()
    title_of = {a[0]: a[2] for a in articles}
    order = [pid for aid in sorted(passages) for pid, *_ in passages[aid]]
    texts = {}
    for aid, rows in passages.items():
        for pid, _o, _s, _e, text, _sent in rows:
            texts[pid] = embedding_text(title_of[aid], text, settings)
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
    with_passages = [a for a in articles if a[0] in passages]
    chosen_pids: list[int] = []
    count = i = 0
    while count < n:
        aid, source, title, published, url, text, lines = with_passages[
            rng.integers(len(with_passages))
        ]
        rows = passages[aid]
        article = Article(
            f"synthetic/{i:07d}/{source}",
            text,
            title,
            published,
            url,
            tuple(tuple(x) for x in json.loads(lines)),
            hashlib.sha1(f"{i}".encode()).hexdigest(),
        )
        writer.add(
            article,
            [
                Passage(article.source, o, s, e, t, tuple(json.loads(sent)))
                for _pid, o, s, e, t, sent in rows
            ],
        )
        chosen_pids += [r[0] for r in rows]
        count += len(rows)
        i += 1
    writer.close()
    ids = np.array(chosen_pids)

    def batches():
        for start in range(0, len(ids), 65536):
            chunk_ids = ids[start : start + 65536]
            v = base_vecs[chunk_ids] + rng.normal(0, SIGMA, (len(chunk_ids), base_vecs.shape[1]))
            v /= np.linalg.norm(v, axis=1, keepdims=True)
            yield v.astype(np.float32)

    kind = vectors.choose(len(ids), kind)
    sample = next(batches())
    index = vectors.build(kind, base_vecs.shape[1], batches(), sample)
    faiss.write_index(index, str(staging / layout.VECTORS))
    (staging / layout.LEXICAL).mkdir()
    lexical.save(
        lexical.index_tokens(([tokens_of[p] for p in chosen_pids], tokenized.vocab)),
        staging / layout.LEXICAL,
    )
    layout.write_manifest(
        staging,
        {
            "build_id": build_id,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "model": {"name": DEFAULT_MODEL, "dim": int(base_vecs.shape[1])},
            "chunking": settings.as_dict(),
            "lexical": lexical.SETTINGS,
            "vector_index": kind,
            "vector_index_requested": kind,
            "synthetic": {"from": str(base), "sigma": SIGMA},
            "counts": {"articles": i, "passages": len(ids), "duplicate_articles": 0},
        },
    )
    layout.publish(target, staging, build_id)
    return {
        "passages": len(ids),
        "seconds": time.perf_counter() - started,
        "kind": kind,
        "size_mb": du(layout.resolve(target)),
    }


def hnsw_recall(index_dir: Path, queries: list[str], k: int = 10) -> float:
    """recall@10 of the HNSW index against exact search over the same vectors."""
    import faiss

    from qa.embed import get_embedder

    index = faiss.read_index(str(layout.resolve(index_dir) / layout.VECTORS))
    if vectors.kind_of(index) != "hnsw":
        return 1.0
    exact = faiss.IndexFlatIP(index.d)
    for start in range(0, index.ntotal, 65536):
        exact.add(index.reconstruct_n(start, min(65536, index.ntotal - start)))
    q = get_embedder(DEFAULT_MODEL).encode_passages(queries)
    _, truth = exact.search(q, k)
    index.hnsw.efSearch = vectors.EF_SEARCH
    _, approx = index.search(q, k)
    return float(np.mean([len(set(a) & set(t)) / k for a, t in zip(approx, truth, strict=True)]))


# -- 3. HTTP latency ---------------------------------------------------------------------------


def bench_queries(index_dir: Path, seconds: float) -> dict:
    server, port = start_server(index_dir, workers=2)
    qs = questions()
    out = {}
    try:
        for q in qs[:8]:
            post(port, {"question": q})
        for mode in MODES:
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
        "requests through HTTP (gunicorn, 2 workers, loopback), 8 clients run for "
        f"{result['seconds']:.0f} s per mode on the same 2 cores as the server.",
        "",
    ]
    b = result.get("build")
    if b:
        lines += [
            "## Build throughput (BBC, 2,225 articles)",
            "",
            "| | passages/s | words/s | seconds |",
            "|---|---|---|---|",
            f"| plain `encode` (ceiling, model loaded) | {b['ceiling_pps']:.1f} | "
            f"{b['ceiling_wps']:.0f} | {b['passages'] / b['ceiling_pps']:.0f} |",
            f"| `qa index` (everything, model load included) | {b['build_pps']:.1f} | "
            f"{b['build_wps']:.0f} | {b['build_seconds']:.0f} |",
            "",
            f"Build / ceiling: **{b['ratio']:.2f}** ({b['passages']} passages, median of "
            f"{b['repeats']} runs). Build peak RSS {b['build_peak_rss_mb']:.0f} MB; index "
            f"on disk {b['index_mb']:.0f} MB.",
            "",
        ]
    lines += [
        "## Query latency through HTTP",
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
    lines += [
        "",
        "| passages | vectors | index build s | on disk MB | server RSS / PSS MB "
        "(2 workers) | HNSW recall@10 vs exact |",
        "|---|---|---|---|---|---|",
    ]
    for size in result["sizes"]:
        mem = size["queries"]["server_memory"]
        lines.append(
            f"| {size['passages']:,} | {size['kind']} | {size['seconds']:.0f} | "
            f"{size['size_mb']:.0f} | {mem['rss_mb']:.0f} / {mem['pss_mb']:.0f} | "
            f"{size['recall']:.3f} |"
        )
    lines += [
        "",
        "The 10k row is the real BBC index; larger rows are synthetic (see the "
        "script's docstring for how they are made).",
        "",
    ]
    path.write_text("\n".join(lines))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--skip-build", action="store_true")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    args = parser.parse_args()
    import faiss
    import sentence_transformers
    import torch

    result = {
        "date": datetime.now(UTC).date().isoformat(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB",
        "versions": f"Python {platform.python_version()}, torch {torch.__version__}, "
        f"sentence-transformers {sentence_transformers.__version__}, faiss "
        f"{faiss.__version__}",
        "seconds": args.seconds,
        "sizes": [],
    }
    base = WORK / "bbc"
    if not args.skip_build or not (base / "current").exists():
        result["build"] = bench_build(args.repeats)
    qs = questions()
    for n in (int(s) for s in args.sizes.split(",")):
        if n <= 10_000:
            target = base
            size = {
                "passages": json.loads((layout.resolve(base) / "manifest.json").read_text())[
                    "counts"
                ]["passages"],
                "kind": "flat",
                "seconds": float("nan"),
                "size_mb": du(layout.resolve(base)),
            }
        else:
            target = WORK / f"synthetic-{n}"
            size = synthetic_index(base, target, n, "auto")
        size["recall"] = hnsw_recall(target, qs)
        size["queries"] = bench_queries(target, args.seconds)
        result["sizes"].append(size)
        (WORK / "bench.json").write_text(json.dumps(result, indent=1, default=str))
        write_report(result, args.out)  # after every size, so a partial run still reports
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
