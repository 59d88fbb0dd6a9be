"""News records of every common shape become documents with the right id, outlet, author and
date, and the build summary says which field became what."""

from __future__ import annotations

import json

import pytest

from qa.build import build_index
from qa.config import ChunkSettings
from qa.load import load_documents
from qa.records import FieldNotes

MODEL = "all-MiniLM-L6-v2"
BODY = "Defence ministers met in Moscow on Sunday. They agreed to hold more joint exercises."


def _load(tmp_path, name: str, content: str):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    warnings, notes = [], FieldNotes()
    docs = list(load_documents([path], warnings, notes=notes))
    return docs, warnings, notes


def test_multihop_shape_ids_are_urls_not_outlets(tmp_path):
    """MultiHop-RAG: `source` is the outlet; two articles of one outlet are two documents."""
    records = [
        {
            "title": f"Story {i}",
            "author": "Natasha Lomas" if i else None,
            "source": "TechCrunch",
            "published_at": f"2023-11-2{i}T08:45:59+00:00",
            "category": "technology",
            "url": f"https://techcrunch.com/2023/11/2{i}/story-{i}/",
            "body": f"{BODY} Story number {i}.",
        }
        for i in range(3)
    ]
    docs, warnings, notes = _load(tmp_path, "corpus.json", json.dumps(records))
    assert [d.source for d in docs] == [r["url"] for r in records]
    assert {d.outlet for d in docs} == {"TechCrunch"}
    assert [d.author for d in docs] == [None, "Natasha Lomas", "Natasha Lomas"]
    assert [d.published for d in docs] == ["2023-11-20", "2023-11-21", "2023-11-22"]
    assert docs[0].title == "Story 0" and docs[0].text.startswith("Defence ministers")
    assert not warnings
    (line,) = notes.describe()
    assert "corpus.json (3 records)" in line
    assert "id<-url" in line and "outlet<-source" in line and "author<-author (2)" in line
    assert "published<-published_at" in line and "body<-body" in line


def test_newsapi_response_and_lines(tmp_path):
    """NewsAPI: {"articles": [...]}, `source: {id, name}`, `publishedAt`, truncated content."""
    article = {
        "source": {"id": "reuters", "name": "Reuters"},
        "author": "Jane Doe",
        "title": "Ministers meet",
        "description": "Defence ministers met in Moscow.",
        "url": "https://www.reuters.com/world/ministers-meet-2023-04-16/",
        "urlToImage": "https://example.com/a.jpg",
        "publishedAt": "2023-04-16T10:00:00Z",
        "content": BODY + "… [+2817 chars]",
    }
    response = {"status": "ok", "totalResults": 1, "articles": [article]}
    (doc,), _, notes = _load(tmp_path, "newsapi.json", json.dumps(response))
    assert doc.source == article["url"]
    assert (doc.outlet, doc.author, doc.published) == ("Reuters", "Jane Doe", "2023-04-16")
    assert doc.text == BODY  # the "[+2817 chars]" marker is not text of the article
    assert "outlet<-source.name" in notes.describe()[0]
    # The same records as JSONL, and one without content: the description is the body.
    bare = {k: v for k, v in article.items() if k != "content"}
    lines = json.dumps(article) + "\n" + json.dumps({**bare, "url": "https://r.com/2"}) + "\n"
    docs, _, _ = _load(tmp_path, "newsapi.jsonl", lines)
    assert [d.text for d in docs] == [BODY, "Defence ministers met in Moscow."]


def test_single_object_beir_newsplease_guardian(tmp_path):
    (single,), _, _ = _load(
        tmp_path,
        "one.json",
        json.dumps({"id": "a1", "headline": "H", "text": BODY, "publisher": {"name": "AP"}}),
    )
    assert (single.source, single.title, single.outlet) == ("a1", "H", "AP")

    beir = json.dumps({"_id": "4983", "title": "T", "text": BODY, "metadata": {}})
    (doc,), _, _ = _load(tmp_path, "corpus.jsonl", beir + "\n")
    assert (doc.source, doc.title, doc.outlet) == ("4983", "T", None)

    newsplease = {
        "authors": ["Ann Lee", "Bo Kim"],
        "date_publish": "2017-04-17 19:39:46",
        "maintext": BODY,
        "source_domain": "www.bbc.com",
        "title": "T",
        "text": None,
        "url": "https://www.bbc.com/news/x",
    }
    (doc,), _, _ = _load(tmp_path, "np.json", json.dumps(newsplease))
    assert (doc.author, doc.published, doc.outlet) == (
        "Ann Lee, Bo Kim",
        "2017-04-17",
        "www.bbc.com",
    )
    assert doc.source == newsplease["url"] and doc.text == BODY

    guardian = {
        "response": {
            "status": "ok",
            "results": [
                {
                    "id": "world/2023/apr/16/li-shangfu-moscow",
                    "webTitle": "Li Shangfu in Moscow",
                    "webUrl": "https://www.theguardian.com/world/2023/apr/16/li-shangfu-moscow",
                    "webPublicationDate": "2023-04-16T18:00:00Z",
                    "fields": {"bodyText": BODY, "byline": "Pjotr Sauer"},
                }
            ],
        }
    }
    (doc,), _, notes = _load(tmp_path, "guardian.json", json.dumps(guardian))
    assert doc.source == "world/2023/apr/16/li-shangfu-moscow"
    assert (doc.title, doc.author, doc.published) == (
        "Li Shangfu in Moscow",
        "Pjotr Sauer",
        "2023-04-16",
    )
    assert "body<-fields.bodyText" in notes.describe()[0]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-11-27T08:45:59+00:00", "2023-11-27"),
        ("Mon, 27 Nov 2023 08:45:59 GMT", "2023-11-27"),
        ("19 April 2023", "2023-04-19"),
        ("April 19, 2023", "2023-04-19"),
        ("20231127T084559Z", "2023-11-27"),
        (1700000000, "2023-11-14"),
        (1700000000000, "2023-11-14"),
        ("not a date", None),
    ],
)
def test_dates_of_every_shape(tmp_path, value, expected):
    record = {"id": "x", "text": BODY, "date": value}
    (doc,), _, _ = _load(tmp_path, "d.json", json.dumps(record))
    assert doc.published == expected


def test_records_without_ids_or_urls_are_numbered_by_position(tmp_path):
    lines = "\n".join(json.dumps({"source": "AP", "body": f"{BODY} {i}"}) for i in range(2))
    docs, _, _ = _load(tmp_path, "ap.jsonl", lines + "\n")
    assert [d.source for d in docs] == ["ap.jsonl#1", "ap.jsonl#2"]
    assert {d.outlet for d in docs} == {"AP"}


def test_build_summary_names_the_fields(tmp_path):
    records = [
        {"source": "TechCrunch", "url": f"https://tc.com/{i}", "title": "T", "body": BODY}
        for i in range(2)
    ]
    (tmp_path / "news.json").write_text(json.dumps(records), encoding="utf-8")
    report = build_index([tmp_path / "news.json"], tmp_path / "idx", MODEL, ChunkSettings(), False)
    assert report.articles == 2
    summary = report.summary()
    assert "news.json (2 records): id<-url" in summary and "outlet<-source" in summary


def test_deeply_nested_json_is_skipped_with_a_warning(tmp_path):
    """One record nested thousands deep must not take the good ones down with it."""
    good = json.dumps({"id": "ok", "text": BODY})
    deep = '{"id": "deep", "text": "x", "author": ' + "[" * 3000 + "]" * 3000 + "}"
    docs, warnings, _ = _load(tmp_path, "mixed.jsonl", good + "\n" + deep + "\n")
    assert [d.source for d in docs] == ["ok"]
    assert any("mixed.jsonl:2" in str(w) and "nested too deeply" in str(w) for w in warnings)
    docs, warnings, _ = _load(tmp_path, "deep.json", "[" * 100_000 + "]" * 100_000)
    assert docs == [] and "nested too deeply" in str(warnings[0])


STREAM = """
import json, resource, sys
from pathlib import Path
from qa.load import load_documents

before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
warnings = []
count = sum(1 for _ in load_documents([Path(sys.argv[1])], warnings))
grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
print(json.dumps({"count": count, "grown_mb": grown / 1024, "warnings": len(warnings)}))
"""


def test_a_large_jsonl_file_is_read_a_line_at_a_time(tmp_path):
    """A news dump of 60 MB in one JSONL file: read whole it took about four times its size
    (the text, its lines, every parsed record); a line at a time, one record."""
    import subprocess
    import sys
    from pathlib import Path

    path = tmp_path / "dump.jsonl"
    body = "Officials said the talks would go on. " * 80  # ~3 KB a record
    with path.open("w", encoding="utf-8") as out:
        for i in range(20_000):
            out.write(json.dumps({"id": f"n{i}", "title": f"Story {i}", "body": body}) + "\n")
    size_mb = path.stat().st_size / 2**20
    run = subprocess.run(
        [sys.executable, "-c", STREAM, str(path)],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    result = json.loads(run.stdout)
    assert result["count"] == 20_000 and result["warnings"] == 0
    assert result["grown_mb"] < size_mb / 3, (result, size_mb)


def test_a_jsonl_line_that_is_not_utf8_is_decoded_on_its_own(tmp_path):
    path = tmp_path / "mixed.jsonl"
    good = json.dumps({"id": "a", "title": "First", "body": "Plain text here."}).encode()
    latin = json.dumps(
        {"id": "b", "title": "Second", "body": "Caf\u00e9 prices rose."}, ensure_ascii=False
    )
    path.write_bytes(good + b"\n" + latin.encode("cp1252", errors="strict") + b"\n")
    warnings = []
    docs = list(load_documents([path], warnings))
    assert [d.text for d in docs] == ["Plain text here.", "Café prices rose."]
    assert [w.where.endswith("mixed.jsonl:2") for w in warnings] == [True]
    assert "not UTF-8" in warnings[0].message
