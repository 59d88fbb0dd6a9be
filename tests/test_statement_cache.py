"""The statement cache: a rebuild or an update finds each article's statements once."""

import shutil
import sqlite3
from pathlib import Path

import pytest
from conftest import run_qa

from qa import statement_cache
from qa.build import build_index, update_index
from qa.config import ChunkSettings
from qa.quotes import find_statements
from qa.store import Store

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "data" / "articles"
MODEL = "all-MiniLM-L6-v2"


def _stored(index_dir: Path) -> dict[str, list]:
    """Per source: its statements as the live build stores them, and as found afresh."""
    store = Store(index_dir / "current" / "meta.sqlite")
    try:
        out = {}
        for article in store.stored_articles():
            (article_id,) = store.conn.execute(
                "SELECT id FROM articles WHERE source = ?", (article.source,)
            ).fetchone()
            out[article.source] = (
                store.statements(article_id, article.text),
                find_statements(article.text),
            )
        return out
    finally:
        store.close()


def test_a_rebuild_and_an_update_take_statements_from_the_cache(tmp_path):
    folder = tmp_path / "index"
    first = build_index([ARTICLES], folder, MODEL, ChunkSettings(), progress=False)
    assert first.statements > 0 and first.statements_cached == 0
    assert statement_cache.cache_path(folder).is_file()
    again = build_index([ARTICLES], folder, MODEL, ChunkSettings(), progress=False)
    assert again.statements_cached == again.articles == 5
    assert again.statements == first.statements
    # An update rebuilds from the stored articles: only the new one is read afresh
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "new.txt").write_text(
        "Talks resume\n\nThe defence ministry said on Monday that talks would resume. "
        '"We are ready," said spokesman Tan Kefei.\n'
    )
    update = update_index(folder, MODEL, [extra], [], progress=False)
    assert update.statements_cached == 5
    for source, (stored, fresh) in _stored(folder).items():
        assert stored == fresh, source  # what the cache gave is what the code finds


def test_an_unreadable_cache_is_set_aside_and_the_build_goes_on(tmp_path):
    folder = tmp_path / "index"
    build_index([ARTICLES], folder, MODEL, ChunkSettings(), progress=False)
    path = statement_cache.cache_path(folder)
    path.write_bytes(b"this is not a database" * 100)
    report = build_index([ARTICLES], folder, MODEL, ChunkSettings(), progress=False)
    assert report.statements_cached == 0 and report.statements > 0
    assert any("statement cache" in w.message for w in report.warnings)
    for source, (stored, fresh) in _stored(folder).items():
        assert stored == fresh, source


def test_a_cached_entry_of_other_code_is_never_read_and_gc_removes_its_file(tmp_path):
    folder = tmp_path / "index"
    build_index([ARTICLES], folder, MODEL, ChunkSettings(), progress=False)
    current = statement_cache.cache_path(folder)
    # What an older finder wrote lives in its own file: copy it under another version and
    # empty every entry of the current file, as if the current code had never run.
    stale = current.with_name("0123456789abcdef.sqlite")
    shutil.copy(current, stale)
    with sqlite3.connect(current) as conn:
        conn.execute("UPDATE said SET found = '[]'")
    report = build_index([ARTICLES], folder, MODEL, ChunkSettings(), progress=False)
    assert report.statements_cached == 5 and report.statements == 0  # the cache is trusted
    result = run_qa("gc", "--index-dir", folder)
    assert result.returncode == 0, result.stderr
    assert "1 statement caches of older code" in result.stdout
    assert not stale.exists() and current.exists()


def test_the_cache_version_covers_the_rows_shape_and_first_names():
    """A change to qa/statement.py (how a statement is stored) or qa/first_names.py (who "he"
    or "she" can be) changes what a cached entry means: each starts a new cache file."""
    from qa import first_names, statement

    statement_cache.version.cache_clear()
    base = statement_cache.version()
    real = Path.read_bytes
    try:
        for module in (statement, first_names):
            target = Path(module.__file__)
            with pytest.MonkeyPatch.context() as mp:
                mp.setattr(Path, "read_bytes", lambda p, t=target: real(p) + b"#" * (p == t))
                statement_cache.version.cache_clear()
                assert statement_cache.version() != base, module.__name__
    finally:
        statement_cache.version.cache_clear()
    assert statement_cache.version() == base
