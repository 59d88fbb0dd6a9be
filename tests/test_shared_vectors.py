"""The served vector index is memory-mapped, HNSW graph included, so gunicorn's workers share
one copy through the page cache instead of each holding its own (docs/scaling.md)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import faiss
import numpy as np

from qa import vectors

ROOT = Path(__file__).resolve().parent.parent

N, DIM = 20_000, 384


# Run in a fresh process: memory freed by building the index in this one would be reused by
# a copied index without the process's anonymous memory growing.
LOAD = """
import json, re, sys
from pathlib import Path
from qa.retrieve import _read_vectors

def anonymous_kb():
    return int(re.search(r"RssAnon:\\s+(\\d+) kB", Path("/proc/self/status").read_text()).group(1))

before = anonymous_kb()
index = _read_vectors(Path(sys.argv[1]))
grown = anonymous_kb() - before
mapped = sys.argv[1] in Path("/proc/self/maps").read_text()
print(json.dumps({"grown_mb": grown / 1024, "mapped": mapped, "ntotal": index.ntotal}))
"""


def test_hnsw_codes_and_links_are_mapped_not_copied(tmp_path, monkeypatch):
    rng = np.random.default_rng(0)
    data = rng.normal(size=(N, DIM)).astype(np.float32)
    data /= np.linalg.norm(data, axis=1, keepdims=True)
    # What is mapped is the graph's size, not its quality: a narrow construction beam builds
    # the same links and codes arrays in a fraction of the time (24 s -> a few on 2 cores).
    monkeypatch.setattr(vectors, "EF_CONSTRUCTION", 16)
    index = vectors.build("hnsw", DIM, iter([data]), data[:5000])
    assert index.hnsw.efConstruction == 16
    path = tmp_path / "vectors.faiss"
    faiss.write_index(index, str(path))
    links_mb = N * 2 * vectors.HNSW_M * 4 / 2**20  # level-0 neighbour lists
    codes_mb = N * DIM / 2**20

    out = subprocess.run(
        [sys.executable, "-c", LOAD, str(tmp_path)], capture_output=True, text=True, cwd=ROOT
    )
    assert out.returncode == 0, out.stderr
    loaded = json.loads(out.stdout)
    assert loaded["ntotal"] == N
    assert loaded["mapped"]
    # A copied index grows the process's private memory by links + codes (~15 MB here).
    assert loaded["grown_mb"] < (links_mb + codes_mb) / 4, (loaded, links_mb, codes_mb)
