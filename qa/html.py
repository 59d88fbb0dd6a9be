"""A saved web page (HTML) -> a `Document`: the article's main text and its metadata.

The main text, author, site name and canonical URL come from trafilatura, the publication date
from htmldate (run inside trafilatura with the options below), and the headline from the
page's own metadata (JSON-LD `headline`, `og:title`) checked against its `<h1>` elements. Both
libraries beat the hand-written extractor this module keeps as a fallback on every set in
docs/pages.md, where `scripts/bench_pages.py` measures them.

`Document.text` holds one block (paragraph, list item, table row, heading) per line, so each
line becomes one span for `qa.clean` and every citation offset indexes this text. Everything
here is deterministic and offline, and `extract` never raises: a page that cannot be parsed
gives a Document with whatever text could be found, possibly none.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import re
from html.parser import HTMLParser
from typing import Any

import trafilatura
from lxml.html import HtmlElement
from trafilatura.deduplication import LRUCache
from trafilatura.metadata import extract_metadata
from trafilatura.utils import load_html

from qa.dates import parse_date
from qa.records import web_url
from qa.types import Document

log = logging.getLogger(__name__)

# trafilatura's options, each measured in docs/pages.md (scripts/bench_pages.py --sweep).
# favor_precision: F1 0.964 against 0.944 for the default balanced mode on the real pages
# (other sites' chrome, comment threads and paywall notices left out on three of them), the
# same on the synthetic ones; favor_recall was worse on both. Tables are article content.
# Comments are not (with bare_extraction they never reach .text; off saves the work).
# deduplicate gained nothing (it lost 0.012 F1 under the balanced mode), and its default
# cache is process-wide: a page's text would depend on the pages extracted before it.
TRAFILATURA_OPTIONS: dict[str, Any] = {
    "include_comments": False,
    "include_tables": True,
    "favor_precision": True,
    "favor_recall": False,
    "deduplicate": False,
}
# htmldate, through trafilatura: the publication date rather than the last modification, and
# the extensive search (dates in the URL and in the visible text) when no markup states one.
DATE_OPTIONS: dict[str, Any] = {"original_date": True, "extensive_search": True}
# trafilatura already falls back on its own (readability, jusText, a baseline) before it
# returns a short text, so a short text is usually the whole story: a brief. The hand-written
# extractor is used only when trafilatura returns nothing or a stub (under MIN_TEXT_CHARS, a
# title or a byline) and it finds FALLBACK_RATIO times more. 1 and 100 scored the same on the
# pages of docs/pages.md; at 250 a short brief (Nikkei) was replaced by its whole page, at
# 1,000 every brief was (-0.025 F1 synthetic, -0.054 real).
MIN_TEXT_CHARS = 100
FALLBACK_RATIO = 2.0
# Title separators: "Headline | Site", "Headline - Site", "Headline：日本経済新聞".
_TITLE_SUFFIX = re.compile(r"\s*(?:\||-|–|—|::|：|·|»|_)\s*(?P<tail>[^|\-–—:：·»_]{2,60})$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ARTICLE_TYPES = {
    "article",
    "newsarticle",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "blogposting",
    "report",
    "scholarlyarticle",
    "techarticle",
    "webpage",
    "liveblogposting",
}


def extract(html: str, source: str, problems: list[str] | None = None) -> Document:
    """The article in `html` as a Document; never raises (empty text when nothing is found).

    A page's canonical/og:url is kept only when it is an absolute http(s) url (see
    `qa.records.web_url`): it is shown to readers as a link. One dropped is described in
    `problems`, for the build's warnings."""
    try:
        doc = _extract(html, source)
    except Exception as exc:  # a library bug on a hostile page must not stop an index build
        log.warning("%s: HTML extraction failed (%s), using the plain-text fallback", source, exc)
        try:
            doc = fallback_document(html, source)
        except Exception as exc:
            log.warning("%s: fallback extraction failed too (%s)", source, exc)
            return Document(source=source, text="")
    return _checked_url(doc, problems)


def _checked_url(doc: Document, problems: list[str] | None) -> Document:
    url = web_url(doc.url)
    if url == doc.url:
        return doc
    if problems is not None and doc.url and doc.url.strip():
        shown = doc.url if len(doc.url) <= 60 else doc.url[:57] + "..."
        problems.append(f"page url {shown!r} is not an http(s) url, dropped")
    return dataclasses.replace(doc, url=url)


def _extract(html: str, source: str) -> Document:
    if not isinstance(html, str):
        html = str(html or "")
    # lxml refuses control characters and NULs ("not XML compatible"); they carry no text.
    html = _CONTROL.sub("", html)
    tree = load_html(html) if html.strip() else None
    if tree is None:  # not markup at all: a text file saved as .html, or nothing
        return fallback_document(html, source)
    meta = _page_metadata(tree)
    options = dict(TRAFILATURA_OPTIONS)
    if options.get("deduplicate"):
        options["deduplicate"] = LRUCache(maxsize=4096)  # this page's own, not process-wide
    result = trafilatura.bare_extraction(
        tree, with_metadata=True, date_extraction_params=DATE_OPTIONS, **options
    )
    if result is None:  # no text at all; the metadata is still worth having
        result = extract_metadata(tree, date_config=DATE_OPTIONS)
        result.text = ""
    title = choose_title(meta, result.title)
    text = _drop_title_line(_lines(result.text), title)
    published, url = result.date or None, result.url or None
    if len(text) < MIN_TEXT_CHARS:
        backup = fallback_document(html, source)
        if len(backup.text) >= FALLBACK_RATIO * max(len(text), 1):
            text, title = backup.text, title or backup.title
            published, url = published or backup.published, url or backup.url
    return Document(
        source=source,
        text=text,
        title=title,
        published=published,
        url=url,
        outlet=meta.get("site") or result.sitename or None,
        author=_authors(result.author),
    )


def _lines(text: str) -> str:
    """One block per line, whitespace collapsed, no empty lines (clean() spans whole lines)."""
    lines = (" ".join(line.split()) for line in (text or "").split("\n"))
    return "\n".join(line for line in lines if line)


def _norm(text: str | None) -> str:
    return " ".join((text or "").casefold().split()).strip(" \"'“”‘’")


def _drop_title_line(text: str, title: str | None) -> str:
    """Drop the headline where trafilatura repeats it as the first line: it is `title` already.

    Kept, it becomes a body line of its own that every passage-less reader sees twice.
    """
    if not title or not text:
        return text
    first, _, rest = text.partition("\n")
    return rest if _norm(first) == _norm(title) else text


def _authors(author: str | None) -> str | None:
    """trafilatura joins several authors with "; "; Document.author wants ", "."""
    if not author:
        return None
    names = [name.strip() for name in author.split(";") if name.strip()]
    return ", ".join(names) or None


def _jsonld_objects(tree: HtmlElement) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for script in tree.xpath('//script[contains(translate(@type, "LDJSON", "ldjson"), "ld+json")]'):
        try:
            data = json.loads(script.text or "")
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack and len(out) < 50:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                out.append(item)
                if isinstance(item.get("@graph"), list):
                    stack.extend(reversed(item["@graph"]))
    return out


def _types(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k.lower() for k in kinds if isinstance(k, str)}


def _page_metadata(tree: HtmlElement) -> dict[str, Any]:
    """The headline candidates the page states itself: JSON-LD, Open Graph, <h1>, site name."""
    meta: dict[str, Any] = {}
    for obj in _jsonld_objects(tree):
        if _types(obj) & _ARTICLE_TYPES and isinstance(obj.get("headline"), str):
            meta.setdefault("headline", obj["headline"].strip())
        publisher = obj.get("publisher")
        if _types(obj) & _ARTICLE_TYPES and isinstance(publisher, dict):
            name = publisher.get("name")
            if isinstance(name, str) and name.strip():
                meta.setdefault("publisher", name.strip())
    for key, xpath in (
        ("og_title", '//meta[@property="og:title"]/@content'),
        ("twitter_title", '//meta[@name="twitter:title"]/@content'),
        ("og_site", '//meta[@property="og:site_name"]/@content'),
    ):
        values = [v.strip() for v in tree.xpath(xpath) if isinstance(v, str) and v.strip()]
        if values:
            meta[key] = values[0]
    # Words of nested elements are joined with a space: "Infanta<span>Ultima Hora</span>".
    h1s = (" ".join(" ".join(h.itertext()).split()) for h in tree.xpath("//body//h1"))
    meta["h1"] = [h for h in h1s if h][:10]
    titles = tree.xpath("//head/title/text()")
    meta["html_title"] = " ".join(titles[0].split()) if titles else None
    meta["site"] = meta.get("og_site") or meta.get("publisher")
    return meta


def _strip_site(title: str, site: str | None) -> str:
    """'Headline | Site' -> 'Headline' when the tail after the separator is the site's name."""
    match = _TITLE_SUFFIX.search(title)
    if not match or match.start() < 10 or not site:
        return title
    tail, name = _norm(match.group("tail")), _norm(site)
    if tail and (tail == name or tail in name or name in tail):
        return title[: match.start()].strip()
    return title


def _similar(h1: str, stated: str) -> bool:
    """Whether an <h1> and a stated title are the same headline.

    Equal; or the stated title is the <h1> with a site name after it and at most a short
    kicker before it ("Analysis: <h1> | CNN"), not the <h1> as its tail (a site-name <h1>
    inside "<headline> | <site name>"); or the <h1> is the stated title with something
    stuck to it (a byline, the site's name), the stated title being most of it.
    """
    a, b = _norm(h1), _norm(stated)
    if not a or not b:
        return False
    if a == b:
        return True
    if a in b:
        return len(a) >= 8 and b.index(a) <= len(a) / 2
    if b in a:
        return len(b) >= 15 and len(b) >= len(a) / 2
    return False


def choose_title(meta: dict[str, Any], extracted: str | None) -> str | None:
    """The article's headline, not the first <h1>, which can be a section name or a promo.

    An <h1> is taken when the page's metadata confirms it (JSON-LD `headline`, `og:title`,
    `twitter:title`, trafilatura's title, `<title>`; see `_similar`), and then the shorter of
    the two, since the longer carries a site name, an "Analysis:" kicker or a byline stuck to
    the <h1>. Without a confirmed <h1> the metadata headline wins (its site-name suffix cut),
    then trafilatura's title, then the first <h1>. On the real pages of docs/pages.md: 0.850
    right, against 0.650 for trafilatura's title and 0.550 for the first <h1>.
    """
    site = meta.get("site")
    stated = [
        _strip_site(t, site)
        for t in (meta.get("headline"), meta.get("og_title"), meta.get("twitter_title"))
        if t
    ]
    known = stated + [_strip_site(t, site) for t in (extracted, meta.get("html_title")) if t]
    h1s: list[str] = meta.get("h1") or []
    for h1 in h1s:
        for candidate in known:
            if _similar(h1, candidate):
                return h1 if len(_norm(h1)) <= len(_norm(candidate)) else candidate
    if stated:
        return stated[0]
    if extracted:
        return _strip_site(extracted, site)
    return h1s[0] if h1s else None


# --- Fallback: the hand-written extractor qa/load.py used before trafilatura (copied as is,
# plus `skip_forms`: an ASP.NET page wraps its whole body in one <form>).


class _TextExtractor(HTMLParser):
    """Visible text of an HTML page, one line per block element; skips scripts and chrome."""

    SKIP = {"script", "style", "noscript", "nav", "footer", "header", "aside", "form", "svg"}
    BLOCK = {
        "p",
        "div",
        "br",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "section",
        "article",
        "blockquote",
        "figcaption",
        "title",
        "pre",
    }

    def __init__(self, skip_forms: bool = True) -> None:
        super().__init__(convert_charrefs=True)
        self.skip = self.SKIP if skip_forms else self.SKIP - {"form"}
        self.parts: list[str] = []
        self.skip_depth = 0
        self.title: str | None = None
        self.published: str | None = None
        self.url: str | None = None
        self._in_title = False
        self._in_h1 = False
        self.h1: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        if tag in self.skip:
            self.skip_depth += 1
        elif tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key in {"article:published_time", "datepublished", "date", "pubdate"}:
                self.published = self.published or parse_date(a.get("content", ""))
            elif key == "og:url":
                self.url = self.url or a.get("content") or None
            elif key == "og:title":
                self.title = self.title or a.get("content") or None
        elif tag == "time" and a.get("datetime"):
            self.published = self.published or parse_date(a["datetime"])
        elif tag == "link" and a.get("rel") == "canonical":
            self.url = self.url or a.get("href") or None
        if tag == "title":
            self._in_title = True
        if tag == "h1":
            self._in_h1 = True
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.skip and self.skip_depth:
            self.skip_depth -= 1
        if tag == "title":
            self._in_title = False
        if tag == "h1":
            self._in_h1 = False
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            return  # the <title> often carries the site name; <h1> or og:title is better
        if self.skip_depth:
            return
        if self._in_h1 and self.h1 is None and data.strip():
            self.h1 = data.strip()
        self.parts.append(data)


def _run_fallback(html: str, skip_forms: bool) -> _TextExtractor:
    parser = _TextExtractor(skip_forms=skip_forms)
    parser.feed(html)
    parser.close()
    return parser


def fallback_document(html: str, source: str) -> Document:
    """The hand-written extractor: visible text minus nav/header/footer/aside/scripts.

    Lines are joined by a single "\\n" like trafilatura's output (the original used blank
    lines; clean() ignores them either way). A page whose text is all inside a <form> is read
    again with forms kept, instead of coming back empty.
    """
    html = _CONTROL.sub("", html if isinstance(html, str) else str(html or ""))
    parser = _run_fallback(html, skip_forms=True)
    text = _lines("".join(parser.parts))
    if len(text) < MIN_TEXT_CHARS and "<form" in html.lower():
        again = _run_fallback(html, skip_forms=False)
        again_text = _lines("".join(again.parts))
        if len(again_text) > len(text):
            parser, text = again, again_text
    return Document(
        source=source,
        text=text,
        title=parser.h1 or parser.title,
        published=parser.published,
        url=parser.url,
    )
