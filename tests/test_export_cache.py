"""The ONNX export is made once per model, backend and machine: every new index folder takes
a verified copy from the machine's cache instead of exporting again."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import run_qa

from qa import embed
from qa.build import build_index
from qa.config import ChunkSettings
from qa.retrieve import Retriever, SearchOptions
from qa.shards import slug

ROOT = Path(__file__).resolve().parent.parent
ONE = ROOT / "data" / "articles" / "004_d4f96920548e75e4.txt"
MODEL = "all-MiniLM-L6-v2"


def _build(folder: Path) -> Path:
    build_index([ONE], folder, MODEL, ChunkSettings(), progress=False)
    return folder


def _export_of(index_dir: Path) -> Path:
    return embed.export_folder(MODEL, "onnx", index_dir / "models") / "model.onnx"


def _entry(cache: Path) -> Path:
    """This model's fp32 export in a cache folder."""
    label = slug(embed.cache_label(MODEL, "onnx"))
    return cache / f"{label}-{embed.export_key(MODEL, 'onnx')}"


def _no_export(*_args, **_kwargs):
    raise AssertionError("exported again")


@pytest.fixture()
def private_cache(tmp_path, export_cache, monkeypatch) -> Path:
    """A cache of this test's own, seeded with hard links to the session's entries (never
    written in place: a test that damages a file unlinks it first)."""
    mine = tmp_path / "export-cache"
    shutil.copytree(export_cache, mine, copy_function=os.link)
    monkeypatch.setenv("QA_EXPORT_CACHE", str(mine))
    return mine


def test_a_second_index_folder_copies_the_cached_export(tmp_path, private_cache, monkeypatch):
    export_cache = private_cache
    first = _build(tmp_path / "first")  # exports into the cache (or finds the session's)
    entries = [_entry(export_cache)]
    assert (entries[0] / "model.onnx").is_file()
    embed.get_embedder.cache_clear()
    monkeypatch.setattr(embed, "export_onnx", _no_export)
    second = _build(tmp_path / "second")
    a, b = _export_of(first), _export_of(second)
    assert embed.sha256(a) == embed.sha256(b)
    # Hard links on one file system: no second 90 MB copy.
    assert os.stat(b).st_ino == os.stat(entries[0] / "model.onnx").st_ino
    # Each folder is whole on its own: the index opens and answers with the cache gone.
    for path in entries[0].iterdir():
        path.unlink()
    entries[0].rmdir()
    embed.get_embedder.cache_clear()
    retriever = Retriever.open(second, MODEL, verify=True)
    assert retriever.search("military cooperation", SearchOptions(k=1))


def test_a_damaged_cache_entry_is_exported_again_not_copied(tmp_path, private_cache):
    export_cache = private_cache
    _build(tmp_path / "first")
    entry = _entry(export_cache)
    model = entry / "model.onnx"
    data = bytearray(model.read_bytes())
    data[len(data) // 2] ^= 0xFF  # same size, one byte flipped
    model.unlink()  # the index folders' hard links keep the good bytes
    model.write_bytes(bytes(data))
    embed.get_embedder.cache_clear()
    second = _build(tmp_path / "second")
    expected = json.loads((entry / "export.json").read_text())["sha256"]
    assert embed.sha256(_export_of(second)) == expected == embed.sha256(entry / "model.onnx")


def test_an_unusable_cache_falls_back_to_exporting_in_the_folder(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache would go")
    monkeypatch.setenv("QA_EXPORT_CACHE", str(blocker / "exports"))
    embed.get_embedder.cache_clear()
    folder = _build(tmp_path / "idx")
    assert _export_of(folder).is_file()


@pytest.fixture(autouse=True)
def _fresh_embedders():
    """get_embedder keeps models per (model, backend, folder): each test starts clean."""
    embed.get_embedder.cache_clear()
    yield
    embed.get_embedder.cache_clear()


def test_the_cli_says_whether_it_exports_or_copies_from_the_cache(tmp_path):
    """The note before a new folder's first build tells the truth about the slow part: a
    real export once on a machine, a copy from its cache after that."""
    env = {"QA_EXPORT_CACHE": str(tmp_path / "empty-cache")}
    first = run_qa("index", ONE, "--index-dir", tmp_path / "a", env=env)
    assert first.returncode == 0, first.stderr
    assert "exporting the model to ONNX (once on this machine, kept in" in first.stderr
    assert str(tmp_path / "empty-cache") in first.stderr
    second = run_qa("index", ONE, "--index-dir", tmp_path / "b", env=env)
    assert second.returncode == 0, second.stderr
    assert "copying the model's ONNX export from this machine's cache" in second.stderr
    assert "exporting" not in second.stderr
