"""One question's lexical side: the passages BM25 ranks highest, without scoring every passage.

Why: at 10M passages a question's common words ("government", "year") each post millions of
passages, and scoring all of them (bm25s's `get_scores`: a dense array of every passage, then
its non-zero entries, then a top k) cost ~115 ms a question where the rest of a hybrid
question costs ~10 ms. Most of those passages cannot reach the top: a passage holding none of
the question's rarer words scores at most the sum of the common words' best scores.

So this is MaxScore (Turtle & Flood, 1995) over bm25s's saved arrays: the question's words in
order of their best score; the passages holding the first j of them are scored exactly (every
word, looked up in its sorted posting list) and the others are bounded by the best scores of
the remaining words; j grows until the bound cannot change the top k. Scores are bm25s's to
the bit (the same float32 sums in the same word order), so the top k is the same but for ties
at the cut. A question whose rare words do not settle it early, or whose candidate set grows
large, is scored the old way, over every passage.

What is ranked is fusion.combine_lexical's score: whole-question BM25 and the best clause's,
each divided by its maximum over the allowed passages; those maxima are found the same way
(a top 1 each), so a subset (an outlet the question names) is ranked on the same scale as
the whole index.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from qa import fusion

# Above this many postings among the words being expanded, or this many candidates, scoring
# every passage (one dense pass per word) is cheaper than looking each candidate up.
DENSE_SHARE = 1 / 16
# Float32 sums of up to a few dozen words can exceed the float64 sum of their bounds by a few
# ulps; the bound is widened by this much so a tie is never decided by rounding.
BOUND_SLACK = 1e-5


@dataclass(frozen=True)
class Postings:
    """bm25s's saved CSC arrays: per vocabulary entry, passage ids ascending and their scores."""

    data: np.ndarray
    indices: np.ndarray
    indptr: np.ndarray
    num_docs: int
    upper: Callable[[np.ndarray], np.ndarray]  # best score of each term id

    def span(self, term: int) -> tuple[int, int]:
        return int(self.indptr[term]), int(self.indptr[term + 1])

    def lookup(self, term: int, ids: np.ndarray) -> np.ndarray:
        """The term's score in each of these passages (sorted ids), 0 where it is absent."""
        start, end = self.span(term)
        out = np.zeros(ids.size, dtype=np.float32)
        if end == start or ids.size == 0:
            return out
        docs = self.indices[start:end]
        at = np.searchsorted(docs, ids)
        inside = at < docs.size
        found = np.zeros(ids.size, dtype=bool)
        found[inside] = docs[at[inside]] == ids[inside]
        out[found] = self.data[start + at[found]]
        return out

    def dense(self, terms: list[int]) -> np.ndarray:
        """bm25s's get_scores for these term ids (repeats count again), over every passage."""
        scores = np.zeros(self.num_docs, dtype=np.float32)
        for term in terms:
            start, end = self.span(term)
            np.add.at(scores, self.indices[start:end], self.data[start:end])
        return scores


class LexicalQuery:
    """BM25 of the whole question and of each clause (term ids, repeats kept, in question
    order), restricted to `allowed` (sorted passage ids; None: all)."""

    def __init__(
        self,
        postings: Postings,
        whole: list[int],
        clauses: list[list[int]],
        clause_weight: float,
        allowed: np.ndarray | None,
    ) -> None:
        self.postings = postings
        # fusion.combine_lexical uses the clauses only when there are two or more.
        self.weight = clause_weight if len(clauses) >= 2 and clause_weight > 0 else 0.0
        self.queries = [whole, *clauses] if self.weight > 0 else [whole]
        self.allowed = allowed
        terms = sorted({t for q in self.queries for t in q})
        upper = postings.upper(np.asarray(terms, dtype=np.int64)) if terms else np.zeros(0)
        self.upper = dict(zip(terms, upper.astype(np.float64).tolist(), strict=True))
        # Best bound first; the shorter posting list first among equals.
        self.order = sorted(terms, key=lambda t: (-self.upper[t], np.diff(postings.span(t))[0]))
        self.maxima: list[float] | None = None

    # -- exact scores of given passages ------------------------------------------------------

    def _exact(self, ids: np.ndarray) -> np.ndarray:
        """(queries x ids) float32 BM25, summed in question order like bm25s."""
        found = {t: self.postings.lookup(t, ids) for t in {t for q in self.queries for t in q}}
        out = np.zeros((len(self.queries), ids.size), dtype=np.float32)
        for row, query in zip(out, self.queries, strict=True):
            for term in query:
                row += found[term]
        return out

    def _dense(self, within: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
        """The passages with a word of the question and their scores, from every passage."""
        rows = [self.postings.dense(q) for q in self.queries]
        ids = np.flatnonzero(rows[0] > 0)
        for universe in (self.allowed, within):
            if universe is not None:
                ids = np.intersect1d(ids, universe, assume_unique=True)
        return ids, np.stack([row[ids] for row in rows])

    def _candidates(self, terms: list[int], within: np.ndarray | None) -> np.ndarray | None:
        """Sorted ids of the allowed passages (within `within`) holding any of these terms;
        None where there are so many that scoring every passage is cheaper."""
        limit = self.postings.num_docs * DENSE_SHARE
        spans = [self.postings.span(t) for t in terms]
        if sum(end - start for start, end in spans) > limit:
            return None
        ids = np.unique(np.concatenate([self.postings.indices[s:e] for s, e in spans]))
        for universe in (self.allowed, within):
            if universe is not None:
                ids = np.intersect1d(ids, universe, assume_unique=True)
        return ids if ids.size <= limit else None

    def _bounds(self, rest: list[int]) -> np.ndarray:
        """Per query, the most a passage holding none of the expanded words can score."""
        rest_set = set(rest)
        bounds = [sum(self.upper[t] for t in q if t in rest_set) for q in self.queries]
        return np.array(bounds) * (1 + BOUND_SLACK)

    def _expand(
        self, within: np.ndarray | None, settled: Callable[[np.ndarray, np.ndarray], bool]
    ) -> tuple[np.ndarray, np.ndarray]:
        """(ids, raw scores) of the smallest prefix of the word order whose passages settle
        the question (`settled(scores, bounds)`), or of every passage with a word in common;
        passages without a whole-question word dropped (bm25s's score 0)."""
        for j in range(1, len(self.order) + 1):
            ids = self._candidates(self.order[:j], within)
            if ids is None:
                ids, scores = self._dense(within)
                break
            scores = self._exact(ids)
            if j == len(self.order) or settled(scores, self._bounds(self.order[j:])):
                break
        else:
            return np.zeros(0, dtype=np.int64), np.zeros((len(self.queries), 0), np.float32)
        keep = scores[0] > 0
        return ids[keep], scores[:, keep]

    # -- what retrieve asks ------------------------------------------------------------------

    def _combined(self, scores: np.ndarray) -> np.ndarray:
        assert self.maxima is not None
        return fusion.combine_lexical(scores[0], list(scores[1:]), self.weight, self.maxima)

    def _find_maxima(self) -> None:
        def settled(scores: np.ndarray, bounds: np.ndarray) -> bool:
            return bool(np.all(scores.max(axis=1, initial=0) >= bounds))

        _, scores = self._expand(None, settled)
        self.maxima = scores.max(axis=1, initial=0).astype(np.float64).tolist()

    def top(self, k: int, within: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(ids, combined scores) of a set of allowed passages (within `within`) that holds
        the k best; more than k where settling took more."""
        if not self.order:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        if self.maxima is None:
            self._find_maxima()

        def settled(scores: np.ndarray, bounds: np.ndarray) -> bool:
            combined = self._combined(scores)
            keep = scores[0] > 0
            if int(keep.sum()) < k:
                return False
            kth = float(np.partition(-combined[keep], k - 1)[k - 1]) * -1
            return kth >= float(self._combined(bounds[:, None].astype(np.float32))[0])

        ids, scores = self._expand(within, settled)
        return ids, self._combined(scores)

    def score(self, ids: np.ndarray) -> np.ndarray:
        """Combined scores of these sorted passage ids: 0 for one without a word of the
        question or outside `allowed`."""
        if not self.order or ids.size == 0:
            return np.zeros(ids.size, dtype=np.float32)
        if self.maxima is None:
            self._find_maxima()
        scores = self._exact(ids)
        out = self._combined(scores)
        out[scores[0] <= 0] = 0
        if self.allowed is not None:
            out[~np.isin(ids, self.allowed, assume_unique=True)] = 0
        return out.astype(np.float32)
