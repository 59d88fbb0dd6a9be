#!/usr/bin/env python
"""What the who-said-it rules leave, counted over news no gold set holds: MultiHop-RAG's
articles outside every web gold set (the fresh ones included, so nothing here reads them).

    python scripts/census_quotes.py [--corpus PATH] [--sample 30] [--seed 2811]

1. Quotations (six words or more between double quotes, straight or curly) that no found
   statement overlaps by half, by what stands around them: a colon before, a verb of saying
   just before or after, a whole sentence with no frame beside it, or a phrase inside a
   sentence (scare quotes, titles). Pairs of quotes that span a paragraph break are counted
   apart: they are the counting's own mistakes (a stray quote mark pairs across quotations).
2. Speakers of found statements by kind: a name of two or more words, one word, a pronoun,
   a description (lower case, or capitalised and opening with "The", "A", "One", ...).

Then `--sample` unfound quotations with their surroundings, drawn with `--seed`, to read.
Nothing is scored: these articles have no gold; the counts say where a rule could still
find many statements, the sample what they are.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections import Counter
from pathlib import Path

import web_gold
from _setup import ROOT  # noqa: E402

from qa.load import load_documents  # noqa: E402
from qa.quotes import find_statements  # noqa: E402

GOLD = ROOT / "data" / "gold"
QUOTATION = re.compile(r"[\"“]([^\"“”]{20,600}?)[\"”]")
SAYING = r"said|says|told|added|wrote|according to"
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you"}
DESCRIPTION = re.compile(r"(?:The|A|An|One|Another|Some|Many|Most|Several|His|Her|Their|Its) ")


def gold_sources() -> set[str]:
    """Every article a web gold set drew, statements or not (its .md lists the drawn ones)."""
    urls = set()
    for path in GOLD.glob("quotes_web*.jsonl"):
        urls |= {json.loads(line)["source"] for line in path.read_text().splitlines()}
    for path in GOLD.glob("quotes_web*.md"):
        urls |= set(re.findall(r"https?://[^\s)>\]|`]+", path.read_text()))
    return urls


def surroundings(text: str, start: int, end: int) -> str:
    quote, before, after = text[start:end], text[max(0, start - 50) : start], text[end : end + 50]
    if "\n" in quote:
        return "spans a paragraph break (the counting's mistake)"
    if before.rstrip().endswith(":"):
        return "colon before"
    if re.search(rf"\b(?:{SAYING})\b", before[-25:]):
        return "verb of saying just before"
    if re.match(rf"[,.!?]?\s*(?:[A-Za-z’'.-]+\s){{0,5}}?(?:{SAYING})\b", after):
        return "verb of saying just after"
    if re.match(r"[,.!?]?\s", after) and re.search(r"[.!?][\"”]?$", quote):
        return "a whole sentence, no frame beside it"
    return "a phrase inside a sentence"


def speaker_kind(speaker: str) -> str:
    if speaker.lower() in PRONOUNS:
        return "pronoun"
    if speaker[:1].islower():
        return "description, lower case"
    if DESCRIPTION.match(speaker):
        return "description, capitalised"
    return "one word" if len(speaker.split()) == 1 else "name of two or more words"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=web_gold.CORPUS)
    parser.add_argument("--sample", type=int, default=30)
    parser.add_argument("--seed", type=int, default=2811)
    args = parser.parse_args()
    drawn = gold_sources()
    docs = [d for d in load_documents([args.corpus], []) if d.source not in drawn]
    docs.sort(key=lambda d: d.source)
    unfound, where, kinds, quotations, statements = [], Counter(), Counter(), 0, 0
    for doc in docs:
        text = doc.text
        found = find_statements(text, doc.title)
        statements += len(found)
        kinds.update(speaker_kind(s.speaker) for s in found if s.speaker)
        for m in QUOTATION.finditer(text):
            if len(m.group(1).split()) < 6:
                continue
            quotations += 1
            a, b = m.span()
            covered = max((min(b, s.char_end) - max(a, s.char_start) for s in found), default=0)
            if 2 * covered < b - a:
                where[surroundings(text, a, b)] += 1
                unfound.append(text[max(0, a - 200) : b + 120].replace("\n", " ¶ "))
    print(f"{len(docs)} articles ({len(drawn)} drawn by web gold sets left out)")
    print(f"{quotations} quotations of six words or more; {len(unfound)} not in a statement:")
    for kind, n in where.most_common():
        print(f"  {n:5d}  {kind}")
    print(f"{statements} statements found; their speakers:")
    for kind, n in kinds.most_common():
        print(f"  {n:5d}  {n / statements:.3f}  {kind}")
    random.Random(args.seed).shuffle(unfound)
    for context in unfound[: args.sample]:
        print("\n--", context)


if __name__ == "__main__":
    main()
