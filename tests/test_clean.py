from pathlib import Path

import pytest

from qa.clean import clean
from qa.load import load_documents

ARTICLES = Path(__file__).resolve().parent.parent / "data" / "articles"

EXPECTED = {
    "000_c66550dc802b1081.txt": ("China to Tighten Military Cooperation with Russia", None),
    "001_b734b12dec5ae5c6.txt": (
        "Chinese, Russian defense ministers hold meeting in Moscow, emphasizing military "
        "cooperation, respective core interests",
        "2023-04-19",
    ),
    "002_ef682113773a2775.txt": (
        "China and Russia Hail Strong Military Cooperation Amid Western Pressure",
        None,
    ),
    "003_02b17f315b2febbf.txt": (
        "China's defense minister set to meet with Russian counterpart, other military "
        "officials in Moscow",
        None,
    ),
    "004_d4f96920548e75e4.txt": (
        "China says it’s open to more military cooperation with Russia",
        None,
    ),
}
BOILERPLATE = [
    "Advertisement",
    "Top Bottom",
    "READ ALSO",
    "Click to comment",
    "Skip to main content",
    "Stock quotes supplied by",
    "Privacy Policy",
    "Leave a Reply",
    "Connect with us",
    "Experienced member",
    "Nation of residence",
    "Get more with myNEWS",
    "Quotes delayed",
    "Your email address will not be published",
    "Published: Apr 19, 2023",
    "CHINA WILL NOT SELL WEAPONS",
]


def _articles():
    return {d.source: clean(d) for d in load_documents([ARTICLES], [])}


@pytest.mark.parametrize("source", sorted(EXPECTED))
def test_title_date_and_boilerplate(source):
    article = _articles()[source]
    title, published = EXPECTED[source]
    assert article.title == title
    assert article.published == published
    kept = "\n".join(article.text[s:e] for s, e in article.lines)
    for phrase in BOILERPLATE:
        assert phrase not in kept, phrase
    # Kept lines are spans of the file itself, and the file is what we read from disk.
    raw = (ARTICLES / source).read_text(encoding="utf-8")
    assert article.text == raw
    for s, e in article.lines:
        assert raw[s:e].strip() == raw[s:e] and raw[s:e]


def test_duplicated_captions_kept_once():
    article = _articles()["001_b734b12dec5ae5c6.txt"]
    kept = [article.text[s:e] for s, e in article.lines]
    caption = [line for line in kept if line.startswith("The exercise ZAPAD/INTERACTION-2021")]
    assert len(caption) == 1
    assert article.text.count("The exercise ZAPAD/INTERACTION-2021 kicks off") == 2


def test_body_sentences_survive():
    articles = _articles()
    body = {
        "000_c66550dc802b1081.txt": "although it does not directly sell weapons",
        "002_ef682113773a2775.txt": "considering sending lethal aid to the Kremlin",
        "003_02b17f315b2febbf.txt": "China would not be helping Russia with weapons",
        "004_d4f96920548e75e4.txt": "warned Beijing not to provide Russia with military support",
    }
    for source, phrase in body.items():
        a = articles[source]
        assert any(phrase in a.text[s:e] for s, e in a.lines), source
