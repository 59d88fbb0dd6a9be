"""Saved web pages -> Documents (qa.html), and Chinese/Japanese text through clean() and chunk().

Real extraction on hand-written pages, no mocks: each test names the feature it guards, and
fails when that feature is switched off (checked by breaking each one once).
"""

from __future__ import annotations

import json
import random

import pytest

from qa import html as qa_html
from qa.chunk import chunk, split_sentences
from qa.clean import clean, word_count
from qa.config import ChunkSettings
from qa.html import extract
from qa.types import Article, Document

BODY = [
    "The harbour authority approved a plan on Tuesday to rebuild the old north pier, which has "
    "been closed to the public since a storm damaged it three winters ago.",
    "The work will cost about 14 million pounds and is expected to take two years, according "
    "to documents published after the meeting.",
    "Fishing crews, who lost their nearest landing point when the pier closed, said the "
    "decision had come far too late for several small family businesses.",
    "Engineers will first remove the collapsed section and then drive new steel piles into the "
    "seabed, a method chosen because it disturbs the nearby seal colony less.",
    "A public consultation on the design of the new walkway will open next month, and the "
    "authority said residents would be able to comment online or at the library.",
]
CLUTTER = [
    "We use cookies to personalise content and ads and to analyse our traffic",
    "Rail strike called off after last-minute deal with unions",
    "Council approves new cycle lanes for the city centre",
    "This is exactly what I have been saying for years, nobody listens",
    "Harbourside Media Ltd is registered in England and Wales with number 01234567",
    "Subscribe to our print edition today",
    "Sign up for the morning briefing newsletter",
]
HEADLINE = "Harbour authority backs plan to rebuild storm-hit north pier"
JSONLD = {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    "headline": HEADLINE,
    "datePublished": "2024-03-05T07:30:00+00:00",
    "dateModified": "2024-03-09T16:00:00+00:00",
    "author": [
        {"@type": "Person", "name": "Ann Writer"},
        {"@type": "Person", "name": "Bob Reporter"},
    ],
    "publisher": {"@type": "Organization", "name": "The Harbour Gazette"},
}


def news_page(body_wrapper: str = "{}") -> str:
    """A news page with the usual clutter around BODY; `body_wrapper` wraps the <body> content."""
    paragraphs = "".join(f"<p>{p}</p>" for p in BODY)
    content = f"""
<div id="cookie-banner" class="consent"><p>{CLUTTER[0]}. Manage your choices in Privacy
settings.</p><button>Accept all</button></div>
<header class="site-header"><div class="logo"><a href="/">The Harbour Gazette</a></div>
<div class="today">Monday 25 November 2024</div>
<nav><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/print">{CLUTTER[5]}</a></li></ul></nav></header>
<main>
<h1 class="section-title">Local news</h1>
<article class="story">
<h1>{HEADLINE}</h1>
<div class="byline">By Ann Writer and Bob Reporter</div>
<time datetime="2024-03-05T07:30:00Z">5 March 2024</time>
<div class="story-body">{paragraphs}
<div class="newsletter"><p>{CLUTTER[6]}. You can unsubscribe at any time.</p></div>
</div>
</article>
<aside class="related"><h2>Related stories</h2><ul>
<li><a href="/a">{CLUTTER[1]}</a></li><li><a href="/b">{CLUTTER[2]}</a></li>
<li><a href="/c">Lifeboat crew called out twice in one night off the headland</a></li>
</ul></aside>
<section id="comments" class="comments"><h2>3 comments</h2><ol class="commentlist">
<li class="comment"><cite>jwalker77</cite><p>{CLUTTER[3]}.</p></li>
<li class="comment"><cite>Margaret T.</cite><p>Great piece, thanks for covering the pier
story, my grandfather used to fish from it every summer.</p></li>
</ol></section>
</main>
<footer><ul><li><a href="/terms">Terms of use</a></li><li><a href="/privacy">Privacy</a></li>
</ul><p>{CLUTTER[4]}. All rights reserved.</p></footer>"""
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{HEADLINE} | The Harbour Gazette</title>
<meta property="og:title" content="{HEADLINE} | The Harbour Gazette">
<meta property="og:site_name" content="The Harbour Gazette">
<link rel="canonical" href="https://www.harbour-gazette.example/news/2024/north-pier">
<script type="application/ld+json">{json.dumps(JSONLD)}</script>
</head><body>{body_wrapper.format(content)}</body></html>"""


def kept_text(doc: Document) -> str:
    """What the article page shows: the lines clean() keeps, one per line."""
    article = clean(doc)
    return "\n".join(article.text[s:e] for s, e in article.lines)


def test_news_page_keeps_the_body_and_drops_the_clutter():
    doc = extract(news_page(), "pier.html")
    kept = kept_text(doc)
    for paragraph in BODY:
        assert paragraph in kept.split("\n")
    for junk in CLUTTER:
        assert junk not in doc.text, junk
    assert "Lifeboat crew" not in doc.text and "grandfather" not in doc.text


def test_news_page_metadata():
    doc = extract(news_page(), "pier.html")
    # Not the section <h1> that comes first, not og:title with its site suffix.
    assert doc.title == HEADLINE
    # datePublished, not dateModified, not the header's "today".
    assert doc.published == "2024-03-05"
    assert doc.author == "Ann Writer, Bob Reporter"
    assert doc.outlet == "The Harbour Gazette"
    assert doc.url == "https://www.harbour-gazette.example/news/2024/north-pier"
    assert doc.source == "pier.html" and doc.structured is False
    # The headline is metadata, not a body line of its own.
    assert HEADLINE not in doc.text


def test_one_block_per_line_and_offsets_index_the_text():
    doc = extract(news_page(), "pier.html")
    assert "\n\n" not in doc.text and doc.text == doc.text.strip()
    article = clean(doc)
    for s, e in article.lines:
        assert doc.text[s:e] and "\n" not in doc.text[s:e]


@pytest.mark.parametrize(
    "date_markup",
    [
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "H", '
        '"datePublished": "2021-06-01T10:00:00Z", "dateModified": "2021-06-20T10:00:00Z"}'
        "</script>",
        '<meta property="article:published_time" content="2021-06-01T10:00:00Z">'
        '<meta property="article:modified_time" content="2021-06-20T10:00:00Z">',
        '</head><body><time datetime="2021-06-01">1 June</time><head>',
    ],
    ids=["json-ld", "article-meta", "time-element"],
)
def test_publication_date_from_markup(date_markup):
    paragraphs = "".join(f"<p>{p}</p>" for p in BODY)
    page = f"<html><head>{date_markup}</head><body><article>{paragraphs}</article></body></html>"
    assert extract(page, "d.html").published == "2021-06-01"


def test_page_inside_a_form_keeps_its_body():
    page = news_page(
        '<form name="aspnetForm" method="post" action="./Article.aspx" id="aspnetForm">'
        '<input type="hidden" name="__VIEWSTATE" value="/wEPDwUKMTY1NDU2MTA1MmRk" />{}</form>'
    )
    kept = kept_text(extract(page, "form.html"))
    for paragraph in BODY:
        assert paragraph in kept


def test_a_page_that_is_only_a_form():
    page = (
        "<html><body><form action='/post'><p>"
        + " ".join(BODY[:2])
        + "</p><input type='text' name='q'></form></body></html>"
    )
    doc = extract(page, "only-form.html")
    assert BODY[0] in doc.text


JA_TITLE = "市立図書館、平日夜の開館を試験実施へ"
JA_BODY = [
    "東山市は12日、市立中央図書館の平日の開館時間を午後9時まで延長する試験実施を、来月から3カ月間"
    "行うと発表した。仕事帰りの会社員や学生から要望が多く寄せられていたという。",
    "市によると、現在の閉館時間は午後6時。延長期間中は貸し出しと返却のほか、学習室も利用できる。"
    "職員の配置を見直し、追加の人件費は約800万円を見込む。",
    "市教育委員会の担当者は「夜の時間帯にどれだけの需要があるのかを確かめたい。」と述べた。利用者"
    "数の推移を見て、来年度以降の本格実施を判断する。",
    "一方で、夜間の防犯対策を求める声もある。市は駐車場の照明を増やし、警備員を1人増員する方針だ",
    "同様の取り組みは近隣の西原市でも昨年から始まっており、夜間の利用者は1日平均で約150人に上る"
    "という。",
]


def japanese_page() -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in JA_BODY)
    return f"""<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8">
<title>{JA_TITLE}：東都新聞</title><meta property="og:title" content="{JA_TITLE}">
<meta property="og:site_name" content="東都新聞">
<meta property="article:published_time" content="2023-09-12T10:00:00+09:00"></head><body>
<header><nav><ul><li><a href="/">ホーム</a></li>
<li><a href="/n">ニュース</a></li></ul></nav></header>
<article><h1>{JA_TITLE}</h1><p class="author">山田花子記者</p>{paragraphs}</article>
<aside><h2>関連記事</h2><ul><li><a href="/1">県内の最低賃金、過去最大の引き上げ</a></li>
<li><a href="/2">駅前再開発、来春着工へ　商業施設やホテル入居</a></li></ul></aside>
<footer><p>Copyright © 東都新聞 All rights reserved. 記事・写真の無断転載を禁じます。</p></footer>
</body></html>"""


def test_japanese_page_keeps_its_text_through_clean():
    doc = extract(japanese_page(), "ja.html")
    assert doc.title == JA_TITLE
    assert doc.published == "2023-09-12"
    assert doc.outlet == "東都新聞"
    kept = kept_text(doc).split("\n")
    for paragraph in JA_BODY:  # the fourth has no 。 at its end: kept for its length alone
        assert paragraph in kept
    assert not any("関連記事" in line or "最低賃金" in line for line in kept)


def test_japanese_passages_are_bounded_and_end_at_sentence_marks():
    article = clean(extract(japanese_page(), "ja.html"))
    settings = ChunkSettings(max_words=60, overlap_sentences=1)
    passages = chunk(article, settings)
    assert len(passages) >= 4  # 260 characters of text do not fit in one 60-"word" passage
    ends = 0
    for p in passages:
        assert article.text[p.char_start : p.char_end]
        if len(p.sentences) > 1:
            assert word_count(p.text) <= settings.max_words
        for s, e in p.sentences:
            assert p.char_start <= s < e <= p.char_end
            sentence = article.text[s:e]
            assert sentence in p.text
            ends += sentence.endswith("。")
    assert ends >= 6
    # A quotation's own 。 does not end the sentence that quotes it.
    assert any(
        article.text[s:e]
        == "市教育委員会の担当者は「夜の時間帯にどれだけの需要があるのかを確かめたい。」と述べた。"
        for p in passages
        for s, e in p.sentences
    )


def test_cjk_word_count_and_sentences():
    assert word_count("Hello big world") == 3
    assert word_count("東山市は12日、発表した。") == 10  # 9 characters and "12"; not 、。
    assert word_count("香港行政长官梁振英") == 9
    text = (
        "香港行政长官梁振英在各方压力下道歉。他说：“我会改正。”他还表示，将配合调查！ Then English."
    )
    spans = [text[s:e] for s, e in split_sentences(text, 0, len(text))]
    assert spans == [
        "香港行政长官梁振英在各方压力下道歉。",
        "他说：“我会改正。”",
        "他还表示，将配合调查！",
        "Then English.",
    ]


def test_cjk_lines_through_clean():
    # A CJK line counts its characters as words: no longer one "word" dropped as a label;
    # a short one is kept when 。 ends it, and dropped (a label) when nothing does.
    text = "政府は来年度から新たな補助金制度を始める方針を固めた\n写真\n晴れ。"
    article = clean(Document("x", text, title="t"))
    kept = [text[s:e] for s, e in article.lines]
    assert kept == ["政府は来年度から新たな補助金制度を始める方針を固めた", "晴れ。"]


@pytest.mark.parametrize(
    ("head", "h1", "expected"),
    [
        # og:title carries the site's name; no <h1> confirms it.
        (
            '<meta property="og:title" content="Pier to be rebuilt after storm | Harbour Gazette">'
            '<meta property="og:site_name" content="Harbour Gazette">',
            "",
            "Pier to be rebuilt after storm",
        ),
        # The <h1> has the site name stuck to it; the metadata's shorter headline wins.
        (
            '<meta name="twitter:title" content="Pier to be rebuilt after storm">',
            "<h1>Pier to be rebuilt after storm<span>Harbour Gazette</span></h1>",
            "Pier to be rebuilt after storm",
        ),
        # The metadata has a prefix and a suffix; the <h1> it confirms is the clean one.
        (
            '<meta property="og:title" content="Analysis: Pier to be rebuilt after storm | HG">',
            "<h1>Pier to be rebuilt after storm</h1>",
            "Pier to be rebuilt after storm",
        ),
        # An <h1> nothing confirms (a section name) loses to the stated headline.
        (
            '<meta property="og:title" content="Pier to be rebuilt after storm">',
            "<h1>Local news</h1>",
            "Pier to be rebuilt after storm",
        ),
    ],
    ids=["og-suffix", "h1-with-site", "og-prefix", "section-h1"],
)
def test_title_choice(head, h1, expected):
    body = "".join(f"<p>{p}</p>" for p in BODY)
    page = f"<html><head>{head}</head><body>{h1}<article>{body}</article></body></html>"
    assert extract(page, "t.html").title == expected


def test_unpunctuated_cjk_run_is_cut_into_bounded_sentences():
    text = "あ" * 450
    article = Article("x", text, None, None, None, ((0, len(text)),), "h")
    passages = chunk(article, ChunkSettings(max_words=200, overlap_sentences=0))
    assert len(passages) >= 3
    for p in passages:
        assert word_count(p.text) <= 200
        for s, e in p.sentences:
            assert e - s <= 100


def _garbage() -> list[str]:
    rng = random.Random(7)
    noise = "".join(chr(rng.randrange(1, 0x3000)) for _ in range(5000))
    return [
        "",
        "   \n\t ",
        "\x00\x01\x02binary\x00\xff\xfe",
        "<<<>>><<</>",
        "<div>" * 5000 + "deep text" + "</div>" * 5000,
        "<p>" * 3000 + "unclosed",
        "<html><body><form><input name='a'><select><option>x</option></select></form>",
        noise,
        "<script>" + "x" * 100000,
        "<html><head><script type='application/ld+json'>{not json</script></head></html>",
        "<html><head><script type='application/ld+json'>"
        + "[" * 5000
        + "</script></head><body><p>x</p></body></html>",
        "<p>lone surrogate \ud800 here</p>",
        '<html><head><meta property="og:title" content=""></head><body><h1></h1></body></html>',
        "<?xml version='1.0'?><rss><channel><item><title>t</title></item></channel></rss>",
    ]


@pytest.mark.parametrize("page", _garbage(), ids=lambda p: repr(p[:20]))
def test_garbage_never_raises(page):
    doc = extract(page, "junk.html")
    assert isinstance(doc, Document) and isinstance(doc.text, str)
    assert doc.source == "junk.html"
    clean(doc)  # and the rest of the pipeline accepts it


def test_deep_nesting_keeps_its_text():
    doc = extract("<div>" * 5000 + "deep text that matters" + "</div>" * 5000, "deep.html")
    assert "deep text that matters" in doc.text


def test_fallback_when_trafilatura_finds_nothing():
    # Saved as .html but with no markup at all: trafilatura cannot parse it as a document.
    doc = extract("\n".join(BODY), "plain.html")
    assert doc.text == "\n".join(BODY)
    # A letters page whose only text sits in a "comments" block: trafilatura returns nothing,
    # the hand-written extractor keeps it, and the page's metadata is still read.
    page = (
        '<html><head><meta property="article:published_time" content="2022-02-03T10:00:00Z">'
        '<meta property="og:site_name" content="The Harbour Gazette"></head><body>'
        '<div class="comments-section">' + "".join(f"<p>{p}</p>" for p in BODY) + "</div>"
        "</body></html>"
    )
    doc = extract(page, "letters.html")
    assert all(p in doc.text.split("\n") for p in BODY)
    assert doc.published == "2022-02-03" and doc.outlet == "The Harbour Gazette"


def test_fallback_threshold_keeps_a_brief_from_trafilatura():
    # A one-paragraph brief: trafilatura's 233 characters are short, but above the stub
    # threshold, so they stand, though the fallback would find twice as much (the clutter).
    page = (
        news_page()
        .replace("".join(f"<p>{p}</p>" for p in BODY), f"<p>{BODY[0]}</p>")
        .replace('<div class="byline">By Ann Writer and Bob Reporter</div>', "")
        .replace(
            f'<div class="newsletter"><p>{CLUTTER[6]}. You can unsubscribe at any time.</p></div>',
            "",
        )
    )
    doc = extract(page, "brief.html")
    assert BODY[0] in doc.text
    assert len(qa_html.fallback_document(page, "brief.html").text) > 2 * len(doc.text)
    assert CLUTTER[0] not in doc.text and CLUTTER[3] not in doc.text


def test_fallback_document_reads_a_form_only_page():
    doc = qa_html.fallback_document(
        "<html><body><form><div>" + "</div><div>".join(BODY) + "</div></form></body></html>",
        "f.html",
    )
    assert all(p in doc.text for p in BODY)


def test_saved_page_indexed_served_and_cited(tmp_path):
    """End to end: `qa index` on a folder with the cluttered page; the article page shows the
    body without the clutter, and answers cite the page's outlet, authors and date."""
    from qa.build import build_index
    from qa.config import Settings
    from qa.retrieve import Retriever
    from qa.web import create_app

    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "pier.html").write_text(news_page(), encoding="utf-8")
    build_index([tmp_path / "pages"], tmp_path / "index", "all-MiniLM-L6-v2", ChunkSettings())
    retriever = Retriever.open(tmp_path / "index", "all-MiniLM-L6-v2")
    client = create_app(Settings(index_dir=tmp_path / "index"), retriever=retriever).test_client()
    body = client.post("/api/ask", json={"question": "when will the pier be rebuilt?"}).get_json()
    citation = body["passages"][0]["citation"]
    assert citation["source"] == "pier.html" and citation["title"] == HEADLINE
    assert (citation["outlet"], citation["author"]) == (
        "The Harbour Gazette",
        "Ann Writer, Bob Reporter",
    )
    assert citation["published"] == "2024-03-05"
    page = client.get(f"/articles/{body['passages'][0]['article_id']}").get_data(as_text=True)
    for paragraph in BODY:
        assert paragraph in page
    for junk in CLUTTER:
        assert junk not in page, junk
