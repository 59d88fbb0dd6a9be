"""BM25 written a window at a time (qa.lexical_writer) is bm25s's own index, score for score."""

from __future__ import annotations

import json
from pathlib import Path

import bm25s
import numpy as np
import pytest

from qa import layout, lexical
from qa.build import embedding_text
from qa.config import ChunkSettings
from qa.lexical_writer import LexicalWriter
from qa.store import Store

QUESTIONS = [
    "What was said about weapons supply?",
    "Who are the members of the military cooperation?",
    "joint exercises Taiwan strait",
    "defence ministry spokesman",
    "ammunition shells Ukraine production",
]


@pytest.fixture(scope="module")
def passage_texts(index_dir) -> list[str]:
    """The bundled articles' BM25 documents' texts, as the build makes them."""
    store = Store(layout.resolve(index_dir) / layout.META)
    try:
        return [embedding_text(t, x, ChunkSettings()) for t, x in store.titled_passages()]
    finally:
        store.close()


@pytest.fixture(scope="module")
def passage_tokens(passage_texts) -> list[list[str]]:
    """The bundled articles' BM25 documents, as the build tokenises them."""
    return lexical.tokenize(passage_texts)


def _reference(tokens: list[list[str]]) -> bm25s.BM25:
    """bm25s's own index over all passages at once, with the service's settings."""
    model = bm25s.BM25(k1=lexical.SETTINGS["k1"], b=lexical.SETTINGS["b"])
    model.index(tokens, show_progress=False)
    return model


def _columns(model: bm25s.BM25) -> dict[str, tuple[list[int], list[float]]]:
    """token -> (passage ids, scores) of its column."""
    s = model.scores
    out = {}
    for token, idx in model.vocab_dict.items():
        if idx + 1 >= len(s["indptr"]):
            continue  # bm25s's empty token has no column
        lo, hi = int(s["indptr"][idx]), int(s["indptr"][idx + 1])
        out[token] = (list(np.asarray(s["indices"][lo:hi])), list(np.asarray(s["data"][lo:hi])))
    return out


def _written(tokens: list[list[str]], window: int, folder: Path) -> bm25s.BM25:
    writer = LexicalWriter(folder, lexical.SETTINGS["k1"], lexical.SETTINGS["b"])
    for start in range(0, len(tokens), window):
        writer.add_tokens(tokens[start : start + window])
    assert writer.finish() == len(tokens)
    return bm25s.BM25.load(str(folder), mmap=True, show_progress=False)


@pytest.mark.parametrize("window", [1, 3, 7, 10_000])
def test_windowed_columns_equal_bm25s(passage_tokens, tmp_path, window):
    reference = _columns(_reference(passage_tokens))
    written = _columns(_written(passage_tokens, window, tmp_path / "bm25"))
    assert set(written) == set(reference) - {""}
    for token, (docs, scores) in reference.items():
        if token == "":
            continue
        assert written[token][0] == docs, token
        assert written[token][1] == scores, token  # to the bit


def test_windowed_scores_equal_bm25s(passage_tokens, tmp_path):
    reference = _reference(passage_tokens)
    written = _written(passage_tokens, 4, tmp_path / "bm25")
    for question in QUESTIONS:
        tokens = lexical.tokens_of(question)
        assert np.array_equal(written.get_scores(tokens), reference.get_scores(tokens)), question


def test_spill_files_are_removed_and_params_are_bm25s(passage_tokens, tmp_path):
    folder = tmp_path / "bm25"
    _written(passage_tokens, 5, folder)
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [
            "data.csc.index.npy",
            "indices.csc.index.npy",
            "indptr.csc.index.npy",
            "params.index.json",
            "vocab.index.json",
        ]
    )
    params = json.loads((folder / "params.index.json").read_text())
    assert params["num_docs"] == len(passage_tokens)
    assert (params["k1"], params["b"], params["method"]) == (1.2, 0.75, "lucene")


def test_the_build_writes_bm25_by_windows(index_dir, passage_tokens, monkeypatch, tmp_path):
    """A real build with a window of a few passages scores like bm25s over all of them."""
    from qa.build import build_index
    from tests.conftest import ARTICLES, MODEL

    monkeypatch.setenv("QA_BUILD_WINDOW", "1")
    monkeypatch.setattr("qa.shards.shard_size", lambda: 3)
    folder = tmp_path / "index"
    build_index([ARTICLES], folder, MODEL, ChunkSettings(), progress=False)
    built = lexical.Lexical(layout.resolve(folder) / layout.LEXICAL)
    reference = _reference(passage_tokens)
    for question in QUESTIONS:
        tokens = lexical.tokens_of(question)
        assert np.array_equal(built.scores(tokens), reference.get_scores(tokens)), question


def test_empty_window_and_empty_passages(tmp_path):
    writer = LexicalWriter(tmp_path / "bm25", 1.2, 0.75)
    writer.add_tokens([["alpha", "beta"], [], ["alpha"]])
    writer.add_tokens([])
    writer.add_tokens([[], ["gamma", "gamma"]])
    assert writer.finish() == 5
    model = bm25s.BM25.load(str(tmp_path / "bm25"), mmap=True, show_progress=False)
    reference = _reference([["alpha", "beta"], [], ["alpha"], [], ["gamma", "gamma"]])
    for q in (["alpha"], ["gamma"], ["beta", "alpha"]):
        assert np.array_equal(model.get_scores(q), reference.get_scores(q))


def test_compiled_scorer_gives_numpys_scores(index_dir):
    """Large indexes score with our numba kernel (lexical.COMPILED_FROM), from 8M passages a
    block of passages at a time into an array numpy allocates; its scores are bm25s's numpy
    scores to the bit, on every question, repeated and unknown words included, in one block
    or many (small blocks make the kernel carry each word's place across blocks), however
    the scores are allocated."""
    folder = layout.resolve(index_dir) / layout.LEXICAL
    plain = lexical.Lexical(folder)  # five articles: below COMPILED_FROM, numpy
    compiled = lexical.Lexical(folder, compiled=True)
    assert plain._kernel is None
    assert type(compiled._kernel).__name__ == "CPUDispatcher"
    assert compiled.num_docs > 7
    assert not compiled.numpy_allocates and compiled.block == compiled.num_docs
    for block, numpy_allocates in ((compiled.num_docs, False), (7, False), (1, True)):
        compiled.block, compiled.numpy_allocates = block, numpy_allocates
        for question in [*QUESTIONS, "weapons weapons supply", "zzyzx weapons"]:
            tokens = lexical.tokens_of(question)
            expected = plain.scores(tokens)
            assert expected.any(), question
            assert np.array_equal(compiled.scores(tokens), expected), (question, block)


def test_question_tokens_are_the_build_s(passage_texts, monkeypatch):
    """tokens_of (questions, highlighted sentences) is the build's tokenize, word for word, on
    every bundled passage: with its stem cache empty, full of those words, and emptied midway
    (a cache smaller than the texts' words)."""
    texts = (
        passage_texts + QUESTIONS + ["The U.S. isn't O'Neill's; e-mail 2024 Ukraine's über-café"]
    )
    expected = lexical.tokenize(texts)
    lexical._STEMS.clear()
    assert [lexical.tokens_of(t) for t in texts] == expected  # cold
    assert [lexical.tokens_of(t) for t in texts] == expected  # every word cached
    monkeypatch.setattr(lexical, "STEM_CACHE_SIZE", 50)
    lexical._STEMS.clear()
    assert [lexical.tokens_of(t) for t in texts] == expected
    assert len(lexical._STEMS) <= 50 + max(len(t.split()) for t in texts)
