"""BM25 over stemmed tokens (bm25s; scored by its numba kernel for large indexes). Saved as a
plain folder beside the vector index."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable
from functools import lru_cache
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

# From this many passages on, BM25 is scored by bm25s's own numba scorer (what
# BM25.activate_numba_scorer installs): the same float32 sums in the same order as its numpy
# `np.add.at`, so the same scores to the bit, 5.5x faster at 1M passages and 2.6x at 10M
# (scripts/bench_bm25_scoring.py). Below it numpy takes well under a millisecond and a
# process saves numba's 0.4 s import (every `qa ask`).
COMPILED_FROM = 100_000


@lru_cache(maxsize=1)
def _compiled_scorer():
    """cache=True: compiled once per machine (0.6 s) and read back by every later process."""
    from bm25s.scoring import _compute_relevance_from_scores_jit_ready
    from numba import njit

    return njit(cache=True, nogil=True)(_compute_relevance_from_scores_jit_ready)


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


def tokens_of(text: str) -> list[str]:
    """tokenize([text])[0], fast."""
    words = [w for w in _TOKEN.findall(text.lower() if SETTINGS["lower"] else text)]
    return _stemmer().stemWords([w for w in words if w not in _STOP])


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
        if compiled if compiled is not None else self.num_docs >= COMPILED_FROM:
            self.model._compute_relevance_from_scores = _compiled_scorer()
            # Compiled (or read from numba's cache) now, for these arrays' types, rather than
            # on the first question.
            self.model.get_scores_from_ids([])
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
        return np.asarray(self.model.get_scores(tokens), dtype=np.float32)

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
