"""What a question names (outlets of the index, publication dates) and the pure ranking rules
of qa/fusion.py."""

from __future__ import annotations

import numpy as np
import pytest

from qa import fusion
from qa.understand import OutletMatcher, understand

OUTLETS = [
    "TechCrunch",
    "The Verge",
    "The Age",
    "Fortune",
    "The Independent - Life and Style",
    "The Independent - Sports",
    "Cnbc | World Business News Leader",
    "Business World",
    "Music Business Worldwide",
    "CBSSports.com",
]
MATCHER = OutletMatcher(OUTLETS)


def _outlets(question: str) -> list[str]:
    return understand(question, MATCHER, [2023]).outlets


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Does the 'Fortune' article agree with the 'TechCrunch' one?", ["Fortune", "TechCrunch"]),
        ("as reported by The Verge and the Verge's rival", ["The Verge"]),
        ("what did techcrunch say about layoffs?", ["TechCrunch"]),  # a made-up word: any case
        ("what is the age of the oldest player?", []),  # ordinary words: only when capitalised
        ("The Age reported a fall", ["The Age"]),
        ("according to CNBC", ["Cnbc | World Business News Leader"]),  # short form, any case
        (
            "in The Independent",
            ["The Independent - Life and Style", "The Independent - Sports"],
        ),
        ("Music Business Worldwide said", ["Music Business Worldwide"]),  # not Business World
        ("cbssports.com reported", ["CBSSports.com"]),
        ("what was said about weapons supply?", []),
    ],
)
def test_outlets_named_in_questions(question, expected):
    assert _outlets(question) == expected


@pytest.mark.parametrize(
    ("question", "periods"),
    [
        ("published on October 2, 2023", [("2023-10-02", "2023-10-02")]),
        ("the report of 19 April 2023", [("2023-04-19", "2023-04-19")]),  # day first
        ("on October 13th, 2023", [("2023-10-13", "2023-10-13")]),
        ("on Oct. 2nd", [("2023-10-02", "2023-10-02")]),  # the year the index covers
        ("published on October 2", [("2023-10-02", "2023-10-02")]),
        ("in March 2023", [("2023-03-01", "2023-03-31")]),
        ("in February", [("2023-02-01", "2023-02-28")]),
        ("on 2023-12-06", [("2023-12-06", "2023-12-06")]),
        ("in 2022", [("2022-01-01", "2022-12-31")]),
        ("what did Li say in Moscow?", []),
        ("on February 30, 2023", []),  # no such day
    ],
)
def test_dates_named_in_questions(question, periods):
    found = understand(question, MATCHER, [2023]).periods
    assert [(p.start, p.end) for p in found] == periods


def test_remainder_drops_the_named_outlets_and_dates():
    question = "What did TechCrunch report on October 2, 2023 about Sam Bankman-Fried?"
    u = understand(question, MATCHER, [2023])
    assert u.remainder(question) == "What did report on about Sam Bankman-Fried?"
    assert u.as_dict() == {
        "outlets": ["TechCrunch"],
        "dates": [{"from": "2023-10-02", "to": "2023-10-02", "text": "October 2, 2023"}],
        "speakers": [],
    }


def test_day_without_year_takes_the_years_of_the_index_nearest_first():
    u = understand("published on May 5", MATCHER, [2021, 2022])
    assert [p.start for p in u.periods] == ["2022-05-05", "2021-05-05"]


def test_clauses_split_joined_claims():
    question = "X rose, while Y fell, as reported by Z; and also W"
    assert fusion.clauses(question) == ["X rose", "Y fell", "reported by Z", "W"]
    assert fusion.clauses("who won the cup?") == ["who won the cup?"]


def test_best_clause_lifts_a_passage_that_matches_one_claim_fully():
    whole = np.array([4.0, 3.0, 1.0])  # passage 0 matches a bit of both claims
    first = np.array([1.0, 3.0, 0.0])  # passage 1 matches the first claim best
    second = np.array([1.0, 0.0, 2.0])  # passage 2 the second
    combined = fusion.combine_lexical(whole, [first, second], 0.5)
    assert np.allclose(combined, [0.75, 0.875, 0.625])
    assert np.argmax(whole) == 0 and np.argmax(combined) == 1
    assert np.allclose(fusion.combine_lexical(whole, [first], 0.5), whole / 4)  # one clause


def test_fuse_normalises_each_side_and_weights_them():
    dense = np.array([0.2, 0.6, 0.4])
    lexical = np.array([1.0, 0.0, 0.5])
    fused = fusion.fuse(dense, lexical, alpha=0.6)
    assert np.allclose(fused, [0.6 * 0 + 0.4 * 1.0, 0.6 * 1 + 0, 0.6 * 0.5 + 0.4 * 0.5])
    assert np.allclose(fusion.fuse(dense, None, 0.6), [0.0, 1.0, 0.5])
    rrf = fusion.fuse(dense, lexical, 0.6, method="rrf")  # ranks 3+1, 1+3, 2+2
    assert rrf.max() == pytest.approx(1.0)
    assert rrf[0] == pytest.approx(rrf[1]) and rrf[1] > rrf[2]


def test_dense_weight_falls_with_question_length():
    w = fusion.Weights(alpha=0.6, alpha_long=0.2, short_tokens=12, long_tokens=20)
    assert w.alpha_for(5) == w.alpha_for(12) == 0.6
    assert w.alpha_for(16) == pytest.approx(0.4)
    assert w.alpha_for(20) == w.alpha_for(40) == 0.2
    assert fusion.Weights(alpha=0.5, alpha_long=None).alpha_for(40) == 0.5


def test_diversify_costs_an_article_its_penalty_per_pick():
    ids = [10, 11, 12, 13]
    scores = [1.0, 0.95, 0.9, 0.5]
    groups = [1, 1, 2, 3]  # 10 and 11 are passages of one article
    assert fusion.diversify(ids, scores, groups, 3, penalty=0.15) == [0, 2, 1]
    assert fusion.diversify(ids, scores, groups, 3, penalty=0.0) == [0, 1, 2]
    assert fusion.diversify(ids, scores, groups, 4, penalty=0.6) == [0, 2, 3, 1]
