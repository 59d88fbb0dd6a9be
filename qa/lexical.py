"""BM25 over stemmed tokens (bm25s), saved as a plain folder beside the vector index.

From 100k passages a question's scores over every passage are an array of millions, so the
passes over it are compiled (numba) and live here: scoring (from 8M passages a block at a
time), the best k of the scores, and the combination of a question's clauses that ranking
(qa/retrieve.py) asks for, each giving numpy's answer to the bit."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable
from functools import cache, lru_cache
from pathlib import Path

import bm25s
import bm25s.stopwords
import numpy as np
import Stemmer

from qa.lexical_writer import TOKENIZE_BATCH, LexicalWriter

SETTINGS = {"stopwords": "en+news", "stemmer": "english", "lower": True, "k1": 1.2, "b": 0.75}
# Lucene's English list plus the words that frame a question ("what was said about ...") and
# the reporting verbs every news story repeats. "us" and "may" stay: the US, the month of May.
STOPWORDS = sorted(
    set(bm25s.stopwords.STOPWORDS_EN)
    | {
        "what",
        "which",
        "who",
        "whom",
        "whose",
        "when",
        "where",
        "why",
        "how",
        "about",
        "said",
        "says",
        "say",
        "saying",
        "told",
        "tell",
        "tells",
        "did",
        "do",
        "does",
        "done",
        "has",
        "have",
        "had",
        "been",
        "being",
        "were",
        "would",
        "could",
        "should",
        "can",
        "its",
        "his",
        "her",
        "he",
        "she",
        "we",
        "you",
        "i",
        "me",
        "my",
        "our",
        "them",
        "so",
        "than",
        "too",
        "very",
        "any",
        "some",
        "from",
        "also",
        "just",
        "there",
        "here",
        "mentioned",
        "mention",
        "discussed",
        "according",
    }
)

logging.getLogger("bm25s").setLevel(logging.WARNING)

# From this many passages on, BM25 is scored by the numba kernel below rather than bm25s's
# numpy `get_scores` (its loop is bm25s's numba scorer, which qa used before, with two changes
# for 8M passages and more): the same float32 sums in the same order, so the same scores to
# the bit.
# Below it numpy takes well under a millisecond and a process saves numba's 0.4 s import
# (every `qa ask`).
COMPILED_FROM = 100_000

# From this many passages on (32 MB of float32 scores: this machine's L3 cache, and glibc's
# largest threshold for mapping an allocation afresh) two things pay at 10M passages; together
# 3.1 to 4.5x (scripts/bench_bm25_scoring.py), apart by throwaway timings while building it
# (at 1M both cost a little):
# - scoring a block of passages at a time: each word of the question adds its postings for
#   16,384 scores (64 KB, in the core's L2 cache) before the next block, instead of sweeping
#   all 40 MB once per word (29 against 15 ms);
# - numpy allocating the scores, which asks for huge pages: an array allocated in the kernel
#   is mapped anew for every question, and its page faults cost more than the scoring
#   (28 against 11 ms).
LARGE_FROM = 8_000_000
SCORE_BLOCK = 16_384


def _score_blocked(data, indptr, indices, ids, block, size, out):
    """BM25 of every passage into `out`: bm25s's sums (for each passage, its words' precomputed
    scores added in the question's order), a block of passages at a time. A word's postings
    are sorted by passage, so one pointer per word walks through them block by block; where a
    block's postings end is found by bisection, so the loop that adds them is as plain as
    bm25s's own (which it matches below 1M passages, where the scores fit in the cache).
    `out` None: allocated here (see Lexical._score_ids)."""
    if out is None:
        out = np.empty(size, dtype=np.float32)
    pos = indptr[ids]
    ends = indptr[ids + 1]
    for lo in range(0, out.size, block):
        hi = min(lo + block, out.size)
        out[lo:hi] = 0
        for i in range(ids.size):
            start = pos[i]
            stop = start + np.searchsorted(indices[start : ends[i]], hi)
            for j in range(start, stop):
                out[indices[j]] += data[j]
            pos[i] = stop
    return out


def _gather_at_least(scores, maxima, width, threshold, floor):
    """Positions, in order, of the scores >= threshold and > floor, read only in the stretches
    of `width` scores whose maximum reaches them."""
    stretches = 0
    for c in range(maxima.size):
        stretches += maxima[c] >= threshold and maxima[c] > floor
    ids = np.empty(stretches * width, dtype=np.int64)
    n = 0
    for c in range(maxima.size):
        if maxima[c] >= threshold and maxima[c] > floor:
            for i in range(c * width, min(c * width + width, scores.size)):
                if scores[i] >= threshold and scores[i] > floor:
                    ids[n] = i
                    n += 1
    return ids[:n]


def _max_where_shared(values, whole):
    """np.max(values, where=whole > 0, initial=0.0), in one pass without the mask. Scores are
    never negative, so a passage outside is multiplied by 0 rather than skipped: a loop
    without a branch, which the compiler vectorises (5.7 against 41 ms over 10M random scores,
    a throwaway timing)."""
    top = values.dtype.type(0)
    for i in range(whole.size):
        value = values[i] * values.dtype.type(whole[i] > 0)
        top = value if value > top else top
    return top


def _best_clause_into(best, values, top, first):
    """best = max(best, values / top) per passage (values as they are when top is 0; the
    first clause just writes), in float32 as numpy divides."""
    divisor = top if top > 0 else values.dtype.type(1)
    if first:
        for i in range(values.size):
            best[i] = values[i] / divisor
    else:
        for i in range(values.size):
            best[i] = max(best[i], values[i] / divisor)


def _finish_combined(whole, top, weight, best):
    """(1 - weight) x whole / top + weight x best into `best`, in float32 as numpy computes
    it; -inf for a passage without a word of the question."""
    whole_weight = np.float32(1.0 - weight)
    clause_weight = np.float32(weight)
    divisor = top if top > 0 else np.float32(1.0)
    for i in range(whole.size):
        combined = whole_weight * (whole[i] / divisor) + clause_weight * best[i]
        best[i] = combined if whole[i] > 0 else -np.inf
    return best


@cache
def _compiled(function):
    """cache=True: compiled once per machine and version of this file, and read back by every
    later process: opening a 1M-passage BM25 folder took 9.4 s with the five kernels compiled
    afresh, 0.9 s with them read back (Lexical.__init__ compiles them, not a question)."""
    from numba import njit

    return njit(cache=True, nogil=True)(function)


# best_positive's stretches: 1,024 scores, whose maxima numpy takes in one vectorised pass
# (0.14 ms over 1M scores here, where a compiled loop took 0.6).
TOP_WIDTH = 1024


def best_positive(scores: np.ndarray, k: int, floor: float = 0.0) -> np.ndarray:
    """Positions of the k highest scores above `floor` in an array over every passage (all of
    them when fewer), ties to the lower position, sorted, for large indexes
    (retrieve.top_positive). The k highest of the stretches' maxima are k scores, so the k-th
    highest score reaches the lowest of them: only the stretches whose maximum does are read
    again, and only their scores that reach it are sorted (at 1M passages 0.50 against 1.7 to
    2.5 ms for the buffered single pass this replaced: scripts/bench_bm25_scoring.py's
    top_positive, two runs of each in turns)."""
    if k <= 0:
        return np.empty(0, dtype=np.int64)
    floor = scores.dtype.type(floor)
    full = scores.size - scores.size % TOP_WIDTH
    maxima = scores[:full].reshape(-1, TOP_WIDTH).max(axis=1)
    if full < scores.size:
        maxima = np.append(maxima, scores[full:].max())
    above = maxima[maxima > floor]
    threshold = floor if above.size <= k else np.partition(above, above.size - k)[above.size - k]
    ids = _compiled(_gather_at_least)(scores, maxima, TOP_WIDTH, threshold, floor)
    if ids.size > k:
        ids = np.sort(ids[np.argsort(-scores[ids], kind="stable")[:k]])
    return ids


def max_where_shared(values: np.ndarray, whole: np.ndarray) -> float:
    """The maximum of a clause's BM25 over the passages that share a word with the whole
    question (0 if none), compiled for large indexes (retrieve.LexicalScores)."""
    return float(_compiled(_max_where_shared)(values, whole))


def combine_clauses(
    whole: np.ndarray, clauses: list[np.ndarray], maxima: list[float], weight: float
) -> np.ndarray:
    """fusion.combine_lexical over every passage at once, to the bit, -inf for the passages
    without a word of the question: at 10M passages these are millions, and gathering them
    first cost about 200 ms a question (retrieve.LexicalScores.pool). A pass per clause, then
    one to weigh: plain loops over plain arrays, vectorised."""
    best = np.empty(whole.size, dtype=np.float32)  # numpy's huge pages
    tops = np.asarray(maxima, dtype=np.float32)  # numpy divides by a float32 maximum too
    for n, (values, top) in enumerate(zip(clauses, tops[1:], strict=True)):
        _compiled(_best_clause_into)(best, values, top, n == 0)
    return _compiled(_finish_combined)(whole, tops[0], weight, best)


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer(SETTINGS["stemmer"])


def tokenize(texts: list[str]) -> list[list[str]]:
    """The same analysis for passages and queries: lowercase, English stopwords, Snowball."""
    return bm25s.tokenize(
        texts,
        lower=SETTINGS["lower"],
        stopwords=STOPWORDS,
        stemmer=_stemmer(),
        return_ids=False,
        show_progress=False,
    )


# bm25s.tokenize's own steps (its default token pattern, stopwords before stemming) for one
# text: the same tokens (a test compares them on every bundled passage) without its per-call
# set-up and progress bars, which cost ~0.8 ms a call, and a question is tokenised several
# times (whole, each clause, highlights, the match evidence).
_TOKEN = re.compile(r"(?u)\b\w\w+\b")
_STOP = frozenset(STOPWORDS)
# Each word's stem ("" for a stopword), as Snowball gives it: a stem depends on the word alone,
# and answering a question tokenises every sentence of its hits (qa.answer.highlight), dozens
# of calls over words seen before. Emptied when full, so a worker's memory stays bounded.
_STEMS: dict[str, str] = {}
STEM_CACHE_SIZE = 100_000


def tokens_of(text: str) -> list[str]:
    """tokenize([text])[0], fast."""
    words = _TOKEN.findall(text.lower() if SETTINGS["lower"] else text)
    cache = _STEMS
    stems = [cache.get(w) for w in words]
    if None in stems:
        if len(cache) >= STEM_CACHE_SIZE:
            cache.clear()
        stemmer = _stemmer()
        for i, w in enumerate(words):
            if stems[i] is None:
                stems[i] = cache[w] = "" if w in _STOP else stemmer.stemWord(w)
    return [s for s in stems if s]


def build(windows: Iterable[list[str]], folder: Path) -> None:
    """BM25 over every window of texts, a window at a time (qa.lexical_writer: memory bounded
    by the window, not the corpus); the texts of a window are tokenised a batch at a time."""
    writer = LexicalWriter(folder, SETTINGS["k1"], SETTINGS["b"])
    for texts in windows:
        writer.add_tokens(
            tokens
            for start in range(0, len(texts), TOKENIZE_BATCH)
            for tokens in tokenize(texts[start : start + TOKENIZE_BATCH])
        )
    writer.finish()
    write_analysis(folder)


def write_analysis(folder: Path) -> None:
    """The analysis settings beside the BM25 arrays, so a reader knows how they were made."""
    (folder / "analysis.json").write_text(json.dumps({**SETTINGS, "bm25s": bm25s.__version__}))


class Lexical:
    def __init__(self, folder: Path, compiled: bool | None = None) -> None:
        """compiled: score with numba (None: from COMPILED_FROM passages on)."""
        self.model = bm25s.BM25.load(str(folder), mmap=True, show_progress=False)
        self.num_docs = int(self.model.scores["num_docs"])
        self._kernel = None
        large = self.num_docs >= LARGE_FROM
        self.block = SCORE_BLOCK if large else max(self.num_docs, 1)  # one block: bm25s's loop
        self.numpy_allocates = large
        if compiled if compiled is not None else self.num_docs >= COMPILED_FROM:
            # bm25s's variants with a score for absent words (BM25L, BM25+) are not ours.
            assert self.model.nonoccurrence_array is None
            self._kernel = _compiled(_score_blocked)
            # Compiled (or read from numba's cache) now, for these arrays' types, rather than
            # on the first question; ranking's passes over the scores too.
            tiny = self._score_ids([])[:1]  # the same array type as the full scores
            best_positive(tiny, 1)
            max_where_shared(tiny, tiny)
            combine_clauses(tiny, [tiny, tiny], [0.0, 0.0, 0.0], 0.5)
        indptr = np.asarray(self.model.scores["indptr"])
        # Document frequency per vocabulary entry, from the CSC column pointers; used to weigh
        # query words when picking the sentences to highlight.
        df = np.diff(indptr).astype(np.float64)
        self.idf = np.log1p(self.num_docs / np.maximum(df, 1.0))

    def tokens(self, text: str) -> list[str]:
        return tokens_of(text)

    def scores(self, tokens: list[str]) -> np.ndarray:
        """BM25 score of every passage for these query tokens (0: no token in common)."""
        if not tokens:
            return np.zeros(self.num_docs, dtype=np.float32)
        if self._kernel is not None:
            return self._score_ids(self.model.get_tokens_ids(tokens))
        return np.asarray(self.model.get_scores(tokens), dtype=np.float32)

    def _score_ids(self, ids: list[int]) -> np.ndarray:
        scores = self.model.scores
        out = None
        if self.numpy_allocates:
            out = np.empty(self.num_docs, dtype=np.float32)
        ids_array = np.asarray(ids, dtype=np.int64)
        return self._kernel(
            scores["data"],
            scores["indptr"],
            scores["indices"],
            ids_array,
            self.block,
            self.num_docs,
            out,
        )

    def term_weights(self, text: str) -> dict[str, float]:
        """Stemmed query terms and their idf, for highlighting and the match evidence."""
        return self.idf_of(tokens_of(text))

    def idf_of(self, tokens: list[str]) -> dict[str, float]:
        vocab = self.model.vocab_dict
        weights = {}
        for token in tokens:
            idx = vocab.get(token)
            weights[token] = float(self.idf[idx]) if idx is not None else 1.0
        return weights
