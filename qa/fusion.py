"""How dense and lexical evidence, and what a question names, become one ranking. Pure numpy.

Measured on four data sets that disagree (docs/tuning.md: the bundled-article and BBC gold
sets, SciFact, MultiHop-RAG dev), so no constant here is fitted to one of them:

- Every candidate gets both scores, exactly. A passage found by only one retriever used to
  get the other's floor (0), whatever evidence the other side had for it.
- The dense weight falls with the question's length: one vector of a long, many-part
  question blurs its parts, while BM25 gains evidence with every specific word.
- Lexical evidence is the better of the whole question and its best clause. A question that
  joins two claims ("X, as reported by A, while B says Y") is answered by passages that each
  match one clause; BM25 over the whole question favours passages matching a bit of both.
- A question's named outlets and dates lift the passages that match them (a boost, not a
  filter: a question naming one outlet may need another's article too).
- A soft per-article penalty, not a hard cap, makes room for other articles: the second
  passage of an article must beat the next article's best by a margin to come before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

MIN_CLAUSE_TOKENS = 3


@dataclass(frozen=True)
class Weights:
    """The constants of the ranking, chosen on all four data sets together (docs/tuning.md)."""

    # "convex": a weighted sum of normalised scores; "rrf": reciprocal rank fusion (k=60),
    # measured against it in docs/tuning.md.
    method: str = "convex"
    # Weight of the dense side in the fused score for a short question (up to `short_tokens`
    # BM25 tokens), falling linearly to `alpha_long` at `long_tokens` and beyond: one vector
    # of a long, many-part question blurs its parts, while BM25 gains evidence with every
    # specific word (docs/tuning.md). 0.6 had been tuned for all questions on SciFact and
    # the two small gold sets with the old floor-0 fusion.
    alpha: float = 0.6
    alpha_long: float | None = 0.2
    short_tokens: int = 12
    long_tokens: int = 20
    # Share of the lexical score that comes from the best-matching clause of the question.
    clause_weight: float = 0.5
    # Added to the fused score (which lies in [0, 1]) of a passage whose article matches an
    # outlet or a publication date the question names.
    outlet_boost: float = 0.5
    date_boost: float = 0.5
    # Added to the fused score of a passage holding a statement by a speaker the question
    # asks about ("What did Shoigu say about ...?"); 0: those speakers are not used at all
    # (no candidates of their own either).
    speaker_boost: float = 0.1
    # Subtracted from a passage's score for each passage of its article already chosen.
    article_penalty: float = 0.15

    def alpha_for(self, tokens: int) -> float:
        """The dense weight for a question of `tokens` BM25 tokens."""
        if self.alpha_long is None or tokens <= self.short_tokens:
            return self.alpha
        if tokens >= self.long_tokens:
            return self.alpha_long
        share = (tokens - self.short_tokens) / (self.long_tokens - self.short_tokens)
        return self.alpha + share * (self.alpha_long - self.alpha)


DEFAULT = Weights()

# Where a question joins two claims: conjunctions, contrasts and attributions.
CLAUSE_BREAK = re.compile(
    r",\s*(?:and|while|whereas|but|as|with)\b|\bwhile\b|\bwhereas\b|\bcompared (?:to|with)\b"
    r"|\bin contrast to\b|\band (?:also|then|the)\b|;|\bas reported by\b|\baccording to\b"
    r"|\band (?:is|has|was)\b",
    re.I,
)


def clauses(text: str) -> list[str]:
    """The parts of a question that make separate claims ("X while Y" -> X, Y)."""
    return [part.strip() for part in CLAUSE_BREAK.split(text) if part.strip()]


def combine_lexical(
    whole: np.ndarray, parts: list[np.ndarray], weight: float, maxima: list[float] | None = None
) -> np.ndarray:
    """Per passage: (1 - weight) x whole-question BM25 + weight x its best clause's BM25, each
    divided by its own maximum, so a long clause does not outweigh a short one. The maxima are
    those of the arrays given unless `maxima` (whole, then each part) says them: the maxima over
    all the passages that share a word with the question when these are only some of them."""

    def norm(x: np.ndarray, top: float | None) -> np.ndarray:
        if top is None:
            top = float(x.max()) if x.size else 0.0
        return x / top if top > 0 else x

    tops = maxima if maxima is not None else [None] * (1 + len(parts))
    combined = norm(whole, tops[0])
    if len(parts) < 2 or weight <= 0:
        return combined
    best = np.max(np.stack([norm(p, top) for p, top in zip(parts, tops[1:], strict=True)]), axis=0)
    return (1.0 - weight) * combined + weight * best


RRF_K = 60  # the constant from Cormack et al. (2009)


def _rrf(scores: np.ndarray) -> np.ndarray:
    ranks = np.empty(scores.size, dtype=np.float64)
    ranks[np.argsort(-scores, kind="stable")] = np.arange(1, scores.size + 1)
    return 1.0 / (RRF_K + ranks)


def fuse(
    dense: np.ndarray | None, lexical: np.ndarray | None, alpha: float, method: str = "convex"
) -> np.ndarray:
    """Fused scores in [0, 1] for aligned candidate arrays (None: that retriever is off).

    Cosines are min-max normalised over the candidates (they have no natural floor); lexical
    scores arrive already divided by their maximum, and BM25's natural floor, 0 for a passage
    without a query word, stays 0. RRF sums 1/(60 + rank) and is scaled to a best of 1.
    """
    if dense is None and lexical is None:
        raise ValueError("fuse needs at least one retriever's scores")
    if method == "rrf" and dense is not None and lexical is not None:
        fused = _rrf(dense) + _rrf(lexical)
        return (fused / fused.max()).astype(np.float32)
    if dense is not None and dense.size:
        lo, hi = float(dense.min()), float(dense.max())
        dense = (dense - lo) / (hi - lo) if hi > lo else np.ones_like(dense)
    if dense is None:
        return lexical
    if lexical is None:
        return dense
    return alpha * dense + (1.0 - alpha) * lexical


def diversify(
    ids: list[int], scores: list[float], groups: list[int], k: int, penalty: float
) -> list[int]:
    """Indices of the first k picks when each pick costs its group (article) `penalty` off the
    score of the group's next passage. Greedy; `scores` sorted best first."""
    chosen: list[int] = []
    taken = [False] * len(ids)
    count: dict[int, int] = {}
    while len(chosen) < min(k, len(ids)):
        best, best_score = -1, -np.inf
        for i in range(len(ids)):
            if taken[i]:
                continue
            s = scores[i] - penalty * count.get(groups[i], 0)
            if s > best_score:
                best, best_score = i, s
            if count.get(groups[i], 0) == 0:
                break  # sorted: no later, unpenalised passage can beat this one
        taken[best] = True
        chosen.append(best)
        count[groups[best]] = count.get(groups[best], 0) + 1
    return chosen
