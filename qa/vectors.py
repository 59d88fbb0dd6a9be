"""The FAISS index by corpus size: exact inner product while it is fast enough, then HNSW over
8-bit scalar-quantised vectors (a quarter of the memory, recall@10 against exact reported by
`scripts/bench.py`). Chosen automatically at build time, overridable with --vector-index."""

from __future__ import annotations

import math
from collections.abc import Iterator

import faiss
import numpy as np

KINDS = ("auto", "flat", "hnsw")
# Exact search costs ~0.05 ms per 1,000 vectors on one core here (10 ms at 200k; docs/choices.md):
# above this it would take more than ~1.5 ms of a query's 10 ms budget.
FLAT_MAX = 30_000
# At 200k synthetic vectors (docs/choices.md) M=48/efC=160 reached recall@10 0.967 at efSearch
# 256 where M=32/efC=80 reached 0.948; the wider 768 gave 0.987 at 1M (docs/benchmarks.md) and
# 256 gave 0.991 at 100k, at a third of the search time. At 10M the graph needs far more:
# recall@10 0.748 at 768, 0.896 at 3072, 0.976 at 6144 (`scripts/bench.py --recall-only`).
HNSW_M = 48
EF_CONSTRUCTION = 160
EF_SEARCH = 768
EF_SEARCH_SMALL = 256
SMALL_MAX = 300_000
EF_SEARCH_10M = 6144


def ef_search(n: int) -> int:
    """The HNSW search width for an index of `n` vectors (recall@10 >= 0.95 in the bench at
    100k, 1M and 10M). Between 1M and 10M the width grows with a power of `n` through both
    measured points (768 at 1M, 6144 at 10M: about n^0.9), to the nearest multiple of 64;
    beyond 10M it follows the same curve, unmeasured."""
    if n <= SMALL_MAX:
        return EF_SEARCH_SMALL
    if n <= 1_000_000:
        return EF_SEARCH
    power = math.log(EF_SEARCH_10M / EF_SEARCH) / math.log(10)
    return int(round(EF_SEARCH * (n / 1_000_000) ** power / 64)) * 64


# With a filter this selective, scoring the allowed vectors exactly is cheaper and exact.
EXACT_SUBSET_MAX = 20_000


def choose(n: int, requested: str = "auto") -> str:
    if requested not in KINDS:
        raise ValueError(f"vector index must be one of {', '.join(KINDS)}")
    if requested != "auto":
        return requested
    return "flat" if n <= FLAT_MAX else "hnsw"


def build(kind: str, dim: int, batches: Iterator[np.ndarray], sample: np.ndarray) -> faiss.Index:
    """An index over all vectors from `batches` (in passage-id order)."""
    if kind == "flat":
        index = faiss.IndexFlatIP(dim)
    else:
        index = faiss.IndexHNSWSQ(
            dim, faiss.ScalarQuantizer.QT_8bit, HNSW_M, faiss.METRIC_INNER_PRODUCT
        )
        index.hnsw.efConstruction = EF_CONSTRUCTION
        index.train(sample)
    for batch in batches:
        index.add(batch)
    if kind == "hnsw":
        index.hnsw.efSearch = ef_search(index.ntotal)
    return index


def kind_of(index: faiss.Index) -> str:
    return "hnsw" if isinstance(index, faiss.IndexHNSW) else "flat"


def search(
    index: faiss.Index, query: np.ndarray, depth: int, allowed: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray]:
    """Top `depth` (ids, scores), restricted to `allowed` ids when given."""
    depth = min(depth, index.ntotal)
    if allowed is not None:
        depth = min(depth, len(allowed))
        if kind_of(index) == "hnsw" and len(allowed) <= EXACT_SUBSET_MAX:
            vectors = index.reconstruct_batch(allowed)
            scores = vectors @ query[0]
            top = np.argsort(-scores, kind="stable")[:depth]
            return allowed[top].astype(np.int64), scores[top].astype(np.float32)
    if depth <= 0:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float32)
    params = None
    selector = faiss.IDSelectorBatch(allowed) if allowed is not None else None
    if kind_of(index) == "hnsw":
        params = faiss.SearchParametersHNSW(efSearch=max(ef_search(index.ntotal), depth))
        if selector is not None:
            params.sel = selector
    elif selector is not None:
        params = faiss.SearchParameters(sel=selector)
    scores, ids = index.search(query, depth, params=params)
    keep = ids[0] >= 0
    return ids[0][keep].astype(np.int64), scores[0][keep]
