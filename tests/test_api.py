"""The HTTP contract of /api/ask, /health and the web form, on the real index and model."""

from pathlib import Path

import pytest

ARTICLES = Path(__file__).resolve().parent.parent / "data" / "articles"
QUESTION = "what was said about weapons supply?"


def _check_citation(passage: dict) -> None:
    c = passage["citation"]
    assert set(c) == {
        "source",
        "outlet",
        "author",
        "title",
        "published",
        "url",
        "char_start",
        "char_end",
    }
    raw = (ARTICLES / c["source"]).read_text(encoding="utf-8")
    window = " ".join(raw[c["char_start"] : c["char_end"]].split())
    for line in passage["text"].split("\n"):
        assert " ".join(line.split()) in window
    for h in passage["highlights"]:
        assert c["char_start"] <= h["char_start"] < h["char_end"] <= c["char_end"]
        assert raw[h["char_start"] : h["char_end"]] == h["text"]


def test_post_contract(client):
    r = client.post("/api/ask", json={"question": QUESTION, "k": 5})
    assert r.status_code == 200
    body = r.get_json()
    assert body["question"] == QUESTION
    assert isinstance(body["took_ms"], int | float)
    assert len(body["passages"]) == 5
    assert [p["rank"] for p in body["passages"]] == [1, 2, 3, 4, 5]
    scores = [p["score"] for p in body["passages"]]
    assert scores == sorted(scores, reverse=True)
    for p in body["passages"]:
        assert p["text"]
        _check_citation(p)


def test_weapons_supply_reaches_four_articles_in_top_10(client):
    body = client.post("/api/ask", json={"question": QUESTION, "k": 10}).get_json()
    sources = {p["citation"]["source"] for p in body["passages"]}
    assert len(sources) >= 4, sources


def test_get_matches_post(client):
    get = client.get("/api/ask", query_string={"q": QUESTION, "k": 3}).get_json()
    post = client.post("/api/ask", json={"question": QUESTION, "k": 3}).get_json()
    assert [p["citation"] for p in get["passages"]] == [p["citation"] for p in post["passages"]]


def test_published_date_in_citation(client):
    body = client.post(
        "/api/ask",
        json={
            "question": "Li and Shoigu meeting core interests",
            "k": 10,
            "source": "001_b734b12dec5ae5c6.txt",
        },
    ).get_json()
    assert body["passages"]
    for p in body["passages"]:
        assert p["citation"]["source"] == "001_b734b12dec5ae5c6.txt"
        assert p["citation"]["published"] == "2023-04-19"


@pytest.mark.parametrize("mode", ["dense", "lexical", "hybrid"])
def test_modes(client, mode):
    body = client.post("/api/ask", json={"question": QUESTION, "k": 3, "mode": mode}).get_json()
    assert body["mode"] == mode
    assert body["passages"]


def test_group_by_source(client):
    body = client.post(
        "/api/ask", json={"question": QUESTION, "k": 4, "group_by": "source"}
    ).get_json()
    groups = body["groups"]
    assert len(groups) == 4
    assert len({g["source"] for g in groups}) == 4
    for g in groups:
        assert 1 <= len(g["passages"]) <= 3
        assert all(p["citation"]["source"] == g["source"] for p in g["passages"])


def test_per_source_cap_spreads_sources(client):
    capped = client.post(
        "/api/ask", json={"question": QUESTION, "k": 5, "per_source": 1}
    ).get_json()
    assert len({p["citation"]["source"] for p in capped["passages"]}) == 5


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"question": ""},
        {"question": "   "},
        {"question": None},
        {"question": 42},
        {"question": ["a"]},
        {"question": "x" * 1001},
        {"question": "ok", "k": 0},
        {"question": "ok", "k": 51},
        {"question": "ok", "k": "five"},
        {"question": "ok", "k": 2.5},
        {"question": "ok", "k": True},
        {"question": "ok", "mode": "magic"},
        {"question": "ok", "group_by": "title"},
        {"question": "ok", "published_from": "yesterday"},
        {"question": "ok", "filters": "x"},
        {"question": "bell\x07"},
    ],
)
def test_bad_json_input_is_400_with_message(client, body):
    r = client.post("/api/ask", json=body)
    assert r.status_code == 400
    assert r.is_json and isinstance(r.get_json()["error"], str) and r.get_json()["error"]


@pytest.mark.parametrize(
    "data, content_type",
    [
        ("{not json", "application/json"),
        ('["a list"]', "application/json"),
        ('{"question": NaN}', "application/json"),
        ("question=hi", "application/x-www-form-urlencoded"),
        ('{"question": "hi"}', "text/plain"),
        (b"\xff\xfe", "application/json"),
    ],
)
def test_malformed_bodies_are_400(client, data, content_type):
    r = client.post("/api/ask", data=data, content_type=content_type)
    assert r.status_code == 400
    assert r.get_json()["error"]


@pytest.mark.parametrize(
    "query", [{}, {"q": ""}, {"q": "ok", "k": "x"}, {"q": "ok", "k": "0"}, {"q": "ok", "k": "99"}]
)
def test_bad_get_is_400(client, query):
    r = client.get("/api/ask", query_string=query)
    assert r.status_code == 400
    assert r.get_json()["error"]


def test_oversized_body_is_json_error(client):
    r = client.post("/api/ask", data="{" + " " * 70000 + "}", content_type="application/json")
    assert r.status_code == 413
    assert r.get_json()["error"]


def test_unknown_api_path_and_method_are_json(client):
    assert client.get("/api/nope").get_json()["error"]
    r = client.delete("/api/ask")
    assert r.status_code == 405 and r.get_json()["error"]


def test_health(client, retriever):
    r = client.get("/health")
    assert r.status_code == 200
    body = r.get_json()
    assert body["status"] == "ok"
    assert body["index"]["articles"] == 5
    assert body["index"]["passages"] == retriever.vectors.ntotal
    assert body["index"]["model"]["name"] == "all-MiniLM-L6-v2"


def test_form_renders_results_with_citations(client):
    r = client.get("/", query_string={"q": QUESTION})
    assert r.status_code == 200
    html = r.get_data(as_text=True)
    assert "<mark>" in html
    assert html.count('class="group"') >= 4
    assert "China says it’s open to more military cooperation with Russia" in html
    assert "2023-04-19" in html
    assert "Content-Security-Policy" in r.headers


def test_form_post_works_without_javascript(client):
    r = client.post("/", data={"question": QUESTION})
    assert r.status_code == 200
    assert 'class="group"' in r.get_data(as_text=True)


def test_form_escapes_user_text(client):
    evil = "<script>alert(1)</script> weapons"
    html = client.get("/", query_string={"q": evil}).get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    bad = client.get("/", query_string={"q": "<script>x</script>", "k": "0"})
    assert bad.status_code == 400
    assert "<script>x</script>" not in bad.get_data(as_text=True)


def test_article_page_marks_cited_span(client):
    body = client.post("/api/ask", json={"question": QUESTION, "k": 1}).get_json()
    p = body["passages"][0]
    c = p["citation"]
    r = client.get(f"/articles/{p['article_id']}?start={c['char_start']}&end={c['char_end']}")
    assert r.status_code == 200
    html = r.get_data(as_text=True)
    assert '<mark class="cited">' in html
    assert client.get("/articles/9999").status_code == 404
