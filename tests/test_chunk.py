from pathlib import Path

import pytest

from qa.chunk import chunk, split_sentences
from qa.clean import clean
from qa.config import ChunkSettings
from qa.load import load_documents
from qa.types import Article

ARTICLES = Path(__file__).resolve().parent.parent / "data" / "articles"


def _squash(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize(
    "settings",
    [
        ChunkSettings(),
        ChunkSettings(max_words=40, overlap_sentences=0),
        ChunkSettings(max_words=200, overlap_sentences=2),
    ],
)
@pytest.mark.parametrize("source", sorted(p.name for p in ARTICLES.iterdir()))
def test_every_passage_span_checks_against_the_file(source, settings):
    raw = (ARTICLES / source).read_text(encoding="utf-8")
    (doc,) = [d for d in load_documents([ARTICLES / source], [])]
    article = clean(doc)
    passages = chunk(article, settings)
    assert passages
    covered = set()
    for p in passages:
        window = raw[p.char_start : p.char_end]
        assert p.sentences[0][0] == p.char_start and p.sentences[-1][1] == p.char_end
        for s, e in p.sentences:
            assert p.char_start <= s < e <= p.char_end
            sentence = raw[s:e]
            assert _squash(sentence) in _squash(window)
            assert sentence in p.text
            # Never cut a sentence in half: it ends at punctuation or at the end of its line.
            assert e == len(raw) or raw[e] in " \n\t" or raw[e : e + 1] == "\u00a0"
            covered.add((s, e))
        if len(p.sentences) > 1:
            assert len(p.text.split()) <= settings.max_words
    # Nothing kept by cleaning is lost by chunking.
    for s, e in article.lines:
        for span in split_sentences(raw, s, e):
            assert span in covered


def test_sentence_splitter_respects_abbreviations():
    text = "Chinese Defense Minister Gen. Li Shangfu met the U.S. envoy. He left on Monday."
    spans = split_sentences(text, 0, len(text))
    assert [text[s:e] for s, e in spans] == [
        "Chinese Defense Minister Gen. Li Shangfu met the U.S. envoy.",
        "He left on Monday.",
    ]


def test_overlap_repeats_whole_sentences():
    text = " ".join(f"Sentence number {i} has five words." for i in range(20))
    article = Article("x", text, None, None, None, ((0, len(text)),), "h")
    passages = chunk(article, ChunkSettings(max_words=18, overlap_sentences=1))
    for a, b in zip(passages, passages[1:], strict=False):
        assert a.sentences[-1] == b.sentences[0]
    assert passages[-1].char_end == len(text)
