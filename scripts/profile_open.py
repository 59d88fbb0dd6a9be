#!/usr/bin/env python
"""Where a worker's start goes: each step of opening an index timed on its own, in process.

    python scripts/profile_open.py .bench/synthetic-10000000

Steps: the vector index read (memory-mapped; faiss still reads the HNSW links once), the
SQLite counts as an older build's worker made them (Store.counts, full scans) against the last
passage id that a worker checks now (Store.passage_count), the BM25 arrays and the whole
`Retriever.open` without the model. Run it twice to see a warm start; a cold one (right after
a build or a reboot) reads the files from disk. Prints one JSON object, seconds.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from _setup import ROOT  # noqa: F401

from qa import layout
from qa.config import DEFAULT_MODEL
from qa.lexical import Lexical
from qa.retrieve import Retriever, _read_vectors
from qa.store import Store


def timed(fn, *args) -> float:
    started = time.perf_counter()
    fn(*args)
    return round(time.perf_counter() - started, 3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("index_dir", type=Path)
    args = parser.parse_args()
    build = layout.resolve(args.index_dir)
    store = Store(build / layout.META)
    out = {
        "index": str(args.index_dir),
        "vectors_read_s": timed(_read_vectors, build),
        "store_counts_s": timed(store.counts),
        "store_passage_count_s": timed(store.passage_count),
        "bm25_load_s": timed(Lexical, build / layout.LEXICAL),
        "manifest_has_counts": "outlets" in layout.read_manifest(build).get("counts", {}),
        "retriever_open_s": timed(
            lambda: Retriever.open(args.index_dir, DEFAULT_MODEL, load_model=False)
        ),
    }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
