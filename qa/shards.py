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

from qa.config import env_number

KEY_DTYPE = "S40"
SHARD_SIZE = 512  # passages per shard: one resumable step of the embed stage


def shard_size() -> int:
    """Passages per shard: `QA_SHARD_SIZE`, else SHARD_SIZE.

    512 keeps a shard's vectors ~0.8 MB at 384 dims and the work a kill can lose under a few
    seconds. The variable exists so a test can make a build write its first shard after a few
    passages and kill it mid-embedding without embedding thousands of passages first.
    """
    return env_number("QA_SHARD_SIZE", SHARD_SIZE, 1)


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


# Hex digit -> its value, for `ids`
_HEX = np.zeros(256, dtype=np.uint8)
for _value, _digit in enumerate(b"0123456789abcdef"):
    _HEX[_digit] = _value


def ids(keys: Iterable[bytes] | np.ndarray) -> np.ndarray:
    """Keys (40 hex digits of SHA-1) -> their first 128 bits as 16 raw bytes (dtype S16): a
    key's identity at 16 bytes, where the key is a 73-byte Python object. Two passages'
    texts share a 128-bit prefix with odds under 1 in 10^24 at ten million passages."""
    keys = np.asarray(keys if isinstance(keys, np.ndarray) else list(keys), dtype=KEY_DTYPE)
    if not keys.size:
        return np.empty(0, dtype="S16")
    digits = _HEX[np.ascontiguousarray(keys).view(np.uint8).reshape(-1, 40)[:, :32]]
    raw = (digits[:, 0::2] << 4) | digits[:, 1::2]
    return np.ascontiguousarray(raw).view("S16").ravel()


class ShardIndex:
    """Where each cached key lives; vectors are memory-mapped, read only when gathered.

    The index is two arrays in key order, 24 bytes a key (its id and its shard and row): a
    dict of Python objects, as it was, took ~200 bytes a key, 2 GB at ten million passages,
    more than the whole build may hold (docs/scaling.md). Shards added while a build runs wait
    in a list and are merged in before the next lookup."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.shards: list[Path] = []
        self._ids = np.empty(0, dtype="S16")  # sorted
        self._where = np.empty(0, dtype=np.int64)  # shard << 32 | row, as _ids
        self._pending: list[tuple[np.ndarray, np.ndarray]] = []
        if folder.is_dir():
            for keys_path in sorted(folder.glob("*.keys.npy")):
                self.add_shard(keys_path)

    def add_shard(self, keys_path: Path) -> None:
        try:
            shard_ids = ids(np.load(keys_path))  # read, not mapped: its pages would count
        except (OSError, ValueError):
            return  # a damaged shard is ignored; its passages are embedded again
        number = len(self.shards)
        self.shards.append(keys_path)
        rows = np.arange(len(shard_ids), dtype=np.int64)
        self._pending.append((shard_ids, (number << 32) | rows))

    def _merge(self) -> None:
        """Pending shards into the sorted arrays, after any equal key already there: the first
        shard to hold a key is where it is read from."""
        if not self._pending:
            return
        new = np.concatenate([p[0] for p in self._pending])
        where = np.concatenate([p[1] for p in self._pending])
        self._pending = []
        order = np.argsort(new, kind="stable")
        new, where = new[order], where[order]
        at = np.searchsorted(self._ids, new, side="right")
        self._ids = np.insert(self._ids, at, new)
        self._where = np.insert(self._where, at, where)

    def locate(self, key_ids: np.ndarray) -> np.ndarray:
        """shard << 32 | row of each id (from `ids`), -1 where no shard holds it."""
        self._merge()
        if not len(self._ids):
            return np.full(len(key_ids), -1, dtype=np.int64)
        pos = np.minimum(np.searchsorted(self._ids, key_ids), len(self._ids) - 1)
        return np.where(self._ids[pos] == key_ids, self._where[pos], -1)

    def missing(self, keys: list[bytes]) -> list[bytes]:
        out, seen = [], set()
        for k, where in zip(keys, self.locate(ids(keys)).tolist(), strict=True):
            if where < 0 and k not in seen:
                seen.add(k)
                out.append(k)
        return out

    def _shard_vectors(self, number: int) -> np.ndarray:
        """A shard's vectors, memory-mapped for one read: a map kept open keeps the pages it
        touched in the process's resident set, 1.5 GB of file pages at 1M passages when the
        build's vector stage has read every shard (scripts/bench_build_memory.py)."""
        path = self.shards[number]
        return np.load(path.with_name(path.name.replace(".keys.npy", ".vecs.npy")), mmap_mode="r")

    def gather(self, key_ids: np.ndarray, dim: int) -> np.ndarray:
        """The vectors of these ids (from `ids`), in their order."""
        where = self.locate(key_ids)
        if (where < 0).any():
            raise KeyError(f"{int((where < 0).sum())} passages have no embedding shard")
        out = np.empty((len(key_ids), dim), dtype=np.float32)
        shard, row = where >> 32, where & 0xFFFFFFFF
        order = np.argsort(shard, kind="stable")
        bounds = np.flatnonzero(np.diff(shard[order])) + 1
        for group in np.split(order, bounds):
            if len(group):
                out[group] = self._shard_vectors(int(shard[group[0]]))[row[group]]  # a copy
        return out


def batched(items: list | np.ndarray, size: int) -> Iterator[list | np.ndarray]:
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
