"""Incremental updates: add and remove change only the affected passages."""

import shutil
from pathlib import Path

import faiss
import numpy as np
from conftest import run_qa

from qa.build import as_array, build_index, update_index
from qa.config import ChunkSettings
from qa.retrieve import Retriever, SearchOptions
from qa.types import Filters

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "data" / "articles"
MODEL = "all-MiniLM-L6-v2"
FIFTH = "004_d4f96920548e75e4.txt"


def _snapshot(index_dir: Path) -> dict[str, list]:
    """Per source: its passages (span, text) and their vectors."""
    r = Retriever.open(index_dir, MODEL)
    vecs = as_array(faiss.read_index(str(r.build / "vectors.faiss")))
    out: dict[str, list] = {}
    for pid, source, start, end, text in r.store.conn.execute(
        "SELECT p.id, a.source, p.char_start, p.char_end, p.text FROM passages p "
        "JOIN articles a ON a.id = p.article_id ORDER BY p.id"
    ):
        out.setdefault(source, []).append((start, end, text, vecs[pid]))
    return out


def _same(a: list, b: list) -> bool:
    return len(a) == len(b) and all(
        x[:3] == y[:3] and np.allclose(x[3], y[3], atol=1e-6) for x, y in zip(a, b, strict=True)
    )


def _speakers_of(index_dir: Path) -> dict[str, set[str]]:
    """Per source: the speakers of its statements, and the manifest's statement count."""
    r = Retriever.open(index_dir, MODEL, load_model=False)
    out: dict[str, set[str]] = {}
    for source, speaker in r.store.conn.execute(
        "SELECT a.source, s.speaker FROM statements s JOIN articles a ON a.id = s.article_id"
    ):
        out.setdefault(source, set()).add(speaker)
    (total,) = r.store.conn.execute("SELECT count(*) FROM statements").fetchone()
    assert r.manifest["counts"]["statements"] == total
    return out


def test_add_remove_round_trip(tmp_path):
    four = tmp_path / "four"
    four.mkdir()
    for src in sorted(ARTICLES.iterdir()):
        if src.name != FIFTH:
            shutil.copy(src, four / src.name)
    idx = tmp_path / "idx"
    build_index([four], idx, MODEL, ChunkSettings(), progress=False)
    before = _snapshot(idx)

    said_before = _speakers_of(idx)
    assert FIFTH not in said_before

    added = update_index(idx, MODEL, add=[ARTICLES / FIFTH], remove=[], progress=False)
    after_add = _snapshot(idx)
    # Who said what travels with the articles: the added one's statements come in, the
    # others' stay as they were; a removal takes its statements with it.
    assert _speakers_of(idx) == {**said_before, FIFTH: _speakers_of(idx)[FIFTH]}
    assert "Tan Kefei" in _speakers_of(idx)[FIFTH]
    assert added.published and added.embedded == len(after_add[FIFTH])
    assert set(after_add) == set(before) | {FIFTH}
    assert all(_same(before[s], after_add[s]) for s in before)

    again = run_qa("index", "--add", ARTICLES / FIFTH, "--index-dir", idx, "--quiet", timeout=120)
    assert again.returncode == 0 and "nothing changed" in again.stdout

    removed = update_index(idx, MODEL, add=[], remove=[FIFTH], progress=False)
    assert removed.published and removed.embedded == 0 and removed.removed == 1
    after_remove = _snapshot(idx)
    assert _speakers_of(idx) == said_before
    assert set(after_remove) == set(before)
    assert all(_same(before[s], after_remove[s]) for s in before)


def test_changed_file_is_replaced(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    shutil.copy(ARTICLES / FIFTH, corpus / FIFTH)
    shutil.copy(ARTICLES / "000_c66550dc802b1081.txt", corpus / "000.txt")
    idx = tmp_path / "idx"
    build_index([corpus], idx, MODEL, ChunkSettings(), progress=False)
    (corpus / "000.txt").write_text(
        "Budget talks stall\n\nFinance ministers failed to agree on the budget on Friday.\n",
        encoding="utf-8",
    )
    report = update_index(idx, MODEL, add=[corpus], remove=[], progress=False)
    assert report.unchanged == 1 and report.embedded == 1
    r = Retriever.open(idx, MODEL)
    hits = r.search("budget", SearchOptions(k=3, filters=Filters(source="000.txt")))
    assert [h.text for h in hits] == ["Finance ministers failed to agree on the budget on Friday."]


def test_hnsw_index_answers_like_exact(index_dir, tmp_path):
    idx = tmp_path / "hnsw"
    report = build_index(
        [ARTICLES], idx, MODEL, ChunkSettings(), progress=False, vector_index="hnsw"
    )
    assert report.vector_index == "hnsw"
    hnsw, exact = Retriever.open(idx, MODEL), Retriever.open(index_dir, MODEL)
    q = "Which ships took part in the Gulf of Oman exercise?"
    for mode in ("dense", "hybrid"):
        a = hnsw.search(q, SearchOptions(k=3, mode=mode, per_source=0))
        b = exact.search(q, SearchOptions(k=3, mode=mode, per_source=0))
        assert a[0].text == b[0].text
    only = hnsw.search(
        q, SearchOptions(k=2, mode="dense", filters=Filters(source="000_c66550dc802b1081.txt"))
    )
    assert len(only) == 2 and {h.source for h in only} == {"000_c66550dc802b1081.txt"}
