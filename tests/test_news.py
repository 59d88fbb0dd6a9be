"""Outlets, authors and dates as a news index holds them: stored per article, cited, filtered
inside both retrievers, counted in /health, understood in questions; and weak matches said out
loud. The index is the five bundled articles as MultiHop-RAG-shaped records (conftest.NEWS)."""

from __future__ import annotations

import json

import pytest
from conftest import MODEL, NEWS, run_qa

from qa.retrieve import SearchOptions
from qa.types import Filters

OUTLET = {name: outlet for name, outlet, _, _ in NEWS}
QUESTION = "what was said about weapons supply?"


def test_every_article_is_indexed_with_outlet_author_and_date(news):
    """The loader used to take `source` (the outlet) as the id and keep one article per outlet."""
    rows = news.store.conn.execute(
        "SELECT source, outlet, author, published FROM articles ORDER BY source"
    ).fetchall()
    assert len(rows) == 5
    assert [r[1] for r in rows] == [outlet for _, outlet, _, _ in NEWS]
    assert [r[2] for r in rows] == [author for _, _, author, _ in NEWS]
    assert [r[3] for r in rows] == [
        "2023-04-18",
        "2023-04-19",  # 00:10 at +08:00: the date as the record states it
        "2023-04-17",
        "2023-04-14",
        "2023-03-31",
    ]
    assert all(r[0].startswith("https://news.example/") for r in rows)


def test_citation_carries_outlet_and_author(news_client):
    body = news_client.post("/api/ask", json={"question": QUESTION, "k": 5}).get_json()
    for p in body["passages"]:
        c = p["citation"]
        name = c["url"].rsplit("/", 1)[1] + ".txt"
        assert c["outlet"] == OUTLET[name]
        assert c["author"] == next(a for n, _, a, _ in NEWS if n == name)


@pytest.mark.parametrize("mode", ["dense", "lexical", "hybrid"])
def test_outlet_filter_runs_inside_each_retriever(news, mode):
    """k passages of the filtered outlet come back, though others match the question better."""
    question = "military cooperation between China and Russia"
    options = SearchOptions(k=4, mode=mode, per_source=0, filters=Filters(outlet="global times"))
    hits = news.search(question, options)
    assert len(hits) == 4
    assert {h.outlet for h in hits} == {"Global Times"}
    unfiltered = news.search(question, SearchOptions(k=4, mode=mode, per_source=0))
    assert {h.outlet for h in unfiltered} != {"Global Times"}


def test_outlet_and_author_filters_over_http(news_client):
    body = news_client.get(
        "/api/ask", query_string={"q": QUESTION, "k": 3, "outlet": "post"}
    ).get_json()
    assert {p["citation"]["outlet"] for p in body["passages"]} <= {
        "The Defense Post",
        "South China Morning Post",
    }
    body = news_client.post(
        "/api/ask", json={"question": QUESTION, "filters": {"author": "carter"}}
    ).get_json()
    assert {p["citation"]["author"] for p in body["passages"]} == {"Ben Carter"}


def test_health_counts_outlets_and_authors(news_client):
    index = news_client.get("/health").get_json()["index"]
    assert (index["articles"], index["outlets"], index["authors"]) == (5, 5, 4)
    assert index["dated_articles"] == 5


def test_question_naming_an_outlet_and_a_date(news_client):
    """Named outlet and date steer retrieval and are reported; understand=false turns it off."""
    question = "What did Fox News report on April 14 about the visit?"
    body = news_client.post("/api/ask", json={"question": question, "k": 3}).get_json()
    assert body["understood"] == {
        "outlets": ["Fox News"],
        "dates": [{"from": "2023-04-14", "to": "2023-04-14", "text": "April 14"}],
        "speakers": [],
    }
    assert body["passages"][0]["citation"]["outlet"] == "Fox News"
    plain = news_client.post(
        "/api/ask", json={"question": question, "k": 3, "understand": False}
    ).get_json()
    assert plain["understood"] == {"outlets": [], "dates": [], "speakers": []}
    assert plain["passages"][0]["citation"]["outlet"] != "Fox News"


def test_named_outlet_is_a_boost_not_a_filter(news):
    """A question naming one outlet still gets the other outlets' passages after it."""
    hits = news.search("What did the Global Times say about joint exercises?", SearchOptions(k=5))
    assert hits[0].outlet == "Global Times"
    assert len({h.outlet for h in hits}) > 1


def test_explicit_filter_wins_over_a_named_outlet(news):
    options = SearchOptions(k=3, filters=Filters(outlet="Fox News"))
    hits = news.search("What did the Global Times say about joint exercises?", options)
    assert hits and {h.outlet for h in hits} == {"Fox News"}


def test_weak_match_is_said(news_client, client):
    """A question the articles never touch is flagged; one they answer is not."""
    for c in (news_client, client):
        nonsense = c.post("/api/ask", json={"question": "recipe for lasagna with spinach"})
        assert nonsense.get_json()["match"] in ("weak", "none")
        assert nonsense.get_json()["passages"]  # the closest passages still come back
        good = c.post(
            "/api/ask",
            json={"question": "Where did China and Russia hold the North/Interaction-2023 drill?"},
        )
        assert good.get_json()["match"] == "strong"
    page = client.get("/", query_string={"q": "recipe for lasagna with spinach"})
    assert b"may not answer" in page.data or b"Nothing in these articles" in page.data
    page = client.get("/", query_string={"q": "Did China supply weapons to Russia?"})
    assert b"may not answer" not in page.data and b"Nothing in these articles" not in page.data


_qa = run_qa


def test_cli_ask_shows_outlet_understanding_and_match(news_index_dir):
    run = _qa(
        "ask",
        "What did Fox News report on April 14 about the visit?",
        "--index-dir",
        str(news_index_dir),
        "-k",
        "2",
    )
    assert run.returncode == 0, run.stderr
    assert "understood: outlet Fox News; published 2023-04-14" in run.stdout
    first = run.stdout.splitlines()[1]
    assert first.startswith("[1] ") and "(Fox News, by Ben Carter, 2023-04-14, https://" in first
    nonsense = _qa("ask", "recipe for lasagna with spinach", "--index-dir", str(news_index_dir))
    assert "note: " in nonsense.stdout and "match " in nonsense.stdout
    as_json = _qa(
        "ask", QUESTION, "--index-dir", str(news_index_dir), "--outlet", "times", "--json"
    )
    body = json.loads(as_json.stdout)
    assert {p["citation"]["outlet"] for p in body["passages"]} == {"Global Times"}


def test_form_shows_outlet_author_and_understanding(news_client):
    page = news_client.get(
        "/", query_string={"q": "What did Fox News report on April 14 about the visit?"}
    ).get_data(as_text=True)
    assert '<span class="outlet">Fox News</span>' in page
    assert '<span class="author">by Ben Carter</span>' in page
    assert "Understood:" in page and "outlet Fox News" in page and "2023-04-14" in page


def test_form_outlet_filter_and_get_understand_false(news_client):
    page = news_client.get("/", query_string={"q": QUESTION, "outlet": "defense post"}).get_data(
        as_text=True
    )
    assert page.count('<span class="outlet">') == 1 and "The Defense Post" in page
    body = news_client.get(
        "/api/ask",
        query_string={"q": "What did Fox News report on April 14?", "understand": "false"},
    ).get_json()
    assert body["understood"] == {"outlets": [], "dates": [], "speakers": []}
    bad = news_client.get("/api/ask", query_string={"q": QUESTION, "understand": "maybe"})
    assert bad.status_code == 400 and "understand" in bad.get_json()["error"]


def test_lexical_mode_does_not_judge_the_match(news_client):
    body = news_client.post(
        "/api/ask", json={"question": "recipe for lasagna with spinach", "mode": "lexical"}
    ).get_json()
    assert body["match"] in ("unknown", "none")  # none: not one word of it in any passage
    body = news_client.post(
        "/api/ask", json={"question": "military cooperation", "mode": "lexical"}
    ).get_json()
    assert body["match"] == "unknown"


def test_add_keeps_outlets_and_reads_the_new_records(tmp_path):
    """`qa index --add` re-chunks the live articles with their outlets and authors."""
    from conftest import news_records

    from qa.build import build_index, update_index
    from qa.config import ChunkSettings
    from qa.retrieve import Retriever

    records = news_records()
    (tmp_path / "first.json").write_text(json.dumps(records[:3]), encoding="utf-8")
    (tmp_path / "more.jsonl").write_text(
        "\n".join(json.dumps(r) for r in records[3:]) + "\n", encoding="utf-8"
    )
    build_index([tmp_path / "first.json"], tmp_path / "idx", MODEL, ChunkSettings(), False)
    report = update_index(tmp_path / "idx", MODEL, [tmp_path / "more.jsonl"], [], False)
    assert "more.jsonl (2 records): id<-url" in report.summary()
    rows = Retriever.open(tmp_path / "idx", MODEL).store.conn.execute(
        "SELECT outlet, author FROM articles ORDER BY source"
    )
    assert [tuple(r) for r in rows] == [(outlet, author) for _, outlet, author, _ in NEWS]


def test_index_built_before_outlets_still_serves(news_index_dir, tmp_path):
    """A meta.sqlite without the outlet and author columns (builds of the previous release)
    reads as articles without outlets."""
    import shutil
    import sqlite3

    from qa import layout
    from qa.store import Store

    old = tmp_path / "meta.sqlite"
    shutil.copy(layout.resolve(news_index_dir) / layout.META, old)
    conn = sqlite3.connect(old)
    conn.executescript(
        "DROP INDEX articles_outlet; DROP INDEX articles_candidate; "
        "ALTER TABLE articles DROP COLUMN outlet; "
        "ALTER TABLE articles DROP COLUMN author;"
    )
    conn.close()
    store = Store(old)
    assert store.counts()["outlets"] == 0 and store.outlets() == []
    (row,) = store.passages([0]).values()
    assert row["outlet"] is None and row["author"] is None
    assert store.article(0).outlet is None
    assert store.filter_ids(Filters(outlet="fox")).size == 0
    assert store.candidates([0])[0][1] is None


def test_candidates_read_only_the_covering_indexes(news_index_dir, tmp_path):
    """What ranking reads of each candidate comes from two small covering indexes, not from
    the pages holding the texts (25 GB at 10M passages, beyond the page cache); a build made
    before those indexes existed gives the same rows from its tables."""
    import shutil
    import sqlite3

    from qa import layout
    from qa.store import Store

    store = Store(layout.resolve(news_index_dir) / layout.META)
    ids = list(range(store.counts()["passages"]))
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    rows = store.candidates(ids)
    sources = store.sources(ids)
    store.conn.set_trace_callback(None)
    for statement in statements[-2:]:
        plan = " | ".join(r[3] for r in store.conn.execute("EXPLAIN QUERY PLAN " + statement))
        assert "COVERING INDEX passages_candidate" in plan
        assert "COVERING INDEX articles_candidate" in plan
    assert sorted(rows) == ids and {len(row) for row in rows.values()} == {4}
    assert sources == {i: row["source"] for i, row in store.passages(ids).items()}

    old = tmp_path / "meta.sqlite"
    shutil.copy(layout.resolve(news_index_dir) / layout.META, old)
    conn = sqlite3.connect(old)
    conn.executescript("DROP INDEX passages_candidate; DROP INDEX articles_candidate;")
    conn.close()
    assert Store(old).candidates(ids) == rows and Store(old).sources(ids) == sources


def test_counts_come_from_the_manifest(news_index_dir, tmp_path):
    """The build writes every count /health reports into the manifest, equal to what the
    store counts; a worker starts from those (counting is full scans, minutes at 10M), checks the
    passages against the last passage id, and counts for itself only for an older manifest."""
    import shutil

    from qa import layout
    from qa.config import DEFAULT_MODEL
    from qa.errors import IndexInvalid
    from qa.retrieve import Retriever
    from qa.store import Store

    build = layout.resolve(news_index_dir)
    manifest = layout.read_manifest(build)
    counted = Store(build / layout.META).counts()
    assert manifest["counts"] == counted
    assert counted["outlets"] and counted["authors"] and counted["dated_articles"]
    assert Store(build / layout.META).passage_count() == counted["passages"]

    folder = tmp_path / "idx"
    shutil.copytree(news_index_dir, folder, symlinks=True)
    path = layout.resolve(folder) / "manifest.json"
    edited = json.loads(path.read_text())
    edited["counts"]["outlets"] = 99
    path.write_text(json.dumps(edited))
    assert Retriever.open(folder, DEFAULT_MODEL, load_model=False).stats()["outlets"] == 99
    del edited["counts"]["speakers"]  # a manifest from before: counted from the store
    path.write_text(json.dumps(edited))
    retriever = Retriever.open(folder, DEFAULT_MODEL, load_model=False)
    assert retriever.stats()["outlets"] == counted["outlets"]
    edited["counts"] = {**counted, "passages": counted["passages"] + 1}
    path.write_text(json.dumps(edited))
    with pytest.raises(IndexInvalid, match="disagree"):
        Retriever.open(folder, DEFAULT_MODEL, load_model=False)
