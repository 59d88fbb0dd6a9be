"""Metrics on a case small enough to compute by hand."""

import math

import pytest

from qa.evaluate import Item, Retrieved, doc_metrics, find_quote, score_question

TEXT_A = "Alpha one. Beta two. Gamma three."


def test_hand_computed_case():
    items = [Item("a.txt", "Beta two."), Item("b.txt", None), Item("c.txt", "zzz")]
    spans = [find_quote(TEXT_A, "Beta two."), [], [(0, 3)]]
    assert spans[0] == [(11, 20)]
    hits = [
        Retrieved("a.txt", 0, 10),  # rank 1: a.txt but does not cover the quote
        Retrieved("b.txt", 0, 50),  # rank 2: any passage of b.txt counts
        Retrieved("a.txt", 11, 33),  # rank 3: covers the quote
        Retrieved("b.txt", 60, 90),  # rank 4: b.txt again, already credited
    ]
    m = score_question(hits, items, spans)
    assert m["recall@1"] == 0
    assert m["recall@3"] == pytest.approx(2 / 3)
    assert m["recall@10"] == pytest.approx(2 / 3)
    assert m["mrr@10"] == pytest.approx(1 / 2)
    dcg = 1 / math.log2(3) + 1 / math.log2(4)
    ideal = 1 + 1 / math.log2(3) + 1 / math.log2(4)
    assert m["ndcg@10"] == pytest.approx(dcg / ideal)
    assert m["source_recall@5"] == pytest.approx(2 / 3)


def test_duplicate_story_counts_for_its_twin():
    items = [Item("x/2.txt", None)]
    m = score_question([Retrieved("x/1.txt", 0, 5, also_in=["x/2.txt"])], items, [[]])
    assert m["recall@1"] == 1 and m["source_recall@5"] == 1


def test_doc_metrics_graded():
    m = doc_metrics(["d3", "d1", "d9"], {"d1": 1, "d2": 1})
    assert m["mrr@10"] == pytest.approx(0.5)
    assert m["recall@100"] == pytest.approx(0.5)
    assert m["ndcg@10"] == pytest.approx((1 / math.log2(3)) / (1 + 1 / math.log2(3)))
