"""Article -> Passages of whole sentences, each with its span in the article's text.

Pure: no models, no files. The invariant the tests check on every real article: each
sentence of a passage is text[s:e] for a span inside [passage.char_start, passage.char_end).
"""

from __future__ import annotations

import re

from qa.clean import CJK, word_count
from qa.config import ChunkSettings
from qa.types import Article, Passage, Span

# A sentence ends at . ! ? (plus closing quotes/brackets) before whitespace and a capital,
# digit or opening quote; or at Chinese/Japanese 。！？ (plus closing 」』）”), which need no
# space after them, unless a quote goes on: 「…。」と述べた is one sentence.
_BOUNDARY = re.compile(
    r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])"
    r"|[。！？]+[」』）”’)\]]*(?![」』）”’)\]とっ、，])"
)
_ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "gen",
    "col",
    "lt",
    "sgt",
    "capt",
    "maj",
    "adm",
    "cmdr",
    "st",
    "jr",
    "sr",
    "no",
    "vs",
    "etc",
    "inc",
    "ltd",
    "co",
    "corp",
    "rep",
    "sen",
    "gov",
    "pres",
    "rev",
    "hon",
    "dept",
    "fig",
    "approx",
    "est",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "u.s",
    "u.k",
    "u.n",
    "e.u",
    "e.g",
    "i.e",
    "a.m",
    "p.m",
    "al",
    "op",
    "vol",
}
# A "sentence" longer than this (tables, lists without punctuation) is cut at word boundaries
# so no passage outgrows the model's input window.
_MAX_SENTENCE_WORDS = 100
# The units counted and cut at: runs of non-space, and every CJK character on its own (text
# without spaces would otherwise be a single 2,000-character "word").
_WORD = re.compile(rf"[{CJK}]|[^\s{CJK}]+")
# Credits left at the end of captions carry nothing a reader asks about.
_CREDIT = re.compile(r"^\(?(?:photo|image|picture|video)s?(?: credit)?:[^.]*\)?$", re.I)


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the '.' at `dot` ends an abbreviation or an initial rather than a sentence."""
    if text[dot] != ".":
        return False
    start = dot
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    word = text[start:dot].lower()
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _split_long(text: str, start: int, end: int) -> list[Span]:
    if (end - start + 1) // 2 <= _MAX_SENTENCE_WORDS:  # too short to hold that many words
        return [(start, end)]
    words = [(m.start() + start, m.end() + start) for m in _WORD.finditer(text[start:end])]
    if len(words) <= _MAX_SENTENCE_WORDS:
        return [(start, end)]
    return [
        (words[i][0], words[min(i + _MAX_SENTENCE_WORDS, len(words)) - 1][1])
        for i in range(0, len(words), _MAX_SENTENCE_WORDS)
    ]


def split_sentences(text: str, start: int, end: int) -> list[Span]:
    """Sentence spans of text[start:end], trimmed of surrounding whitespace."""
    spans: list[Span] = []
    cursor = start
    for match in _BOUNDARY.finditer(text, start, end):
        if _is_abbreviation(text, match.start()):
            continue
        spans.append((cursor, match.end()))
        cursor = match.end()
    spans.append((cursor, end))
    out: list[Span] = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e and not _CREDIT.match(text[s:e]):
            out.extend(_split_long(text, s, e))
    return out


def _word_count(text: str, span: Span) -> int:
    return word_count(text[span[0] : span[1]])


def chunk(article: Article, settings: ChunkSettings) -> list[Passage]:
    """Greedy packing of whole sentences up to `max_words`, overlapping by whole sentences."""
    text = article.text
    sentences: list[tuple[Span, int]] = []  # (span, paragraph number)
    for number, (s, e) in enumerate(article.lines):
        sentences.extend((span, number) for span in split_sentences(text, s, e))
    if not sentences:
        return []
    counts = [_word_count(text, span) for span, _ in sentences]

    passages: list[Passage] = []
    i = 0
    while i < len(sentences):
        j, words = i, 0
        while j < len(sentences) and (j == i or words + counts[j] <= settings.max_words):
            words += counts[j]
            j += 1
        group = sentences[i:j]
        parts: list[str] = []
        for k, (span, para) in enumerate(group):
            if k and para != group[k - 1][1]:
                parts.append("\n")
            elif k:
                parts.append(" ")
            parts.append(text[span[0] : span[1]])
        passages.append(
            Passage(
                source=article.source,
                ordinal=len(passages),
                char_start=group[0][0][0],
                char_end=group[-1][0][1],
                text="".join(parts),
                sentences=tuple(span for span, _ in group),
            )
        )
        if j >= len(sentences):
            break
        # Step back by the overlap, but always move forward by at least one sentence.
        i = max(i + 1, j - settings.overlap_sentences)
    return passages
