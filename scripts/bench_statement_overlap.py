#!/usr/bin/env python
"""Finding who said what beside embedding: one after the other, or together on two threads
(as qa/build.py's _StatementStage does), in process.

    python scripts/bench_statement_overlap.py [--articles 120] [--passages 600]

Articles: the first `--articles` of MultiHop-RAG's corpus (news heavy in quotations);
passages: 200-word windows of them (every 180 words), the first `--passages`. Times
`find_statements` over the articles and the default backend's `encode_passages` over the
passages, each alone (model on 2 threads), then both at once with the statements on a
second thread, the model on 2 threads and on 1 (leaving the other core to the statements).
One run; prints seconds.
"""

from __future__ import annotations

import argparse
import threading
import time

from _setup import ROOT, scratch  # noqa: E402,F401

from qa import embed
from qa.config import DEFAULT_BACKEND, DEFAULT_MODEL
from qa.load import load_documents
from qa.quotes import find_statements

CORPUS = ROOT.parent / "shared" / "benchmarks" / "multihop-rag" / "corpus.json"


def embedder(threads: int) -> embed.Embedder:
    embed.set_threads(threads)
    embed.get_embedder.cache_clear()
    return embed.get_embedder(DEFAULT_MODEL, DEFAULT_BACKEND, scratch())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=120)
    parser.add_argument("--passages", type=int, default=600)
    args = parser.parse_args()
    texts = [d.text for d in load_documents([CORPUS], [])][: args.articles]
    words = [t.split() for t in texts]
    windows = [" ".join(w[i : i + 200]) for w in words for i in range(0, len(w), 180)]
    passages = windows[: args.passages]
    print(f"{len(texts)} articles, {len(passages)} passages, backend {DEFAULT_BACKEND}")
    find_statements(texts[0])  # the parser loaded
    model = embedder(2)
    model.encode_passages(passages[:2])
    started = time.perf_counter()
    for text in texts:
        find_statements(text)
    alone = time.perf_counter() - started
    started = time.perf_counter()
    model.encode_passages(passages)
    embedding = time.perf_counter() - started
    print(f"one after the other: statements {alone:.1f} s + embedding {embedding:.1f} s "
          f"= {alone + embedding:.1f} s")  # fmt: skip
    for threads in (2, 1):
        model = embedder(threads)
        model.encode_passages(passages[:2])
        done: dict[str, float] = {}
        started = time.perf_counter()

        def statements(started: float = started, done: dict = done) -> None:
            for text in texts:
                find_statements(text)
            done["statements"] = time.perf_counter() - started

        thread = threading.Thread(target=statements)
        thread.start()
        model.encode_passages(passages)
        done["embedding"] = time.perf_counter() - started
        thread.join()
        total = time.perf_counter() - started
        print(f"together, model on {threads} thread(s): {total:.1f} s (embedding done at "
              f"{done['embedding']:.1f} s, statements at {done['statements']:.1f} s)")  # fmt: skip


if __name__ == "__main__":
    main()
