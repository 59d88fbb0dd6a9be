"""`qa index --ray`: the embedding stage as a Ray Data job on a local Ray instance gives the
same index as a plain build."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import faiss
import numpy as np
import pytest

from qa.build import as_array, build_index
from qa.config import ChunkSettings

ray = pytest.importorskip("ray", reason="Ray is in the [ray] extra")

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "data" / "articles"
MODEL = "all-MiniLM-L6-v2"


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


def _passages(index: Path) -> list[tuple]:
    conn = sqlite3.connect(index / "current" / "meta.sqlite")
    try:
        return conn.execute(
            "SELECT p.id, a.source, p.char_start, p.char_end, p.text FROM passages p "
            "JOIN articles a ON a.id = p.article_id ORDER BY p.id"
        ).fetchall()
    finally:
        conn.close()


def _vectors(index: Path) -> np.ndarray:
    return as_array(faiss.read_index(str(index / "current" / "vectors.faiss")))


def test_ray_build_equals_plain_build(local_ray, tmp_path, monkeypatch):
    # Small shards: one Ray job whose batches are spread over two actors.
    monkeypatch.setattr("qa.shards.SHARD_SIZE", 16)
    plain, distributed = tmp_path / "plain", tmp_path / "ray"
    # The ONNX backends embed one passage per call, so a vector depends only on its text and
    # the two builds must agree to float precision.
    settings = ChunkSettings(max_words=60)
    build_index([ARTICLES], plain, MODEL, settings, progress=False)
    report = build_index([ARTICLES], distributed, MODEL, settings, progress=False, ray="auto")
    assert report.embedded == report.passages > 40
    shards = list((distributed / "cache").rglob("*.keys.npy"))
    assert len(shards) >= report.passages // 16, "the Ray workers wrote the embedding shards"
    assert _passages(plain) == _passages(distributed)
    a, b = _vectors(plain), _vectors(distributed)
    assert a.shape == b.shape
    assert np.allclose(a, b, atol=1e-5)
