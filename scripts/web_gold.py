#!/usr/bin/env python
"""Statement gold sets on web news that may not be committed: offsets, not texts.

    .venv/bin/python scripts/web_gold.py convert ANNOTATED.jsonl DRAW_DIR OUT.jsonl

Why. MultiHop-RAG's articles are their publishers' (shared/benchmarks/multihop-rag/README.md:
measure with them, never commit them), so a gold set on them cannot quote them as the BBC sets
do. Annotators write the usual rows (data/gold/QUOTES.md) against texts drawn by
scripts/draw_web_articles.py; `convert` turns each into {"source": the record's url, "kind",
"speaker", "role", "start", "end", "mention_start", "mention_end"}, offsets into the record's
`body` in corpus.json, which its README pins byte for byte (SHA-256). `read` gives the rows
back with their "text" and "speaker_mention" and the span in the text qa loads, for
scripts/eval_quotes.py and scripts/check_quotes_gold.py.
"""

from __future__ import annotations

import argparse
import json
from functools import cache
from pathlib import Path

from _setup import ROOT  # noqa: E402

from qa.load import load_documents  # noqa: E402

CORPUS = ROOT.parent / "shared" / "benchmarks" / "multihop-rag" / "corpus.json"
KEYS = {"source", "kind", "speaker", "role", "start", "end", "mention_start", "mention_end"}


def is_web_gold(path: Path) -> bool:
    """Whether a gold file holds offsets (this format) rather than texts."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            return "start" in json.loads(line)
    return False


@cache
def _loaded(corpus: Path) -> dict:
    """url -> the record as qa loads it (a qa.types.Document)."""
    return {d.source: d for d in load_documents([corpus], [])}


@cache
def _corpus(corpus: Path) -> tuple[dict[str, str], dict[str, str]]:
    """(url -> body, url -> the text qa loads) of every record."""
    bodies = {r["url"]: r["body"] for r in json.loads(corpus.read_text(encoding="utf-8"))}
    return bodies, {url: d.text for url, d in _loaded(corpus).items()}


def titles(corpus: Path = CORPUS) -> dict[str, str | None]:
    """url -> the record's title as qa loads it: what a build gives find_statements beside
    the text."""
    return {url: d.title for url, d in _loaded(corpus).items()}


def _occurrences(text: str, needle: str) -> list[int]:
    found, start = [], text.find(needle)
    while start >= 0:
        found.append(start)
        start = text.find(needle, start + 1)
    return found


def read(path: Path, corpus: Path = CORPUS) -> dict[str, tuple[str, list[dict]]]:
    """source -> (the text qa loads, its gold rows with "text", "speaker_mention" and "span",
    the statement's (start, end) in that text). Raises ValueError on a row that does not fit."""
    bodies, texts = _corpus(corpus)
    out: dict[str, tuple[str, list[dict]]] = {}
    for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        if set(row) != KEYS:
            raise ValueError(f"line {no}: keys {sorted(row)} != {sorted(KEYS)}")
        body, text = bodies.get(row["source"]), texts.get(row["source"])
        if body is None or text is None:
            raise ValueError(f"line {no}: {row['source']} is not a record of {corpus}")
        base = body.find(text)
        if base < 0 or not (base <= row["start"] < row["end"] <= base + len(text)):
            raise ValueError(f"line {no}: the statement lies outside the text qa loads")
        span = (row["start"] - base, row["end"] - base)
        row = {
            **row,
            "text": body[row["start"] : row["end"]],
            "speaker_mention": body[row["mention_start"] : row["mention_end"]],
            "span": span,
        }
        out.setdefault(row["source"], (text, []))[1].append(row)
    return out


def convert(annotated: Path, draw: Path, corpus: Path = CORPUS) -> list[dict]:
    """Annotators' rows (texts, sources "01".."12") -> offset rows. A text found more than
    once is the occurrence nearest its mention that no earlier row of the article took."""
    bodies, texts = _corpus(corpus)
    articles = json.loads((draw / "articles.json").read_text(encoding="utf-8"))
    taken: set[tuple[str, int]] = set()
    rows = []
    for no, line in enumerate(annotated.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        g = json.loads(line)
        url = articles[g["source"]]["url"]
        body, text = bodies[url], texts[url]
        if (draw / f"{g['source']}.txt").read_text(encoding="utf-8") != text:
            raise ValueError(f"line {no}: {g['source']}.txt is not the text qa loads for {url}")
        base = body.find(text)
        mentions = _occurrences(text, g["speaker_mention"])
        starts = [s for s in _occurrences(text, g["text"]) if (url, s) not in taken]
        if not starts or not mentions:
            raise ValueError(f"line {no}: text or mention not in {g['source']}.txt")
        size, mention_size = len(g["text"]), len(g["speaker_mention"])
        start, mention = min(
            ((s, m) for s in starts for m in mentions),
            key=lambda p: (max(0, p[1] - (p[0] + size), p[0] - (p[1] + mention_size)), p[0]),
        )
        taken.add((url, start))
        rows.append(
            {
                "source": url,
                "kind": g["kind"],
                "speaker": g["speaker"],
                "role": g["role"],
                "start": base + start,
                "end": base + start + len(g["text"]),
                "mention_start": base + mention,
                "mention_end": base + mention + len(g["speaker_mention"]),
            }
        )
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["convert"])
    parser.add_argument("annotated", type=Path)
    parser.add_argument("draw", type=Path, help="the folder scripts/draw_web_articles.py wrote")
    parser.add_argument("out", type=Path)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    rows = convert(args.annotated, args.draw, args.corpus)
    args.out.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} statements -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
