"""Hits -> the answer a person reads: citations, highlighted sentences, grouping by source."""

from __future__ import annotations

import time
from dataclasses import replace

from qa.lexical import tokens_of
from qa.retrieve import Retriever, SearchOptions
from qa.types import Hit, Span

MAX_HIGHLIGHTS = 2


def highlight(hits: list[Hit], weights: dict[str, float], texts: dict[int, str]) -> None:
    """Mark in each hit the sentence(s) sharing the most query words, weighted by idf.

    Cheap on purpose (regex, stopwords and a stemmer per sentence): the dense model already
    chose the passage; this only points the reader's eye at the sentence that answers.
    """
    spans = [(hit, span) for hit in hits for span in hit.sentences]
    if not spans:
        return
    tokens = [tokens_of(texts[hit.article_id][s:e]) for hit, (s, e) in spans]
    by_hit: dict[int, list[tuple[float, Span]]] = {}
    for (hit, span), toks in zip(spans, tokens, strict=True):
        score = sum(weights.get(t, 0.0) for t in set(toks))
        by_hit.setdefault(id(hit), []).append((score, span))
    for hit in hits:
        scored = by_hit.get(id(hit), [])
        best = max((s for s, _ in scored), default=0.0)
        if best <= 0:
            hit.highlights = []  # matched on meaning alone: no sentence to point at honestly
            continue
        top = sorted((x for x in scored if x[0] >= 0.75 * best), key=lambda x: -x[0])
        hit.highlights = sorted(span for _, span in top[:MAX_HIGHLIGHTS])


def citation(hit: Hit) -> dict:
    return {
        "source": hit.source,
        "outlet": hit.outlet,
        "author": hit.author,
        "title": hit.title,
        "published": hit.published,
        "url": hit.url,
        "char_start": hit.char_start,
        "char_end": hit.char_end,
    }


def hit_json(hit: Hit, rank: int, article_text: str | None = None) -> dict:
    return {
        "rank": rank,
        "score": round(hit.score, 6),
        "scores": {k: round(v, 6) for k, v in hit.components.items()},
        "text": hit.text,
        "citation": citation(hit),
        "highlights": [
            {"char_start": s, "char_end": e, "text": article_text[s:e] if article_text else None}
            for s, e in hit.highlights
        ],
        "also_in": hit.also_in,
        "article_id": hit.article_id,
    }


def ask(
    retriever: Retriever, question: str, options: SearchOptions, group_by: str | None = None
) -> dict:
    """The full JSON answer for one question."""
    started = time.perf_counter()
    if group_by == "source":
        wide = replace(options, k=max(options.k * 6, 30), per_source=0)
        found = retriever.query(question, wide)
    else:
        found = retriever.query(question, options)
    hits = found.hits
    texts = retriever.store.article_texts(h.article_id for h in hits)
    highlight(hits, retriever.lexical.term_weights(question), texts)
    result: dict = {
        "question": question,
        "mode": options.mode,
        "k": options.k,
        "match": found.match,
        "match_evidence": found.evidence,
        "understood": found.understood.as_dict(),
    }
    if group_by == "source":
        result["groups"] = _group(hits, texts, options)
        result["passages"] = [p for g in result["groups"] for p in g["passages"]]
    else:
        result["passages"] = [hit_json(h, i + 1, texts[h.article_id]) for i, h in enumerate(hits)]
    result["took_ms"] = round((time.perf_counter() - started) * 1000, 2)
    return result


def _group(hits: list[Hit], texts: dict, options: SearchOptions) -> list[dict]:
    """One entry per article, ordered by its best passage; at most `per_source` passages each."""
    per_source = options.per_source or 3  # passages shown per article
    groups: dict[int, dict] = {}
    rank = 0
    for hit in hits:
        group = groups.get(hit.article_id)
        if group is None:
            if len(groups) >= options.k:
                continue
            group = groups[hit.article_id] = {
                "source": hit.source,
                "outlet": hit.outlet,
                "author": hit.author,
                "title": hit.title,
                "published": hit.published,
                "url": hit.url,
                "article_id": hit.article_id,
                "score": round(hit.score, 6),
                "also_in": hit.also_in,
                "passages": [],
            }
        shown = group["passages"]
        overlaps = any(
            hit.char_start < p["citation"]["char_end"]
            and p["citation"]["char_start"] < hit.char_end
            for p in shown
        )
        if len(shown) < per_source and not overlaps:
            rank += 1
            group["passages"].append(hit_json(hit, rank, texts[hit.article_id]))
    return list(groups.values())
