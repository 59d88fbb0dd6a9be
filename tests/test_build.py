"""Building is atomic, model mismatches are refused, and every input format loads."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import run_qa

from qa import layout
from qa.build import build_index
from qa.config import DEFAULT_BACKEND, ChunkSettings
from qa.errors import IndexInvalid, ModelMismatch, QAError
from qa.load import load_documents
from qa.retrieve import Retriever

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "data" / "articles"
MODEL = "all-MiniLM-L6-v2"
QA = [sys.executable, "-m", "qa"]


def _copy_index(src: Path, dst: Path) -> Path:
    import shutil

    shutil.copytree(src, dst, symlinks=True)
    return dst


def test_failed_build_leaves_previous_index(index_dir, tmp_path):
    folder = _copy_index(index_dir, tmp_path / "idx")
    before = os.readlink(folder / "current")
    with pytest.raises(QAError):
        build_index([tmp_path / "nothing-here"], folder, MODEL, ChunkSettings(), progress=False)
    with pytest.raises(QAError):
        build_index(
            [ARTICLES], folder, str(tmp_path / "no-such-model"), ChunkSettings(), progress=False
        )
    assert os.readlink(folder / "current") == before
    assert not list((folder / "builds").glob(".tmp-*"))
    Retriever.open(folder, MODEL, verify=True)


KILL_SHARD = 16  # passages per shard in the killed build: its first shard lands in a second


def _wait_for(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)


def test_killed_build_leaves_previous_index_serving(index_dir, tmp_path):
    folder = _copy_index(index_dir, tmp_path / "idx")
    before = os.readlink(folder / "current")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    # ~140 new passages, ~9 shards of KILL_SHARD: the kill lands mid-embedding.
    for i in range(8):
        for src in ARTICLES.iterdir():
            (corpus / f"{i}_{src.name}").write_text(
                src.read_text(encoding="utf-8").replace("China", f"China{i}"), encoding="utf-8"
            )
    shards_before = set(folder.glob("cache/*/*.keys.npy"))
    proc = subprocess.Popen(
        [*QA, "index", str(corpus), "--index-dir", str(folder), "--quiet"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=ROOT,
        env={**os.environ, "QA_SHARD_SIZE": str(KILL_SHARD)},
    )
    try:
        # Kill it once its first embedding shard is on disk, i.e. mid-embedding.
        _wait_for(
            lambda: (
                set(folder.glob("cache/*/*.keys.npy")) - shards_before or proc.poll() is not None
            ),
            120,
            "the first shard",
        )
        assert proc.poll() is None, "build finished before it could be killed"
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
    written = set(folder.glob("cache/*/*.keys.npy")) - shards_before
    assert written
    assert os.readlink(folder / "current") == before
    r = Retriever.open(folder, MODEL, verify=True)
    assert r.counts["articles"] == 5
    # The next build resumes: what the killed one embedded is not embedded again.
    report = build_index([corpus], folder, MODEL, ChunkSettings(), progress=False)
    assert 0 < report.embedded <= report.passages - KILL_SHARD * len(written)


def test_manifest_records_model_and_chunking(index_dir):
    manifest = json.loads((index_dir / "current" / "manifest.json").read_text())
    assert {k: manifest["model"][k] for k in ("name", "dim", "backend")} == {
        "name": MODEL,
        "dim": 384,
        "backend": DEFAULT_BACKEND,
    }
    assert len(manifest["model"]["export_sha256"]) == 64
    assert manifest["chunking"] == ChunkSettings().as_dict()
    assert manifest["counts"]["articles"] == 5
    assert set(manifest["files"]) >= {"vectors.faiss", "meta.sqlite"}


def test_model_mismatch_is_refused(index_dir):
    with pytest.raises(ModelMismatch, match="built with model 'all-MiniLM-L6-v2'"):
        Retriever.open(index_dir, "sentence-transformers/all-mpnet-base-v2")
    out = run_qa(
        "serve", "--index-dir", str(index_dir), "--model", "other-model", "--port", "0", timeout=120
    )
    assert out.returncode == 1
    assert "built with model 'all-MiniLM-L6-v2'" in out.stderr
    assert "Traceback" not in out.stderr


def test_truncated_file_is_refused(index_dir, tmp_path):
    folder = _copy_index(index_dir, tmp_path / "idx")
    vectors = folder / "current" / "vectors.faiss"
    data = vectors.read_bytes()
    vectors.write_bytes(data[: len(data) // 2])
    with pytest.raises(IndexInvalid, match="vectors.faiss is truncated"):
        Retriever.open(folder, MODEL)


def test_missing_index_is_one_line(tmp_path):
    out = run_qa("ask", "hello", "--index-dir", str(tmp_path / "none"), timeout=120)
    assert out.returncode == 1
    assert out.stderr.strip().count("\n") == 0 and "qa index" in out.stderr


def test_index_cli_rejects_missing_path(tmp_path):
    out = run_qa("index", str(tmp_path / "nope"), "--index-dir", str(tmp_path), timeout=120)
    assert out.returncode == 1 and "no such file or folder" in out.stderr


def test_formats_load(tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.md").write_text("# Markdown headline here today\n\nBody text. More.\n")
    (tmp_path / "news" / "b.html").write_text(
        "<html><head><title>Site</title><meta property='article:published_time' "
        "content='2024-02-03T10:00:00Z'></head><body><nav>Menu</nav><h1>HTML &amp; headline"
        "</h1><p>First para.</p><script>x()</script><p>Second para.</p></body></html>"
    )
    (tmp_path / "news" / "c.txt").write_bytes(
        "Caf\xe9 owners protest\n\nThe caf\xe9 closed.".encode("latin-1")
    )
    (tmp_path / "recs.jsonl").write_text(
        json.dumps(
            {
                "id": "r1",
                "title": "T1",
                "body": "Record one.",
                "url": "http://x",
                "published_at": "2023-05-06",
            }
        )
        + "\n{broken\n"
        + json.dumps({"_id": "r2", "title": "T2", "text": "Record two."})
        + "\n"
    )
    warnings = []
    docs = {
        d.source: d for d in load_documents([tmp_path / "news", tmp_path / "recs.jsonl"], warnings)
    }
    assert set(docs) == {"a.md", "b.html", "c.txt", "r1", "r2"}
    assert docs["b.html"].title == "HTML & headline"
    assert docs["b.html"].published == "2024-02-03"
    assert "Menu" not in docs["b.html"].text and "x()" not in docs["b.html"].text
    assert docs["c.txt"].text.startswith("Café owners")
    assert docs["r1"].published == "2023-05-06" and docs["r1"].url == "http://x"
    messages = [str(w) for w in warnings]
    assert any("c.txt" in m and "not UTF-8" in m for m in messages)
    assert any("recs.jsonl:2" in m and "malformed" in m for m in messages)


def test_nested_folder_sources_are_relative_paths(tmp_path):
    (tmp_path / "politics").mkdir()
    (tmp_path / "politics" / "001.txt").write_text("Headline of the story\n\nA sentence here.\n")
    docs = list(load_documents([tmp_path], []))
    assert [d.source for d in docs] == ["politics/001.txt"]


def test_layout_resolve_without_index(tmp_path):
    assert layout.resolve(tmp_path, must_exist=False) is None


def test_small_build_window_streams_the_same_index(index_dir, tmp_path, monkeypatch):
    """QA_BUILD_WINDOW bounds the passages held in memory; the index does not depend on it."""
    import faiss
    import numpy as np

    from qa.build import as_array

    monkeypatch.setattr("qa.shards.SHARD_SIZE", 4)
    monkeypatch.setenv("QA_BUILD_WINDOW", "5")  # 18 passages: four windows, several shards
    report = build_index([ARTICLES], tmp_path, MODEL, ChunkSettings(), progress=False)
    assert report.embedded == report.passages == 18
    assert len(list((tmp_path / "cache").rglob("*.keys.npy"))) >= 5
    windowed = as_array(faiss.read_index(str(tmp_path / "current" / "vectors.faiss")))
    whole = as_array(faiss.read_index(str(index_dir / "current" / "vectors.faiss")))
    assert np.allclose(windowed, whole, atol=1e-6)
