"""HNSW past QA_VECTOR_SHARD vectors is built as shards, one in memory at a time, and searched
as one index: same answers, filters and vectors as a build in one piece (qa/vectors.py)."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import ARTICLES, MODEL

from qa import layout, vectors
from qa.build import as_array, build_index
from qa.config import ChunkSettings
from qa.retrieve import Retriever, SearchOptions
from qa.types import Filters

QUESTIONS = [
    "what was said about weapons supply?",
    "Which Chinese minister visited Moscow?",
    "joint military exercises",
    "sanctions against Russia",
]


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """The bundled articles (18 passages) as HNSW in one piece and in shards of at most 5."""
    mp = pytest.MonkeyPatch()
    whole = tmp_path_factory.mktemp("whole")
    build_index([ARTICLES], whole, MODEL, ChunkSettings(), progress=False, vector_index="hnsw")
    mp.setenv("QA_VECTOR_SHARD", "5")
    sharded = tmp_path_factory.mktemp("sharded")
    build_index([ARTICLES], sharded, MODEL, ChunkSettings(), progress=False, vector_index="hnsw")
    mp.undo()
    return whole, sharded


def test_a_large_build_is_written_as_shards(builds):
    whole, sharded = builds
    folder = layout.resolve(sharded)
    files = sorted((folder / layout.VECTOR_SHARDS).glob("*.faiss"))
    assert len(files) == 4  # 18 passages in shards of at most 5: 5, 5, 4, 4
    assert not (folder / layout.VECTORS).exists()
    index = vectors.read(folder)
    assert isinstance(index, vectors.Sharded)
    assert [p.ntotal for p in index.parts] == [5, 5, 4, 4]
    # The same vectors in the same (passage id) order as the build in one piece.
    assert np.allclose(as_array(index), as_array(vectors.read(layout.resolve(whole))), atol=1e-6)


def test_sharded_answers_equal_whole(builds):
    whole, sharded = builds
    one = Retriever.open(whole, MODEL, verify=True)
    many = Retriever.open(sharded, MODEL, verify=True)
    for question in QUESTIONS:
        for mode in ("dense", "hybrid"):
            for filters in (Filters(), Filters(source="001_b734b12dec5ae5c6.txt")):
                options = SearchOptions(k=8, mode=mode, filters=filters, per_source=0)
                a = [(h.source, h.char_start) for h in one.search(question, options)]
                b = [(h.source, h.char_start) for h in many.search(question, options)]
                assert a == b and a, (question, mode, filters)


def test_sharded_search_matches_exact_search_with_and_without_a_selector():
    rng = np.random.default_rng(1)
    data = rng.normal(size=(3_000, 32)).astype(np.float32)
    data /= np.linalg.norm(data, axis=1, keepdims=True)
    parts = [
        vectors.build("hnsw", 32, iter([data[s : s + 1_000]]), data) for s in (0, 1_000, 2_000)
    ]
    index = vectors.Sharded(parts)
    decoded = index.reconstruct_n(0, 3_000)
    queries = data[:20] + rng.normal(0, 0.1, (20, 32)).astype(np.float32)
    allowed = np.arange(500, 2_600, 3, dtype=np.int64)  # across three shards
    for subset in (None, allowed):
        pool = np.arange(3_000) if subset is None else subset
        scores, ids = index.search(queries, 10, subset)
        exact = np.argsort(-(queries @ decoded[pool].T), axis=1)[:, :10]
        recall = np.mean([len(set(i) & set(pool[e])) / 10 for i, e in zip(ids, exact, strict=True)])
        assert recall > 0.95
        assert np.all(np.diff(scores, axis=1) <= 1e-6)  # best first across shards
        if subset is not None:
            assert set(ids.ravel()) <= set(subset.tolist())
    # A selector no shard shares: nothing, padded as faiss pads.
    scores, ids = index.search(queries[:1], 5, np.array([], dtype=np.int64))
    assert (ids == -1).all()


def test_shards_searched_at_once_answer_as_one_after_another():
    """Unfiltered, the shards are searched at once on faiss's threads (vectors.Sharded): the
    same ids and scores as searching them in turn, at the served width and at others, for
    10 and 100."""
    rng = np.random.default_rng(3)
    data = rng.normal(size=(4_000, 32)).astype(np.float32)
    data /= np.linalg.norm(data, axis=1, keepdims=True)
    parts = [
        vectors.build("hnsw", 32, iter([data[s : s + 1_000]]), data) for s in range(0, 4_000, 1_000)
    ]
    together, in_turn = vectors.Sharded(parts), vectors.Sharded(parts, threaded=False)
    assert together.together is not None and in_turn.together is None
    queries = data[:30] + rng.normal(0, 0.2, (30, 32)).astype(np.float32)
    for k in (10, 100):
        for ef in (None, 16, 64):
            a_scores, a_ids = together.search(queries, k, ef=ef)
            b_scores, b_ids = in_turn.search(queries, k, ef=ef)
            assert np.array_equal(a_ids, b_ids), (k, ef)
            assert np.allclose(a_scores, b_scores), (k, ef)
            assert a_ids.min() >= 0 and a_ids.max() >= 3_000  # global ids, from every shard


def test_a_count_that_does_not_match_the_vectors_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("QA_VECTOR_SHARD", "100")
    data = np.random.default_rng(2).normal(size=(250, 8)).astype(np.float32)
    for announced in (300, 200):
        folder = tmp_path / str(announced)
        folder.mkdir()
        with pytest.raises(ValueError, match="announced"):
            vectors.write("hnsw", 8, announced, iter([data[:120], data[120:]]), data, folder)
    sizes = vectors.write("hnsw", 8, 250, iter([data[:120], data[120:]]), data, tmp_path)
    assert sizes == [84, 83, 83]
    assert vectors.read(tmp_path).ntotal == 250
