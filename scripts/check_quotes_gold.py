#!/usr/bin/env python
"""Check the hand-made statement-attribution gold set, data/gold/quotes.jsonl (see
data/gold/QUOTES.md for the annotation rules).

    .venv/bin/python scripts/check_quotes_gold.py [--gold FILE] [--bbc DIR]

Each line is one reported statement: {"source", "kind", "speaker", "role", "text",
"speaker_mention"}. Sources are loaded exactly as the project loads them
(`qa.load.load_documents`): a bare file name from data/articles/, a "folder/NNN.txt" name from
the BBC corpus (/work/shared/corpora/bbc-news, or --bbc DIR). It checks that

- every line is a JSON object with exactly those keys, "kind" is "direct" or "indirect",
  speaker/text/speaker_mention are non-empty strings without outer whitespace, role is a
  string or null;
- every source loads to one document and every "text" occurs verbatim in its `d.text`;
- every "speaker_mention" occurs within 300 characters of an occurrence of its statement
  (the gap between the two spans; overlapping counts as 0);
- no statement (source, text) is listed twice.

A gold set of offsets into MultiHop-RAG's records (scripts/web_gold.py: web news that may
not be committed) gets the same checks on the texts its offsets give, and that each offset
lies inside the text qa loads.

It prints each problem with its line number, then the statements per article (all, direct,
indirect), and exits 1 if there was any problem, else 0.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import web_gold
from _setup import ROOT  # noqa: E402

from qa.load import load_documents
from qa.problems import LoadWarning

KEYS = {"source", "kind", "speaker", "role", "text", "speaker_mention"}
KINDS = ("direct", "indirect")
WINDOW = 300
BBC = Path("/work/shared/corpora/bbc-news")


def source_path(source: str, bbc: Path) -> Path:
    """Bundled articles are bare file names; BBC articles are folder/NNN.txt."""
    return bbc / source if "/" in source else ROOT / "data" / "articles" / source


def load_text(path: Path) -> tuple[str | None, str]:
    """The text the project indexes for `path`, or None with the reason."""
    warnings: list[LoadWarning] = []
    docs = list(load_documents([path], warnings))
    if len(docs) != 1:
        reasons = "; ".join(str(w) for w in warnings) or "no document"
        return None, f"{len(docs)} documents ({reasons})"
    return docs[0].text, ""


def spans(text: str, needle: str) -> list[tuple[int, int]]:
    """Every (start, end) occurrence of `needle` in `text`, overlapping ones included."""
    found, start = [], text.find(needle)
    while start >= 0:
        found.append((start, start + len(needle)))
        start = text.find(needle, start + 1)
    return found


def near(text: str, statement: str, mention: str) -> bool:
    """Whether some occurrence of `mention` lies within WINDOW characters of `statement`."""
    for s0, s1 in spans(text, statement):
        for m0, m1 in spans(text, mention):
            if max(0, m0 - s1, s0 - m1) <= WINDOW:
                return True
    return False


def check_record(rec: object) -> list[str]:
    """Shape problems of one record (before the text is looked at)."""
    if not isinstance(rec, dict):
        return ["not a JSON object"]
    problems = []
    if set(rec) != KEYS:
        problems.append(f"keys {sorted(rec)} != {sorted(KEYS)}")
    if rec.get("kind") not in KINDS:
        problems.append(f"kind {rec.get('kind')!r} not one of {KINDS}")
    for key in ("source", "speaker", "text", "speaker_mention"):
        value = rec.get(key)
        if not isinstance(value, str) or not value.strip():
            problems.append(f"{key} missing or empty")
        elif value != value.strip():
            problems.append(f"{key} has leading/trailing whitespace")
    role = rec.get("role")
    if role is not None and (not isinstance(role, str) or not role.strip()):
        problems.append("role must be a non-empty string or null")
    return problems


def check_web(gold: Path, corpus: Path) -> tuple[list[str], dict[str, Counter[str]]]:
    """The same checks for a gold set of offsets into MultiHop-RAG's records (web_gold.py)."""
    try:
        articles = web_gold.read(gold, corpus)
    except (ValueError, KeyError, json.JSONDecodeError) as exc:
        return [str(exc)], {}
    problems, counts = [], {}
    for source, (_, rows) in articles.items():
        spans_seen: set[tuple[int, int]] = set()
        for row in rows:
            where = f"{source} {row['start']}"
            counts.setdefault(source, Counter())[row["kind"]] += 1
            # the texts its offsets give, checked as a row that holds them is
            problems += [f"{where}: {p}" for p in check_record({k: row[k] for k in KEYS})]
            gap = max(0, row["mention_start"] - row["end"], row["start"] - row["mention_end"])
            if gap > WINDOW:
                problems.append(f"{where}: mention {gap} chars from the statement")
            if row["span"] in spans_seen:
                problems.append(f"{where}: the same span twice")
            spans_seen.add(row["span"])
    return problems, counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=ROOT / "data" / "gold" / "quotes.jsonl")
    parser.add_argument("--bbc", type=Path, default=BBC, help="BBC corpus root")
    parser.add_argument(
        "--corpus", type=Path, default=web_gold.CORPUS, help="what a web gold set points into"
    )
    args = parser.parse_args()
    if web_gold.is_web_gold(args.gold):
        problems, counts = check_web(args.gold, args.corpus)
        return report(problems, counts)

    problems: list[str] = []
    texts: dict[str, str | None] = {}
    seen: dict[tuple[str, str], int] = {}
    counts: dict[str, Counter[str]] = {}
    with open(args.gold, encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    for no, line in enumerate(lines, 1):
        if not line.strip():
            problems.append(f"line {no}: empty line")
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"line {no}: bad JSON ({exc})")
            continue
        shape = check_record(rec)
        problems += [f"line {no}: {p}" for p in shape]
        if shape:
            continue
        source = rec["source"]
        if source not in texts:
            text, why = load_text(source_path(source, args.bbc))
            texts[source] = text
            if text is None:
                problems.append(f"line {no}: source {source} does not load: {why}")
        text = texts[source]
        counts.setdefault(source, Counter())[rec["kind"]] += 1
        if text is None:
            continue
        key = (source, rec["text"])
        if key in seen:
            problems.append(f"line {no}: duplicate of line {seen[key]} ({rec['text'][:50]!r})")
        else:
            seen[key] = no
        if rec["text"] not in text:
            problems.append(f"line {no}: text not verbatim in {source}: {rec['text'][:60]!r}")
        elif rec["speaker_mention"] not in text:
            problems.append(f"line {no}: speaker_mention {rec['speaker_mention']!r} not in text")
        elif not near(text, rec["text"], rec["speaker_mention"]):
            problems.append(
                f"line {no}: speaker_mention {rec['speaker_mention']!r} not within "
                f"{WINDOW} chars of the statement"
            )

    return report(problems, counts)


def report(problems: list[str], counts: dict[str, Counter[str]]) -> int:
    """Print the problems and the statements per article; 1 if there was any problem."""
    for p in problems:
        print(p)
    total: Counter[str] = Counter()
    print(f"{'article':32} {'all':>4} {'direct':>7} {'indirect':>9}")
    for source, c in counts.items():
        total += c
        print(f"{source:32} {c.total():4} {c['direct']:7} {c['indirect']:9}")
    print(
        f"{'TOTAL (' + str(len(counts)) + ' articles)':32} {total.total():4} "
        f"{total['direct']:7} {total['indirect']:9}"
    )
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
