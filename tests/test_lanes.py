"""A build encodes its passages on several copies of the network at once (qa.embed's lanes):
the vectors are the ones one passage at a time gives, to the bit, whichever lane ran them;
a lane's error is the build's; a server's worker (one core) keeps a single copy."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest
from conftest import ARTICLES, MODEL

from qa import embed


def _paragraphs(n: int) -> list[str]:
    found = [
        p.strip()
        for path in sorted(ARTICLES.iterdir())
        for p in path.read_text().split("\n\n")
        if len(p.split()) > 12
    ]
    assert len(found) >= n
    return found[:n]


@pytest.mark.parametrize("backend", ["onnx-int8", "openvino"])
def test_lanes_give_the_vectors_one_passage_at_a_time_gives(backend, tmp_path, monkeypatch):
    monkeypatch.setattr(embed, "_threads", 2)  # two cores' share: two lanes, on any machine
    embedder = embed.get_embedder(MODEL, backend, tmp_path / "models")
    texts = _paragraphs(24)
    ran: dict[int, set[str]] = {}

    def counted(i, run):
        def lane_run(feed):
            ran.setdefault(i, set()).add(threading.current_thread().name)
            return run(feed)

        return lane_run

    embedder._lane_runs = [counted(i, run) for i, run in enumerate(embedder._lanes())]
    together = embedder.encode_passages(texts)
    assert len(ran) == 2, "both lanes encoded passages"
    assert ran[0] != ran[1], "on threads of their own"
    alone = np.stack([embedder.encode_passages([t])[0] for t in texts])
    assert np.array_equal(together, alone)
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)


def test_a_lane_error_is_the_call_error_and_a_worker_keeps_one_copy(tmp_path, monkeypatch):
    monkeypatch.setattr(embed, "_threads", 2)
    embedder = embed.get_embedder(MODEL, "onnx-int8", tmp_path / "a")

    def broken(feed):
        raise RuntimeError("lane broke")

    healthy, healthy_ran = embedder._lanes()[0], []

    def counted(feed):
        healthy_ran.append(1)
        return healthy(feed)

    texts = _paragraphs(24)
    embedder._lane_runs = [counted, broken]
    with pytest.raises(RuntimeError, match="lane broke"):
        embedder.encode_passages(texts)
    # The healthy lane stopped after the batch it held: it did not encode the other 23.
    assert len(healthy_ran) < len(texts) - 1

    # A call of fewer than LANES_FROM batches (a build of a few articles) makes no lanes.
    small = embed.get_embedder(MODEL, "onnx-int8", tmp_path / "c")
    small.encode_passages(_paragraphs(8))
    assert small._lane_runs is None

    monkeypatch.setattr(embed, "_threads", 1)  # what qa serve gives each worker on 2 cores
    worker = embed.get_embedder(MODEL, "onnx-int8", Path(tmp_path / "b"))
    assert embed.lanes() == 1
    assert worker._lanes() == [worker._run]


def test_a_build_lets_go_of_its_lanes_when_its_embedding_is_done(tmp_path, monkeypatch):
    """The stages after embedding (BM25, the graph) hold the build's peak memory: the lanes'
    copies of the network must not sit beside it in the embedder get_embedder keeps."""
    from qa.build import build_index
    from qa.config import ChunkSettings

    monkeypatch.setattr(embed, "_threads", 2)
    monkeypatch.setattr(embed, "LANES_FROM", 2)  # the bundled articles' one call makes lanes
    made = []
    make = embed.OnnxEmbedder._make_lanes

    def counted(self, n):
        made.append(n)
        return make(self, n)

    monkeypatch.setattr(embed.OnnxEmbedder, "_make_lanes", counted)
    folder = tmp_path / "idx"
    build_index([ARTICLES], folder, MODEL, ChunkSettings(), progress=False, backend="onnx-int8")
    assert made == [2], "the build encoded on two lanes"
    embedder = embed.get_embedder(MODEL, "onnx-int8", folder / "models")
    assert embedder._lane_runs is None
    # and the embedder still works afterwards, on one copy
    assert embedder.encode_passages(_paragraphs(1)).shape == (1, 384)
