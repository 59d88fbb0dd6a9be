#!/usr/bin/env python
"""The measurements behind constants in qa/embed.py and qa/vectors.py; writes docs/choices.md.

    python scripts/bench_choices.py          # about 5 minutes on 2 cores

1. Exact search cost (IndexFlatIP, one query, one thread) per 1,000 vectors: FLAT_MAX.
2. Resident memory added by reading a 100k flat index with IO_FLAG_MMAP | IO_FLAG_READ_ONLY
   and with IO_FLAG_MMAP_IFC: which flag really maps the vectors.
3. onnxruntime throughput at batch 1 and 16 on 800 BBC passages (fp32 and int8), and how
   much an int8 vector moves with its batch-mates: DEFAULT_BATCH.
4. int8 with per-tensor instead of per-channel weight scales: cosine to fp32.
5. HNSW-SQ8 recall@10 against exact search and ms/query at 200k synthetic vectors for two
   graph settings and several efSearch: HNSW_M, EF_CONSTRUCTION, EF_SEARCH_SMALL.
Needs the BBC index and texts that `scripts/bench.py` leaves in .bench/.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import faiss  # noqa: E402
import numpy as np  # noqa: E402
from _setup import ROOT, scratch  # noqa: E402
from bench import SIGMA, WORK, questions  # noqa: E402

from qa import layout  # noqa: E402
from qa.build import as_array  # noqa: E402
from qa.config import DEFAULT_MODEL  # noqa: E402
from qa.embed import get_embedder, set_threads  # noqa: E402


def unit(x: np.ndarray) -> np.ndarray:
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)


def synthetic(base: np.ndarray, n: int, seed: int = 0) -> np.ndarray:
    """As scripts/bench.py makes its large indexes: real vectors plus noise of SIGMA."""
    rng = np.random.default_rng(seed)
    return unit(base[rng.integers(len(base), size=n)] + rng.normal(0, SIGMA, (n, base.shape[1])))


def flat_cost(base: np.ndarray, q: np.ndarray) -> dict:
    faiss.omp_set_num_threads(1)
    out = {}
    for n in (30_000, 100_000, 200_000):
        index = faiss.IndexFlatIP(base.shape[1])
        index.add(synthetic(base, n))
        times = []
        for row in q:
            started = time.perf_counter()
            index.search(row[None], 100)
            times.append((time.perf_counter() - started) * 1000)
        out[n] = statistics.median(times)
    return out


def mmap_rss(base: np.ndarray) -> dict:
    path = scratch() / "flat.faiss"
    index = faiss.IndexFlatIP(base.shape[1])
    index.add(synthetic(base, 100_000))
    faiss.write_index(index, str(path))
    code = (
        "import faiss, sys\n"
        "def rss(): return int(open('/proc/self/status').read().split('VmRSS:')[1].split()[0])\n"
        "r = rss(); i = faiss.read_index(sys.argv[1], eval(sys.argv[2]))\n"
        "print((rss() - r) / 1024)\n"
    )
    out = {}
    for flag in ("faiss.IO_FLAG_MMAP | faiss.IO_FLAG_READ_ONLY", "faiss.IO_FLAG_MMAP_IFC"):
        proc = subprocess.run(
            [sys.executable, "-c", code, str(path), flag], capture_output=True, text=True
        )
        out[flag] = float(proc.stdout.strip())
    out["file_mb"] = path.stat().st_size / 1e6
    shutil.rmtree(path.parent)
    return out


def onnx_batches(models: Path) -> dict:
    texts = json.loads((WORK / "texts.json").read_text())[:800]
    texts.sort(key=len, reverse=True)
    set_threads(os.cpu_count() or 1)
    out = {}
    for backend in ("onnx", "onnx-int8"):
        embedder = get_embedder(DEFAULT_MODEL, backend, models)
        embedder.encode_passages(texts[:64])  # warm-up: first runs allocate
        rates: dict[int, list[float]] = {1: [], 16: []}
        for _ in range(3):  # alternating, medians: the machine is noisy
            for size in rates:
                started = time.perf_counter()
                embedder.encode_passages(texts, batch_size=size)
                rates[size].append(len(texts) / (time.perf_counter() - started))
        for size, values in rates.items():
            out[f"{backend} batch {size}, median of 3"] = statistics.median(values)
    int8 = get_embedder(DEFAULT_MODEL, "onnx-int8", models)
    sample = texts[:512]
    a = int8.encode_passages(sample, batch_size=16)
    order = np.random.default_rng(0).permutation(len(sample))
    b = np.empty_like(a)
    b[order] = int8.encode_passages([sample[i] for i in order], batch_size=16)
    out["int8 batch-16 cosine between two batchings (mean)"] = float(np.sum(a * b, axis=1).mean())
    one = int8.encode_passages(sample, batch_size=1)
    again = int8.encode_passages(sample[::-1], batch_size=1)[::-1]
    out["int8 batch-1 max difference between two orders"] = float(np.abs(one - again).max())
    return out


def per_tensor(models: Path) -> dict:
    import onnxruntime as ort
    from onnxruntime.quantization import QuantType, quantize_dynamic

    fp32 = get_embedder(DEFAULT_MODEL, "onnx", models)
    texts = json.loads((WORK / "texts.json").read_text())[:300]
    reference = fp32.encode_passages(texts)
    folder = scratch()
    export = models / next(p.name for p in models.iterdir() if p.name.endswith("_onnx"))
    out = {}
    for name, per_channel in (("per-channel", True), ("per-tensor", False)):
        target = folder / name
        shutil.copytree(export, target)
        quantize_dynamic(
            str(export / "model.onnx"),
            str(target / "model.onnx"),
            weight_type=QuantType.QInt8,
            per_channel=per_channel,
        )
        fp32.session = ort.InferenceSession(
            str(target / "model.onnx"), providers=["CPUExecutionProvider"]
        )
        vecs = fp32.encode_passages(texts)
        out[name] = float(np.sum(vecs * reference, axis=1).mean())
    shutil.rmtree(folder)
    get_embedder.cache_clear()
    return out


def hnsw(base: np.ndarray, q: np.ndarray) -> list[dict]:
    x = synthetic(base, 200_000)
    faiss.omp_set_num_threads(os.cpu_count() or 1)
    exact = faiss.IndexFlatIP(x.shape[1])
    exact.add(x)
    _, truth = exact.search(q, 10)
    rows = []
    for m, efc in ((32, 80), (48, 160)):
        index = faiss.IndexHNSWSQ(x.shape[1], faiss.ScalarQuantizer.QT_8bit, m, 1)
        index.hnsw.efConstruction = efc
        faiss.omp_set_num_threads(os.cpu_count() or 1)
        started = time.perf_counter()
        index.train(x[:50_000])
        index.add(x)
        build_s = time.perf_counter() - started
        faiss.omp_set_num_threads(1)
        for ef in (128, 256, 512, 768):
            index.hnsw.efSearch = ef
            started = time.perf_counter()
            _, found = index.search(q, 10)
            ms = (time.perf_counter() - started) * 1000 / len(q)
            recall = np.mean([len(set(a) & set(t)) / 10 for a, t in zip(found, truth, strict=True)])
            rows.append({"M": m, "efC": efc, "build_s": build_s, "ef": ef, "recall": recall})
            rows[-1]["ms"] = ms
    return rows


def main() -> None:
    base = as_array(faiss.read_index(str(layout.resolve(WORK / "bbc") / layout.VECTORS)))
    models = WORK / "models"
    q = get_embedder(DEFAULT_MODEL, "onnx", models).encode_passages(questions())
    only = sys.argv[1:]  # e.g. `batches`: re-measure one part, keep the others
    previous = WORK / "choices.json"
    result = json.loads(previous.read_text()) if only and previous.exists() else {}
    parts = {
        "flat": lambda: flat_cost(base, q),
        "mmap": lambda: mmap_rss(base),
        "batches": lambda: onnx_batches(models),
        "per_tensor": lambda: per_tensor(models),
        "hnsw": lambda: hnsw(base, q),
    }
    for name, measure in parts.items():
        if not only or name in only:
            result[name] = measure()
    previous.write_text(json.dumps(result, indent=1))
    print(json.dumps(result, indent=1))
    f, m, b, p = result["flat"], result["mmap"], result["batches"], result["per_tensor"]
    lines = [
        "# Measurements behind the constants",
        "",
        f"`python scripts/bench_choices.py` on {datetime.now(UTC):%Y-%m-%d}, 2 cores. "
        "Synthetic vectors are made as in scripts/bench.py; queries are the 75 gold questions.",
        "",
        "## Exact search (FLAT_MAX = 30,000)",
        "",
        "| vectors | ms per query, 1 thread | ms per 1,000 vectors |",
        "|---|---|---|",
        *(f"| {int(n):,} | {ms:.2f} | {1000 * ms / int(n):.3f} |" for n, ms in f.items()),
        "",
        f"## Reading a 100k flat index ({m['file_mb']:.0f} MB) in a fresh process",
        "",
        "| flags | resident MB added |",
        "|---|---|",
        *(f"| `{k.replace(' | ', ' + ')}` | {v:.1f} |" for k, v in m.items() if k != "file_mb"),
        "",
        "## onnxruntime batch size (DEFAULT_BATCH), 800 BBC passages",
        "",
        *(f"- {k}: {v:.4f}" if v < 2 else f"- {k}: {v:.1f} passages/s" for k, v in b.items()),
        "",
        "## int8 weight scales (mean cosine to fp32 over 300 passages)",
        "",
        *(f"- {k}: {v:.4f}" for k, v in p.items()),
        "",
        "## HNSW-SQ8 at 200k synthetic vectors",
        "",
        "| M | efConstruction | build s | efSearch | recall@10 vs exact | ms/query, 1 thread |",
        "|---|---|---|---|---|---|",
        *(
            f"| {r['M']} | {r['efC']} | {r['build_s']:.0f} | {r['ef']} | {r['recall']:.3f} "
            f"| {r['ms']:.2f} |"
            for r in result["hnsw"]
        ),
        "",
        "At 1M vectors scripts/bench.py measures the shipped setting (docs/benchmarks.md).",
        "",
    ]
    (ROOT / "docs" / "choices.md").write_text("\n".join(lines))


if __name__ == "__main__":
    main()
