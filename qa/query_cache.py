"""Question vectors already computed, kept by each server process: a question asked again
(the form regrouped by speaker or by date, a filter added or dropped, k changed, a client
retrying) skips its encoding, which is most of what a hybrid question costs over a lexical
one (README, Performance).

A vector is keyed by the encoder that made it (model, backend, export checksum) and the exact
text encoded, and an encoder gives a text the same vector every time (one text per call, so
no batch-mates change it), so a hit returns what encoding again would: answers do not
change, only their time. Hot swaps keep the cache: a new build on the same export encodes the
same way. Off (size 0) unless the server sets a size (`qa serve --question-cache`), so
in-process measurements and evaluations time every encoding.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import asdict, dataclass

import numpy as np

from qa.embed import Embedder


@dataclass
class CacheStats:
    size: int
    entries: int
    hits: int
    misses: int

    def as_dict(self) -> dict:
        return asdict(self)


class QueryVectors:
    """A least-recently-used map from (encoder, text) to the text's vector. Thread-safe: from
    1M passages a question is encoded on a second thread (qa/background.py)."""

    def __init__(self, size: int = 0) -> None:
        self._lock = threading.Lock()
        self._vectors: OrderedDict[tuple, np.ndarray] = OrderedDict()
        self._size = size
        self.hits = self.misses = 0

    def resize(self, size: int) -> None:
        if size < 0:
            raise ValueError("the question cache size must be 0 (off) or more")
        with self._lock:
            self._size = size
            while len(self._vectors) > size:
                self._vectors.popitem(last=False)

    def encode(self, encoder: Embedder, text: str) -> np.ndarray:
        """encoder.encode_query(text), from the cache when it holds it."""
        if self._size == 0:
            return encoder.encode_query(text)
        key = (encoder.cache_label, encoder.export_sha256, text)
        with self._lock:
            found = self._vectors.get(key)
            if found is not None:
                self._vectors.move_to_end(key)
                self.hits += 1
                return found
            self.misses += 1
        vector = encoder.encode_query(text)
        vector.setflags(write=False)  # shared by every later asking of the same text
        with self._lock:
            self._vectors[key] = vector
            while len(self._vectors) > self._size:
                self._vectors.popitem(last=False)
        return vector

    def stats(self) -> CacheStats:
        with self._lock:
            return CacheStats(self._size, len(self._vectors), self.hits, self.misses)


# The process's one cache: the server sizes it per worker after the fork (qa/web).
QUESTIONS = QueryVectors()
