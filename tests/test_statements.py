"""Who said it, as the index holds it: statements found at build time, served with their
speakers and exact offsets by GET /api/articles/<id>."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qa import layout

ROOT = Path(__file__).resolve().parent.parent
TAN = "004_d4f96920548e75e4.txt"


def _article_id(client, source: str) -> int:
    body = client.get(f"/api/ask?q=defence&k=50&source={source}").get_json()
    return body["passages"][0]["article_id"]


def test_article_json_has_its_statements_with_exact_offsets(client):
    article_id = _article_id(client, TAN)
    r = client.get(f"/api/articles/{article_id}")
    assert r.status_code == 200
    body = r.get_json()
    assert body["source"] == TAN and body["article_id"] == article_id
    text, quotes = body["text"], body["quotes"]
    assert quotes, "the article reports statements"
    for q in quotes:
        assert text[q["char_start"] : q["char_end"]] == q["text"]
        assert q["kind"] in ("direct", "indirect")
        assert q["speaker_end"] > q["speaker_start"]
    # "Tan said China and Russia’s relationship was not like the alliances of the Cold War"
    cold_war = [q for q in quotes if "alliances of the Cold War" in q["text"]]
    assert cold_war and cold_war[0]["speaker"] == "Tan Kefei"
    assert cold_war[0]["kind"] == "indirect"


def test_every_bundled_article_is_served_with_offsets_into_its_text(client, index_dir):
    counts = json.loads((layout.resolve(index_dir) / "manifest.json").read_text())["counts"]
    assert counts["statements"] > 0
    health = client.get("/health").get_json()["index"]
    assert health["statements"] == counts["statements"] and health["speakers"] > 0
    total = 0
    for article_id in range(health["articles"]):
        body = client.get(f"/api/articles/{article_id}").get_json()
        total += len(body["quotes"])
        for q in body["quotes"]:
            assert body["text"][q["char_start"] : q["char_end"]] == q["text"]
    assert total == counts["statements"]


@pytest.mark.parametrize("path", ["/api/articles/99999", "/api/articles/9223372036854775808"])
def test_unknown_article_is_404_json(client, path):
    r = client.get(path)
    assert r.status_code == 404 and r.is_json and r.get_json()["error"]


def test_gold_statements_are_mostly_found_in_the_bundled_articles(client):
    """The extractor's recall on the bundled articles' gold statements, through the API (the
    full scores are scripts/eval_quotes.py's)."""
    gold = [
        json.loads(line)
        for line in (ROOT / "data" / "gold" / "quotes.jsonl").read_text().splitlines()
        if line.strip()
    ]
    found = total = 0
    for source in sorted({g["source"] for g in gold if "/" not in g["source"]}):
        body = client.get(f"/api/articles/{_article_id(client, source)}").get_json()
        spans = [(q["char_start"], q["char_end"]) for q in body["quotes"]]
        for g in (g for g in gold if g["source"] == source):
            start = body["text"].find(g["text"])
            end = start + len(g["text"])
            total += 1
            found += any(min(end, e) - max(start, s) >= len(g["text"]) / 2 for s, e in spans)
    assert total >= 40 and found / total >= 0.7, (found, total)
