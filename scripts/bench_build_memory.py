#!/usr/bin/env python
"""Peak memory of a real `qa index` at a million passages, embedding aside (docs/scaling.md).

    python scripts/bench_build_memory.py --passages 1000000

`scripts/bench.py --synthetic` builds its large indexes by its own code; this runs the real
command. It writes BBC articles again and again as one JSONL file of news records (each copy
with its own title, id and a closing line, so no two are duplicates), fills the index
folder's embedding cache with a vector for every passage the build will make (the passage's
real BBC vector plus noise, keyed as the build keys it), and then runs `qa index` on the file
in a child process: load, clean, chunk, who-said-what, SQLite, the embedding stage finding
every passage in the cache, the vector index (HNSW in shards) and BM25, as a user's build
runs them. Prints the child's peak RSS (ru_maxrss), its time and its report line as JSON.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
from _setup import ROOT  # noqa: E402

from qa import layout, shards  # noqa: E402
from qa.build import as_array, embedding_text  # noqa: E402
from qa.chunk import chunk  # noqa: E402
from qa.clean import clean  # noqa: E402
from qa.config import DEFAULT_BACKEND, DEFAULT_MODEL, ChunkSettings  # noqa: E402
from qa.embed import cache_label  # noqa: E402
from qa.load import load_documents  # noqa: E402
from qa.vectors import read  # noqa: E402

SIGMA = 0.037  # as scripts/bench.py: cosine 0.81 to the original vector


def write_corpus(base_docs: list, target_passages: int, path: Path) -> list[tuple[int, int]]:
    """JSONL of copies of the base articles until `target_passages` passages; returns (base
    article, copy) per record, in file order."""
    settings = ChunkSettings()
    per_doc = [len(chunk(clean(d), settings)) for d in base_docs]
    order, count, copy = [], 0, 0
    with path.open("w", encoding="utf-8") as out:
        while count < target_passages:
            for i, doc in enumerate(base_docs):
                if count >= target_passages:
                    break
                if not per_doc[i]:
                    continue
                record = {
                    "id": f"copy{copy:06d}/{doc.source}",
                    "title": f"{doc.title or 'Untitled'} ({copy})",
                    "body": f"{doc.text}\n\nCopy {copy} of {doc.source}.",
                    "source": "BBC",
                }
                out.write(json.dumps(record) + "\n")
                order.append((i, copy))
                count += per_doc[i]
            copy += 1
    return order


def fill_cache(corpus: Path, index_dir: Path, base_vectors: dict[str, np.ndarray]) -> int:
    """Embedding shards for every passage of `corpus`, keyed as `qa index` keys them."""
    settings = ChunkSettings()
    label = cache_label(DEFAULT_MODEL, DEFAULT_BACKEND)
    folder = shards.cache_dir(index_dir, label)
    rng = np.random.default_rng(0)
    keys: list[bytes] = []
    vecs: list[np.ndarray] = []
    total = 0
    for doc in load_documents([corpus], []):
        article = clean(doc)
        base = base_vectors[doc.source.split("/", 1)[1]]
        for n, passage in enumerate(chunk(article, settings)):
            keys.append(shards.key(label, embedding_text(article.title, passage.text, settings)))
            vecs.append(base[min(n, len(base) - 1)])
        if len(keys) >= 8192:
            total += _flush(folder, keys, vecs, rng)
            keys, vecs = [], []
    if keys:
        total += _flush(folder, keys, vecs, rng)
    return total


def _flush(folder: Path, keys: list[bytes], vecs: list[np.ndarray], rng) -> int:
    v = np.stack(vecs) + rng.normal(0, SIGMA, (len(vecs), len(vecs[0])))
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    for start in range(0, len(keys), shards.SHARD_SIZE):
        shards.write_shard(
            folder,
            np.array(keys[start : start + shards.SHARD_SIZE]),
            v[start : start + shards.SHARD_SIZE].astype(np.float32),
        )
    return len(keys)


def base_vectors_by_source(base_index: Path) -> dict[str, np.ndarray]:
    """Each BBC article's passage vectors, in passage order, from the real BBC build."""
    from qa.store import Store

    build = layout.resolve(base_index)
    vectors = as_array(read(build, 0))
    store = Store(build / layout.META)
    passages = store.passages_by_article()
    out = {
        article.source: vectors[[pid for pid, _ in passages[aid]]]
        for aid, article in store.numbered_articles()
        if aid in passages
    }
    store.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=1_000_000)
    parser.add_argument("--base", type=Path, default=ROOT / ".eval" / "bbc")
    parser.add_argument("--bbc", type=Path, default=ROOT.parent / "shared/corpora/bbc-news")
    parser.add_argument("--work", type=Path, default=ROOT / ".bench")
    parser.add_argument(
        "--again", action="store_true", help="reuse the corpus and cache of the last run"
    )
    args = parser.parse_args()
    work = args.work / f"build-memory-{args.passages}"
    corpus, index_dir = work / "corpus.jsonl", work / "index"
    started = time.perf_counter()
    cached = None
    if not (args.again and corpus.is_file()):
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        base_vectors = base_vectors_by_source(args.base)
        base_docs = [d for d in load_documents([args.bbc], []) if d.source in base_vectors]
        write_corpus(base_docs, args.passages, corpus)
        cached = fill_cache(corpus, index_dir, base_vectors)
    prepared = time.perf_counter() - started
    started = time.perf_counter()
    run = subprocess.run(
        [
            str(Path(sys.executable).parent / "qa"),
            "index",
            str(corpus),
            "--index-dir",
            str(index_dir),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "passages_cached": cached,
                "prepare_s": round(prepared, 1),
                "build_s": round(time.perf_counter() - started, 1),
                "build_peak_rss_mb": round(peak, 1),
                "returncode": run.returncode,
                "report": run.stdout.strip().splitlines()[-1:] or run.stderr[-500:],
            }
        )
    )


if __name__ == "__main__":
    main()
