"""Runs load -> clean -> chunk -> embed -> index into a staging folder, then publishes it."""

from __future__ import annotations

import logging
import re
import shutil
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import faiss
import numpy as np
from tqdm import tqdm

from qa import layout, lexical, shards
from qa.chunk import chunk
from qa.clean import clean
from qa.config import ChunkSettings
from qa.embed import get_embedder
from qa.errors import QAError
from qa.load import LoadWarning, load_documents
from qa.store import StoreWriter
from qa.types import Passage

log = logging.getLogger(__name__)

EMBED_BATCH = 512  # passages per encode call: bounds memory, keeps the progress bar moving


@dataclass
class BuildReport:
    build_id: str
    path: Path
    documents_read: int = 0
    articles: int = 0
    passages: int = 0
    duplicates: int = 0
    seconds: float = 0.0
    warnings: list[LoadWarning] = field(default_factory=list)

    def skipped(self) -> Counter:
        """Skipped inputs by reason, details in parentheses dropped ("empty file": 2)."""
        return Counter(
            re.sub(r"\s*\(.*?\)", "", w.message).removesuffix(", skipped")
            for w in self.warnings
            if w.message.endswith("skipped")
        )

    def summary(self) -> str:
        skipped = self.skipped()
        reasons = ", ".join(f"{n} {reason}" for reason, n in skipped.most_common())
        return (
            f"read {self.documents_read} documents, indexed {self.articles} articles as "
            f"{self.passages} passages ({self.duplicates} duplicate stories), skipped "
            f"{sum(skipped.values())}{f' ({reasons})' if reasons else ''}, "
            f"{len(self.warnings)} warnings, in {self.seconds:.1f}s -> build {self.build_id}"
        )


def embedding_text(title: str | None, passage: Passage, settings: ChunkSettings) -> str:
    """What the models see: the passage, with its article's headline for context."""
    if settings.title_context and title:
        return f"{title}\n{passage.text}"
    return passage.text


def build_index(
    paths: list[Path],
    index_dir: Path,
    model: str,
    settings: ChunkSettings,
    progress: bool = True,
    batch_size: int = 64,
) -> BuildReport:
    """Build a complete index from `paths` and publish it; on any failure publish nothing."""
    started = time.perf_counter()
    index_dir.mkdir(parents=True, exist_ok=True)
    build_id = layout.new_build_id()
    staging = layout.staging_dir(index_dir, build_id)
    report = BuildReport(build_id=build_id, path=staging)
    try:
        embedder = get_embedder(model)
        texts = _load_into_store(paths, staging, settings, report)
        if not texts:
            raise QAError(
                "nothing to index: no readable articles in "
                + ", ".join(str(p) for p in paths)
                + "".join(f"\n  {w}" for w in report.warnings[:20])
            )
        vectors = faiss.IndexFlatIP(embedder.dim)
        bar = tqdm(
            total=len(texts),
            desc="embedding",
            unit="passage",
            disable=not progress,
            file=sys.stderr,
        )
        for start in range(0, len(texts), EMBED_BATCH):
            batch = texts[start : start + EMBED_BATCH]
            vectors.add(embedder.encode_passages(batch, batch_size=batch_size))
            bar.update(len(batch))
        bar.close()
        faiss.write_index(vectors, str(staging / layout.VECTORS))
        (staging / layout.LEXICAL).mkdir()
        lexical.build(texts, staging / layout.LEXICAL)
        layout.write_manifest(
            staging,
            {
                "build_id": build_id,
                "created": datetime.now(UTC).isoformat(timespec="seconds"),
                "model": {"name": embedder.name, "dim": embedder.dim},
                "chunking": settings.as_dict(),
                "lexical": lexical.SETTINGS,
                "vector_index": "IndexFlatIP",
                "counts": {
                    "articles": report.articles,
                    "passages": report.passages,
                    "duplicate_articles": report.duplicates,
                },
            },
        )
        report.path = layout.publish(index_dir, staging, build_id)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    report.seconds = time.perf_counter() - started
    return report


def _embed_missing(texts, keys, cache, embedder, batch_size: int, progress: bool) -> None:
    """Embed the passages no shard holds yet, writing a shard per batch (resumable)."""
    todo = cache.missing(keys)
    if not todo:
        return
    wanted = set(todo)
    text_of = {}
    for k, t in zip(keys, texts, strict=True):
        if k in wanted and k not in text_of:
            text_of[k] = t
    bar = tqdm(
        total=len(todo), desc="embedding", unit="passage", disable=not progress, file=sys.stderr
    )
    for batch in shards.batched(todo, EMBED_BATCH):
        vecs = embedder.encode_passages([text_of[k] for k in batch], batch_size=batch_size)
        cache.add_shard(shards.write_shard(cache.folder, np.array(batch), vecs))
        bar.update(len(batch))
    bar.close()


def _load_into_store(
    paths: list[Path], staging: Path, settings: ChunkSettings, report: BuildReport
) -> list[str]:
    """Stream documents into SQLite; returns the texts to embed, in passage-id order."""
    writer = StoreWriter(staging / layout.META)
    texts: list[str] = []
    seen: set[str] = set()
    try:
        for doc in load_documents(paths, report.warnings):
            report.documents_read += 1
            if doc.source in seen:
                report.warnings.append(
                    LoadWarning(
                        doc.source, "a document with this source id was already read, skipped"
                    )
                )
                continue
            seen.add(doc.source)
            article = clean(doc)
            passages = chunk(article, settings)
            if not passages:
                report.warnings.append(
                    LoadWarning(doc.source, "no text left after cleaning, skipped")
                )
                continue
            writer.add(article, passages)
            texts.extend(embedding_text(article.title, p, settings) for p in passages)
            report.articles += 1
            report.passages += len(passages)
        report.duplicates = writer.duplicates
    finally:
        writer.close()
    return texts


def as_array(index: faiss.Index) -> np.ndarray:
    """All vectors of a flat index (tests compare builds with it)."""
    return faiss.rev_swig_ptr(index.get_xb(), index.ntotal * index.d).reshape(index.ntotal, index.d)
