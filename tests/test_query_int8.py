"""Questions of an fp32 (onnx) or bf16 (openvino) index are encoded by the model's int8
export: recorded in the manifest, placed in the index folder, verified like the passages'
export, kept by gc and by updates, and off with --no-query-int8."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest
from conftest import ARTICLES, MODEL, run_qa

from qa import embed, layout
from qa.build import build_index, update_index
from qa.config import DEFAULT_BACKEND, ChunkSettings
from qa.errors import ModelMismatch
from qa.retrieve import Retriever

ONE = ARTICLES / "004_d4f96920548e75e4.txt"
TWO = ARTICLES / "003_02b17f315b2febbf.txt"


def test_the_default_index_encodes_questions_with_the_int8_export(index_dir, retriever):
    model = json.loads((layout.resolve(index_dir) / "manifest.json").read_text())["model"]
    assert (model["backend"], model["query_backend"]) == (DEFAULT_BACKEND, "onnx-int8")
    folder = embed.export_folder(MODEL, "onnx-int8", index_dir / layout.MODELS)
    assert embed.sha256(folder / "model.onnx") == model["query_export_sha256"]
    assert retriever.embedder.backend == "onnx-int8"
    question = "what was said about weapons supply?"
    int8 = embed.get_embedder(MODEL, "onnx-int8", index_dir / layout.MODELS)
    fp32 = embed.get_embedder(MODEL, "onnx", index_dir / layout.MODELS)
    np.testing.assert_array_equal(
        retriever.embedder.encode_query(question), int8.encode_query(question)
    )
    # Close to the fp32 question, not equal: the int8 export is what runs.
    cosine = float(int8.encode_query(question)[0] @ fp32.encode_query(question)[0])
    assert 0.97 < cosine < 0.99999


def test_no_query_int8_keeps_fp32_questions_and_updates_keep_the_choice(tmp_path):
    plain = tmp_path / "plain"
    build_index([ONE], plain, MODEL, ChunkSettings(), progress=False, query_int8=False)
    model = layout.read_manifest(layout.resolve(plain))["model"]
    assert "query_backend" not in model
    assert Retriever.open(plain, MODEL).embedder.backend == DEFAULT_BACKEND
    update_index(plain, MODEL, add=[TWO], remove=[], progress=False)
    assert "query_backend" not in layout.read_manifest(layout.resolve(plain))["model"]
    quick = tmp_path / "quick"
    build_index([ONE], quick, MODEL, ChunkSettings(), progress=False)
    update_index(quick, MODEL, add=[TWO], remove=[], progress=False)
    assert layout.read_manifest(layout.resolve(quick))["model"]["query_backend"] == "onnx-int8"
    cli = run_qa("index", ONE, "--index-dir", tmp_path / "cli", "--no-query-int8", "--quiet")
    assert cli.returncode == 0, cli.stderr
    assert "query_backend" not in layout.read_manifest(layout.resolve(tmp_path / "cli"))["model"]


def test_an_altered_question_export_is_refused(tmp_path):
    folder = tmp_path / "idx"
    build_index([ONE], folder, MODEL, ChunkSettings(), progress=False)
    model = embed.export_folder(MODEL, "onnx-int8", folder / layout.MODELS) / "model.onnx"
    data = bytearray(model.read_bytes())
    data[len(data) // 3] ^= 0xFF
    model.unlink()  # a hard link to the machine's cache: never write it in place
    model.write_bytes(bytes(data))
    embed.get_embedder.cache_clear()
    with pytest.raises(ModelMismatch, match="not the one"):
        Retriever.open(folder, MODEL)


def test_gc_keeps_the_question_export(tmp_path):
    folder = tmp_path / "idx"
    build_index([ONE], folder, MODEL, ChunkSettings(), progress=False)
    stray = folder / layout.MODELS / "stray-export"
    shutil.copytree(embed.export_folder(MODEL, "onnx-int8", folder / layout.MODELS), stray)
    freed = layout.gc(folder)
    assert freed["exports"] == 1 and not stray.exists()
    assert embed.export_folder(MODEL, "onnx-int8", folder / layout.MODELS).is_dir()
    embed.get_embedder.cache_clear()
    assert Retriever.open(folder, MODEL, verify=True).embedder.backend == "onnx-int8"


@pytest.fixture(autouse=True)
def _fresh_embedders():
    embed.get_embedder.cache_clear()
    yield
    embed.get_embedder.cache_clear()


def test_dense_only_questions_keep_the_passages_own_encoder(index_dir, retriever):
    from qa.retrieve import SearchOptions

    question = "what was said about weapons supply?"
    # an openvino build's dense questions: onnxruntime on the same fp32 export
    own = embed.get_embedder(MODEL, "onnx", index_dir / layout.MODELS)
    dense = retriever.query(question, SearchOptions(k=3, mode="dense"))
    best = dense.hits[0]
    vector = retriever.vectors.reconstruct(best.passage_id)
    assert best.components["dense"] == pytest.approx(
        float(vector @ own.encode_query(question)[0]), abs=1e-5
    )
    hybrid = retriever.query(question, SearchOptions(k=3))
    int8 = embed.get_embedder(MODEL, "onnx-int8", index_dir / layout.MODELS)
    top = hybrid.hits[0]
    assert top.components["dense"] == pytest.approx(
        float(retriever.vectors.reconstruct(top.passage_id) @ int8.encode_query(question)[0]),
        abs=1e-5,
    )
