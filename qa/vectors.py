"""The FAISS index by corpus size: exact inner product while it is fast enough, then HNSW over
8-bit scalar-quantised vectors (a quarter of the memory, recall@10 against exact reported by
`scripts/bench.py`). Chosen automatically at build time, overridable with --vector-index.

FAISS builds an HNSW graph in memory, about 0.9 KB a vector (10.6 GB at 10M), so past
`shard_max()` vectors (QA_VECTOR_SHARD) the graph is built as shards of consecutive passage
ids, each written to disk before the next is begun: a build's memory is bounded by one shard at
any size. A question searches every shard and keeps the best scores (`Sharded`)."""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import faiss
import numpy as np

from qa import layout
from qa.config import env_number

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


# One shard of a sharded index (at most SHARD_MAX vectors) is searched at this width: every
# shard holds part of the top 10, so each is searched as a small index.
EF_SEARCH_SHARD = 384


def shard_ef_search(n: int) -> int:
    """The search width of one shard of `n` vectors."""
    return min(ef_search(n), EF_SEARCH_SHARD)


# With a filter this selective, scoring the allowed vectors exactly is cheaper and exact.
EXACT_SUBSET_MAX = 20_000


def choose(n: int, requested: str = "auto") -> str:
    if requested not in KINDS:
        raise ValueError(f"vector index must be one of {', '.join(KINDS)}")
    if requested != "auto":
        return requested
    return "flat" if n <= FLAT_MAX else "hnsw"


# Vectors per HNSW shard (QA_VECTOR_SHARD): ~0.45 GB of graph and codes while one is built, so a
# 10M build (1.24 GB before its vector index, docs/scaling.md) stays under 2 GB.
SHARD_MAX = 500_000


def shard_max() -> int:
    return env_number("QA_VECTOR_SHARD", SHARD_MAX, 1)


def _empty(kind: str, dim: int, sample: np.ndarray) -> faiss.Index:
    if kind == "flat":
        return faiss.IndexFlatIP(dim)
    index = faiss.IndexHNSWSQ(
        dim, faiss.ScalarQuantizer.QT_8bit, HNSW_M, faiss.METRIC_INNER_PRODUCT
    )
    index.hnsw.efConstruction = EF_CONSTRUCTION
    index.train(sample)
    return index


def build(kind: str, dim: int, batches: Iterator[np.ndarray], sample: np.ndarray) -> faiss.Index:
    """One index over all vectors from `batches` (in passage-id order), in memory."""
    index = _empty(kind, dim, sample)
    for batch in batches:
        index.add(batch)
    if kind == "hnsw":
        index.hnsw.efSearch = ef_search(index.ntotal)
    return index


def shard_sizes(n: int, kind: str) -> list[int]:
    """How `n` vectors are split: one index, or HNSW shards of near-equal size <= shard_max()."""
    most = shard_max()
    if kind != "hnsw" or n <= most:
        return [n]
    count = -(-n // most)
    return [n // count + (i < n % count) for i in range(count)]


def write(
    kind: str, dim: int, n: int, batches: Iterator[np.ndarray], sample: np.ndarray, folder: Path
) -> list[int]:
    """Build the index of the `n` vectors from `batches` into `folder` (one file, or a folder of
    shards written one at a time); returns the shard sizes."""
    sizes = shard_sizes(n, kind)
    if len(sizes) == 1:
        faiss.write_index(build(kind, dim, batches, sample), str(folder / layout.VECTORS))
        return sizes
    (folder / layout.VECTOR_SHARDS).mkdir()
    pending = np.empty((0, dim), dtype=np.float32)
    for number, size in enumerate(sizes):
        index = _empty(kind, dim, sample)
        while index.ntotal < size:
            if not len(pending):
                pending = next(batches, None)
                if pending is None:
                    raise ValueError(f"fewer vectors than the {n} announced")
            take = size - index.ntotal
            index.add(pending[:take])
            pending = pending[take:]
        index.hnsw.efSearch = shard_ef_search(size)
        faiss.write_index(index, str(folder / layout.VECTOR_SHARDS / f"{number:04d}.faiss"))
        del index
    if len(pending) or next(batches, None) is not None:
        raise ValueError(f"more vectors than the {n} announced")
    return sizes


class Sharded:
    """HNSW shards over consecutive id ranges, searched as one index: each shard's top hits
    at its own width, merged by score. Ids are global (shard start + local id).

    Without a filter the shards are searched at once, each on a thread of faiss's own
    (IndexShards, threaded: C++ threads, outside the GIL and gevent's hub), so a question
    whose worker has the machine's other core to itself does not wait for them one after
    another (1M, 2 shards: the best 100 in 3.55 against 4.80 ms; docs/scaling.md, twelfth
    session; 21 shards at 10M not measured). Each shard returns what it returns searched
    alone; only which of several passages tied at the k-th score is kept may differ from
    searching the shards one after another (`threaded=False`, and every filtered search)."""

    def __init__(self, parts: list[faiss.Index], threaded: bool = True) -> None:
        self.parts = parts
        self.starts = np.cumsum([0] + [p.ntotal for p in parts])
        self.ntotal = int(self.starts[-1])
        self.d = parts[0].d
        self.together = None
        # One search width for every shard, as shard_sizes' near-equal shards always have;
        # shards that would want different widths are searched one at a time, each at its own.
        widths = {shard_ef_search(p.ntotal) for p in parts}
        if threaded and len(parts) > 1 and len(widths) == 1:
            self.together = faiss.IndexShards(self.d, True, True)  # threaded, successive ids
            for part in parts:
                self.together.add_shard(part)

    def _split(self, ids: np.ndarray) -> Iterator[tuple[int, np.ndarray, np.ndarray]]:
        """(shard, positions in `ids`, local ids) for each shard `ids` touch."""
        shard_of = np.searchsorted(self.starts, ids, side="right") - 1
        for number in np.unique(shard_of):
            where = np.flatnonzero(shard_of == number)
            yield int(number), where, ids[where] - self.starts[number]

    def reconstruct_batch(self, ids: np.ndarray) -> np.ndarray:
        ids = np.asarray(ids, dtype=np.int64)
        out = np.empty((len(ids), self.d), dtype=np.float32)
        for number, where, local in self._split(ids):
            out[where] = self.parts[number].reconstruct_batch(local)
        return out

    def reconstruct_n(self, start: int, count: int) -> np.ndarray:
        return self.reconstruct_batch(np.arange(start, start + count, dtype=np.int64))

    def search(
        self, query: np.ndarray, k: int, allowed: np.ndarray | None = None, ef: int | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """(scores, ids) of shape (len(query), k), padded with -1 ids as faiss pads."""
        if allowed is None and self.together is not None:
            width = ef or shard_ef_search(self.parts[0].ntotal)
            params = faiss.SearchParametersHNSW(efSearch=max(width, k))
            s, i = self.together.search(query, k, params=params)
            return np.where(i >= 0, s, -np.inf).astype(np.float32), i
        scores, ids = [], []
        if allowed is not None:  # each shard's slice of the sorted ids, not a mask per shard
            allowed = np.sort(allowed)
            bounds = np.searchsorted(allowed, self.starts)
        for number, part in enumerate(self.parts):
            start = self.starts[number]
            width = ef or shard_ef_search(part.ntotal)
            params = faiss.SearchParametersHNSW(efSearch=max(width, k))
            if allowed is not None:
                local = allowed[bounds[number] : bounds[number + 1]] - start
                if not len(local):
                    continue
                params.sel = faiss.IDSelectorBatch(local)
            s, i = part.search(query, k, params=params)
            scores.append(s)
            ids.append(np.where(i >= 0, i + start, -1))
        if not scores:
            return np.full((len(query), k), -np.inf, "float32"), np.full((len(query), k), -1)
        s, i = np.concatenate(scores, axis=1), np.concatenate(ids, axis=1)
        s = np.where(i >= 0, s, -np.inf)
        top = np.argsort(-s, axis=1, kind="stable")[:, :k]
        return np.take_along_axis(s, top, 1), np.take_along_axis(i, top, 1)


def read(folder: Path, flags: int = faiss.IO_FLAG_MMAP_IFC) -> faiss.Index | Sharded:
    """A build's vector index: its one file, or its shards in order. Raises RuntimeError (as
    faiss does) when a file cannot be read."""
    shards = folder / layout.VECTOR_SHARDS
    if shards.is_dir():
        files = sorted(shards.glob("*.faiss"))
        if not files:
            raise RuntimeError(f"no shards in {shards}")
        return Sharded([faiss.read_index(str(f), flags) for f in files])
    return faiss.read_index(str(folder / layout.VECTORS), flags)


def kind_of(index: faiss.Index | Sharded) -> str:
    return "hnsw" if isinstance(index, (faiss.IndexHNSW, Sharded)) else "flat"


def search(
    index: faiss.Index | Sharded, query: np.ndarray, depth: int, allowed: np.ndarray | None
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
    if isinstance(index, Sharded):
        scores, ids = index.search(query, depth, allowed)
        keep = ids[0] >= 0
        return ids[0][keep].astype(np.int64), scores[0][keep]
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
