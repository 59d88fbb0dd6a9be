"""What ranking reads of every candidate passage, as arrays beside the store, so a question's
~200 candidates are 200 array reads instead of 200 SQLite lookups.

Per passage id (row): its canonical article (the first copy of a duplicated story), its
outlet (an index into outlets.json, -1 for none), its publication date (`YYYY-MM-DD`, empty
for none) and its text's SHA-1 (20 bytes; equal for identical texts). Written once per build
from the store's covering indexes, in id order and a batch at a time (memory bounded at any
size), memory-mapped read-only by every worker (the pages are shared, like the vectors'):
about 38 bytes a passage, 380 MB at 10M.

Measured (`scripts/bench_candidate_columns.py`, 800 BBC headlines each asked once at 1M
synthetic passages, in process): hybrid p50 13.19 -> 11.85 ms, lexical 4.14 -> 3.96 ms; the
fields of 200 random passages 1.61 ms from SQLite against 0.22 ms from the arrays.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from itertools import islice
from pathlib import Path

import numpy as np

FOLDER = "candidates"
# name: (dtype, values per passage); the hash as raw bytes (numpy's S20 drops trailing zeros)
COLUMNS = {
    "article": ("<i4", ()),
    "outlet": ("<i4", ()),
    "published": ("S10", ()),
    "text_hash": ("u1", (20,)),
}
OUTLETS = "outlets.json"
BATCH = 100_000


def write(folder: Path, count: int, rows: Iterable[tuple]) -> None:
    """Write the columns of `count` passages into `folder`/candidates from `rows`: (passage
    id, canonical article, outlet, published, text hash in hex) for ids 0..count-1, in order,
    BATCH rows at a time."""
    target = folder / FOLDER
    target.mkdir()
    arrays = {
        name: np.lib.format.open_memmap(
            target / f"{name}.npy", mode="w+", dtype=dtype, shape=(count, *shape)
        )
        for name, (dtype, shape) in COLUMNS.items()
    }
    outlets: dict[str, int] = {}
    done = 0
    rows = iter(rows)
    while batch := list(islice(rows, BATCH)):
        ids, articles, outlet_names, published, hashes = zip(*batch, strict=True)
        if ids[0] != done or ids[-1] != done + len(batch) - 1 or done + len(batch) > count:
            raise ValueError(f"passage ids are not 0..{count - 1} in order at {ids[0]}")
        dates = [day or "" for day in published]
        if any(len(day) not in (0, 10) for day in dates):
            raise ValueError(f"a publication date not YYYY-MM-DD among passages {ids[0]}...")
        span = slice(done, done + len(batch))
        arrays["article"][span] = articles
        arrays["outlet"][span] = [
            -1 if name is None else outlets.setdefault(name, len(outlets)) for name in outlet_names
        ]
        arrays["published"][span] = dates
        arrays["text_hash"][span] = np.frombuffer(
            bytes.fromhex("".join(hashes)), dtype=np.uint8
        ).reshape(-1, 20)
        done += len(batch)
    if done != count:
        raise ValueError(f"{done} passages where {count} were due")
    for array in arrays.values():
        array.flush()
    del arrays
    (target / OUTLETS).write_text(json.dumps(list(outlets), ensure_ascii=False))


class CandidateColumns:
    """The columns of one build, memory-mapped read-only."""

    def __init__(self, folder: Path) -> None:
        target = folder / FOLDER
        self._arrays = {name: np.load(target / f"{name}.npy", mmap_mode="r") for name in COLUMNS}
        self._outlets: list[str | None] = [*json.loads((target / OUTLETS).read_text()), None]

    @classmethod
    def open(cls, folder: Path) -> CandidateColumns | None:
        """The columns of the build in `folder`, or None for a build written before them."""
        return cls(folder) if (folder / FOLDER).is_dir() else None

    def candidates(self, ids) -> dict[int, tuple]:
        """What Store.candidates returns: per passage id, (canonical article, outlet,
        published, text hash)."""
        ids = np.asarray(sorted({int(i) for i in ids}), dtype=np.int64)
        if ids.size == 0:
            return {}
        if ids[0] < 0 or ids[-1] >= len(self._arrays["article"]):
            ids = ids[(ids >= 0) & (ids < len(self._arrays["article"]))]  # as SQLite: no row
        articles = self._arrays["article"][ids].tolist()
        outlets = self._arrays["outlet"][ids].tolist()
        published = self._arrays["published"][ids].tolist()
        hashes = self._arrays["text_hash"][ids]
        return {
            pid: (
                article,
                self._outlets[outlet],
                day.decode("ascii") or None,
                hashes[n].tobytes().hex(),  # as the store holds it
            )
            for n, (pid, article, outlet, day) in enumerate(
                zip(ids.tolist(), articles, outlets, published, strict=True)
            )
        }
