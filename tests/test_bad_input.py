"""Input an outside audit sent that the service answered with a 500, a truncated 200 or a
dangerous link: lone surrogates, ids past SQLite's integers, chunked bodies past the cap, and
javascript:/data: urls in the documents themselves."""

from __future__ import annotations

import json
import socket
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import ARTICLES, MODEL

from qa.errors import BadQuery
from qa.params import parse_request
from qa.web import MAX_BODY_BYTES

SURROGATE = "\ud800"


def _post_raw(client, body: str):
    """POST text as sent on the wire: json.dumps escapes a surrogate as the JSON \\ud800."""
    return client.post("/api/ask", data=body, content_type="application/json")


@pytest.mark.parametrize(
    "body",
    [
        {"question": SURROGATE},
        {"question": "naval drills " + SURROGATE},
        {"question": "naval drills", "source": SURROGATE},
        {"question": "naval drills", "title": SURROGATE},
        {"question": "naval drills", "outlet": SURROGATE},
        {"question": "naval drills", "author": "x" + SURROGATE},
        {"question": "naval drills", "published_from": SURROGATE},
        {"question": "naval drills", "mode": SURROGATE},
        {"question": "naval drills", "group_by": SURROGATE},
        {"question": "naval drills", "k": SURROGATE},
        {"question": "naval drills", "understand": SURROGATE},
        {"question": "naval drills", "filters": {"author": SURROGATE}},
        {"question": "naval drills", "unknown": [SURROGATE]},
        {"question": "naval drills", SURROGATE: 1},
    ],
)
def test_lone_surrogates_are_400_naming_the_field(client, body):
    r = _post_raw(client, json.dumps(body))
    assert r.status_code == 400, r.get_data(as_text=True)[:300]
    error = r.get_json()["error"]
    assert "not valid Unicode text" in error
    named = next(k for k in body if k != "question") if len(body) > 1 else "question"
    if named != SURROGATE:
        assert named in error


def test_cli_arguments_with_undecodable_bytes_are_refused():
    """argv bytes that aren't UTF-8 reach Python as surrogate escapes (\\udcff)."""
    with pytest.raises(BadQuery, match="question is not valid Unicode text"):
        parse_request({"question": b"caf\xff".decode("utf-8", "surrogateescape")})
    with pytest.raises(BadQuery, match="outlet is not valid Unicode text"):
        parse_request({"question": "ok", "outlet": "\udcff"})


@pytest.mark.parametrize("article_id", [2**63 - 1, 2**63, 2**64, 10**30, -1, -(2**63) - 1])
def test_article_ids_past_sqlite_integers_are_404(client, article_id):
    r = client.get(f"/articles/{article_id}")
    assert r.status_code == 404


@pytest.mark.parametrize("value", [str(2**63), str(10**30), str(-(10**30)), "9" * 4000, "9" * 5000])
def test_huge_integer_parameters_are_answered(client, value):
    """k and per_source are range-checked; start/end of an article are offsets to mark, so
    any integer is answered (with nothing marked) and past int()'s 4300 digits a 400."""
    for name in ("k", "per_source"):
        r = client.get("/api/ask", query_string={"q": "naval drills", name: value})
        assert r.status_code == 400 and name in r.get_json()["error"]
        r = _post_raw(client, f'{{"question": "naval drills", "{name}": {value}}}')
        assert r.status_code == 400 and r.get_json()["error"]
    body = client.post("/api/ask", json={"question": "naval drills", "k": 1}).get_json()
    article = body["passages"][0]["article_id"]
    for query in (f"start={value}&end={value}", f"start=0&end={value}"):
        r = client.get(f"/articles/{article}?{query}")
        assert r.status_code == (400 if len(value) > 4300 else 200)


@pytest.mark.parametrize("value", ["2023-04-19T00:00:00Z", "20230419", " 2023-04-19", "2023-02-30"])
def test_dates_are_exactly_yyyy_mm_dd(client, value):
    r = client.post("/api/ask", json={"question": "naval drills", "published_from": value})
    assert r.status_code == 400
    assert "published_from" in r.get_json()["error"]


# --- bodies over the cap, sent chunked to the real gunicorn server ------------------------


def _read_response(s: socket.socket) -> tuple[int, dict, bytes]:
    """One HTTP/1.1 response, read by its Content-Length (the connection stays open: closing
    with the body unread would make the server's close a reset that can eat the answer)."""
    answer = b""
    while b"\r\n\r\n" not in answer:
        piece = s.recv(65536)
        assert piece, answer
        answer += piece
    top, _, payload = answer.partition(b"\r\n\r\n")
    lines = top.decode("latin-1").split("\r\n")
    headers = {k.lower(): v.strip() for k, _, v in (h.partition(":") for h in lines[1:])}
    while len(payload) < int(headers["content-length"]):
        piece = s.recv(65536)
        assert piece, payload
        payload += piece
    return int(lines[0].split()[1]), headers, payload


def _raw_exchange(base: str, head: str, body: bytes, chunked: bool) -> tuple[int, dict, bytes]:
    """Send one request over a plain socket, as chunks or with a Content-Length."""
    url = urlsplit(base)
    with socket.create_connection((url.hostname, url.port), timeout=30) as s:
        if chunked:
            s.sendall(head.encode() + b"Transfer-Encoding: chunked\r\n\r\n")
            for i in range(0, len(body), 8192):
                piece = body[i : i + 8192]
                s.sendall(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
            s.sendall(b"0\r\n\r\n")
        else:
            s.sendall(head.encode() + f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
        return _read_response(s)


API_HEAD = "POST /api/ask HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
FORM_HEAD = "POST / HTTP/1.1\r\nHost: test\r\nContent-Type: application/x-www-form-urlencoded\r\n"


def _padded(size: int) -> bytes:
    """A valid JSON question padded with spaces to `size` bytes: cut at the cap it would still
    parse, which is how the truncation used to pass as a 200."""
    head = json.dumps({"question": "joint naval drills", "k": 1}).encode()
    return head + b" " * (size - len(head))


@pytest.mark.parametrize("chunked", [True, False])
def test_body_over_the_cap_is_413_chunked_or_not(live_server, chunked):
    status, headers, payload = _raw_exchange(
        live_server, API_HEAD, _padded(MAX_BODY_BYTES + 1), chunked
    )
    assert status == 413, payload[:300]
    assert headers["content-type"] == "application/json"
    assert json.loads(payload)["error"]
    status, _, payload = _raw_exchange(live_server, API_HEAD, _padded(4 * MAX_BODY_BYTES), chunked)
    assert status == 413, payload[:300]


@pytest.mark.parametrize("chunked", [True, False])
def test_body_at_the_cap_is_answered(live_server, chunked):
    status, _, payload = _raw_exchange(live_server, API_HEAD, _padded(MAX_BODY_BYTES), chunked)
    assert status == 200, payload[:300]
    assert len(json.loads(payload)["passages"]) == 1


@pytest.mark.parametrize("chunk", [b"zz\r\n{}\r\n", b"2\r\n{}XX", b"2;\x00\r\n{}\r\n"])
def test_malformed_chunked_body_is_400(live_server, chunk):
    """gunicorn's chunk parser raises from the body's read(), inside the app: a 500 before."""
    url = urlsplit(live_server)
    with socket.create_connection((url.hostname, url.port), timeout=30) as s:
        s.sendall(API_HEAD.encode() + b"Transfer-Encoding: chunked\r\n\r\n" + chunk + b"0\r\n\r\n")
        status, _, payload = _read_response(s)
    assert status == 400, payload[:300]
    assert json.loads(payload)["error"]


def test_form_body_over_the_cap_is_413_chunked(live_server):
    body = b"question=joint+naval+drills&source=" + b"x" * MAX_BODY_BYTES
    status, _, _ = _raw_exchange(live_server, FORM_HEAD, body, chunked=True)
    assert status == 413


# --- urls from the documents: only http(s) becomes a link ---------------------------------

UNSAFE_URLS = [
    "javascript:alert(document.domain)",
    " JavaScript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "//evil.example/x",
    "http:evil",
    "https://",
    "http://exa mple.com/",
    "mailto:someone@example.com",
    "",
    None,
]


@pytest.mark.parametrize("url", UNSAFE_URLS)
def test_safe_url_refuses_everything_but_http(url):
    from qa.web.ui import safe_url

    assert safe_url(url) is None


@pytest.mark.parametrize(
    "url", ["https://news.example/a?b=1&c=2#d", "http://news.example", "HTTPS://News.Example/X"]
)
def test_safe_url_keeps_http_and_https(url):
    from qa.web.ui import safe_url

    assert safe_url(url) == url


def _render(app, template: str, **context) -> str:
    from flask import render_template

    with app.test_request_context("/"):
        return render_template(template, **context)


@pytest.mark.parametrize("url", [u for u in UNSAFE_URLS if u])
def test_templates_link_no_unsafe_url(app, url):
    """Both templates, given a document url straight (whatever ingest lets through)."""
    from types import SimpleNamespace

    article = SimpleNamespace(
        title="T", source="s.txt", outlet=None, author=None, published=None, url=url
    )
    html = _render(app, "article.html", article=article, paragraphs=[], first=None)
    result = {
        "match": "strong",
        "understood": {"outlets": [], "dates": [], "speakers": []},
        "groups": [{"title": "T", "source": "s.txt", "url": url, "article_id": 1, "passages": []}],
        "passages": [],
        "took_ms": 1,
        "mode": "hybrid",
    }
    form = _render(app, "index.html", question="q", modes=["hybrid"], mode="hybrid", result=result)
    for page in (html, form):
        assert "original</a>" not in page
        assert 'href="java' not in page.lower() and 'href="data:' not in page.lower()
        assert 'href="//' not in page and 'href=" ' not in page


@pytest.fixture(scope="module")
def url_index(tmp_path_factory) -> Path:
    """Four bundled articles as records whose urls are a javascript:, a data:, an https one
    with a space and a plain https one. Ingest may drop the first two (qa.records keeps
    http(s) only) and keeps the third; the pages link only the last."""
    from qa.build import build_index
    from qa.config import ChunkSettings

    names = sorted(p.name for p in ARTICLES.glob("*.txt"))[:4]
    urls = [
        "javascript:alert(document.domain)",
        "data:text/html,<script>alert(1)</script>",
        "https://news.example/not a url",
        "https://news.example/fine",
    ]
    records = [
        {"id": name, "url": url, "body": (ARTICLES / name).read_text(encoding="utf-8")}
        for name, url in zip(names, urls, strict=True)
    ]
    corpus = tmp_path_factory.mktemp("urls") / "corpus.json"
    corpus.write_text(json.dumps(records), encoding="utf-8")
    folder = tmp_path_factory.mktemp("url-index")
    build_index([corpus], folder, MODEL, ChunkSettings(), progress=False)
    return folder


def test_pages_over_a_real_index_link_only_http(url_index):
    from qa.config import Settings
    from qa.retrieve import Retriever
    from qa.web import create_app

    retriever = Retriever.open(url_index, MODEL)
    client = create_app(
        Settings(index_dir=url_index, model=MODEL), retriever=retriever
    ).test_client()
    rows = retriever.store.conn.execute("SELECT id, url FROM articles").fetchall()
    assert len(rows) == 4
    pages = [client.get(f"/articles/{i}").get_data(as_text=True) for i, _ in rows]
    r = client.get("/", query_string={"q": "military cooperation weapons", "k": "10"})
    pages.append(r.get_data(as_text=True))
    for page in pages:
        low = page.lower()
        assert 'href="javascript:' not in low and 'href="data:' not in low
        assert 'href="https://news.example/not' not in page
    assert any('<span class="url">https://news.example/not a url</span>' in p for p in pages)
    assert any('href="https://news.example/fine"' in page for page in pages)


@pytest.mark.parametrize(
    "body, name",
    [
        ({"question": "weapons", "publshed_from": "2023-04-01"}, "'publshed_from'"),
        ({"question": "weapons", "filters": {"bogus": "x"}}, "'bogus' in filters"),
        ({"q": "weapons"}, "'q'"),
    ],
)
def test_unknown_fields_are_refused_by_name(client, body, name):
    """A misspelt field was accepted and ignored (200 to a question nobody asked)."""
    r = client.post("/api/ask", json=body)
    assert r.status_code == 400 and name in r.get_json()["error"], r.get_json()
    r = client.get("/api/ask?q=weapons&publshed_from=2023-04-01")
    assert r.status_code == 400 and "'publshed_from'" in r.get_json()["error"]
