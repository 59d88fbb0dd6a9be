"""What ranking reads of each candidate comes from arrays beside the store (qa/candidate_columns.py)
and is what the store's own rows say: canonical article, outlet, date and text hash."""

from __future__ import annotations

import shutil

from conftest import ARTICLES, MODEL

from qa import candidate_columns, layout
from qa.build import build_index
from qa.config import ChunkSettings
from qa.store import Store


def _both(build, tmp_path) -> tuple[Store, Store]:
    """The build's store (with its columns) and a copy of its SQLite alone (rows only)."""
    alone = tmp_path / "rows-only"
    alone.mkdir()
    shutil.copy(build / layout.META, alone / layout.META)
    return Store(build / layout.META), Store(alone / layout.META)


def test_columns_say_what_the_rows_say_outlets_and_dates(news_index_dir, tmp_path):
    build = layout.resolve(news_index_dir)
    with_columns, rows_only = _both(build, tmp_path)
    ids = range(with_columns.passage_count())
    found = with_columns.candidates(ids)
    assert found == rows_only.candidates(ids)
    assert "Global Times" in {outlet for _, outlet, _, _ in found.values()}
    assert any(day for _, _, day, _ in found.values())
    # ids as ranking may pass them: repeated, unsorted, past the end (no row, as SQLite)
    odd = [5, 2, 5, len(ids) + 10]
    assert with_columns.candidates(odd) == rows_only.candidates(odd)
    assert with_columns.candidates([]) == {}


def test_a_copied_story_points_at_its_first_article(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(ARTICLES, corpus)
    first = sorted(corpus.glob("*.txt"))[0]
    shutil.copy(first, corpus / "zz-copy.txt")  # the same story again, read last
    index = tmp_path / "index"
    build_index([corpus], index, MODEL, ChunkSettings(), progress=False)
    build = layout.resolve(index)
    with_columns, rows_only = _both(build, tmp_path)
    ids = range(with_columns.passage_count())
    found = with_columns.candidates(ids)
    assert found == rows_only.candidates(ids)
    articles = {article for article, _, _, _ in found.values()}
    assert len(articles) == 5  # six articles stored, the copy's passages cite the first
    manifest = layout.read_manifest(build)
    assert {f"{candidate_columns.FOLDER}/{name}.npy" for name in candidate_columns.COLUMNS} <= set(
        manifest["files"]
    )  # checksummed with the rest of the build
