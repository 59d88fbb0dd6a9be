"""Embedding shards keyed by content hash: the resumable, shareable output of the embed stage.

A shard is two .npy files, vectors then keys, each written to a temporary name and renamed, so
a shard whose keys file exists is complete. A build killed mid-way keeps every finished shard
and the next build embeds only what is missing; a rebuild with new settings re-embeds only the
passages whose text changed. Ray workers (`qa index --ray`) write the same shards.
"""

from __future__ import annotations

import hashlib
import os
import re
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np

KEY_DTYPE = "S40"
SHARD_SIZE = 512  # passages per shard: one resumable step of the embed stage


def slug(label: str) -> str:
    """A model label as a folder name (the cache here, the ONNX export in qa.embed)."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", label).strip("_")[-80:]


def cache_dir(index_dir: Path, model: str) -> Path:
    return index_dir / "cache" / slug(model)


def key(model: str, text: str) -> bytes:
    return hashlib.sha1(f"{model}\n{text}".encode()).hexdigest().encode("ascii")


def _atomic_save(path: Path, array: np.ndarray) -> None:
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    with tmp.open("wb") as fh:
        np.save(fh, array)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def write_shard(folder: Path, keys: np.ndarray, vectors: np.ndarray) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    name = uuid.uuid4().hex
    _atomic_save(folder / f"{name}.vecs.npy", np.ascontiguousarray(vectors, dtype=np.float32))
    _atomic_save(folder / f"{name}.keys.npy", np.asarray(keys, dtype=KEY_DTYPE))
    return folder / f"{name}.keys.npy"


class ShardIndex:
    """Where each cached key lives; vectors are memory-mapped, read only when gathered."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.where: dict[bytes, tuple[int, int]] = {}
        self.shards: list[Path] = []
        self._vectors: dict[int, np.ndarray] = {}
        if folder.is_dir():
            for keys_path in sorted(folder.glob("*.keys.npy")):
                self.add_shard(keys_path)

    def add_shard(self, keys_path: Path) -> None:
        try:
            keys = np.load(keys_path, mmap_mode="r")
        except (OSError, ValueError):
            return  # a damaged shard is ignored; its passages are embedded again
        number = len(self.shards)
        self.shards.append(keys_path)
        for row, k in enumerate(keys):
            self.where.setdefault(bytes(k), (number, row))

    def missing(self, keys: Iterable[bytes]) -> list[bytes]:
        out, seen = [], set()
        for k in keys:
            if k not in self.where and k not in seen:
                seen.add(k)
                out.append(k)
        return out

    def _shard_vectors(self, number: int) -> np.ndarray:
        if number not in self._vectors:
            path = self.shards[number]
            self._vectors[number] = np.load(
                path.with_name(path.name.replace(".keys.npy", ".vecs.npy")), mmap_mode="r"
            )
        return self._vectors[number]

    def gather(self, keys: list[bytes], dim: int) -> np.ndarray:
        out = np.empty((len(keys), dim), dtype=np.float32)
        for i, k in enumerate(keys):
            number, row = self.where[k]
            out[i] = self._shard_vectors(number)[row]
        return out


def batched(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
