"""The ONNX backends: the same network as torch, exported once into the index folder, and the
server embedding queries with the backend that embedded the passages."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import faiss
import numpy as np
import pytest
from conftest import ARTICLES, MODEL, ROOT, run_qa

from qa.build import as_array, build_index
from qa.config import DEFAULT_BACKEND, ChunkSettings, backend_for, cpu_flags
from qa.embed import get_embedder
from qa.errors import ModelMismatch, QAError
from qa.retrieve import Retriever, SearchOptions


@pytest.fixture(scope="module")
def int8_index(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("int8")
    build_index([ARTICLES], folder, MODEL, ChunkSettings(), progress=False, backend="onnx-int8")
    return folder


def _vectors(folder: Path) -> np.ndarray:
    return as_array(faiss.read_index(str(folder / "current" / "vectors.faiss")))


def test_onnx_matches_torch_and_int8_stays_close(index_dir, int8_index, tmp_path):
    """fp32 ONNX against torch; the session's index is on the default backend (onnx, or
    OpenVINO on a CPU with bf16), which test_openvino_runs_the_fp32_export_at_bf16 compares
    with ONNX."""
    for backend in ("torch", "onnx"):
        build_index(
            [ARTICLES], tmp_path / backend, MODEL, ChunkSettings(), progress=False, backend=backend
        )
    torch_vecs, onnx_vecs = _vectors(tmp_path / "torch"), _vectors(tmp_path / "onnx")
    int8_vecs = _vectors(int8_index)
    assert torch_vecs.shape == int8_vecs.shape == onnx_vecs.shape
    # fp32 ONNX is the same network: equal to float precision.
    assert np.min(np.sum(torch_vecs * onnx_vecs, axis=1)) > 0.9999
    # int8 weights move vectors a little (mean cosine 0.994 on BBC), never far.
    cosines = np.sum(torch_vecs * int8_vecs, axis=1)
    assert cosines.mean() > 0.98 and cosines.min() > 0.95
    assert np.allclose(np.linalg.norm(int8_vecs, axis=1), 1.0, atol=1e-4)


def test_default_backend_is_openvino_only_where_the_cpu_has_bf16():
    """OpenVINO is the default where it runs bf16; elsewhere it runs fp32 and onnxruntime's fp32
    built faster (docs/first-build.md). The flags read here must agree with what OpenVINO
    itself says the CPU can do, or the rule would pick the slower runtime."""
    assert backend_for({"avx2", "avx512f", "avx512_bf16"}) == "openvino"
    assert backend_for({"avx2", "amx_bf16", "amx_tile"}) == "openvino"
    assert backend_for({"avx2", "fma", "avx512f", "avx512_vnni"}) == "onnx"
    assert backend_for(set()) == "onnx"
    flags = cpu_flags()
    assert "sse2" in flags  # read, not an empty set: every x86-64 Linux CPU lists it
    from qa.embed import import_openvino

    capabilities = import_openvino().Core().get_property("CPU", "OPTIMIZATION_CAPABILITIES")
    assert bool(flags & {"avx512_bf16", "amx_bf16"}) == ("BF16" in capabilities)
    assert backend_for(flags) == DEFAULT_BACKEND


def test_int8_index_answers_and_records_its_backend(int8_index):
    manifest = json.loads((int8_index / "current" / "manifest.json").read_text())
    assert manifest["model"]["backend"] == "onnx-int8"
    assert (int8_index / "models").is_dir()
    retriever = Retriever.open(int8_index, MODEL, verify=True)
    assert retriever.embedder.backend == "onnx-int8"
    hits = retriever.search("what was said about weapons supply?", SearchOptions(k=10))
    assert len({h.source for h in hits}) >= 4
    dense = retriever.search(
        "Which Chinese minister visited Moscow?", SearchOptions(k=3, mode="dense")
    )
    assert dense and dense[0].score > 0.3


def test_openvino_runs_the_fp32_export_at_bf16(tmp_path):
    """The openvino backend compiles the fp32 export (shared with `onnx`, not exported again)
    and runs it at bf16 on a CPU with bf16 instructions: vectors within float noise of fp32
    ONNX's, but not equal to them, which is how the test knows bf16 ran."""
    from qa import layout
    from qa.embed import import_openvino

    one = [ARTICLES / "004_d4f96920548e75e4.txt"]
    build_index(one, tmp_path / "fp32", MODEL, ChunkSettings(), progress=False, backend="onnx")
    build_index(one, tmp_path / "ov", MODEL, ChunkSettings(), progress=False, backend="openvino")
    fp32, ov = _vectors(tmp_path / "fp32"), _vectors(tmp_path / "ov")
    assert fp32.shape == ov.shape
    assert np.min(np.sum(fp32 * ov, axis=1)) > 0.9999
    model = layout.read_manifest(layout.resolve(tmp_path / "ov"))["model"]
    bf16 = "BF16" in import_openvino().Core().get_property("CPU", "OPTIMIZATION_CAPABILITIES")
    assert model["backend"] == "openvino" and model["precision"] == ("bf16" if bf16 else "f32")
    if bf16:
        assert not np.array_equal(fp32, ov)
    # The fp32 export is the one it ran, and questions still go through the int8 export.
    assert model["query_backend"] == "onnx-int8"
    fp32_model = layout.read_manifest(layout.resolve(tmp_path / "fp32"))["model"]
    assert model["export_sha256"] == fp32_model["export_sha256"]
    exports = sorted(p.name for p in (tmp_path / "ov" / "models").iterdir())
    assert exports == sorted(p.name for p in (tmp_path / "fp32" / "models").iterdir())
    retriever = Retriever.open(tmp_path / "ov", MODEL, verify=True)
    assert retriever.encoder("dense").backend == "onnx"  # the server never loads OpenVINO
    dense = retriever.search(
        "Which Chinese minister visited Moscow?", SearchOptions(k=3, mode="dense")
    )
    assert dense and dense[0].score > 0.3


def test_openvino_build_sends_no_telemetry(tmp_path):
    """`import openvino` imports its model converter, which sends a usage event to Google
    Analytics from a process it forks (in a gevent worker the fork's copy answered a client a
    second time, and responses lagged one behind). A real `qa index --backend openvino`, in a
    fresh home, watched by an audit hook: no process forked, no socket opened, no telemetry
    module loaded, nothing written under the home (the telemetry's client id and stats)."""
    from qa import layout
    from qa.embed import export_cache_dir

    home = tmp_path / "home"
    home.mkdir()
    watcher = (
        "import atexit, json, runpy, sys\n"
        "seen = []\n"
        "watched = ('os.fork', 'os.posix_spawn', 'subprocess.Popen', 'socket.connect')\n"
        "telemetry = ('openvino_telemetry', 'openvino.tools')\n"
        "sys.addaudithook(lambda e, a: seen.append(e) if e in watched else None)\n"
        "atexit.register(lambda: print(json.dumps({'events': seen, 'modules': sorted(\n"
        "    m for m, v in sys.modules.items() if v and m.startswith(telemetry)\n"
        ")})))\n"
        "sys.argv = ['qa'] + sys.argv[1:]\n"
        "runpy.run_module('qa', run_name='__main__')\n"
    )
    one = ARTICLES / "004_d4f96920548e75e4.txt"
    args = [one, "--index-dir", tmp_path / "idx", "--backend", "openvino", "--model", MODEL]
    env = {
        "HOME": str(home),
        "QA_EXPORT_CACHE": str(export_cache_dir()),  # the machine's exports, not made again
        "HF_HUB_OFFLINE": "1",
        "PATH": os.environ["PATH"],
    }
    out = subprocess.run(
        [sys.executable, "-c", watcher, "index", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen == {"events": [], "modules": []}, seen
    assert list(home.rglob("*")) == []
    model = layout.read_manifest(layout.resolve(tmp_path / "idx"))["model"]
    assert model["backend"] == "openvino" and model["precision"] in ("bf16", "f32")


def test_server_leaves_the_home_as_it_found_it(index_dir, tmp_path):
    """`qa serve` answering hybrid (int8) and dense (fp32) questions, an onnxruntime session
    of each in each worker, writes nothing under the home: onnxruntime 1.32 would write its
    device id and queue usage events there. Started with the switch empty, as if unset."""
    import urllib.request

    from qa.embed import export_cache_dir
    from qa.web.launch import start_server

    home = tmp_path / "home"
    home.mkdir()
    env = {"HOME": str(home), "QA_EXPORT_CACHE": str(export_cache_dir())}
    server, port = start_server(index_dir, 2, env={**env, "ORT_DISABLE_TELEMETRY": ""})
    try:
        for mode in ("hybrid", "dense") * 3:  # both workers, most likely
            url = f"http://127.0.0.1:{port}/api/ask?q=weapons%20supply&mode={mode}"
            with urllib.request.urlopen(url, timeout=60) as r:
                assert r.status == 200 and json.load(r)["passages"]
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
    assert list(home.rglob("*")) == []


def test_server_on_onnx_never_imports_torch(int8_index):
    """Queries on an ONNX index need no torch: the server process stays small."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from qa.retrieve import Retriever, SearchOptions\n"
        f"r = Retriever.open(Path({str(int8_index)!r}), 'all-MiniLM-L6-v2')\n"
        "assert r.search('weapons supply', SearchOptions(k=3))\n"
        "print('torch' in sys.modules, 'sentence_transformers' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert out.stdout.split() == ["False", "False"]


def test_changed_export_is_refused(int8_index, tmp_path):
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(int8_index, copy, symlinks=True)
    export = next((copy / "models").iterdir())
    # Exported again since the build: another file (and its own record of its checksum).
    data = bytearray((export / "model.onnx").read_bytes())
    data[-1] ^= 0xFF
    (export / "model.onnx").unlink()
    (export / "model.onnx").write_bytes(bytes(data))
    meta = json.loads((export / "export.json").read_text())
    meta["sha256"] = hashlib.sha256(bytes(data)).hexdigest()
    (export / "export.json").write_text(json.dumps(meta))
    get_embedder.cache_clear()
    with pytest.raises(ModelMismatch, match="exported again"):
        Retriever.open(copy, MODEL)
    get_embedder.cache_clear()


def test_unknown_backend_is_a_clear_cli_error(tmp_path):
    out = run_qa("index", ARTICLES, "--index-dir", tmp_path, "--backend", "tpu")
    assert out.returncode == 2 and "tpu" in out.stderr and "Traceback" not in out.stderr
    with pytest.raises(QAError, match="unknown backend"):
        get_embedder(MODEL, "tpu", tmp_path)


def test_export_refuses_a_model_it_cannot_reproduce(tmp_path):
    """A model with layers after pooling (here a Dense projection) is refused with the fix."""
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.models import Dense

    from qa.embed import resolve_model

    packaged = SentenceTransformer(resolve_model(MODEL), device="cpu")
    projected = SentenceTransformer(modules=[*packaged, Dense(384, 64)], device="cpu")
    projected.save(str(tmp_path / "projected"))
    with pytest.raises(QAError, match="use --backend torch"):
        get_embedder(str(tmp_path / "projected"), "onnx", tmp_path / "models")
    assert not (tmp_path / "models").exists() or not any((tmp_path / "models").iterdir())
