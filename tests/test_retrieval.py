"""Filters inside retrieval, duplicate stories, highlights and the per-source cap."""

import pytest

from qa.build import build_index
from qa.config import ChunkSettings
from qa.retrieve import Retriever, SearchOptions, auto_cap
from qa.types import Filters

MODEL = "all-MiniLM-L6-v2"
QUESTION = "what was said about weapons supply?"


def test_prefix_filter(retriever):
    hits = retriever.search(QUESTION, SearchOptions(k=5, filters=Filters(source="003*")))
    assert hits and {h.source for h in hits} == {"003_02b17f315b2febbf.txt"}


@pytest.mark.parametrize("mode", ["dense", "lexical", "hybrid"])
def test_date_filter_returns_k_when_k_match(retriever, mode):
    # Only 001 states a date; it has more than 5 passages, so 5 must come back in every mode.
    f = Filters(published_from="2023-04-01", published_to="2023-04-30")
    hits = retriever.search(
        "military cooperation", SearchOptions(k=5, mode=mode, filters=f, per_source=0)
    )
    assert len(hits) == 5
    assert {h.published for h in hits} == {"2023-04-19"}


def test_title_filter_and_empty_result(retriever):
    hits = retriever.search(QUESTION, SearchOptions(k=3, filters=Filters(title="hail strong")))
    assert {h.source for h in hits} == {"002_ef682113773a2775.txt"}
    none = retriever.search(QUESTION, SearchOptions(k=3, filters=Filters(source="nope.txt")))
    assert none == []


def test_filters_over_http(client):
    body = client.get("/api/ask", query_string={"q": QUESTION, "k": 4, "title": "Hail"}).get_json()
    assert {p["citation"]["source"] for p in body["passages"]} == {"002_ef682113773a2775.txt"}
    body = client.post(
        "/api/ask", json={"question": QUESTION, "k": 2, "filters": {"published_from": "2023-04-19"}}
    ).get_json()
    assert [p["citation"]["published"] for p in body["passages"]] == ["2023-04-19"] * 2


def test_highlight_is_the_answering_sentence(client):
    body = client.post(
        "/api/ask",
        json={"question": "Where did the navies hold the North/Interaction-2023 exercise?", "k": 1},
    ).get_json()
    (p,) = body["passages"]
    assert any("Sea of Japan" in h["text"] for h in p["highlights"])


def test_auto_cap_recognises_broad_questions():
    assert auto_cap("What was said about weapons supply?") == 1
    assert auto_cap("what did analysts say about the merger") == 1
    assert auto_cap("When did Li visit Moscow?") is None  # the soft per-article penalty


def test_default_cap_spreads_said_about_answers(client):
    body = client.post("/api/ask", json={"question": QUESTION, "k": 5}).get_json()
    assert len({p["citation"]["source"] for p in body["passages"]}) == 5
    uncapped = client.post(
        "/api/ask", json={"question": QUESTION, "k": 5, "per_source": 0}
    ).get_json()
    assert len({p["citation"]["source"] for p in uncapped["passages"]}) < 5


@pytest.fixture(scope="module")
def twin_index(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("corpus")
    story = (
        "Glazer bid for United rejected\n\nThe board of Manchester United rejected a "
        "takeover bid from Malcolm Glazer on Monday. Fans protested outside the ground.\n"
    )
    other = (
        "Chancellor sets out budget plans\n\nThe chancellor said the budget would cut "
        "taxes for working families. Critics called it a pre-election giveaway.\n"
    )
    for folder, name, text in [
        ("business", "001.txt", story),
        ("sport", "044.txt", story),
        ("politics", "002.txt", other),
    ]:
        (corpus / folder).mkdir(exist_ok=True)
        (corpus / folder / name).write_text(text, encoding="utf-8")
    folder = tmp_path_factory.mktemp("twin-index")
    report = build_index([corpus], folder, MODEL, ChunkSettings(), progress=False)
    assert report.duplicates == 1
    return Retriever.open(folder, MODEL)


def test_duplicate_story_takes_one_place(twin_index):
    hits = twin_index.search(
        "Glazer takeover of Manchester United", SearchOptions(k=3, per_source=0)
    )
    assert hits[0].source == "business/001.txt"
    assert hits[0].also_in == ["sport/044.txt"]
    assert [h.source for h in hits].count("sport/044.txt") == 0
    assert len(hits) == 2


def test_folder_prefix_filter(twin_index):
    hits = twin_index.search("budget", SearchOptions(k=3, filters=Filters(source="politics/")))
    assert [h.source for h in hits] == ["politics/002.txt"]


@pytest.mark.parametrize("n, k", [(10, 20), (50, 10), (4_000, 100), (200_000, 100), (5_000, 1)])
def test_top_k_is_exact(n, k):
    """The sampled lower bound in retrieve.top_k never drops a passage of the true top k."""
    import numpy as np

    from qa.retrieve import top_k

    rng = np.random.default_rng(n)
    for scores in (
        rng.random(n).astype(np.float32),
        np.round(rng.random(n), 2).astype(np.float32),  # many ties
        np.sort(rng.random(n)).astype(np.float32),  # the best all at the end
        np.zeros(n, dtype=np.float32),
    ):
        picked = top_k(scores, k)
        assert len(picked) == min(n, k) == len(set(picked.tolist()))
        assert sorted(scores[picked].tolist()) == sorted(scores.tolist())[-min(n, k) :]
