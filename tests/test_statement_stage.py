"""Statements are found on a second thread while the passages are embedded, stored as if
found in line, and stopped when the build fails."""

from __future__ import annotations

import os
import shutil
import threading
import time

import pytest
from conftest import ARTICLES, MODEL

from qa import build, layout
from qa.build import build_index
from qa.config import ChunkSettings
from qa.quotes import find_statements
from qa.statement_cache import StatementCache
from qa.store import Store


def _recorded(monkeypatch) -> list[tuple[str, float]]:
    """(thread name, time) of every statement lookup the build makes; the lookups run."""
    calls: list[tuple[str, float]] = []
    find = StatementCache.find

    def recording(self, text):
        calls.append((threading.current_thread().name, time.monotonic()))
        return find(self, text)

    monkeypatch.setattr(StatementCache, "find", recording)
    return calls


def test_statements_are_found_beside_embedding_and_stored_in_order(tmp_path, monkeypatch):
    calls = _recorded(monkeypatch)
    report = build_index([ARTICLES], tmp_path, MODEL, ChunkSettings(), progress=False)
    assert len(calls) == report.articles == 5
    assert all(name.startswith("qa-background") for name, _ in calls)
    live = layout.resolve(tmp_path)
    assert not (live / "statements.found.sqlite").exists()  # moved into the store
    store = Store(live / layout.META)
    try:
        total = 0
        for article_id, text in store.all_article_texts():
            assert store.statements(article_id, text) == find_statements(text)
            total += len(find_statements(text))
        # ids in article order, as a build that found them in line numbered them
        ids = [r[0] for r in store.conn.execute("SELECT article_id FROM statements ORDER BY id")]
        assert ids == sorted(ids)
        stored = store.counts()
    finally:
        store.close()
    counts = layout.read_manifest(live)["counts"]
    assert report.statements == total == counts["statements"] == stored["statements"] > 0
    assert counts["speakers"] == stored["speakers"] > 0


def test_a_failing_embedding_stops_the_statements_before_the_build_returns(
    index_dir, tmp_path, monkeypatch
):
    folder = tmp_path / "idx"
    shutil.copytree(index_dir, folder, symlinks=True)
    shutil.rmtree(folder / "statements")  # found afresh, not read from the cache: slower
    before = os.readlink(folder / "current")
    calls = _recorded(monkeypatch)

    def failing(*args, **kwargs):
        time.sleep(0.05)  # the statements are under way
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(build, "_embed_stage", failing)
    with pytest.raises(Exception, match="space"):
        build_index([ARTICLES], folder, MODEL, ChunkSettings(), progress=False)
    returned = time.monotonic()
    assert calls and len(calls) < 5  # stopped part way, not run to the end
    time.sleep(0.5)
    assert all(at < returned for _, at in calls)  # none after the build gave up
    assert os.readlink(folder / "current") == before
    assert not list((folder / "builds").glob(".tmp-*"))
