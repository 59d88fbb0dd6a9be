"""BM25 built a window of passages at a time, written straight into bm25s's saved format.

bm25s's own `index` needs every passage's tokens in memory at once (about 1.7 GB per million
200-word passages), so a build's memory grew with the corpus. Scores depend on two corpus-wide
figures (each term's document frequency and the average passage length) that are known only
after the last passage, so this takes two passes over compact spill files instead:

1. each window is tokenised, its passages reduced to (term id, count) pairs, and those pairs
   are written to a spill file in the output folder; document frequencies and passage lengths
   are summed as it goes;
2. once everything is counted, every spill file is read back, scored with bm25s's Lucene
   formula (the same float arithmetic as bm25s 0.3, so the scores are bm25s's to the bit: a
   test compares them), and written into memory-mapped column arrays at each term's cursor.

Memory is bounded by the window (a window's pairs, plus the pages of the output touched while
writing one window), not by the corpus; spill files take about 6 bytes per (passage, term) pair
on disk until the build finishes. `bm25s.BM25.load` reads the result like any saved index.
"""

from __future__ import annotations

import json
import math
import shutil
from collections.abc import Iterable, Sequence
from pathlib import Path

import bm25s
import numpy as np

# bm25s's file names and parameters (BM25.save), so BM25.load(mmap=True) reads the folder.
DATA, INDICES, INDPTR = "data.csc.index.npy", "indices.csc.index.npy", "indptr.csc.index.npy"
VOCAB, PARAMS = "vocab.index.json", "params.index.json"
SPILL = "spill"
# Passages tokenised together inside a window: bounds the Python token lists held at once.
TOKENIZE_BATCH = 2048
MAX_TF = np.iinfo(np.uint16).max


class LexicalWriter:
    """Add windows of tokenised passages in passage-id order, then `finish()`."""

    def __init__(self, folder: Path, k1: float, b: float) -> None:
        self.folder = folder
        self.k1, self.b = k1, b
        self.vocab: dict[str, int] = {}
        self.df = np.zeros(1024, dtype=np.int64)
        self.lengths: list[np.ndarray] = []
        self.windows = 0
        folder.mkdir(parents=True, exist_ok=True)
        self.spill = folder / SPILL
        self.spill.mkdir(exist_ok=True)

    def add_tokens(self, docs: Iterable[Sequence[str]]) -> None:
        """A window of passages, each a list of tokens (strings); may be a generator."""
        vocab = self.vocab
        flat: list[int] = []
        lengths: list[int] = []
        for tokens in docs:
            for token in tokens:
                idx = vocab.get(token)
                if idx is None:
                    idx = vocab[token] = len(vocab)
                flat.append(idx)
            lengths.append(len(tokens))
        self.add_ids(np.asarray(flat, dtype=np.int64), np.asarray(lengths, dtype=np.int64))

    def add_ids(
        self, ids: np.ndarray, lengths: np.ndarray, vocab: dict[str, int] | None = None
    ) -> None:
        """A window given as its passages' token ids end to end and each passage's length;
        `vocab` (token -> id) when the ids were not made by `add_tokens`."""
        if vocab is not None:
            self.vocab = vocab
        n = len(lengths)
        local = np.repeat(np.arange(n, dtype=np.int64), lengths)
        # Doc-major, then term: one entry per (passage, term), with its count.
        keys, counts = np.unique((local << 32) | ids, return_counts=True)
        terms = (keys & 0xFFFFFFFF).astype(np.int32)
        per_doc = np.bincount(keys >> 32, minlength=n).astype(np.int32)
        need = max(len(self.vocab), int(terms.max(initial=-1)) + 1)
        if need > len(self.df):
            grown = np.zeros(max(need, 2 * len(self.df)), dtype=np.int64)
            grown[: len(self.df)] = self.df
            self.df = grown
        self.df[:need] += np.bincount(terms, minlength=need)
        stem = self.spill / f"{self.windows:06d}"
        np.save(f"{stem}.terms.npy", terms)
        np.save(f"{stem}.tf.npy", np.minimum(counts, MAX_TF).astype(np.uint16))
        np.save(f"{stem}.per_doc.npy", per_doc)
        self.lengths.append(np.asarray(lengths, dtype=np.int64))
        self.windows += 1

    def finish(self) -> int:
        """Score and write the columns; returns the number of passages."""
        lengths = np.concatenate(self.lengths) if self.lengths else np.zeros(0, np.int64)
        n_docs = len(lengths)
        n_vocab = len(self.vocab)
        df = self.df[:n_vocab]
        avg_len = lengths.mean() if n_docs else np.float64(0.0)
        # bm25s: math.log per term into a float32 array (scoring._build_idf_array, lucene).
        idf = np.zeros(n_vocab, dtype=np.float32)
        for term in np.flatnonzero(df):
            d = int(df[term])
            idf[term] = math.log(1 + (n_docs - d + 0.5) / (d + 0.5))
        nnz = int(df.sum())
        indptr = np.zeros(n_vocab + 1, dtype=np.int64)
        np.cumsum(df, out=indptr[1:])
        np.save(self.folder / INDPTR, indptr)
        for name, dtype in ((DATA, np.float32), (INDICES, np.int32)):
            if nnz:
                np.lib.format.open_memmap(self.folder / name, "w+", dtype, (nnz,)).flush()
            else:
                np.save(self.folder / name, np.zeros(0, dtype))
        cursor = indptr[:-1].copy()
        first_doc = 0
        for w in range(self.windows if nnz else 0):
            stem = self.spill / f"{w:06d}"
            terms = np.load(f"{stem}.terms.npy")
            tf = np.load(f"{stem}.tf.npy").astype(np.float32)
            per_doc = np.load(f"{stem}.per_doc.npy")
            if not len(terms):
                first_doc += len(per_doc)
                continue
            docs = np.repeat(
                np.arange(first_doc, first_doc + len(per_doc), dtype=np.int64), per_doc
            )
            # bm25s's lucene tfc: float32 counts against a float64 average, so float64 scores
            # cast to float32 when stored.
            doc_len = lengths[docs]
            tfc = tf / (self.k1 * ((1 - self.b) + self.b * doc_len / avg_len) + tf)
            scores = (idf[terms] * tfc).astype(np.float32)
            order = np.argsort(terms, kind="stable")  # term-major, passages still ascending
            terms, docs, scores = terms[order], docs[order], scores[order]
            starts = np.flatnonzero(np.r_[True, terms[1:] != terms[:-1]])
            run = np.diff(np.r_[starts, len(terms)])
            positions = np.repeat(cursor[terms[starts]] - starts, run) + np.arange(len(terms))
            cursor[terms[starts]] += run
            # Mapped per window and dropped after, so written pages leave this process.
            data = np.load(self.folder / DATA, mmap_mode="r+")
            indices = np.load(self.folder / INDICES, mmap_mode="r+")
            data[positions] = scores
            indices[positions] = docs
            data.flush()
            indices.flush()
            del data, indices
            first_doc += len(per_doc)
        shutil.rmtree(self.spill)
        (self.folder / VOCAB).write_text(
            json.dumps(self.vocab, ensure_ascii=False), encoding="utf-8"
        )
        params = {
            "k1": self.k1,
            "b": self.b,
            "delta": 0.5,
            "method": "lucene",
            "idf_method": "lucene",
            "dtype": "float32",
            "int_dtype": "int32",
            "num_docs": n_docs,
            "version": bm25s.__version__,
            "backend": "numpy",
        }
        (self.folder / PARAMS).write_text(json.dumps(params, indent=4), encoding="utf-8")
        return n_docs
