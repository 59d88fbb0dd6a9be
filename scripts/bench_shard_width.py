#!/usr/bin/env python
"""How wide each HNSW shard must be searched: recall@10 against exact search, and one
question's search time on one thread, by the efSearch every shard is searched at.

    python scripts/bench_shard_width.py .bench/synthetic-10000000 [--widths 100,128,192,256,384]

A sharded index (qa/vectors.py: from QA_VECTOR_SHARD passages on, the graph is built as
shards of consecutive passages) searches every shard and keeps the best of all: each shard
need only find its own share of the best 10 (at 10M, 21 shards: about one passage each),
not a top 10 of its own, so a shard may need a narrower search than an index of its size.
Questions: the 75 gold questions (data/gold/articles.jsonl and bbc.jsonl), encoded as the
index's passages were; recall as `scripts/bench.py` measures it (the same ids), and
`text_recall` (a passage of the same text found: the synthetic index repeats each BBC
passage). Searches ask for 10 and for 100 (the candidates a question's dense side takes);
the widths are at least that. Times: one question on one thread of the caller, the shards
searched at once on faiss's threads (`search_ms`, as served) and one after another
(`in_turn_ms`), the two in turns. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

import _setup  # noqa: E402,F401
import faiss
import numpy as np
from bench import exact_top, text_recall  # noqa: E402
from loadtest import questions  # noqa: E402

from qa import layout, vectors  # noqa: E402
from qa.config import DEFAULT_MODEL  # noqa: E402
from qa.embed import get_embedder  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("index_dir", type=Path)
    parser.add_argument("--widths", default="100,128,192,256,384")
    args = parser.parse_args()
    build = layout.resolve(args.index_dir)
    index = vectors.read(build)
    if not isinstance(index, vectors.Sharded):
        raise SystemExit(f"{args.index_dir}: not a sharded index")
    model = layout.read_manifest(build)["model"]
    embedder = get_embedder(
        DEFAULT_MODEL, model.get("backend", "torch"), args.index_dir / layout.MODELS
    )
    q = embedder.encode_passages(questions())
    exact = exact_top(index, q, 100)
    in_turn = vectors.Sharded(index.parts, threaded=False)
    faiss.omp_set_num_threads(1)
    out = {
        "index": str(args.index_dir),
        "passages": index.ntotal,
        "shards": len(index.parts),
        "server_width": vectors.shard_ef_search(index.parts[0].ntotal),
        "questions": len(q),
        "widths": {},
    }
    for width in (int(w) for w in args.widths.split(",")):
        row = {}
        for k in (10, 100):
            found = index.search(q, k, ef=max(width, k))[1]
            times, in_turn_times = [], []
            for r in range(len(q)):  # the two ways in turns, question by question
                started = time.perf_counter()
                index.search(q[r : r + 1], k, ef=max(width, k))
                times.append((time.perf_counter() - started) * 1000)
                started = time.perf_counter()
                in_turn.search(q[r : r + 1], k, ef=max(width, k))
                in_turn_times.append((time.perf_counter() - started) * 1000)
            wanted = exact[:, :k]
            recall = [len(set(a) & set(t)) / k for a, t in zip(found, wanted, strict=True)]
            row[f"recall@{k}"] = round(float(np.mean(recall)), 4)
            row[f"text_recall@{k}"] = round(text_recall(args.index_dir, found, wanted), 4)
            row[f"search_ms@{k}"] = round(statistics.median(times), 2)
            row[f"in_turn_ms@{k}"] = round(statistics.median(in_turn_times), 2)
        out["widths"][width] = row
        print(json.dumps({width: row}), flush=True)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
