"""Exact expectations for what a plausible edit breaks silently: the fusion method, the BM25
normalisation, day-first dates, inclusive date filters, and what each retrieval mode returns.

Each test here failed on a deliberately planted bug (RRF as the default, min-max BM25, month-first
dates, an exclusive `published_to`) that left the rest of the suite green.
"""

import numpy as np
import pytest

from qa import fusion, vectors
from qa.dates import parse_date
from qa.retrieve import SearchOptions
from qa.types import Filters

QUESTION = "what was said about weapons supply?"  # no clause break: lexical = whole question


# --- fusion: convex combination, BM25 divided by its maximum with a floor of 0 -------------


def test_default_fusion_is_convex():
    assert fusion.DEFAULT.method == "convex"
    assert SearchOptions().weights.method == "convex"


def test_fuse_convex_by_hand():
    dense = np.array([0.2, 0.5, 0.8], dtype=np.float32)
    lexical = np.array([1.0, 0.0, 0.5], dtype=np.float32)
    # min-max cosines: 0, 0.5, 1; lexical as given.
    expected = [0.6 * 0 + 0.4 * 1.0, 0.6 * 0.5 + 0.4 * 0.0, 0.6 * 1 + 0.4 * 0.5]
    np.testing.assert_allclose(fusion.fuse(dense, lexical, 0.6), expected, rtol=1e-6)
    # One retriever: the other side's scores pass through (dense min-maxed, lexical as is).
    np.testing.assert_allclose(fusion.fuse(dense, None, 0.6), [0.0, 0.5, 1.0], rtol=1e-6)
    np.testing.assert_array_equal(fusion.fuse(None, lexical, 0.6), lexical)


def test_bm25_is_divided_by_its_maximum_not_min_maxed():
    whole = np.array([4.0, 2.0, 1.0])
    # x / max: the weakest match keeps its share (0.25), it is not pushed to 0.
    np.testing.assert_allclose(fusion.combine_lexical(whole, [], 0.5), [1.0, 0.5, 0.25])
    np.testing.assert_allclose(fusion.combine_lexical(np.zeros(3), [], 0.5), [0.0, 0.0, 0.0])
    parts = [np.array([0.0, 3.0, 1.0]), np.array([2.0, 0.0, 0.0])]
    # whole/max = [1, .5, .25]; best clause of each part/max = [1, 1, 1/3]; half and half.
    np.testing.assert_allclose(
        fusion.combine_lexical(whole, parts, 0.5), [1.0, 0.75, (0.25 + 1 / 3) / 2]
    )


def test_hybrid_scores_are_the_convex_formula_on_the_index(retriever):
    """Every candidate's score, recomputed from the raw cosines and raw BM25 scores."""
    n = retriever.counts["passages"]
    hits = retriever.search(QUESTION, SearchOptions(k=n, per_source=0, understand=False))
    assert len(hits) == n  # every passage is a dense candidate: min-max runs over all of them
    tokens = retriever.lexical.tokens(QUESTION)
    bm25 = retriever.lexical.scores(tokens).astype(np.float64)
    assert bm25.max() > 0 and (bm25 == 0).any()  # both matched and unmatched passages
    query = retriever.embedder.encode_query(QUESTION)[0]
    ids = np.array([h.passage_id for h in hits])
    cos = retriever.vectors.reconstruct_batch(ids) @ query
    dense = (cos - cos.min()) / (cos.max() - cos.min())
    lexical = bm25[ids] / bm25.max()  # floor 0: a passage without a query word scores 0
    alpha = fusion.DEFAULT.alpha_for(len(tokens))
    expected = alpha * dense + (1 - alpha) * lexical
    np.testing.assert_allclose([h.score for h in hits], expected, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose([h.components["lexical"] for h in hits], lexical, rtol=1e-5)
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)


# --- retrieval modes -----------------------------------------------------------------------


def test_dense_mode_is_faiss_top_k_by_cosine(retriever):
    hits = retriever.search(
        QUESTION, SearchOptions(k=5, mode="dense", per_source=0, understand=False)
    )
    query = retriever.encoder("dense").encode_query(QUESTION)  # fp32: dense-only keeps it
    ids, _ = vectors.search(retriever.vectors, query, 5, None)
    assert [h.passage_id for h in hits] == ids.tolist()
    everything = np.arange(retriever.counts["passages"])
    cos = retriever.vectors.reconstruct_batch(everything) @ query[0]
    assert [h.passage_id for h in hits] == np.argsort(-cos, kind="stable")[:5].tolist()
    np.testing.assert_allclose([h.components["dense"] for h in hits], cos[ids], rtol=1e-5)
    assert "lexical" not in hits[0].components


def test_lexical_mode_is_bm25_order(retriever):
    hits = retriever.search(
        QUESTION, SearchOptions(k=5, mode="lexical", per_source=0, understand=False)
    )
    bm25 = retriever.lexical.scores(retriever.lexical.tokens(QUESTION))
    order = np.lexsort((np.arange(bm25.size), -bm25))[: min(5, int((bm25 > 0).sum()))]
    assert order.size >= 3  # only passages sharing a word with the question are candidates
    assert [h.passage_id for h in hits] == order.tolist()
    np.testing.assert_allclose([h.score for h in hits], bm25[order] / bm25.max(), rtol=1e-5)
    assert "dense" not in hits[0].components


# --- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("19 April 2023", "2023-04-19"),  # day first, as UK outlets write it
        ("3 April 2023", "2023-04-03"),  # day first with a day that could be a month
        ("Published: 03 Apr. 2023 12:10", "2023-04-03"),
        ("12 March 2023", "2023-03-12"),
        ("April 19, 2023", "2023-04-19"),  # month first, as US outlets write it
        ("Apr 3 2023", "2023-04-03"),
        ("Posted 2023-04-03T10:00", "2023-04-03"),
        ("31 February 2023", None),  # no such day
        ("03/04/2023", None),  # numeric dates are ambiguous and not read at all
        ("19/04/2023", None),
    ],
)
def test_parse_date_exact(text, iso):
    assert parse_date(text) == iso


# --- filters -------------------------------------------------------------------------------


def _published(news, ids) -> set[str]:
    return {row["published"] for row in news.store.passages(ids).values()}


def test_published_to_includes_that_day(news):
    # 003 was published on 2023-04-14, 004 on 2023-03-31 (tests/conftest.py NEWS).
    ids = news.store.filter_ids(Filters(published_to="2023-04-14"))
    assert _published(news, ids) == {"2023-03-31", "2023-04-14"}
    one_day = Filters(published_from="2023-04-14", published_to="2023-04-14")
    assert _published(news, news.store.filter_ids(one_day)) == {"2023-04-14"}
    hits = news.search("defense minister visit", SearchOptions(k=3, filters=one_day))
    assert hits and {h.published for h in hits} == {"2023-04-14"}
    ids = news.store.filter_ids(Filters(published_from="2023-04-19"))
    assert _published(news, ids) == {"2023-04-19"}


def test_lexical_scores_are_those_of_the_gathered_passages(retriever):
    """Ranking reads BM25 from the arrays over every passage (retrieve.LexicalScores), never
    gathering the passages that share a word first: its scores are combine_lexical's over
    that gathered set (how they were computed before), to the bit, for every gold question,
    with and without a filter, clauses and a facet; its pool holds the k best of them, and a
    passage without a word of the question or outside the filter scores 0."""
    import json
    from pathlib import Path

    from qa.lexical import combine_clauses
    from qa.retrieve import LexicalScores

    lexical, n = retriever.lexical, retriever.lexical.num_docs
    gold = Path(__file__).parent.parent / "data" / "gold" / "articles.jsonl"
    questions = [json.loads(line)["question"] for line in gold.read_text().splitlines()]
    rng = np.random.default_rng(0)
    clause_questions = 0
    for question in questions:
        tokens = lexical.tokens(question)
        pieces = fusion.clauses(question)
        parts = [lexical.tokens(p) for p in pieces] if len(pieces) > 1 else []
        parts = [p for p in parts if len(p) >= fusion.MIN_CLAUSE_TOKENS]
        clause_questions += len(parts) >= 2
        for allowed in (None, np.sort(rng.choice(n, n // 2, replace=False))):
            whole = lexical.scores(tokens)
            ids = np.flatnonzero(whole > 0)
            if allowed is not None:
                ids = np.intersect1d(ids, allowed, assume_unique=True)
            reference = fusion.combine_lexical(
                whole[ids], [lexical.scores(p)[ids] for p in parts], 0.5
            )
            clause_scores = [lexical.scores(p) for p in parts]
            if allowed is None and len(parts) >= 2:
                # Every passage combined at once by a compiled pass, as on a large index.
                # In float32 as numpy computes it (weight 0.3: not a power of two).
                maxima = [float(x[ids].max()) for x in [whole, *clause_scores]]
                for weight in (0.5, 0.3):
                    combined = combine_clauses(whole, clause_scores, maxima, weight)
                    wanted = fusion.combine_lexical(
                        whole[ids], [c[ids] for c in clause_scores], weight
                    )
                    assert np.array_equal(combined[ids], wanted), (question, weight)
                    assert np.all(np.isneginf(np.delete(combined, ids))), question
            for compiled in (False, True):
                _check_lexical_scores(
                    LexicalScores.of(whole, clause_scores, 0.5, allowed, compiled),
                    LexicalScores.of(whole, clause_scores, 0.5, allowed, compiled),
                    ids,
                    reference,
                    rng.choice(n, n // 3, replace=False),
                    allowed,
                    question,
                )
    assert clause_questions >= 2


def _check_lexical_scores(first, scores, ids, reference, facet, allowed, question) -> None:
    """`first` asked for its pool first (unfiltered, no clauses: the maximum comes from it);
    `scores` for its scores first, then for pools of several sizes, with and without a
    facet."""
    _, pool_scores = first.pool(3)
    assert np.array_equal(np.sort(pool_scores)[::-1], np.sort(reference)[::-1][:3]), question
    n = scores.whole.size
    assert np.array_equal(scores.at(ids), reference), question
    assert not scores.at(np.setdiff1d(np.arange(n), ids)).any(), question
    facet = np.sort(facet)
    if allowed is not None:
        facet = np.intersect1d(facet, allowed)
    for k in (1, 2, 10, 1000):
        for within in (None, facet):
            wanted = reference if within is None else reference[np.isin(ids, within)]
            pool_ids, pool_scores = scores.pool(k, within)
            assert np.array_equal(pool_scores, scores.at(pool_ids)), question
            best = np.sort(wanted)[::-1][:k]
            assert np.array_equal(np.sort(pool_scores)[::-1], best), (question, k)


@pytest.mark.parametrize("positive", [1.0, 0.3, 0.01, 0.0005, 0.0])
@pytest.mark.parametrize("size", [50_000, 200_000])
def test_top_positive_is_exact(positive, size):
    """The k highest scores above 0 of an array over every passage, whether most passages
    share a word with the question or almost none (the sampled floor is 0 then), below and
    above the size from which it is one compiled pass (qa.lexical.best_positive); there, of
    tied scores the lower positions, as ranking breaks ties."""
    from qa.lexical import COMPILED_FROM
    from qa.retrieve import top_positive

    rng = np.random.default_rng(1)
    scores = rng.random(size).astype(np.float32)
    scores[rng.random(scores.size) >= positive] = 0
    scores[::5] = np.where(scores[::5] > 0, 0.995, 0)  # ties among the best
    for k in (1, 10, 100, 5000):
        top = top_positive(scores, k)
        want = np.sort(scores[scores > 0])[::-1][:k]
        assert np.array_equal(np.sort(scores[top])[::-1], want)
        assert len(set(top.tolist())) == top.size
        if size >= COMPILED_FROM:
            kept = np.flatnonzero(scores > 0)
            ranked = kept[np.lexsort((kept, -scores[kept]))]
            assert np.array_equal(top, np.sort(ranked[:k]))


def test_overlapped_hybrid_answers_as_the_sequential_one(retriever):
    """A large index runs a hybrid question's dense side on a second thread
    (qa/background.py): the same hits, scores and parts as running it in turn, for every gold
    question, with a filter and with a facet the question names."""
    import json
    from pathlib import Path

    from qa.answer import ask

    gold = Path(__file__).parent.parent / "data" / "gold" / "articles.jsonl"
    questions = [json.loads(line)["question"] for line in gold.read_text().splitlines()]
    questions += ["What did Shoigu say in 2023 about exercises?"]
    assert not retriever.overlap  # five articles: below retrieve.OVERLAP_FROM
    options = [
        SearchOptions(mode="hybrid"),
        SearchOptions(mode="hybrid", filters=Filters(published_from="2023-01-01")),
    ]
    try:
        for question in questions:
            for option in options:
                retriever.overlap = False
                sequential = ask(retriever, question, option)
                retriever.overlap = True
                overlapped = ask(retriever, question, option)
                del sequential["took_ms"], overlapped["took_ms"]
                assert overlapped == sequential, question
                assert overlapped["passages"], question
    finally:
        retriever.overlap = False


def test_background_work_runs_on_another_os_thread_under_gevent():
    """Under `qa serve` threading is gevent's: the dense side must still get an OS thread of
    its own (a greenlet would run it after the BM25 side, not beside it), and its errors must
    reach the caller."""
    import subprocess
    import sys

    script = """
import gevent.monkey
gevent.monkey.patch_all()
import threading, _thread
from qa import background
assert background._under_gevent()
main = _thread.get_native_id()
wait = background.start(lambda: _thread.get_native_id())
assert wait() != main, "ran on the caller's OS thread"
def fails():
    raise ValueError("boom")
try:
    background.start(fails)()
except ValueError as exc:
    assert str(exc) == "boom"
else:
    raise AssertionError("the error was lost")
print("ok")
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert done.stdout.strip() == "ok", done.stderr


def test_hnsw_search_widens_with_the_index():
    """recall@10 >= 0.95 needed efSearch 256 at 100k, 768 at 1M and 6144 at 10M
    (docs/benchmarks.md): the width is those at the measured sizes and never shrinks."""
    assert vectors.ef_search(100_000) == 256
    assert vectors.ef_search(1_000_000) == 768
    assert vectors.ef_search(10_000_001) == 6144
    sizes = [10**5, 3 * 10**5, 10**6, 2 * 10**6, 5 * 10**6, 10**7, 3 * 10**7]
    widths = [vectors.ef_search(n) for n in sizes]
    assert widths == sorted(widths)
    # A shard of a sharded index (10M in 21 shards of ~476k) is searched at 384: recall@10
    # 0.971 at 10M against 0.963 at 256 and 0.988 at 768 (scripts/bench.py --recall-only).
    assert vectors.shard_ef_search(476_191) == 384
    assert vectors.shard_ef_search(100_000) == 256
