"""Statements are found on a second thread while the passages are embedded, stored as if
found in line, and stopped when the build fails."""

from __future__ import annotations

import json
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

    def recording(self, text, title=None):
        calls.append((threading.current_thread().name, time.monotonic()))
        return find(self, text, title)

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
        for article_id, text, title in store.all_article_texts():
            found = find_statements(text, title)
            assert store.statements(article_id, text) == found
            total += len(found)
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


META_BODY = (
    "Meta has set out how it handles posts about the war, in a blog post on Friday. Meta runs"
    " Facebook and Instagram.\n\nIts blog post covers what it frames as ongoing efforts. But the"
    " company confirms it has made some changes in light of events."
)


def test_a_records_title_names_the_company_its_statements_speak_for(tmp_path):
    """A JSON record's body does not open with its title (a BBC file's does): the build gives
    find_statements the title, so "the company" is the company the headline is about."""
    record = {"title": "Meta says it is prioritizing livestream checks", "body": META_BODY,
              "source": "TechCrunch", "url": "https://example.com/meta"}  # fmt: skip
    (tmp_path / "news.json").write_text(json.dumps([record]))
    build_index([tmp_path / "news.json"], tmp_path / "index", MODEL, ChunkSettings(), False)
    store = Store(layout.resolve(tmp_path / "index") / layout.META)
    try:
        [(article_id, text, title)] = store.all_article_texts()
        said = store.statements(article_id, text)
    finally:
        store.close()
    assert [s.speaker for s in said] == ["Meta"]
    assert [s.speaker for s in find_statements(text)] == ["the company"]  # without the title


def test_the_statement_cache_keeps_a_text_with_a_title_apart_from_it_without(tmp_path):
    """The same text found with and without its title gives two answers: the cache must not
    hand one out for the other."""
    cache = StatementCache(tmp_path)
    title = "Meta says it is prioritizing livestream checks"
    try:
        assert [s.speaker for s in cache.find(META_BODY, title)] == ["Meta"]
        assert [s.speaker for s in cache.find(META_BODY)] == ["the company"]
        assert [s.speaker for s in cache.find(META_BODY, title)] == ["Meta"]
        assert cache.hits == 1 and cache.misses == 2
    finally:
        cache.close()
