"""Scraped text -> the lines worth indexing, each kept as its span in the original text.

Nothing is rewritten: a kept line is a (start, end) span of `Document.text`, so every later
offset stays checkable against the file the user has.
"""

from __future__ import annotations

import hashlib
import re

from qa.dates import DATELINE, parse_date
from qa.types import Article, Document, Span

# Whole lines that are site chrome rather than reporting (matched case-insensitively).
BOILERPLATE = re.compile(
    r"""^(?:
        advertisement|advertising|sponsored(?:\ content)?|skip\ to\ (?:main\ )?content|
        top\ bottom|back\ to\ top|click\ to\ comment|leave\ a\ reply|\d*\ ?comments?|
        connect\ with\ us|hi,?\ what\ are\ you\ looking\ for\??|learn\ more|read\ more|
        get\ more\ with\ \w+|a\ personali[sz]ed\ news\ feed.*|
        (?:read|see)\ also\b.*|also\ read\b.*|related(?:\ articles?|\ stories)?:.*|
        your\ email\ address\ will\ not\ be\ published.*|required\ fields\ are\ marked.*|
        data\ (?:&|and)\ news\ supplied\ by.*|stock\ quotes\ supplied\ by.*|
        quotes\ delayed.*|by\ accessing\ this\ page.*|privacy\ policy.*|
        terms\ (?:and|&)\ conditions.*|cookie\ (?:policy|settings).*|all\ rights\ reserved.*|
        (?:copyright|\u00a9).*|share\ (?:this|on)\b.*|follow\ us\b.*|sign\ up\b.*|
        subscribe\b.*|experienced\ member|nation\ of\ (?:residence|origin)|
        (?:photo|image|video)(?:\ credit)?:.*
    )$""",
    re.I | re.X,
)
# Counters, timestamps and video durations: "64 30,799", "03:41", "48".
NUMERIC = re.compile(r"^[\d\s.,:/|+-]+$")
LEADING_MARKS = " \t\u00a0•·*#>-–—"
SENTENCE_END = (".", "!", "?", '"', "”", "’", ")", ":", "。", "！", "？", "」", "』", "）")
# Chinese and Japanese write words without spaces: each of these characters (kana and
# ideographs) counts as a word; BERT-style tokenizers, the embedding model's included, also
# give each its own token, so passage sizes stay within the model's window.
CJK = "\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # a [class] body
CJK_CHAR = re.compile(f"[{CJK}]")


def _trim(text: str, start: int, end: int) -> Span:
    while start < end and text[start] in LEADING_MARKS:
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def word_count(text: str) -> int:
    """Whitespace-separated words; in text with CJK characters, each of those is one word.

    Otherwise a Japanese paragraph counts as one "word" and is dropped as a label, and a
    Chinese passage is never cut. Punctuation-only tokens (、。「」) do not count in CJK text.
    """
    cjk = len(CJK_CHAR.findall(text))
    if not cjk:
        return len(text.split())
    rest = CJK_CHAR.sub(" ", text).split()
    return cjk + sum(1 for token in rest if any(c.isalnum() for c in token))


def _is_shouting(line: str) -> bool:
    """All-caps teasers and section labels ("CHINA / MILITARY", "THE CRAZY IDEA TO ...")."""
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) / len(letters) > 0.8


BOILERPLATE_MAX_WORDS = 25  # chrome is short; a long line that starts like it is prose


def _is_boilerplate(line: str) -> bool:
    if not any(c.isalnum() for c in line) or NUMERIC.match(line):
        return True
    return word_count(line) <= BOILERPLATE_MAX_WORDS and bool(BOILERPLATE.match(line))


def _norm(line: str) -> str:
    return " ".join(line.lower().split())


def _looks_like_headline(line: str, first: bool) -> bool:
    if "photo:" in line.lower() or line.endswith(".") or _is_shouting(line):
        return False
    n = word_count(line)
    return (2 if first else 4) <= n <= 30


def clean(doc: Document) -> Article:
    """Keep the body lines of `doc`, find its headline and publication date."""
    text = doc.text
    candidates: list[Span] = []
    pos = 0
    for raw in text.split("\n"):
        start, end = _trim(text, pos, pos + len(raw))
        pos += len(raw) + 1
        if start < end:
            candidates.append((start, end))

    title, published = doc.title, doc.published
    title_span: Span | None = None
    if title is None:
        for i, (s, e) in enumerate(candidates[:15]):
            line = text[s:e]
            if _is_boilerplate(line):
                continue
            if _looks_like_headline(line, first=(i == 0)):
                title, title_span = line, (s, e)
                break

    kept: list[Span] = []
    seen: set[str] = set()
    for s, e in candidates:
        line = text[s:e]
        if (s, e) == title_span:
            seen.add(_norm(line))
            continue
        if DATELINE.match(line) and word_count(line) <= 12:
            published = published or parse_date(line)
            continue
        if _is_boilerplate(line) or _is_shouting(line):
            continue
        if word_count(line) <= 3 and not line.endswith(SENTENCE_END):
            continue  # labels: "International", "Vladimir Putin", a section name
        key = _norm(line)
        if key in seen:
            continue  # repeated photo captions, teaser headlines shown twice
        seen.add(key)
        kept.append((s, e))

    body = "\n".join(_norm(text[s:e]) for s, e in kept)
    return Article(
        source=doc.source,
        text=text,
        title=title,
        published=published,
        url=doc.url,
        outlet=doc.outlet,
        author=doc.author,
        lines=tuple(kept),
        content_hash=hashlib.sha1(body.encode("utf-8")).hexdigest(),
    )
