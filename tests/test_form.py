"""The web form (GET/POST /) over the real test indexes: what a person reads and clicks."""

from __future__ import annotations

import html as htmllib
import re
from urllib.parse import parse_qs, urlsplit

from conftest import NEWS

QUESTION = "what was said about weapons supply?"


def _page(client, method="get", **fields) -> str:
    post = method == "post"
    r = client.post("/", data=fields) if post else client.get("/", query_string=fields)
    assert r.status_code == 200, r.get_data(as_text=True)[:500]
    return r.get_data(as_text=True)


def _value(page: str, name: str) -> str | None:
    """The value attribute of the form's input called `name`."""
    m = re.search(rf'<input [^>]*name="{name}" value="([^"]*)"', page)
    return htmllib.unescape(m.group(1)) if m else None


def test_citations_are_numbered_in_reading_order(client):
    page = _page(client, method="post", q=QUESTION, k="5")
    shown = [int(n) for n in re.findall(r'<span class="n">\[(\d+)\]</span>', page)]
    cited = [int(n) for n in re.findall(r'class="meta passage-cite">\[(\d+)\]', page)]
    assert len(shown) >= 5
    assert shown == list(range(1, len(shown) + 1))
    assert cited == shown


def test_question_and_filters_survive_the_submit(news_client):
    fields = {"q": QUESTION, "mode": "lexical", "k": "3", "outlet": "post", "title": "a"}
    page = _page(news_client, method="post", **fields)
    assert 'class="group"' in page
    for name in ("q", "k", "outlet", "title"):
        assert _value(page, name) == fields[name], name
    assert '<option value="lexical" selected>' in page
    assert re.search(r'type="number" name="k" value="3" min="1" max="50" required', page)


def test_ask_another_question_keeps_question_and_filters(news_client):
    """The citation link carries the question and filters (dates too, which the form has no
    field for yet) to the article page, whose "ask another question" returns with them."""
    fields = {
        "q": QUESTION,
        "k": "3",
        "outlet": "post",
        "published_from": "2023-01-01",
        "published_to": "2023-12-31",
    }
    page = _page(news_client, **fields)
    link = htmllib.unescape(re.search(r'<a href="(/articles/[^"]+)">open in article', page)[1])
    article = news_client.get(link).get_data(as_text=True)
    back = htmllib.unescape(re.search(r'<a href="([^"]*)">← ask another question', article)[1])
    kept = {k: v[0] for k, v in parse_qs(urlsplit(back).query).items()}
    assert kept == fields
    again = _page(news_client, **kept)
    assert _value(again, "q") == QUESTION and _value(again, "outlet") == "post"
    # Straight to the article (no form before it): the link is the bare form.
    bare = news_client.get(link.split("?")[0]).get_data(as_text=True)
    assert '<a href="/">← ask another question' in bare


def test_results_show_outlet_date_title_author_and_whole_passage(news_client):
    page = _page(news_client, q=QUESTION)
    outlets = {outlet for _, outlet, _, _ in NEWS}
    shown = {htmllib.unescape(o) for o in re.findall(r'<span class="outlet">([^<]+)</span>', page)}
    assert shown and shown <= outlets
    assert re.search(r'<time datetime="2023-[^"]+">2023-\d\d-\d\d</time>', page)
    assert '<span class="author">by ' in page
    assert re.search(r"<h2>[^<]+</h2>", page)
    # The marked sentences first; the whole passage in a <details> (no script needed).
    assert page.count("<details") == page.count('class="passage-full"') >= 1
    assert "<summary>whole passage</summary>" in page
    assert re.search(r'<blockquote class="passage">.*?<mark>', page)
    assert re.search(r"\d+ ms \(hybrid\)|\d\.\d\d s \(hybrid\)", page)
    assert not re.search(r"\d\.\d+ ms", page)


def test_source_stands_in_for_a_missing_outlet(client):
    # The bundled articles are plain files: no outlet, so the source names them.
    page = _page(client, q=QUESTION)
    assert '<span class="outlet">' not in page
    assert page.count('<span class="source">') == page.count('class="group"')


def test_hostile_question_is_escaped_everywhere(client):
    evil = '"><script>alert(1)</script><img src=x onerror=alert(2)> weapons'
    page = _page(client, method="post", q=evil, title="<b>x</b>")
    assert "<script>" not in page and "<img src=x" not in page and "<b>x</b>" not in page
    assert _value(page, "q") == evil
    assert "&lt;script&gt;" in page
    # The back link of the article page carries it percent-encoded, never as markup.
    got = _page(client, q=evil.replace("<b>", ""))
    link = re.search(r'<a href="(/articles/[^"]+)">open in article', got)
    if link:  # a title filter can leave no result; without one there always is one
        article = client.get(htmllib.unescape(link[1])).get_data(as_text=True)
        assert "<script>" not in article and "%3Cscript%3E" in article
    r = client.post("/", data={"q": evil, "k": "0"})
    assert r.status_code == 400 and "<script>" not in r.get_data(as_text=True)
    assert "no-referrer" in r.headers["Referrer-Policy"]
    assert "script-src" not in r.headers["Content-Security-Policy"]


def test_the_form_filters_by_date_and_an_empty_date_is_no_date(news_client):
    """The form's date inputs: a browser sends an empty one as ""."""
    r = news_client.post(
        "/", data={"q": "defence ministers", "k": "5", "published_from": "", "published_to": ""}
    )
    assert r.status_code == 200
    everything = r.get_data(as_text=True)
    r = news_client.post(
        "/",
        data={
            "q": "defence ministers",
            "k": "5",
            "published_from": "2023-04-18",
            "published_to": "2023-04-19",
        },
    )
    page = r.get_data(as_text=True)
    assert r.status_code == 200 and 'value="2023-04-18"' in page
    assert page.count("<time") < everything.count("<time")
    assert "2023-04-14" not in page and "2023-03-31" not in page
