"""Runs load -> clean -> chunk -> embed -> index into a staging folder, then publishes it.

A build embeds only passages whose (model, text) no embedding shard holds yet, so a killed
build resumes where it stopped, and `update_index` (add or remove documents) re-embeds only the
new passages: it re-chunks the live build's stored articles, reuses their cached vectors and
re-assembles the vector and BM25 indexes beside the live build, published the same atomic way.
"""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import re
import shlex
import shutil
import sqlite3
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import faiss
import numpy as np
from tqdm import tqdm

from qa import background, candidate_columns, layout, lexical, shards, vectors
from qa.chunk import chunk
from qa.clean import clean
from qa.config import DEFAULT_BACKEND, ChunkSettings, env_number
from qa.embed import Embedder, export_checksum, get_embedder
from qa.errors import IndexWriteFailed, QAError
from qa.load import LoadWarning, file_size_limit, load_documents
from qa.records import FieldNotes
from qa.speakers import SpeakerIndex
from qa.statement_cache import StatementCache
from qa.store import StatementWriter, Store, StoreWriter, merge_statements
from qa.types import Article

log = logging.getLogger(__name__)

GATHER_BATCH = 8192  # vectors moved from shards into the index at a time
# Passages whose texts are held at once while embedding (QA_BUILD_WINDOW): ~50 MB of text at
# 200 words; larger windows sort more passages by length together, for slightly less padding.
DEFAULT_WINDOW = 50_000


@dataclass
class BuildReport:
    build_id: str
    path: Path
    documents_read: int = 0
    articles: int = 0
    passages: int = 0
    statements: int = 0  # reported statements found (qa.quotes)
    statements_cached: int = 0  # articles whose statements came from qa.statement_cache
    duplicates: int = 0
    embedded: int = 0  # passages embedded by this run (the rest came from shards)
    unchanged: int = 0  # documents an update found identical to the live index
    removed: int = 0
    published: bool = True
    seconds: float = 0.0
    vector_index: str = "flat"
    warnings: list[LoadWarning] = field(default_factory=list)
    fields: FieldNotes = field(default_factory=FieldNotes)
    counts: dict[str, int] = field(default_factory=dict)  # StoreWriter.counts of the build

    def skipped(self) -> Counter:
        """Skipped inputs by reason, details in parentheses dropped ("empty file": 2)."""
        return Counter(
            re.sub(r"\s*\(.*?\)", "", w.message).removesuffix(", skipped")
            for w in self.warnings
            if w.message.endswith("skipped")
        )

    def summary(self) -> str:
        if not self.published:
            return (
                f"nothing changed: {self.unchanged} documents already indexed unchanged; "
                "the live index was left as it is"
            )
        skipped = self.skipped()
        reasons = ", ".join(f"{n} {reason}" for reason, n in skipped.most_common())
        extra = ""
        if self.unchanged or self.removed:
            extra = f", {self.unchanged} unchanged, {self.removed} removed"
        # Which JSON field became which role, before the summary line (which stays last).
        fields = "".join(f"  {line}\n" for line in self.fields.describe())
        if fields:
            fields = f"JSON fields read (role<-field, (n) when not every record had it):\n{fields}"
        return fields + (
            f"read {self.documents_read} documents, indexed {self.articles} articles as "
            f"{self.passages} passages ({self.duplicates} duplicate stories; "
            f"{self.embedded} passages embedded, the rest from cache{extra}), skipped "
            f"{sum(skipped.values())}{f' ({reasons})' if reasons else ''}, "
            f"{len(self.warnings)} warnings, in {self.seconds:.1f}s -> build {self.build_id} "
            f"({self.vector_index} vectors)"
        )


def embedding_text(title: str | None, text: str, settings: ChunkSettings) -> str:
    """What the models see: a passage's text, with its article's headline for context."""
    if settings.title_context and title:
        return f"{title}\n{text}"
    return text


def build_index(
    paths: list[Path],
    index_dir: Path,
    model: str,
    settings: ChunkSettings,
    progress: bool = True,
    vector_index: str = "auto",
    backend: str = DEFAULT_BACKEND,
    ray: str | None = None,
    *,
    statements: bool = True,
    query_int8: bool = True,
) -> BuildReport:
    """Build a complete index from `paths` and publish it; on any failure publish nothing.
    statements=False leaves out who said what (qa/quotes.py): only the benchmark of what
    attribution costs uses it."""
    check_environment()
    warnings: list[LoadWarning] = []
    notes = FieldNotes()

    def articles() -> Iterator[Article]:
        for doc in load_documents(paths, warnings, notes=notes):
            yield clean(doc)

    plan = BuildPlan(model, settings, vector_index, backend, progress, ray, statements, query_int8)
    with _writing(index_dir, _command(paths)):
        report = _build(
            articles(), warnings, index_dir, plan, describe=", ".join(str(p) for p in paths)
        )
    report.fields = notes
    return report


def update_index(
    index_dir: Path,
    model: str,
    add: list[Path],
    remove: list[str],
    progress: bool = True,
    ray: str | None = None,
) -> BuildReport:
    """Add documents to and/or remove sources (exact, or prefix ending in '/') from the live
    index. Unchanged documents (same content hash) and unchanged articles are not re-embedded;
    if nothing changes, nothing is published.

    The live build is read under the write lock: read before it, a concurrent writer's build
    could be published in between and this update, made from the older one, would drop it."""
    layout.resolve(index_dir)  # no index: say so before the lock creates the folder
    check_environment()
    flags = [*(["--add", *map(str, add)] if add else []), *(f"--remove={r}" for r in remove)]
    with _writing(index_dir, _command(flags)):
        return _update(index_dir, model, add, remove, progress, ray)


def _update(
    index_dir: Path,
    model: str,
    add: list[Path],
    remove: list[str],
    progress: bool,
    ray: str | None,
) -> BuildReport:
    live = layout.resolve(index_dir)
    manifest = layout.read_manifest(live)
    settings = ChunkSettings(**manifest["chunking"])
    warnings: list[LoadWarning] = []
    notes = FieldNotes()
    new = {}
    for doc in load_documents(add, warnings, notes=notes):
        if doc.source in new:
            warnings.append(
                LoadWarning(doc.source, "a document with this source id was already read, skipped")
            )
            continue
        new[doc.source] = clean(doc)
    store = Store(live / layout.META)
    existing = store.content_hashes()

    def dropped(source: str) -> bool:
        return any(
            source == r or (r.endswith(("/", "*")) and source.startswith(r.rstrip("*")))
            for r in remove
        )

    unchanged = {s for s, a in new.items() if existing.get(s) == a.content_hash}
    removed = sum(1 for s in existing if dropped(s) and s not in new)
    changed = [s for s in new if s not in unchanged]
    if not changed and not removed:
        store.close()
        report = BuildReport(
            build_id=manifest["build_id"],
            path=live,
            published=False,
            unchanged=len(unchanged),
            warnings=warnings,
        )
        return report

    def articles() -> Iterator[Article]:
        for article in store.stored_articles():
            source = article.source
            if dropped(source) or (source in new and source not in unchanged):
                continue
            yield article
        for source in changed:
            yield new[source]

    try:
        # The live build's own settings: an update never changes how the index is made.
        plan = BuildPlan(
            model,
            settings,
            manifest.get("vector_index_requested", "auto"),
            manifest["model"].get("backend", "torch"),
            progress,
            ray,
            query_int8=manifest["model"].get("query_backend") == QUERY_INT8,
        )
        report = _build(
            articles(),
            warnings,
            index_dir,
            plan,
            describe=f"the live index after the update of {index_dir}",
        )
    finally:
        store.close()
    report.unchanged, report.removed = len(unchanged), removed
    report.fields = notes
    return report


def _command(args: list) -> str:
    """How the lock file names its holder, for whoever is refused (or reads .lock)."""
    return shlex.join(["qa", "index", *map(str, args)])


@contextmanager
def _writing(index_dir: Path, command: str) -> Iterator[None]:
    """Run the body as the index folder's one writer, and turn the OS refusing a write (disk
    full, read-only or unwritable folder, file size limit) into one line instead of a
    traceback: the one place a writer's OSError is translated."""
    try:
        with layout.write_lock(index_dir, command):
            yield
    except OSError as exc:
        path = Path(exc.filename) if exc.filename else index_dir
        raise _write_failed(index_dir, path, exc.strerror or str(exc)) from exc


def _write_failed(index_dir: Path, path: Path, reason: str) -> IndexWriteFailed:
    inside = path.absolute().is_relative_to(index_dir.absolute())
    after = (
        "the previous build still serves" if layout.serving(index_dir) else "no build serves yet"
    )
    return IndexWriteFailed(
        f"cannot {'write' if inside else 'read'} {path}: {reason}; nothing was published, {after}"
    )


def _refused_write(exc: BaseException, staging: Path) -> OSError | None:
    """The OSError a failed write inside a build amounts to, naming the file where it can, for
    `_writing` to report; None for any other failure.

    A write through a Python file object carries no file name: the staging folder stands in.
    SQLite and FAISS report a refused write in their own exceptions; the live build is only
    ever opened read-only, so a write error from them is about the staging folder."""
    if isinstance(exc, OSError):
        if exc.strerror is None:  # numpy's "Not enough free space to write 123 bytes"
            return OSError(errno.EIO, str(exc) or type(exc).__name__, exc.filename or str(staging))
        if not exc.filename:
            exc.filename = str(staging)
        return exc
    if isinstance(exc, sqlite3.Error):
        name = getattr(exc, "sqlite_errorname", "")
        if name == "SQLITE_FULL" or (name.startswith("SQLITE_IOERR") and "READ" not in name):
            return OSError(errno.EIO, str(exc), str(staging / layout.META))
    if isinstance(exc, RuntimeError) and "write error in" in str(exc):
        # faiss: "... write error in PATH: 9955 != 153600 (File too large)"
        reason = re.search(r"\(([^()]+)\)\s*$", str(exc))
        return OSError(
            errno.EIO, reason.group(1) if reason else str(exc), str(staging / layout.VECTORS)
        )
    return None


@dataclass(frozen=True)
class BuildPlan:
    """How a build is made: the same for a full build and for an update (which takes the live
    build's own settings from its manifest)."""

    model: str
    settings: ChunkSettings
    vector_index: str = "auto"
    backend: str = DEFAULT_BACKEND
    progress: bool = True
    ray: str | None = None
    statements: bool = True  # find who said what in every article (qa/quotes.py)
    # Questions of an fp32 or bf16 (openvino) index are encoded by the int8 export (2.3x
    # faster, within a point of fp32 on every gold set in hybrid mode: docs/query-int8.md).
    query_int8: bool = True


def _build(
    articles: Iterator[Article],
    warnings: list[LoadWarning],
    index_dir: Path,
    plan: BuildPlan,
    describe: str,
) -> BuildReport:
    started = time.perf_counter()
    index_dir.mkdir(parents=True, exist_ok=True)
    build_id = layout.new_build_id()
    staging = layout.staging_dir(index_dir, build_id)
    report = BuildReport(build_id=build_id, path=staging, warnings=warnings)
    try:
        model, settings = plan.model, plan.settings
        embedder = get_embedder(model, plan.backend, index_dir / layout.MODELS)
        _store_articles(articles, staging, settings, report)
        if not report.passages:
            raise QAError(
                f"nothing to index: no readable articles in {describe}"
                + "".join(f"\n  {w}" for w in report.warnings[:20])
            )
        # Who said what is found on a second thread while the passages are embedded: the
        # parse and rules hold the GIL, the model's runtime releases it, and on 120 MultiHop-RAG
        # articles the two together took 17.8 s where one after the other took 21.9
        # (scripts/bench_statement_overlap.py; README, "A first build").
        finding = _StatementStage(staging, index_dir) if plan.statements else None
        try:
            cache = shards.ShardIndex(shards.cache_dir(index_dir, embedder.cache_label))
            keys = _embed_stage(staging, settings, embedder, cache, report, plan.progress, plan.ray)
        except BaseException:
            if finding is not None:
                finding.abandon()
            raise
        finally:
            embedder.release_lanes()
        if finding is not None:
            finding.finish(report)
        _save_speakers(staging)
        kind = vectors.choose(len(keys), plan.vector_index)
        sample = cache.gather(keys[:: max(1, len(keys) // 50_000)], embedder.dim)
        vectors.write(
            kind,
            embedder.dim,
            len(keys),
            (cache.gather(batch, embedder.dim) for batch in shards.batched(keys, GATHER_BATCH)),
            sample,
            staging,
        )
        del keys, cache, sample  # ~40 bytes a passage the BM25 stage need not hold beside its own
        report.vector_index = kind
        (staging / layout.LEXICAL).mkdir()
        lexical.build(
            _windows(_embedding_texts(staging, settings), build_window()),
            staging / layout.LEXICAL,
        )
        write_candidate_columns(staging)
        layout.write_manifest(
            staging,
            {
                "build_id": build_id,
                "created": datetime.now(UTC).isoformat(timespec="seconds"),
                "model": {
                    "name": embedder.name,
                    "dim": embedder.dim,
                    "backend": plan.backend,
                    "export_sha256": embedder.export_sha256,
                    # bf16 or f32: what OpenVINO ran the passages' matrix products in here
                    **({"precision": embedder.precision} if plan.backend == "openvino" else {}),
                    **_query_encoder(plan, index_dir),
                },
                "chunking": settings.as_dict(),
                "lexical": lexical.SETTINGS,
                "vector_index": kind,
                "vector_index_requested": plan.vector_index,
                # Everything /health reports, so a worker need not count 10M rows to start.
                "counts": report.counts,
            },
        )
        report.path = layout.publish(index_dir, staging, build_id)
    except BaseException as exc:
        shutil.rmtree(staging, ignore_errors=True)
        refused = _refused_write(exc, staging)
        if refused is not None:
            raise refused from exc
        raise
    report.seconds = time.perf_counter() - started
    return report


def _embed_stage(
    staging: Path,
    settings: ChunkSettings,
    embedder: Embedder,
    cache: shards.ShardIndex,
    report: BuildReport,
    progress: bool,
    ray: str | None,
) -> np.ndarray:
    """Embed every passage no shard holds yet; returns all passages' key ids (`shards.ids`:
    16 bytes a passage) in id order.

    Texts stream back from the store a window at a time (`QA_BUILD_WINDOW` passages), so
    build memory is bounded by that setting and not by the corpus. Within a window the missing
    passages are embedded longest first: similar lengths share a batch, so little compute goes
    to padding. With `ray`, each window is a Ray Data job writing the same shards."""
    keys: list[np.ndarray] = []
    bar = tqdm(
        total=report.passages,
        desc="embedding",
        unit="passage",
        disable=not progress,
        file=sys.stderr,
    )
    for texts in _windows(_embedding_texts(staging, settings), build_window()):
        window_keys = [shards.key(embedder.cache_label, t) for t in texts]
        keys.append(shards.ids(window_keys))
        todo = cache.missing(window_keys)
        bar.update(len(texts) - len(todo))
        if not todo:
            continue
        text_of = dict(zip(window_keys, texts, strict=True))
        todo.sort(key=lambda k: -len(text_of[k]))
        if ray:
            from qa.distributed import embed_with_ray

            for shard in embed_with_ray(
                [text_of[k] for k in todo], todo, cache.folder, embedder, ray
            ):
                cache.add_shard(shard)
            bar.update(len(todo))
        else:
            for batch in shards.batched(todo, shards.shard_size()):
                vecs = embedder.encode_passages([text_of[k] for k in batch])
                cache.add_shard(shards.write_shard(cache.folder, np.array(batch), vecs))
                bar.update(len(batch))
        report.embedded += len(todo)
    bar.close()
    return np.concatenate(keys) if keys else shards.ids([])


def check_environment() -> None:
    """Read the build's settings from the environment before anything is written: a bad
    `QA_BUILD_WINDOW`, `QA_SHARD_SIZE`, `QA_VECTOR_SHARD` or `QA_MAX_FILE_MB` stops the
    command with one line at its start, not a build part way through."""
    build_window()
    vectors.shard_max()
    file_size_limit()


def build_window() -> int:
    """Passages held in memory at once while embedding: the build's memory bound."""
    return max(shards.shard_size(), env_number("QA_BUILD_WINDOW", DEFAULT_WINDOW, 1))


def _windows(texts: Iterator[str], size: int) -> Iterator[list[str]]:
    window: list[str] = []
    for text in texts:
        window.append(text)
        if len(window) >= size:
            yield window
            window = []
    if window:
        yield window


QUERY_INT8 = "onnx-int8"


def _query_encoder(plan: BuildPlan, index_dir: Path) -> dict:
    """The manifest's record of what encodes questions, when it is not the passages' own
    export: the int8 export, placed in the index folder now (from the machine's export
    cache) so the server finds it there and never exports."""
    if not (plan.query_int8 and plan.backend in ("onnx", "openvino")):
        return {}
    checksum = export_checksum(plan.model, QUERY_INT8, index_dir / layout.MODELS)
    return {"query_backend": QUERY_INT8, "query_export_sha256": checksum}


def _save_speakers(staging: Path) -> None:
    """Who speaks in this build, joined into groups once here (qa/speakers.py) rather than
    by every worker that opens it."""
    store = Store(staging / layout.META)
    try:
        state = SpeakerIndex(store.speakers()).to_state()
    finally:
        store.close()
    (staging / layout.SPEAKERS).write_text(json.dumps(state, ensure_ascii=False))


class _StatementStage:
    """Finds the statements of every stored article on another thread (qa/background.py),
    into a file of their own that `finish` moves into the store."""

    def __init__(self, staging: Path, index_dir: Path) -> None:
        self.staging, self.index_dir = staging, index_dir
        self.found = staging / "statements.found.sqlite"
        self.stop = threading.Event()
        self.result = background.start(self._run)

    def _run(self) -> tuple[int, int, int, str | None]:
        # Its SQLite connections are made, used and closed on this thread.
        finder = StatementCache(self.index_dir)
        store, writer = Store(self.staging / layout.META), StatementWriter(self.found)
        try:
            for article_id, text, title in store.all_article_texts():
                if self.stop.is_set():  # the build failed meanwhile: no point going on
                    break
                writer.add(article_id, finder.find(text, title))
        finally:
            writer.close()
            store.close()
            finder.close()
        return writer.count, len(writer.speakers), finder.hits, finder.problem

    def abandon(self) -> None:
        """The build is failing: stop finding statements and wait for the thread to end."""
        self.stop.set()
        with contextlib.suppress(BaseException):
            self.result()

    def finish(self, report: BuildReport) -> None:
        """Wait for the statements and move them into the store."""
        statements, speakers, hits, problem = self.result()
        merge_statements(self.staging / layout.META, self.found)
        report.statements = statements
        report.counts.update(statements=statements, speakers=speakers)
        report.statements_cached = hits
        if problem:
            report.warnings.append(LoadWarning(self.index_dir / "statements", problem))


def _store_articles(
    articles: Iterator[Article],
    staging: Path,
    settings: ChunkSettings,
    report: BuildReport,
) -> None:
    """Chunk articles into SQLite, streaming: nothing of an article is kept once written.
    Their statements are found afterwards, beside embedding (_StatementStage)."""
    writer = StoreWriter(staging / layout.META)
    seen: set[str] = set()
    try:
        for article in articles:
            report.documents_read += 1
            if article.source in seen:
                report.warnings.append(
                    LoadWarning(
                        article.source, "a document with this source id was already read, skipped"
                    )
                )
                continue
            seen.add(article.source)
            passages = chunk(article, settings)
            if not passages:
                report.warnings.append(
                    LoadWarning(article.source, "no text left after cleaning, skipped")
                )
                continue
            writer.add(article, passages)
            report.articles += 1
            report.passages += len(passages)
        report.duplicates = writer.duplicates
        report.counts = writer.counts()
    finally:
        writer.close()


def _embedding_texts(staging: Path, settings: ChunkSettings) -> Iterator[str]:
    """The BM25 documents, streamed back from the store in passage-id order."""
    store = Store(staging / layout.META)
    try:
        for title, text in store.titled_passages():
            yield embedding_text(title, text, settings)
    finally:
        store.close()


def write_candidate_columns(staging: Path) -> None:
    """What ranking reads of every candidate, as arrays beside the finished store
    (qa.candidate_columns)."""
    store = Store(staging / layout.META)
    try:
        candidate_columns.write(staging, store.passage_count(), store.candidate_rows())
    finally:
        store.close()


def as_array(index: faiss.Index | vectors.Sharded) -> np.ndarray:
    """All vectors of an index, in id order (tests compare builds with it)."""
    return index.reconstruct_n(0, index.ntotal)
