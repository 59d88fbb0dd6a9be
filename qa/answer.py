"""Hits -> the answer a person reads: citations, highlighted sentences, the statements each
passage reports and who made them, grouped by source, by speaker or by publication date."""

from __future__ import annotations

import time
from dataclasses import replace

from qa.lexical import tokens_of
from qa.retrieve import Retriever, SearchOptions
from qa.speakers import SpeakerIndex
from qa.statement import Statement
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


def quote_json(s: Statement) -> dict:
    """A statement as GET /api/articles/<id> lists it: offsets into the article's text."""
    return {
        "speaker": s.speaker,
        "role": s.role,
        "kind": s.kind,
        "text": s.text,
        "char_start": s.char_start,
        "char_end": s.char_end,
        "speaker_start": s.speaker_start,
        "speaker_end": s.speaker_end,
    }


def statement_json(s: Statement, speakers: SpeakerIndex) -> dict:
    """A statement as an answer shows it: the quote, and `known_as`, the name of everyone the
    index takes for the same speaker (qa/speakers.py)."""
    return {**quote_json(s), "known_as": speakers.name_of(s.speaker)}


def inside(hit: Hit, said: dict[int, list[Statement]]) -> list[Statement]:
    """The statements of the hit's article that overlap its passage."""
    return [
        s
        for s in said.get(hit.article_id, [])
        if s.char_start < hit.char_end and hit.char_start < s.char_end
    ]


def hit_json(
    hit: Hit, rank: int, article_text: str | None = None, statements: list[dict] | None = None
) -> dict:
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
        "statements": statements or [],
    }


def ask(
    retriever: Retriever, question: str, options: SearchOptions, group_by: str | None = None
) -> dict:
    """The full JSON answer for one question."""
    started = time.perf_counter()
    if group_by is not None:
        # Groups are filled from a wider pool: k groups of several passages each.
        wide = replace(options, k=max(options.k * 6, 30), per_source=0)
        found = retriever.query(question, wide)
    else:
        found = retriever.query(question, options)
    hits = found.hits
    texts = retriever.store.article_texts(h.article_id for h in hits)
    weights = retriever.lexical.term_weights(question)
    highlight(hits, weights, texts)
    said = retriever.store.statements_in(texts)
    speakers = retriever.speakers

    def passage(hit: Hit, rank: int) -> dict:
        listed = [statement_json(s, speakers) for s in inside(hit, said)]
        return hit_json(hit, rank, texts[hit.article_id], listed)

    result: dict = {
        "question": question,
        "mode": options.mode,
        "k": options.k,
        "match": found.match,
        "match_evidence": found.evidence,
        "understood": found.understood.as_dict(),
    }
    if found.speaker_filter is not None:
        result["speaker_filter"] = {
            "asked": options.filters.speaker,
            "speakers": [{"speaker": m.name, "names": list(m.names)} for m in found.speaker_filter],
        }
    if group_by == "speaker":
        only = (
            {n for m in found.speaker_filter for n in m.names}
            if found.speaker_filter is not None
            else None
        )
        result["groups"], shown = _by_speaker(hits, said, weights, speakers, options, only)
        result["passages"] = [passage(h, n + 1) for n, h in enumerate(shown)]
    elif group_by in ("source", "date"):
        result["groups"] = _group(hits, passage, options)
        if group_by == "date":
            result["groups"] = _timeline(result["groups"])
            result["passages"] = [
                p for day in result["groups"] for g in day["articles"] for p in g["passages"]
            ]
        else:
            result["passages"] = [p for g in result["groups"] for p in g["passages"]]
    else:
        result["passages"] = [passage(h, i + 1) for i, h in enumerate(hits)]
    result["speakers"] = _speaker_counts(result["passages"], speakers)
    result["took_ms"] = round((time.perf_counter() - started) * 1000, 2)
    return result


def _speaker_counts(passages: list[dict], speakers: SpeakerIndex) -> list[dict]:
    """Who speaks in the passages shown: each speaker with their statements and passages,
    most statements first. Speakers the article left unresolved ("they") are not listed."""
    counts: dict[str, dict] = {}
    seen: set[tuple[int, int]] = set()
    for p in passages:
        in_passage: set[str] = set()
        for s in p["statements"]:
            if s["speaker"] not in speakers.counts:
                continue
            entry = counts.setdefault(
                s["known_as"], {"speaker": s["known_as"], "statements": 0, "passages": 0}
            )
            if (p["article_id"], s["char_start"]) not in seen:  # overlapping passages
                seen.add((p["article_id"], s["char_start"]))
                entry["statements"] += 1
            if s["known_as"] not in in_passage:
                in_passage.add(s["known_as"])
                entry["passages"] += 1
    return sorted(counts.values(), key=lambda e: (-e["statements"], -e["passages"]))


def _by_speaker(
    hits: list[Hit],
    said: dict[int, list[Statement]],
    weights: dict[str, float],
    speakers: SpeakerIndex,
    options: SearchOptions,
    only: set[str] | None = None,
) -> tuple[list[dict], list[Hit]]:
    """One group per speaker, in the order of the best passage they speak in; in a group,
    the statements that share the most (idf-weighted) words with the question first, then
    by their passage's rank; at most `per_source` (default 5) statements each. Also the
    passages that hold the statements shown, best first. `only`: the stored names a speaker
    filter matched (the passages also report others)."""
    per_group = options.per_source or 5
    groups: dict[str, dict] = {}
    candidates: dict[str, list[tuple[float, int, Statement, Hit]]] = {}
    seen: set[tuple[int, int]] = set()
    for rank, hit in enumerate(hits):
        for s in inside(hit, said):
            if s.speaker not in speakers.counts or (hit.article_id, s.char_start) in seen:
                continue
            if only is not None and s.speaker not in only:
                continue
            seen.add((hit.article_id, s.char_start))
            name = speakers.name_of(s.speaker)
            if name not in groups:
                if len(groups) >= options.k:
                    continue
                groups[name] = {"speaker": name, "score": round(hit.score, 6), "statements": []}
            overlap = sum(weights.get(t, 0.0) for t in set(tokens_of(s.text)))
            candidates.setdefault(name, []).append((-overlap, rank, s, hit))
    shown: dict[int, tuple[int, Hit]] = {}  # passage id -> (rank, hit)
    for name, group in groups.items():
        picked = sorted(candidates[name], key=lambda c: (c[0], c[1], c[2].char_start))
        for _, rank, s, hit in picked[:per_group]:
            shown[hit.passage_id] = (rank, hit)
            group["statements"].append(
                {
                    **statement_json(s, speakers),
                    "article_id": hit.article_id,
                    "passage_id": hit.passage_id,
                    "citation": {
                        **citation(hit),
                        "char_start": s.char_start,
                        "char_end": s.char_end,
                    },
                }
            )
        roles = [st["role"] for st in group["statements"] if st["role"]]
        group["role"] = max(set(roles), key=roles.count) if roles else None
        group["articles"] = len({st["article_id"] for st in group["statements"]})
    return list(groups.values()), [hit for _, hit in sorted(shown.values(), key=lambda x: x[0])]


def _timeline(groups: list[dict]) -> list[dict]:
    """Article groups regrouped by publication day, oldest first (undated ones last): what
    was said about the topic, and by which source, in the order it was published."""
    days: dict[str | None, list[dict]] = {}
    for group in sorted(groups, key=lambda g: (g["published"] is None, g["published"] or "")):
        days.setdefault(group["published"], []).append(group)
    return [{"date": day, "articles": articles} for day, articles in days.items()]


def _group(hits: list[Hit], passage, options: SearchOptions) -> list[dict]:
    """One entry per article, ordered by its best passage; at most `per_source` passages each.
    `passage(hit, rank)` makes a passage's JSON."""
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
            group["passages"].append(passage(hit, rank))
    return list(groups.values())
