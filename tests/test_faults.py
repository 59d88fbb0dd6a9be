"""Broken indexes are refused with one line naming the file; bad documents don't stop a build;
a new build is picked up by a running app without a restart."""

import json
import shutil
import sqlite3
import time
from pathlib import Path

import faiss
import numpy as np
import pytest
from conftest import run_qa

from qa import layout
from qa.build import build_index
from qa.config import ChunkSettings, Settings
from qa.errors import IndexInvalid
from qa.live import CHECK_EVERY_S
from qa.retrieve import Retriever
from qa.types import Filters
from qa.web import create_app

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "data" / "articles"
MODEL = "all-MiniLM-L6-v2"


def _flip_bytes(path: Path, at: int = 64) -> None:
    data = bytearray(path.read_bytes())
    for i in range(at, min(at + 32, len(data))):
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _rewrite_manifest(build: Path) -> None:
    """Re-checksum after tampering, as a buggy writer would: only the count check is left."""
    manifest = json.loads((build / "manifest.json").read_text())
    manifest.pop("files")
    manifest.pop("format")
    (build / "manifest.json").unlink()
    layout.write_manifest(build, manifest)


def _fewer_vectors(build: Path) -> None:
    index = faiss.read_index(str(build / "vectors.faiss"))
    smaller = faiss.IndexFlatIP(index.d)
    smaller.add(
        faiss.rev_swig_ptr(index.get_xb(), index.ntotal * index.d)
        .reshape(index.ntotal, index.d)[:-1]
        .copy()
    )
    faiss.write_index(smaller, str(build / "vectors.faiss"))
    _rewrite_manifest(build)


CASES = {
    "manifest missing": (lambda b: (b / "manifest.json").unlink(), "manifest.json is missing"),
    "manifest corrupt": (
        lambda b: (b / "manifest.json").write_text("{nope"),
        "manifest.json is corrupt",
    ),
    "vectors missing": (lambda b: (b / "vectors.faiss").unlink(), "vectors.faiss is missing"),
    "vectors truncated": (lambda b: _truncate(b / "vectors.faiss"), "vectors.faiss is truncated"),
    "vectors corrupted": (lambda b: _flip_bytes(b / "vectors.faiss"), "vectors.faiss is corrupted"),
    "sqlite corrupted": (lambda b: _flip_bytes(b / "meta.sqlite", 0), "meta.sqlite is corrupted"),
    "bm25 truncated": (
        lambda b: _truncate(b / "lexical" / "data.csc.index.npy"),
        "data.csc.index.npy is truncated",
    ),
    "count mismatch": (_fewer_vectors, "disagree"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_serve_refuses_broken_index_with_one_line(broken, case):
    damage, message = CASES[case]
    damage(broken / "current")
    out = run_qa("serve", "--index-dir", broken, "--port", "0", timeout=120)
    assert out.returncode == 1
    lines = [line for line in out.stderr.splitlines() if not line.startswith("Loading")]
    assert len(lines) == 1, out.stderr
    assert message in lines[0] and "qa index" in lines[0], lines[0]


@pytest.mark.parametrize("case", ["vectors truncated", "manifest missing", "count mismatch"])
def test_app_without_valid_index_answers_503(broken, case):
    CASES[case][0](broken / "current")
    app = create_app(Settings(index_dir=broken, model=MODEL), strict=False)
    client = app.test_client()
    r = client.get("/health")
    assert r.status_code == 503 and r.get_json()["error"]
    r = client.post("/api/ask", json={"question": "anything"})
    assert r.status_code == 503 and r.get_json()["error"]


def test_sqlite_damage_without_checksums_is_still_refused(broken):
    # Even when the checksum agrees (a bad writer), an unreadable store is refused.
    db = broken / "current" / "meta.sqlite"
    _flip_bytes(db, 0)
    _rewrite_manifest(broken / "current")
    with pytest.raises(IndexInvalid, match="meta.sqlite"):
        Retriever.open(broken, MODEL)


def test_new_build_is_picked_up_and_broken_one_is_not(broken, tmp_path):
    app = create_app(Settings(index_dir=broken, model=MODEL, admin_token="s3cret"))
    client = app.test_client()
    assert client.get("/health").get_json()["index"]["articles"] == 5
    # A new build of two articles, published while the app runs.
    subset = tmp_path / "subset"
    subset.mkdir()
    for src in sorted(ARTICLES.iterdir())[:2]:
        shutil.copy(src, subset / src.name)
    build_index([subset], broken, MODEL, ChunkSettings(), progress=False)
    time.sleep(CHECK_EVERY_S + 0.1)
    body = client.post("/api/ask", json={"question": "weapons", "k": 10}).get_json()
    assert {p["citation"]["source"] for p in body["passages"]} <= {s.name for s in subset.iterdir()}
    health = client.get("/health").get_json()
    assert health["index"]["articles"] == 2 and health["reloads"] == 1
    # A broken build published by hand is not swapped in; the good one keeps serving.
    bad = broken / "builds" / "broken-build"
    shutil.copytree(broken / "current", bad)
    (bad / "vectors.faiss").write_bytes(b"garbage")
    tmp_link = broken / ".current-tmp"
    tmp_link.symlink_to(Path("builds") / "broken-build")
    tmp_link.replace(broken / "current")
    r = client.post("/admin/reload", headers={"Authorization": "Bearer s3cret"})
    assert r.status_code == 200
    body = r.get_json()
    assert body["status"] == "degraded" and "vectors.faiss" in body["error"]
    assert body["index"]["articles"] == 2
    assert client.post("/api/ask", json={"question": "weapons"}).status_code == 200


def test_admin_reload_needs_token(app, broken):
    assert app.test_client().post("/admin/reload").status_code == 404
    guarded = create_app(Settings(index_dir=broken, model=MODEL, admin_token="s3cret"))
    r = guarded.test_client().post("/admin/reload")
    assert r.status_code == 401 and r.headers["WWW-Authenticate"].startswith("Bearer")


def test_bad_documents_are_skipped_with_a_summary(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(ARTICLES / "000_c66550dc802b1081.txt", corpus / "good.txt")
    shutil.copy(ARTICLES / "000_c66550dc802b1081.txt", corpus / "good-again.txt")
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "latin1.txt").write_bytes(
        "Café talks collapse\n\nThe café owners met on Monday to discuss the rent increase.".encode(
            "latin-1"
        )
    )
    with (corpus / "huge.txt").open("wb") as fh:
        fh.write(b"All work and no play. " * (50 * 1024 * 1024 // 22 + 1))
    (corpus / "records.jsonl").write_text(
        json.dumps({"id": "r1", "title": "Record", "text": "A record about the budget."})
        + "\n{truncated\n"
        + json.dumps({"id": "r1", "title": "Again", "text": "Same id."})
        + "\n"
    )
    out = run_qa("index", corpus, "--index-dir", tmp_path / "idx", "--quiet")
    assert out.returncode == 0, out.stderr
    err = out.stderr
    assert "binary.txt: binary file" in err
    assert "empty.txt: empty file" in err
    assert "latin1.txt: not UTF-8" in err
    assert "huge.txt: too large" in err
    assert "records.jsonl:2: malformed JSON line" in err
    assert "r1: a document with this source id was already read" in err
    summary = out.stdout.strip().splitlines()[-1]
    assert "indexed 4 articles" in summary and "1 duplicate stories" in summary
    assert "skipped 5" in summary and "1 binary file" in summary
    r = Retriever.open(tmp_path / "idx", MODEL)
    assert {"good.txt", "good-again.txt", "latin1.txt", "r1"} == {
        row[0] for row in r.store.conn.execute("SELECT source FROM articles")
    }
    cafe = r.store.article(r.store.article_id("latin1.txt"))
    assert cafe.text.startswith("Café talks")


def test_store_is_read_only_when_serving(retriever):
    with pytest.raises(sqlite3.OperationalError):
        retriever.store.conn.execute("DELETE FROM articles")
    # No filter: every passage id, dense from 0, one per vector row, in order.
    ids = retriever.store.filter_ids(Filters())
    assert ids.dtype == np.int64
    np.testing.assert_array_equal(ids, np.arange(retriever.counts["passages"]))
    assert ids.size == retriever.vectors.ntotal


def test_a_write_error_without_an_errno_keeps_its_message(tmp_path):
    """numpy reports a full disk as a bare OSError ("Not enough free space to write ..."):
    the build's error said "[Errno None] None" for it (a real 1M build on a full disk)."""
    from qa.build import _refused_write

    refused = _refused_write(OSError("Not enough free space to write 1536 bytes"), tmp_path)
    assert refused.strerror == "Not enough free space to write 1536 bytes"
    assert refused.filename == str(tmp_path)
