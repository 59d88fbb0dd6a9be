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


def shard_size() -> int:
    """Passages per shard: `QA_SHARD_SIZE`, else SHARD_SIZE.

    512 keeps a shard's vectors ~0.8 MB at 384 dims and the work a kill can lose under a few
    seconds. The variable exists so a test can make a build write its first shard after a few
    passages and kill it mid-embedding without embedding thousands of passages first.
    """
    return max(1, int(os.environ.get("QA_SHARD_SIZE", SHARD_SIZE)))


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


def gc_shards(folder: Path, used: set[bytes], dry_run: bool = False) -> dict[str, int]:
    """Remove the shards of `folder` none of whose keys is in `used`, and leftovers (temp files
    of a killed writer, a vectors file without its keys file, shards that cannot be read).

    A shard with any used key is kept whole: rewriting it without the unused rows would move
    the rows every ShardIndex addresses, and gains at most one shard's worth per build.
    Returns what went (or would go, with `dry_run`): files, bytes, shards, and shards kept."""
    out = {"files": 0, "bytes": 0, "shards": 0, "shards_kept": 0}
    doomed: list[Path] = []
    for keys_path in sorted(folder.glob("*.keys.npy")):
        vecs_path = keys_path.with_name(keys_path.name.replace(".keys.npy", ".vecs.npy"))
        try:
            keys = np.load(keys_path, mmap_mode="r")
            needed = any(bytes(k) in used for k in keys)
        except (OSError, ValueError):
            needed = False  # unreadable: ShardIndex ignores it, its passages are embedded again
        if needed:
            out["shards_kept"] += 1
            continue
        out["shards"] += 1
        doomed += [keys_path, vecs_path]
    for vecs_path in folder.glob("*.vecs.npy"):
        if not vecs_path.with_name(vecs_path.name.replace(".vecs.npy", ".keys.npy")).exists():
            doomed.append(vecs_path)  # its keys file was never written: an unfinished shard
    doomed += [p for p in folder.glob(".*.tmp") if p.is_file()]
    for path in doomed:
        try:
            size = path.stat().st_size
        except FileNotFoundError:
            continue
        out["files"] += 1
        out["bytes"] += size
        if not dry_run:
            path.unlink(missing_ok=True)
    return out
