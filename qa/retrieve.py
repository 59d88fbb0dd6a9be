"""Retriever.open(dir) checks the manifest and loads the parts; search() -> ranked Hits.

Dense (FAISS inner product over normalised vectors), lexical (BM25) or hybrid: candidates from
both, each scored by both, fused convexly (alpha * dense + (1 - alpha) * lexical over normalised
scores; reciprocal-rank fusion is only a measured alternative) with a dense weight that falls
with the question's length (0.6 up to 12 BM25 tokens, 0.2 from 20 on), then lifted by the
outlets and dates the question names. The rules are in qa/fusion.py, their constants travel as
a fusion.Weights in SearchOptions.weights, and docs/tuning.md has the measurements behind them.
Filters become an id selector inside FAISS and a mask inside BM25, so k hits come back whenever
k passages match. Identical passages (the same story under two names) take one place; a soft
per-article penalty (or a hard per-source cap when asked) makes room for every source that
said it.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, replace
from pathlib import Path

import faiss
import numpy as np

from qa import background, fusion, integrity, layout, match, vectors
from qa.embed import export_folder, get_embedder, model_label
from qa.errors import BadQuery, IndexInvalid, ModelMismatch
from qa.lexical import (
    COMPILED_FROM,
    Lexical,
    best_positive,
    combine_clauses,
    max_where_shared,
)
from qa.query_cache import QUESTIONS
from qa.speakers import SpeakerIndex, SpeakerMatch
from qa.store import COUNT_KEYS, Store
from qa.types import Filters, Hit
from qa.understand import OutletMatcher, Understood, understand

log = logging.getLogger(__name__)

MODES = ("hybrid", "dense", "lexical")
MIN_CANDIDATES = 100
# Passages from which a hybrid question's dense side runs beside its BM25 side (see __init__).
OVERLAP_FROM = 1_000_000


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


def auto_cap(question: str) -> int | None:
    """The per-source cap used when the caller sets none: one passage per article for "what
    was said about" questions; otherwise None, the soft per-article penalty (qa/fusion.py)."""
    return AUTO_CAP_BROAD if BROAD.search(question) else None


@dataclass
class SearchResult:
    hits: list[Hit]
    understood: Understood
    match: str  # "strong" | "weak" | "none" (qa/match.py)
    evidence: dict[str, float]
    # The speakers a `speaker` filter resolved to (None: no speaker filter).
    speaker_filter: list[SpeakerMatch] | None = None


@dataclass
class SearchOptions:
    k: int = 5
    mode: str = "hybrid"
    filters: Filters = Filters()
    # At most this many passages of one article before backfilling; 0: no cap; None: auto.
    per_source: int | None = None
    # Lean toward the outlets and dates the question names.
    understand: bool = True
    weights: fusion.Weights = fusion.DEFAULT


def top_k(scores: np.ndarray, k: int, seed: int = 0) -> np.ndarray:
    """Positions of the k highest scores, unordered (all of them when there are no more).

    Exact, and cheap on a large pool (every passage sharing a word with the question: half a
    million at 1M passages, where argpartition over all took 4.4 ms): the k-th highest of a
    random sample is a lower bound of the k-th highest of all, so everything below it can be
    dropped before the argpartition."""
    if scores.size <= k:
        return np.arange(scores.size)
    floor = _sampled_floor(scores, k, seed)
    if floor is not None:
        return _best_above(scores, floor, k)
    return np.argpartition(-scores, k - 1)[:k]


def top_positive(scores: np.ndarray, k: int, seed: int = 0) -> np.ndarray:
    """Positions of the k highest scores above 0 (all of them when there are no more), from
    an array over every passage: top_k without first gathering the passages above 0, which at
    10M passages are millions. On a large index (where BM25 is compiled) from the maxima of
    stretches of scores, ties to the lower position, as ranking breaks them
    (qa.lexical.best_positive)."""
    if scores.size >= COMPILED_FROM:
        return best_positive(scores, k)
    floor = _sampled_floor(scores, k, seed)
    if floor is not None and floor > 0:
        return _best_above(scores, floor, k)
    kept = np.flatnonzero(scores > 0)
    return kept[top_k(scores[kept], k)]


def _sampled_floor(scores: np.ndarray, k: int, seed: int) -> float | None:
    """The k-th highest of a random sample of 20k scores, a lower bound of the k-th highest of
    all (k of the sample reach it); None where the array is too small for it to pay."""
    if scores.size <= 40 * k:
        return None
    sample = np.random.default_rng(seed).choice(scores, size=20 * k, replace=False)
    return np.partition(sample, sample.size - k)[sample.size - k]


def _best_above(scores: np.ndarray, floor: float, k: int) -> np.ndarray:
    kept = np.flatnonzero(scores >= floor)
    return kept[np.argpartition(-scores[kept], k - 1)[:k]]


@dataclass
class LexicalScores:
    """A question's BM25 over every passage, whole and per clause, combined by
    fusion.combine_lexical over the passages that share a word with it and are `allowed`.

    Held as the arrays over every passage that bm25s gives: ranking asks for the best few
    (`pool`) and for given candidates (`at`), so the millions of passages that share a word
    with a question at 10M need not be gathered first (docs/scaling.md). Scores are those of
    combine_lexical over that gathered set, to the bit."""

    whole: np.ndarray
    clauses: list[np.ndarray]  # used when two or more and weight > 0, as combine_lexical does
    weight: float
    allowed: np.ndarray | None
    # Each array's maximum over those passages; None until needed (the whole question alone,
    # unfiltered: the best of the pool, which saves a pass over every passage).
    maxima: list[float] | None
    # Unfiltered questions with clauses are combined over every passage by a compiled pass
    # (qa.lexical.combine_clauses) rather than over the passages gathered first; by default
    # on a large index, where BM25 is compiled too.
    compiled: bool = False

    @classmethod
    def of(
        cls,
        whole: np.ndarray,
        clauses: list[np.ndarray],
        weight: float,
        allowed: np.ndarray | None,
        compiled: bool | None = None,
    ) -> LexicalScores:
        """compiled None: from COMPILED_FROM passages on."""
        if compiled is None:
            compiled = whole.size >= COMPILED_FROM
        if len(clauses) < 2 or weight <= 0:
            clauses = []
        if allowed is None and not clauses:
            tops = None
        elif allowed is None and compiled:
            tops = [float(whole.max(initial=0.0))]
            tops += [max_where_shared(c, whole) for c in clauses]
        elif allowed is None:
            shared = whole > 0
            tops = [float(whole.max(initial=0.0))]
            tops += [float(np.max(c, where=shared, initial=0.0)) for c in clauses]
        else:
            inside = allowed[whole[allowed] > 0]
            tops = [float(x[inside].max(initial=0.0)) for x in [whole, *clauses]]
        return cls(whole, clauses, weight, allowed, tops, compiled)

    def _combined(self, ids: np.ndarray) -> np.ndarray:
        if self.maxima is None:
            self.maxima = [float(self.whole.max(initial=0.0))]
        return fusion.combine_lexical(
            self.whole[ids], [c[ids] for c in self.clauses], self.weight, self.maxima
        )

    def pool(self, k: int, within: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(ids, combined scores) of the k best passages sharing a word with the question,
        allowed and (sorted ids) `within`."""
        if within is None and self.allowed is None and not self.clauses:
            ids = np.sort(top_positive(self.whole, k))  # the best combined are the best whole
            if self.maxima is None and k > 0:
                self.maxima = [float(self.whole[ids].max(initial=0.0))]  # the best is in it
            return ids, self._combined(ids)
        if within is None and self.allowed is None and self.compiled:
            combined = combine_clauses(self.whole, self.clauses, self.maxima, self.weight)
            ids = best_positive(combined, k, floor=-1.0)  # every passage with a word: >= 0
            return ids, self._combined(ids)
        if within is None and self.allowed is None:
            ids = np.flatnonzero(self.whole > 0)
        else:
            ids = within if within is not None else self.allowed
            ids = ids[self.whole[ids] > 0]
        scores = self._combined(ids)
        best = top_k(scores, k)
        return ids[best], scores[best]

    def at(self, ids: np.ndarray) -> np.ndarray:
        """Combined scores of these passages; 0 for one without a word of the question or not
        allowed."""
        scores = self._combined(ids)
        scores[self.whole[ids] <= 0] = 0
        if self.allowed is not None:
            scores[~np.isin(ids, self.allowed, assume_unique=True)] = 0
        return scores


def _speaker_index(build: Path, store: Store) -> SpeakerIndex:
    path = build / layout.SPEAKERS
    if not path.is_file():
        return SpeakerIndex(store.speakers())
    try:
        return SpeakerIndex.from_state(json.loads(path.read_text(encoding="utf-8")))
    except (ValueError, KeyError, TypeError) as exc:
        raise IndexInvalid(f"{path} cannot be read ({exc}); rebuild with `qa index`") from exc


def _read_vectors(build: Path) -> faiss.Index | vectors.Sharded:
    """Vectors memory-mapped (IO_FLAG_MMAP_IFC: flat and 8-bit codes; plain IO_FLAG_MMAP copies
    them), so worker processes share one copy through the page cache."""
    try:
        return vectors.read(build)
    except RuntimeError:
        try:
            return vectors.read(build, 0)
        except RuntimeError as exc:
            raise IndexInvalid(
                f"{build}: the vector index cannot be read ({exc}); rebuild with `qa index`"
            ) from exc


def _check_export(model: str, backend: str, models_dir: Path, expected: str | None) -> None:
    """The ONNX file queries will run through must be the one that embedded the passages:
    same checksum as the manifest records (cheap to repeat: qa.integrity)."""
    if backend == "torch" or not expected:
        return
    folder = export_folder(model, backend, models_dir)
    if not (folder / "model.onnx").is_file():
        raise ModelMismatch(
            f"the ONNX export this index was built with is missing from {folder}: rebuild "
            "with `qa index`"
        )
    try:
        integrity.verify(folder, {"model.onnx": expected})
    except integrity.ChecksumMismatch:
        raise ModelMismatch(
            f"the ONNX export in {folder} is not the one that embedded this index's passages "
            "(it was exported again, or its file altered, since): delete that folder and "
            "rebuild with `qa index`"
        ) from None


class Retriever:
    def __init__(
        self,
        build: Path,
        manifest: dict,
        model: str,
        models_dir: Path,
        load_model: bool = True,
    ) -> None:
        """Open a build; with load_model=False everything is opened and checked but the
        model, which `qa serve`'s parent process must not load (an onnxruntime session made
        before gunicorn forks aborts the workers at exit)."""
        self.build = build
        self.manifest = manifest
        self.model = model
        self.vectors = _read_vectors(build)
        try:
            self.store = Store(build / layout.META)
            # The build's own counts (StoreWriter.counts, in the manifest, whose files are
            # checksummed); counting them here is full scans, minutes at 10M. Builds made before
            # the manifest held them all are counted.
            counts = manifest.get("counts", {})
            if not set(COUNT_KEYS) <= counts.keys():
                counts = self.store.counts()
            stored = self.store.passage_count()
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
        if self.vectors.ntotal != n or self.lexical.num_docs != n or stored != n:
            raise IndexInvalid(
                f"{build}: {self.vectors.ntotal} vectors, {self.lexical.num_docs} BM25 documents "
                f"and {stored} passages in {layout.META} disagree (the manifest says {n}); "
                "rebuild with `qa index`"
            )
        if self.vectors.d != manifest["model"]["dim"]:
            raise IndexInvalid(
                f"{build / layout.VECTORS} has dimension {self.vectors.d}, "
                f"manifest says {manifest['model']['dim']}; rebuild with `qa index`"
            )
        self.counts = counts
        # From this size on BM25 takes long enough (about 3 ms at 1M, 70 at 10M) to hide part
        # of a hybrid question's encoding and graph search behind it; at 100k and 5.7k handing
        # them to another thread cost more than it saved (scripts/bench_overlap.py).
        self.overlap = n >= OVERLAP_FROM
        # What questions can name: this index's outlets and the years its articles cover.
        self.outlets = OutletMatcher([name for name, _ in self.store.outlets()])
        self.years = sorted({int(d[:4]) for d in self.store.dates() if d[:4].isdigit()})
        # Who speaks in this index, joined into groups of one person (qa/speakers.py): as
        # the build saved them; a build made before they were saved computes them here.
        self.speakers = _speaker_index(build, self.store)
        # Queries go through the backend that embedded the passages (an ONNX export lives in
        # the index folder), so both sides of every dot product come from one network.
        # Questions may have an export of their own (int8, qa/build.py's query_int8): the
        # manifest names it and vouches for its checksum like the passages' one.
        backend, sha_key = manifest["model"].get("backend", "torch"), "export_sha256"
        _check_export(model, backend, models_dir, manifest["model"].get(sha_key))
        if manifest["model"].get("query_backend"):
            backend, sha_key = manifest["model"]["query_backend"], "query_export_sha256"
            _check_export(model, backend, models_dir, manifest["model"].get(sha_key))
        self.query_backend = backend
        # An openvino build's dense-only questions go through onnxruntime on the same fp32
        # export (cosine 0.99999 to OpenVINO's bf16), so a worker loads one runtime, the one
        # its hybrid questions use anyway. (This began as the mend for a contract-test flake
        # whose cause was OpenVINO's import-time telemetry fork: see embed.import_openvino.)
        passages = manifest["model"].get("backend", "torch")
        self._passage_encoder = (model, "onnx" if passages == "openvino" else passages, models_dir)
        if not load_model:
            return
        self.embedder = get_embedder(model, backend, models_dir)
        if self.embedder.export_sha256 != manifest["model"].get(sha_key):
            get_embedder.cache_clear()  # the export was replaced since this process loaded it
            self.embedder = get_embedder(model, backend, models_dir)

    def encoder(self, mode: str):
        """Hybrid questions go through the question export (int8 where the index has one);
        dense-only ones through the passages' own, where int8 questions lost up to 4 points of
        MRR@10 on the small gold sets (not significant, but over the 1-point bar:
        docs/query-int8.md). Loaded on the first dense-only question."""
        if mode == "hybrid" or self.query_backend == self._passage_encoder[1]:
            return self.embedder
        return get_embedder(*self._passage_encoder)

    @classmethod
    def open(
        cls, index_dir: Path, model: str, verify: bool = False, load_model: bool = True
    ) -> Retriever:
        return cls.open_build(layout.resolve(index_dir), index_dir, model, verify, load_model)

    @classmethod
    def open_build(
        cls,
        build: Path,
        index_dir: Path,
        model: str,
        verify: bool = False,
        load_model: bool = True,
    ) -> Retriever:
        """Open one build folder of `index_dir` (the published one, or an older one to fall
        back on)."""
        manifest = layout.read_manifest(build, verify=verify)
        built_with = manifest["model"]["name"]
        if built_with != model_label(model):
            raise ModelMismatch(
                f"the index at {index_dir} was built with model {built_with!r} but the service is "
                f"configured with {model_label(model)!r}: run with --model {built_with} "
                f"(or QA_MODEL), or rebuild with `qa index --model {model}`"
            )
        return cls(build, manifest, model, index_dir / layout.MODELS, load_model)

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

    def understand(self, question: str) -> Understood:
        """The outlets of this index, the publication dates and the speakers the question
        names."""
        return understand(question, self.outlets, self.years, self.speakers)

    def search(self, question: str, options: SearchOptions) -> list[Hit]:
        return self.query(question, options).hits

    def query(self, question: str, options: SearchOptions) -> SearchResult:
        """The ranked hits, what the question was understood to name, and how well the best
        passage matches it."""
        if options.mode not in MODES:
            raise BadQuery(f"mode must be one of {', '.join(MODES)}")
        understood = self.understand(question) if options.understand else Understood()
        filters, speaker_filter = options.filters, None
        if filters.speaker:
            # A typed name -> every stored name of the speakers it matches, aliases included.
            speaker_filter = self.speakers.match(filters.speaker)
            names = tuple(sorted({n for m in speaker_filter for n in m.names}))
            filters = replace(filters, speaker=None, speakers=names)
            if not names:
                return SearchResult([], understood, match.NONE, {}, speaker_filter)
        allowed_ids = None
        if not filters.is_empty():
            allowed_ids = self.store.filter_ids(filters)
            if allowed_ids.size == 0:
                return SearchResult([], understood, match.NONE, {}, speaker_filter)
        depth = max(options.k * 4, MIN_CANDIDATES)
        weights = options.weights
        # What is searched for: the question without the outlet and date names it was
        # understood to make, tokenised once for BM25, the dense weight and the evidence.
        text = understood.remainder(question)
        tokens = self.lexical.tokens(text)
        ranked, meta = self._rank(
            text, tokens, options.mode, depth, allowed_ids, understood, weights
        )
        cap = auto_cap(question) if options.per_source is None else options.per_source
        hits = self._select(ranked, meta, options.k, cap, weights.article_penalty)
        evidence = self._evidence(tokens, ranked)
        return SearchResult(hits, understood, match.level(evidence), evidence, speaker_filter)

    def _evidence(self, tokens: list[str], ranked: list) -> dict[str, float]:
        """What the match level is judged on: the best cosine among the candidates (dense and
        hybrid) and the share of the question's idf mass in the best lexical passage."""
        if not ranked:
            return {}
        evidence: dict[str, float] = {}
        cosines = [parts["dense"] for _, _, parts in ranked if "dense" in parts]
        if cosines:
            evidence["cosine"] = round(max(cosines), 4)
        best_lexical = max(ranked, key=lambda item: item[2].get("lexical", 0.0))
        if best_lexical[2].get("lexical", 0.0) > 0:
            weights = self.lexical.idf_of(tokens)
            total = sum(weights.values())
            (row,) = self.store.passages([best_lexical[0]]).values()
            words = set(self.lexical.tokens(row["text"]))
            covered = sum(w for t, w in weights.items() if t in words)
            evidence["coverage"] = round(covered / total, 4) if total else 0.0
        else:
            evidence["coverage"] = 0.0
        return evidence

    def _facets(
        self, understood: Understood, allowed: np.ndarray | None, spoken: list[np.ndarray]
    ) -> list[np.ndarray]:
        """Passage ids of each outlet and period the question names, and `spoken` (those of
        each speaker it names), within the filters."""
        wanted = [Filters(outlets=(name,)) for name in understood.outlets] + [
            Filters(published_from=p.start, published_to=p.end) for p in understood.periods
        ]
        facets = []
        for ids in [self.store.filter_ids(f) for f in wanted] + spoken:
            if allowed is not None:
                ids = np.intersect1d(ids, allowed, assume_unique=True)
            if ids.size:
                facets.append(ids)
        return facets

    def _lexical_scores(
        self, text: str, tokens: list[str], allowed: np.ndarray | None, clause_weight: float
    ) -> LexicalScores:
        """BM25 of the whole question and of each of its clauses (qa/fusion.py)."""
        parts = []
        pieces = fusion.clauses(text)
        if len(pieces) > 1:
            for piece in pieces:
                piece_tokens = self.lexical.tokens(piece)
                if len(piece_tokens) >= fusion.MIN_CLAUSE_TOKENS:
                    parts.append(self.lexical.scores(piece_tokens))
        return LexicalScores.of(self.lexical.scores(tokens), parts, clause_weight, allowed)

    def _rank(
        self,
        text: str,
        tokens: list[str],
        mode: str,
        depth: int,
        allowed: np.ndarray | None,
        understood: Understood,
        weights: fusion.Weights,
    ) -> tuple[list[tuple[int, float, dict]], dict]:
        """(passage id, score, component scores) best first, and the candidates' metadata; ties go
        to the lower id, so of two identical stories the one read first is the one cited."""
        use_dense = mode in ("dense", "hybrid")
        use_lexical = mode in ("lexical", "hybrid")
        # Passages holding a statement by each speaker the question asks about, read once for
        # their candidates and their boost (none when the boost is 0: speakers not used).
        spoken = (
            [self.store.filter_ids(Filters(speakers=m.names)) for m in understood.speakers]
            if weights.speaker_boost > 0
            else []
        )
        facets = self._facets(understood, allowed, spoken) if not understood.is_empty() else []
        candidates: set[int] = set()
        query = None
        if use_dense:
            encoder = self.encoder(mode)

            def dense_side() -> tuple[np.ndarray, list[np.ndarray]]:
                query = QUESTIONS.encode(encoder, text)  # off unless the server sizes it
                subsets = [allowed, *facets]
                return query, [vectors.search(self.vectors, query, depth, s)[0] for s in subsets]

            # In hybrid mode, on a large index, it runs beside the BM25 side on another thread
            # (qa/background.py).
            overlap = use_lexical and self.overlap
            dense_result = background.start(dense_side) if overlap else dense_side
        if use_lexical:
            lexical_scores = self._lexical_scores(text, tokens, allowed, weights.clause_weight)
            for subset in [None, *facets]:
                pool_ids, _ = lexical_scores.pool(depth, subset)
                candidates.update(pool_ids.tolist())
        if use_dense:
            query, found = dense_result()
            for ids in found:
                candidates.update(ids.tolist())
        if not candidates:
            return [], {}
        ids = np.fromiter(sorted(candidates), dtype=np.int64, count=len(candidates))
        dense = lexical = None
        if use_dense:
            dense = (self.vectors.reconstruct_batch(ids) @ query[0]).astype(np.float32)
        if use_lexical:
            lexical = lexical_scores.at(ids)
        alpha = weights.alpha_for(len(tokens))
        scores = fusion.fuse(dense, lexical, alpha, weights.method)
        meta = self.store.candidates(ids)
        scores += self._boosts(ids, meta, understood, weights)
        if spoken:
            said = np.isin(ids, np.concatenate(spoken)).astype(np.float32)
            scores += weights.speaker_boost * said
        # Best first; ties (to 6 decimals) to the lower id.
        order = np.lexsort((ids, -np.round(scores, 6)))
        ranked = []
        for n in order:
            parts = {}
            if dense is not None:
                parts["dense"] = float(dense[n])
            if lexical is not None:
                parts["lexical"] = float(lexical[n])
            ranked.append((int(ids[n]), float(scores[n]), parts))
        return ranked, meta

    @staticmethod
    def _boosts(
        ids: np.ndarray, meta: dict, understood: Understood, weights: fusion.Weights
    ) -> np.ndarray:
        """Per candidate: the outlet boost if its outlet is one the question names, plus the
        date boost if it was published in a period the question names."""
        boosts = np.zeros(ids.size, dtype=np.float32)
        outlets = set(understood.outlets)
        if not outlets and not understood.periods:
            return boosts
        for n, pid in enumerate(ids):
            _, outlet, published, _ = meta[int(pid)]
            if outlet is not None and outlet in outlets:
                boosts[n] += weights.outlet_boost
            if published and any(p.start <= published <= p.end for p in understood.periods):
                boosts[n] += weights.date_boost
        return boosts

    def _select(
        self,
        ranked: list[tuple[int, float, dict]],
        meta: dict,
        k: int,
        cap: int | None,
        penalty: float,
    ) -> list[Hit]:
        """Collapse repeated passages, then diversify: a hard per-source cap with backfill, or
        (cap None) the soft per-article penalty; then build the hits."""
        unique: list[tuple[int, float, dict]] = []
        seen_text: dict[str, int] = {}
        duplicates: dict[int, list[int]] = {}
        for item in ranked:
            text_hash = meta[item[0]][3]
            first = seen_text.get(text_hash)
            if first is not None:
                duplicates.setdefault(first, []).append(item[0])
                continue
            seen_text[text_hash] = item[0]
            unique.append(item)
        if cap is None:
            picks = fusion.diversify(
                [i for i, _, _ in unique],
                [s for _, s, _ in unique],
                [meta[i][0] for i, _, _ in unique],
                k,
                penalty,
            )
            chosen = [unique[n] for n in picks]
        else:
            chosen, held_back = [], []
            per_article: dict[int, int] = {}
            for item in unique:
                article = meta[item[0]][0]
                if cap and per_article.get(article, 0) >= cap:
                    held_back.append(item)
                    continue
                per_article[article] = per_article.get(article, 0) + 1
                chosen.append(item)
                if len(chosen) >= k:
                    break
            chosen.extend(held_back[: k - len(chosen)])
        rows = self.store.passages([pid for pid, _, _ in chosen])
        # Of the repeats only their sources, read from an index rather than their rows: a story
        # syndicated to hundreds of outlets must not cost hundreds of texts read from disk.
        sources = self.store.sources(d for pid, _, _ in chosen for d in duplicates.get(pid, []))
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
                    outlet=row["outlet"],
                    author=row["author"],
                    article_id=row["article_id"],
                    char_start=row["char_start"],
                    char_end=row["char_end"],
                    sentences=[tuple(s) for s in json.loads(row["sentences"])],
                    also_in=[sources[d] for d in duplicates.get(pid, [])],
                    components=components,
                )
            )
        return hits
