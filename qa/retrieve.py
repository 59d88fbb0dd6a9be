"""Retriever.open(dir) checks the manifest and loads the parts; search() -> ranked Hits.

Dense (FAISS inner product over normalised vectors), lexical (BM25) or hybrid (both, fused by
reciprocal rank). Filters become an id selector inside FAISS and a mask inside BM25, so k hits
come back whenever k passages match. Identical passages (the same story under two names) take
one place; an optional per-source cap makes room for every source that said it.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path

import faiss
import numpy as np

from qa import layout, vectors
from qa.embed import get_embedder, model_label
from qa.errors import BadQuery, IndexInvalid, ModelMismatch
from qa.lexical import Lexical
from qa.store import Store
from qa.types import Filters, Hit

log = logging.getLogger(__name__)

MODES = ("hybrid", "dense", "lexical")
RRF_K = 60  # the constant from Cormack et al. (2009)
# Hybrid fusion, chosen on SciFact and the gold sets (docs/evaluation.md): "convex" min-max
# normalises each retriever's scores over its candidates and mixes them with weight ALPHA on
# the dense side; "rrf" is reciprocal rank fusion.
FUSION = "convex"
ALPHA = 0.6
MIN_CANDIDATES = 100


# "What was said about X?" wants every source that said it: one passage per article first.
BROAD = re.compile(
    r"\bwhat\s+(?:was|were|is|are|has\s+been|have\s+been|had\s+been)\s+"
    r"(?:said|reported|written|claimed|stated|announced|discussed)\b"
    r"|\bwhat\s+(?:did|do|does)\b.*\b(?:say|said|report|write|claim|think)\b"
    r"|\b(?:coverage|reporting|reports|views|reactions?|opinions?|commentary)\s+(?:of|on|about|to)\b"
    r"|\b(?:every|all|each|which|different)\s+(?:sources?|articles?|outlets?|stories|papers)\b",
    re.I,
)
AUTO_CAP_BROAD = 1
AUTO_CAP = 2


def auto_cap(question: str) -> int:
    """The per-source cap used when the caller sets none: chosen on the gold sets."""
    return AUTO_CAP_BROAD if BROAD.search(question) else AUTO_CAP


@dataclass
class SearchOptions:
    k: int = 5
    mode: str = "hybrid"
    filters: Filters = Filters()
    # At most this many passages of one article before backfilling; 0: no cap; None: auto.
    per_source: int | None = None


def _read_vectors(path: Path) -> faiss.Index:
    """Vectors memory-mapped (IO_FLAG_MMAP_IFC: flat and 8-bit codes; plain IO_FLAG_MMAP copies
    them), so worker processes share one copy through the page cache."""
    try:
        return faiss.read_index(str(path), faiss.IO_FLAG_MMAP_IFC)
    except RuntimeError:
        try:
            return faiss.read_index(str(path))
        except RuntimeError as exc:
            raise IndexInvalid(f"{path} cannot be read ({exc}); rebuild with `qa index`") from exc


def fuse(runs: dict[str, tuple[np.ndarray, np.ndarray]], method: str, alpha: float) -> dict:
    """Fused score per passage id from each retriever's (ids, scores), best first."""
    fused: dict[int, float] = {}
    if method == "rrf":
        for ids, _ in runs.values():
            for rank, i in enumerate(ids):
                fused[int(i)] = fused.get(int(i), 0.0) + 1.0 / (RRF_K + rank + 1)
        return fused
    weights = {"dense": alpha, "lexical": 1.0 - alpha}
    for name, (ids, scores) in runs.items():
        if len(ids) == 0:
            continue
        hi = float(scores.max())
        # BM25 has a natural floor, 0 for a passage without any query word, so lexical scores
        # are divided by the best; min-max would give the weakest *matching* passage the same
        # 0 as a passage matching nothing whenever few passages match. Cosines have no such
        # floor and are min-max normalised over the candidates.
        lo = 0.0 if name == "lexical" else float(scores.min())
        span = hi - lo if hi > lo else 1.0
        # A passage missing from one list gets that list's floor (0 after normalising).
        for i, s in zip(ids, scores, strict=True):
            fused[int(i)] = fused.get(int(i), 0.0) + weights[name] * (float(s) - lo) / span
    return fused


class Retriever:
    fusion = FUSION
    alpha = ALPHA

    def __init__(self, build: Path, manifest: dict, model: str, models_dir: Path) -> None:
        self.build = build
        self.manifest = manifest
        self.model = model
        self.vectors = _read_vectors(build / layout.VECTORS)
        try:
            self.store = Store(build / layout.META)
            counts = self.store.counts()
        except Exception as exc:  # sqlite3.DatabaseError and friends
            raise IndexInvalid(
                f"{build / layout.META} cannot be read ({exc}); rebuild with `qa index`"
            ) from exc
        try:
            self.lexical = Lexical(build / layout.LEXICAL)
        except Exception as exc:  # bm25s raises a mix of ValueError/OSError/KeyError
            raise IndexInvalid(
                f"{build / layout.LEXICAL} cannot be read ({exc}); rebuild with `qa index`"
            ) from exc
        n = counts["passages"]
        if self.vectors.ntotal != n or self.lexical.num_docs != n:
            raise IndexInvalid(
                f"{build}: {self.vectors.ntotal} vectors, {self.lexical.num_docs} BM25 documents "
                f"and {n} passages in {layout.META} disagree; rebuild with `qa index`"
            )
        if self.vectors.d != manifest["model"]["dim"]:
            raise IndexInvalid(
                f"{build / layout.VECTORS} has dimension {self.vectors.d}, "
                f"manifest says {manifest['model']['dim']}; rebuild with `qa index`"
            )
        self.counts = counts
        # Queries go through the backend that embedded the passages (an ONNX export lives in
        # the index folder), so both sides of every dot product come from one network.
        self.embedder = get_embedder(model, manifest["model"].get("backend", "torch"), models_dir)
        expected = manifest["model"].get("export_sha256")
        if expected and self.embedder.export_sha256 != expected:
            raise ModelMismatch(
                f"the ONNX export in {models_dir} is not the one that embedded this index's "
                "passages (it was exported again since): rebuild with `qa index`"
            )

    @classmethod
    def open(cls, index_dir: Path, model: str, verify: bool = False) -> Retriever:
        build = layout.resolve(index_dir)
        manifest = layout.read_manifest(build, verify=verify)
        built_with = manifest["model"]["name"]
        if built_with != model_label(model):
            raise ModelMismatch(
                f"the index at {index_dir} was built with model {built_with!r} but the service is "
                f"configured with {model_label(model)!r}: run with --model {built_with} "
                f"(or QA_MODEL), or rebuild with `qa index --model {model}`"
            )
        return cls(build, manifest, model, index_dir / layout.MODELS)

    def close(self) -> None:
        self.store.close()

    def stats(self) -> dict:
        return {
            "build_id": self.manifest["build_id"],
            "created": self.manifest["created"],
            "model": self.manifest["model"],
            "chunking": self.manifest["chunking"],
            **self.counts,
        }

    # -- search -----------------------------------------------------------------------------

    def search(self, question: str, options: SearchOptions) -> list[Hit]:
        if options.mode not in MODES:
            raise BadQuery(f"mode must be one of {', '.join(MODES)}")
        allowed_ids = None
        if not options.filters.is_empty():
            allowed_ids = self.store.filter_ids(options.filters)
            if allowed_ids.size == 0:
                return []
        depth = max(options.k * 4, MIN_CANDIDATES)
        ranked = self._rank(question, options.mode, depth, allowed_ids)
        cap = auto_cap(question) if options.per_source is None else options.per_source
        return self._select(ranked, options.k, cap)

    def _dense(self, question: str, depth: int, allowed: np.ndarray | None):
        return vectors.search(self.vectors, self.embedder.encode_query(question), depth, allowed)

    def _lexical(self, question: str, depth: int, allowed: np.ndarray | None):
        mask = None
        if allowed is not None:
            mask = np.zeros(self.lexical.num_docs, dtype=bool)
            mask[allowed] = True
        return self.lexical.search(question, depth, mask)

    def _rank(
        self, question: str, mode: str, depth: int, allowed: np.ndarray | None
    ) -> list[tuple[int, float, dict]]:
        """(passage id, fused score, component scores), best first; ties go to the lower id,
        so of two identical stories the one read first is the one cited."""
        runs = {}
        if mode in ("dense", "hybrid"):
            runs["dense"] = self._dense(question, depth, allowed)
        if mode in ("lexical", "hybrid"):
            runs["lexical"] = self._lexical(question, depth, allowed)
        parts: dict[int, dict] = {}
        for name, (ids, scores) in runs.items():
            for i, s in zip(ids, scores, strict=True):
                parts.setdefault(int(i), {})[name] = float(s)
        if mode == "hybrid":
            scored = fuse(runs, self.fusion, self.alpha)
        else:
            scored = {i: p[mode] for i, p in parts.items()}
        order = sorted(scored, key=lambda i: (-round(scored[i], 6), i))
        return [(i, scored[i], parts[i]) for i in order]

    def _select(self, ranked: list[tuple[int, float, dict]], k: int, cap: int) -> list[Hit]:
        """Collapse repeated passages, apply the per-source cap, backfill, fetch rows."""
        rows = self.store.passages(i for i, _, _ in ranked)
        chosen: list[tuple[int, float, dict]] = []
        held_back: list[tuple[int, float, dict]] = []
        seen_text: dict[str, int] = {}
        per_article: dict[int, int] = {}
        duplicates: dict[int, list[int]] = {}
        for item in ranked:
            row = rows[item[0]]
            first = seen_text.get(row["text_hash"])
            if first is not None:
                duplicates.setdefault(first, []).append(item[0])
                continue
            seen_text[row["text_hash"]] = item[0]
            article = row["canonical"]
            if cap and per_article.get(article, 0) >= cap:
                held_back.append(item)
                continue
            per_article[article] = per_article.get(article, 0) + 1
            chosen.append(item)
            if len(chosen) >= k:
                break
        chosen.extend(held_back[: k - len(chosen)])
        hits = []
        for pid, score, components in chosen:
            row = rows[pid]
            hits.append(
                Hit(
                    passage_id=pid,
                    score=score,
                    text=row["text"],
                    source=row["source"],
                    title=row["title"],
                    published=row["published"],
                    url=row["url"],
                    article_id=row["article_id"],
                    char_start=row["char_start"],
                    char_end=row["char_end"],
                    sentences=[tuple(s) for s in json.loads(row["sentences"])],
                    text_hash=row["text_hash"],
                    also_in=[rows[d]["source"] for d in duplicates.get(pid, [])],
                    components=components,
                )
            )
        return hits
