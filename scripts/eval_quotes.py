#!/usr/bin/env python
"""Score qa.quotes.find_statements against a gold set of reported statements, and time it.

    python scripts/eval_quotes.py                        # data/gold/quotes.jsonl
    python scripts/eval_quotes.py --gold /tmp/g.jsonl --json out.json --no-speed
    python scripts/eval_quotes.py --report docs/quotes.md   # every gold set, timed

Gold: one JSON object per line: {"source": "004_d4f96920548e75e4.txt" (a bundled article in
data/articles/) or "politics/001.txt" (a BBC file), "kind": "direct"|"indirect", "speaker",
"role", "text": a verbatim substring of the article's text, "speaker_mention"}; or a web
news set of offsets into MultiHop-RAG's records, which may not be quoted (scripts/web_gold.py).

- recall: a gold statement is found when one returned statement overlaps at least half of its
  characters (the gold span is located with str.find in the loaded text).
- precision: a returned statement is correct when it overlaps at least half of some gold
  statement of its article, or at least half of it is covered by gold statements.
- speaker accuracy (among found statements, against the best-overlapping returned one): equal
  after lower-casing and dropping a leading "the ", or, both being persons (two or more
  capitalised words or one), equal last names.
- kind accuracy: the same, on "direct" / "indirect".
- speed: find_statements over every BBC article (texts loaded first), median of 3 runs.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

import web_gold
from _setup import ROOT  # noqa: E402

from qa.load import load_documents  # noqa: E402
from qa.quotes import Statement, find_statements  # noqa: E402

SPEAKER_RULE = (
    "speaker correct: case-insensitive equality (leading 'the ' dropped), or equal last "
    "names when both look like persons (every word capitalised, no Ministry/Party/... word)"
)


def load_text(source: str, bbc: Path) -> str:
    bundled = ROOT / "data" / "articles" / source
    path = bundled if bundled.exists() else bbc / source
    [doc] = list(load_documents([path], []))
    return doc.text


def _norm(name: str) -> str:
    name = " ".join(name.lower().split())
    return name[4:] if name.startswith("the ") else name


_ORG_WORDS = {
    "ministry", "government", "party", "bank", "office", "commission", "council", "agency",
    "association", "union", "department", "committee", "times", "news", "organisation",
}  # fmt: skip


def _person(name: str) -> bool:
    words = name.split()
    return (
        bool(words)
        and all(w[:1].isupper() for w in words)
        and not _ORG_WORDS & {w.lower() for w in words}
    )


def same_speaker(returned: str, gold: str) -> bool:
    if _norm(returned) == _norm(gold):
        return True
    if _person(returned) and _person(gold):
        return returned.split()[-1].lower() == gold.split()[-1].lower()
    return False


def _words(name: str) -> set[str]:
    words = [w.lower().removesuffix("'s").removesuffix("’s") for w in name.split()]
    return {w for w in words if w != "the"}


def alias_speaker(returned: str, gold: str) -> bool:
    """The looser rule the issue states ("names match up to the article's own aliases"):
    also right when one name is the other less some words, the shorter still naming someone
    by a capitalised word: "Parmalat" / "Parmalat Finanziaria", "the Sunday Telegraph
    report" / "Sunday Telegraph"; not "the company" / "UK Coal"."""
    if same_speaker(returned, gold):
        return True
    a, b = _words(returned), _words(gold)
    short = returned if len(a) <= len(b) else gold
    named = any(w[:1].isupper() and w.lower() != "the" for w in short.split())
    return bool(a and b) and (a <= b or b <= a) and named


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def score_article(gold: list[dict], text: str, found: list[Statement]) -> dict:
    spans = []
    missing = 0
    for g in gold:
        if "span" in g:  # web gold sets locate their statements by offset (web_gold.py)
            spans.append((g, g["span"]))
            continue
        start = text.find(g["text"])
        if start < 0:
            missing += 1
            continue
        spans.append((g, (start, start + len(g["text"]))))
    hit = speaker_ok = alias_ok = kind_ok = 0
    for g, span in spans:
        best = max(found, key=lambda s: _overlap(span, (s.char_start, s.char_end)), default=None)
        if best is None or 2 * _overlap(span, (best.char_start, best.char_end)) < span[1] - span[0]:
            continue
        hit += 1
        speaker_ok += same_speaker(best.speaker, g["speaker"])
        alias_ok += alias_speaker(best.speaker, g["speaker"])
        kind_ok += best.kind == g["kind"]
    correct = 0
    for s in found:
        mine = (s.char_start, s.char_end)
        covered = sum(_overlap(mine, span) for _, span in spans)
        if 2 * covered >= mine[1] - mine[0] or any(
            2 * _overlap(mine, span) >= span[1] - span[0] for _, span in spans
        ):
            correct += 1
    return {
        "gold": len(spans),
        "gold_not_in_text": missing,
        "found": hit,
        "returned": len(found),
        "correct": correct,
        "speaker_ok": speaker_ok,
        "alias_ok": alias_ok,
        "kind_ok": kind_ok,
    }


def _ratios(c: dict) -> dict:
    def div(a: int, b: int) -> float | None:
        return round(a / b, 3) if b else None

    return {
        "recall": div(c["found"], c["gold"]),
        "precision": div(c["correct"], c["returned"]),
        "speaker_acc": div(c["speaker_ok"], c["found"]),
        "alias_acc": div(c["alias_ok"], c["found"]),
        "kind_acc": div(c["kind_ok"], c["found"]),
    }


# What score_article counts for an article.
COUNTS = ("gold", "gold_not_in_text", "found", "returned", "correct", "speaker_ok", "alias_ok",
          "kind_ok")  # fmt: skip


def _pooled(rows: list[dict]) -> dict:
    """Counts of articles or sets added, then their ratios: each statement weighs the same,
    not each article or set."""
    total = {key: sum(row[key] for row in rows) for key in COUNTS}
    return {**total, **_ratios(total)}


def speed(bbc: Path, runs: int = 3) -> dict:
    files = sorted(bbc.glob("*/*.txt"))
    texts = [doc.text for doc in load_documents(files, [])]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        for text in texts:
            find_statements(text)
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    return {
        "articles": len(texts),
        "seconds": round(median, 3),
        "per_s": round(len(texts) / median),
    }


# The gold sets the report scores: who made each, and whether the rules were written on it.
SETS = [
    (
        "development",
        ROOT / "data" / "gold" / "quotes.jsonl",
        "5 bundled + 8 BBC articles; annotated for this project; the rules were written against it",
    ),
    (
        "held-out 1",
        ROOT / "data" / "gold" / "quotes_heldout.jsonl",
        "12 BBC articles drawn at random (seed 2026); annotated by a helper who did not see "
        "the extractor; scored once as it stood (recall 0.604, precision 0.982, speaker "
        "0.727), then used to widen the rules",
    ),
    (
        "held-out 2",
        ROOT / "data" / "gold" / "quotes_heldout2.jsonl",
        "15 more BBC articles drawn at random (seed 2611, at most 4 per folder); annotated the "
        "same way (data/gold/quotes_heldout2.md); scored once as it stood (recall 0.819, "
        "precision 1.000, speaker 0.820, 0.861 up to aliases), then used to widen the rules",
    ),
    (
        "held-out 3",
        ROOT / "data" / "gold" / "quotes_heldout3.jsonl",
        "12 more BBC articles drawn at random (seed 3301, at most 3 per folder); annotated the "
        "same way (data/gold/quotes_heldout3.md); scored once with held-out 2's rules (recall "
        "0.781, precision 0.965, speaker 0.732; the rules before them 0.762, 0.964, 0.738), "
        "then used to check each of those rules on its own, for one fix, and to widen the "
        "rules again (twice: 0.857, 0.967, 0.789, 0.811 up to aliases before the second time)",
    ),
    (
        "held-out 4",
        ROOT / "data" / "gold" / "quotes_heldout4.jsonl",
        "12 more BBC articles drawn at random (seed 4417, at most 3 per folder); annotated the "
        "same way (data/gold/quotes_heldout4.md); scored once with the rules from held-out 2 "
        "and 3 (recall 0.744, precision 0.980, speaker 0.576, 0.667 up to aliases; the rules "
        "before held-out 2: 0.699, 0.979, 0.559, 0.645), then used to widen the rules (twice: "
        "0.850, 0.983, 0.655, 0.735 before the second time)",
    ),
    (
        "held-out 6",
        ROOT / "data" / "gold" / "quotes_heldout6.jsonl",
        "12 more BBC articles drawn at random (seed 6613, at most 3 per folder); annotated the "
        "same way (data/gold/quotes_heldout6.md); scored once as it stood (recall 0.748, "
        "precision 0.964, speaker 0.864, 0.909 up to aliases), then used to widen the rules",
    ),
    (
        "held-out 7",
        ROOT / "data" / "gold" / "quotes_heldout7.jsonl",
        "12 more BBC articles drawn at random (seed 7717, at most 3 per folder; not among the "
        "first 80 of held-out 6's shuffle); annotated the same way "
        "(data/gold/quotes_heldout7.md); scored once as it stood (recall 0.857, precision "
        "0.986, speaker 0.819, 0.861 up to aliases), then used to widen the rules",
    ),
    (
        "held-out 8",
        ROOT / "data" / "gold" / "quotes_heldout8.jsonl",
        "12 more BBC articles drawn at random (seed 8819, at most 3 per folder; not among the "
        "first 80 of held-out 9's shuffle); annotated the same way "
        "(data/gold/quotes_heldout8.md) on 2026-11-27; scored once with the rules as they "
        "stood at 89c38e8 (recall 0.823, precision 0.946, speaker 0.925, 0.944 up to "
        "aliases); its statements were not read, but at the start of the third session a "
        "helper sorted its errors, with held-out 10's, into kinds (no article or quotation "
        "named) that the session's rules answered; in the fourth session its errors were read "
        "and fixed (0.958 up to aliases before, this row after)",
    ),
    (
        "held-out 9",
        ROOT / "data" / "gold" / "quotes_heldout9.jsonl",
        "12 more BBC articles drawn at random (seed 9931, at most 3 per folder; not among the "
        "first 80 of held-out 8's shuffle); annotated the same way "
        "(data/gold/quotes_heldout9.md) on 2026-11-27; scored once with the rules as they "
        "stood at 89c38e8 (recall 0.896, precision 0.947, speaker 0.733, 0.814 up to "
        "aliases); its statements were not read, but a helper sorted its errors, with held-out "
        "5's and test's, into kinds (no article or quotation named) that the day's later rules "
        "answered; in the fourth session its errors were read and fixed (0.886 up to aliases "
        "before, this row after)",
    ),
    (
        "held-out 10",
        ROOT / "data" / "gold" / "quotes_heldout10.jsonl",
        "12 more BBC articles drawn at random (seed 1010, at most 3 per folder); annotated the "
        "same way (data/gold/quotes_heldout10.md) late on 2026-11-27, after most of that day's "
        "second round of rules (aa1477b); scored once with them (recall 0.882, precision 0.976, "
        "speaker 0.756, "
        "0.793 up to aliases; the rules of that morning, 89c38e8: 0.882, 0.976, 0.744, 0.780); "
        "its statements were not read, but at the start of the third session a helper sorted "
        "its errors, with held-out 8's, into kinds that the session's rules answered; in the "
        "fourth session its errors were read and fixed (0.814 up to aliases before, this row "
        "after)",
    ),
    (
        "held-out 11",
        ROOT / "data" / "gold" / "quotes_heldout11.jsonl",
        "12 more BBC articles drawn at random (seed 1111, at most 3 per folder); annotated the "
        "same way (data/gold/quotes_heldout11.md) on 2026-11-27, a session after held-out 10; "
        "scored once with the rules as they stood at c6738b6 (recall 0.858, precision 0.959, "
        "speaker 0.784, 0.835 up to aliases); never used to change a rule until the ninth "
        "session (2026-11-27), which read its wrong speakers and fixed the general ones "
        "(0.837 up to aliases before, this row after)",
    ),
    (
        "held-out 12",
        ROOT / "data" / "gold" / "quotes_heldout12.jsonl",
        "12 more BBC articles drawn at random (seed 1212, at most 3 per folder); annotated the "
        "same way (data/gold/quotes_heldout12.md) at the start of the fourth session "
        "(2026-11-27) and checked by a second blind reviewer; scored with the rules as they "
        "stood at the session's start, 0a7887e (recall 0.879, precision 0.990, speaker 0.833, "
        "0.863 up to aliases), then at the session's end (0.893); its statements not read "
        "until the ninth session, which read its wrong speakers and fixed the general ones "
        "(this row)",
    ),
    (
        "held-out 13",
        ROOT / "data" / "gold" / "quotes_heldout13.jsonl",
        "12 more BBC articles drawn at random (seed 1313; three lists of the shuffle, four "
        "articles each, at most one per folder from each); annotated blind by three helpers "
        "(data/gold/quotes_heldout13.md) at the start of the ninth session (2026-11-27); "
        "scored at that session's first code, 0c7861d (recall 0.825, precision 0.988, speaker "
        "0.835, 0.859 up to aliases), its totals seen once mid-session, and at its end "
        "(0.859); its wrong speakers read at the tenth session's start to fix the general ones "
        "(this row)",
    ),
    (
        "held-out 14",
        ROOT / "data" / "gold" / "quotes_heldout14.jsonl",
        "11 more BBC articles drawn at random (seed 1414; three lists of the shuffle, at most "
        "one per folder from each; a twelfth dropped as the exact copy of a held-out 10 "
        "article); annotated blind by three helpers (data/gold/quotes_heldout14.md) at the "
        "start of the tenth session (2026-11-28); scored at that session's first code, 02923e5 "
        "(recall 0.867, precision 0.972, speaker 0.817, 0.904 up to aliases) and at its end "
        "(0.885); its wrong speakers and misses read at the eleventh session's start to fix the "
        "general ones (this row)",
    ),
    (
        "web 1",
        ROOT / "data" / "gold" / "quotes_web1.jsonl",
        "12 articles of 2023 web news from 12 of MultiHop-RAG's outlets (seed 1313; offsets into "
        "the records, which may not be committed: data/gold/quotes_web1.md), annotated blind by "
        "three helpers at the start of the eighth session (2026-11-27); scored then, at 12dbe9b "
        "(recall 0.750, precision 0.898, speaker 0.862, 0.881 up to aliases), then read to "
        "write that session's web-news rules: a development set",
    ),
    (
        "web 2",
        ROOT / "data" / "gold" / "quotes_web2.jsonl",
        "12 more MultiHop-RAG articles (seed 1414, web 1's left out; two hold no statement), "
        "annotated blind by four helpers at the start of the eighth session; scored then, at "
        "12dbe9b (recall 0.829, precision 0.895, speaker 0.776, 0.810 up to aliases); its "
        "totals seen once mid-session, then its errors sorted into kinds by a helper (no "
        "article or quotation named) for the session's last rules",
    ),
    (
        "web 3",
        ROOT / "data" / "gold" / "quotes_web3.jsonl",
        "12 more MultiHop-RAG articles (seed 1515, webs 1 and 2 left out; one holds no "
        "statement), drawn mid-session at 21c6015 and annotated blind by four helpers; scored "
        "at the session's first code, 12dbe9b (recall 0.765, precision 0.887, speaker 0.748, "
        "0.811 up to aliases), at its end (0.807) and at the ninth session's middle and end "
        "(0.814); its wrong speakers read at the tenth session's start to fix the general ones "
        "(this row)",
    ),
    (
        "web 4",
        ROOT / "data" / "gold" / "quotes_web4.jsonl",
        "12 more MultiHop-RAG articles (seed 1717, webs 1 to 3 left out), drawn and annotated "
        "blind by four helpers at the start of the tenth session (2026-11-28); scored at its "
        "first code, 02923e5 (recall 0.823, precision 0.921, speaker 0.758, 0.758 up to "
        "aliases) and at its end (0.768); its wrong speakers and misses read at the eleventh "
        "session's start to fix the general ones (this row)",
    ),
    (
        "held-out 15",
        ROOT / "data" / "gold" / "quotes_heldout15.jsonl",
        "12 more BBC articles drawn at random (seed 1515; used names and exact copies of used "
        "texts left out; three lists of the shuffle, at most one per folder from each); "
        "annotated blind by three helpers (data/gold/quotes_heldout15.md) at the start of the "
        "eleventh session (2026-11-28); scored at that session's first code, 5e3fa49 (recall "
        "0.883, precision 0.979, speaker 0.714, 0.791 up to aliases), at its end and at the "
        "sixteenth session's start (0.791); its wrong speakers and misses read in the "
        "sixteenth session to fix the general ones (this row)",
    ),
    (
        "web 5",
        ROOT / "data" / "gold" / "quotes_web5.jsonl",
        "12 more MultiHop-RAG articles (seed 1919, webs 1 to 4 left out), drawn and annotated "
        "blind by four helpers at the start of the eleventh session (2026-11-28); scored at "
        "its first code, 5e3fa49 (recall 0.767, precision 0.871, speaker 0.747, 0.808 up to "
        "aliases), at its end and at the sixteenth session's start (0.808); its wrong speakers "
        "and misses read in the sixteenth session to fix the general ones (this row)",
    ),
    (
        "held-out 16",
        ROOT / "data" / "gold" / "quotes_heldout16.jsonl",
        "12 more BBC articles drawn at random (seed 1616; used names and exact copies of used "
        "texts left out; three lists of the shuffle, at most one per folder from each); "
        "annotated blind by three helpers (data/gold/quotes_heldout16.md) at the start of the "
        "sixteenth session (2026-11-28); scored at that session's first code, 15a3aa3 (recall "
        "0.907, precision 1.000, speaker 0.923, 0.936 up to aliases), at its end and at the "
        "seventeenth session's start (0.936); its wrong speakers and misses read in the "
        "seventeenth session to fix the general ones (this row)",
    ),
    (
        "web 6",
        ROOT / "data" / "gold" / "quotes_web6.jsonl",
        "12 more MultiHop-RAG articles (seed 2020, webs 1 to 5 left out), drawn and annotated "
        "blind by four helpers at the start of the sixteenth session (2026-11-28); scored at "
        "its first code, 15a3aa3 (recall 0.829, precision 0.937, speaker 0.720, 0.757 up to "
        "aliases), at its end and at the seventeenth session's start (0.757); its wrong "
        "speakers and misses read in the seventeenth session to fix the general ones (this row)",
    ),
    (
        "held-out 17",
        ROOT / "data" / "gold" / "quotes_heldout17.jsonl",
        "12 more BBC articles drawn at random (seed 1717; used names and exact copies of used "
        "texts left out; three lists of the shuffle, at most one per folder from each); "
        "annotated blind by three helpers (data/gold/quotes_heldout17.md) at the start of the "
        "seventeenth session (2026-11-28); scored at that session's first code, 4a790b1 (recall "
        "0.896, precision 0.990, speaker 0.853, 0.863 up to aliases), at its end and at the "
        "eighteenth session's start (0.863); its wrong speakers and misses read in the "
        "eighteenth session to fix the general ones (this row)",
    ),
    (
        "web 7",
        ROOT / "data" / "gold" / "quotes_web7.jsonl",
        "12 more MultiHop-RAG articles (seed 2121, webs 1 to 6 left out), drawn and annotated "
        "blind by four helpers at the start of the seventeenth session (2026-11-28); scored at "
        "its first code, 4a790b1 (recall 0.813, precision 0.939, speaker 0.865, 0.900 up to "
        "aliases), at its end and at the eighteenth session's start (0.912); its wrong "
        "speakers and misses read in the eighteenth session to fix the general ones (this row)",
    ),
    (
        "held-out 18",
        ROOT / "data" / "gold" / "quotes_heldout18.jsonl",
        "12 more BBC articles drawn at random (seed 1818; used names, held-out 16's and 17's "
        "drawn names and exact copies of used texts left out; three lists of the shuffle, at "
        "most one per folder from each); annotated blind by three helpers "
        "(data/gold/quotes_heldout18.md) at the start of the eighteenth session (2026-11-28); "
        "scored at that session's first code, 63ad3b2 (recall 0.779, precision 0.989, speaker "
        "0.898, 0.909 up to aliases) and at its end (this row); never read: fresh",
    ),
    (
        "web 8",
        ROOT / "data" / "gold" / "quotes_web8.jsonl",
        "12 more MultiHop-RAG articles (seed 2222, webs 1 to 7 left out), drawn and annotated "
        "blind by four helpers at the start of the eighteenth session (2026-11-28); scored at "
        "its first code, 63ad3b2 (recall 0.840, precision 0.931, speaker 0.857, 0.905 up to "
        "aliases) and at its end (this row); never read: fresh",
    ),
    (
        "held-out 5",
        ROOT / "data" / "gold" / "quotes_heldout5.jsonl",
        "12 more BBC articles drawn at random (seed 5521, at most 3 per folder); annotated the "
        "same way (data/gold/quotes_heldout5.md); never used to change a rule (the rules "
        "before held-out 2: recall 0.743, precision 0.987, speaker 0.705, 0.782 up to aliases; "
        "with held-out 2's: 0.762, 0.988, 0.725, 0.800; with held-out 3's and 4's: 0.771, "
        "0.988, 0.716, 0.778; halfway through their second round still that, to the "
        "statement; after it 0.752, 0.987, 0.772, 0.823; with output fixes read off all of "
        "BBC 0.752, 0.987, 0.797, 0.848; with the parse of qa/speech_parse.py, this row; its "
        "totals were seen at each of about six steps of the parse, its statements were not "
        "read; on 2026-11-27 a helper sorted its remaining errors into kinds, no article or "
        "quotation named, and the day's later rules answered some: 0.804 to 0.859 up to "
        "aliases; in the fourth session its errors were read and fixed: 0.859 to this row)",
    ),
    (
        "test",
        ROOT / "data" / "gold" / "quotes_test.jsonl",
        "12 more BBC articles drawn at random (seed 7, at most 4 per folder); annotated the "
        "same way; never used to change a rule (looked at twelve times as the rules grew: "
        "recall 0.723, 0.723, 0.733, 0.733, 0.733, 0.762, 0.762, 0.762, 0.762, 0.762, 0.762, "
        "0.752, the tenth to check that a refactor changed nothing; speaker 0.676 before "
        "held-out 2's rules, 0.610 after them, 0.636 after held-out 3's and 4's, 0.636 (0.766 "
        "up to aliases) before their second round, 0.636 (0.779) halfway through it, 0.658 "
        "(0.803) after it and after output fixes read off all of BBC; with the parse of "
        "qa/speech_parse.py, 0.769 up to aliases, its totals seen at each of about six steps "
        "of the parse, its statements not read; on 2026-11-27 a helper sorted its errors into "
        "kinds, no article or quotation named, and the day's later rules answered some: 0.863 "
        "up to aliases; in the fourth session its errors were read and fixed: this row)",
    ),
]


def _articles(
    gold_path: Path, bbc: Path, corpus: Path
) -> dict[str, tuple[str, list[dict], str | None]]:
    """source -> (its text as qa loads it, its gold rows, the title a build gives
    find_statements beside it); `corpus`: MultiHop-RAG's corpus.json, which web gold sets
    point into."""
    if web_gold.is_web_gold(gold_path):
        titles = web_gold.titles(corpus)
        return {
            source: (text, rows, titles[source])
            for source, (text, rows) in web_gold.read(gold_path, corpus).items()
        }
    by_source: dict[str, list[dict]] = defaultdict(list)
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            by_source[row["source"]].append(row)
    # A BBC file's headline is its first line; a bundled article's title is in its text too
    return {source: (load_text(source, bbc), gold, None) for source, gold in by_source.items()}


def score_set(gold_path: Path, bbc: Path, corpus: Path = web_gold.CORPUS) -> tuple[dict, dict]:
    """(overall, per article) for one gold file."""
    per_article = {}
    for source, (text, gold, title) in sorted(_articles(gold_path, bbc, corpus).items()):
        counts = score_article(gold, text, find_statements(text, title))
        per_article[source] = {**counts, **_ratios(counts)}
    return _pooled(list(per_article.values())), per_article


# Read off the held-out misses (scripts/eval_quotes.py prints nothing per statement; the
# categories come from reading them), kept with the report so the two move together.
MISSES = (
    "In the eighteenth session the errors of held-out 17 and web 7 (fresh until then) were "
    "read and the general ones fixed: initials are one word of a name ('the Case-Shiller U.S. "
    "National Home Price Index', 'A.J. Bauer'; 'L.A.' before a surname is no first name); "
    "'the Office of Policy Development and Research' is one body (two titled people joined by "
    "'and' stay two); 'they' is the group that "
    "spoke earlier in the same sentence ('analysts at Mizuho noted that ..., they wrote'); "
    "'Telecom analysts Ovum' is the firm; 'Mr Tanzi's statement said' is Calisto Tanzi's "
    "words ('the company's statement' the company's, and 'It added' next), also as a frame "
    "after a quotation, so the quotation after it continues; 'the former monopoly' is the "
    "company the story is about; an acronym spelt out with French particles ('Conseil "
    "Superieur de l'Audiovisuel (CSA)') and inside 'a spokeswoman for the RAD' ('an EU "
    "spokesman' keeps the initials, as the gold sets write it); 'their "
    "coach' is a team's; two letters swapped misspell a surname ('Sotos-Preito'), and where "
    "two people share it the one named last before; 'a spokesman' right after a body spoke "
    "is its spokesman ('AOL spokesman'; not 'a spokesperson from Roblox'); 'Director of "
    "Public Prosecutions, Ken Macdonald QC, who sits on the SGC, said'; a quotation after a "
    "reported sentence is its speaker's once the quotation before it closed (BBC texts leave "
    "marks open between a quotation's sentences); after 'While ...,' or 'To ...,' the clause "
    "after the frame is what is reported; 'confessed' is a verb of saying; an offer with an "
    "infinitive and no object is reported ('China Aviation Oil has offered to repay its "
    "creditors'; not 'offers new users a 20% deposit match'; 9 BBC and 7 MultiHop-RAG "
    "statements new, read: all offers, one speaker wrong). Held-out 17 went "
    "from 0.863 to 0.980 up to aliases (recall 0.896 to 0.934), web 7 from 0.912 to 0.960 "
    "(recall 0.813 to 0.828, precision 0.939 to 0.945), web 4's speakers 0.886 to 0.898 (one "
    "statement fewer found: a report now stops before ', Ellison confessed'); over BBC 57 "
    "speakers changed (and 5 back with the review's 'an EU spokesman'), 29 "
    "statements new and 7 gone, over MultiHop-RAG 29, 14 and 9 (the fresh sets' articles left "
    "out); a blind judge (data/gold/judged9) found of the first 80 changes 26 made right, 2 "
    "made wrong (a misspelt surname two people share, then fixed), 45 right both ways and 7 "
    "wrong both ways; the 9 changed after the judge, and every new and gone statement, read: "
    "all right but two: a new statement whose speaker the old rules already gave wrong "
    "('Public Prosecutions', then fixed) and 'While it predicts this fall ..., it said it was "
    "making progress', now one statement across both reports where the old rules had only "
    "the first. The two sets drawn fresh at the session's start "
    "(held-out 18, web 8) scored 0.909 and 0.905 up to aliases at its first code and the "
    "same at its end: see their rows. What is left on held-out 17 and web 7: 'the "
    "Argentinean' where two coaches were just named; joint groups ('Some real-estate experts "
    "and economists'); a report inside a 'When X quipped that ...' clause; a banner that "
    "declares; 'the analysts' after a second bank's analysts were named; an obituary's 'he' "
    "for the dead man quoted in the past; figures 'from the UK's regulator Ofcom showed'; an "
    "article in Spanish. "
    "In the seventeenth session the errors of held-out 16 and web 6 (fresh until then) were "
    "read and the general ones fixed: a kin word names the person the article names with it "
    "('her grief-stricken father, Thomas Hand,' and later 'her father', 'the father'); an age "
    "no one is given is the person the story is about ('The 28-year-old world number one' "
    "after 'Lindsay Davenport has put ...'); 'Tory claims' are the Conservatives'; 'by the "
    "Conservatives who said' is theirs, not the quoted 'big misjudgement' before them (and "
    "'the Court of Appeal who said' the court's); a title's full stop does not end an "
    "'according to' phrase ('Dr. Julia Corcoran'); 'The Canada-based company' before any "
    "company spoke is the company the article described by a company word ('Video game firm "
    "Bioware'); a group keeps the words that say which one ('relationship experts', 'sources "
    "at four different Big Ten schools', read off the parse) and a document its participle "
    "('a study published in November'); no 'also' in who speaks; a person's description "
    "('The EU's top diplomat') is never who 'it' is next; the name after a leading phrase's "
    "comma ('At an event held for press prior to the device's launch, Greg Coomer, a product "
    "designer at Valve, called'), or the name set beside a description there; 'the tech "
    "company' after 'Shares in Microsoft' is Microsoft, never a document 'it' was; 'A third "
    "Big Ten head coach' is kept whole; 'the source' is who spoke so described ('A source "
    "briefed on the coaches' call'); 'the singer-songwriter' is a person noun by either half "
    "of the word; a faith ('raised Roman Catholic') is no one's name; and what people named by "
    "their trade expect, feel, hope or question is reported, through the parse ('analysts "
    "expect the trend to continue', 'many observers feel that'; not what they know or are "
    "asked); turns of phrase are no one's report ('To say that ... would be an "
    "understatement', 'Who says we', 'That is to say that', 'Time will tell how'). Held-out 16 "
    "went from 0.936 to 0.988 up to aliases (recall 0.907 to 0.930), web 6 "
    "from 0.757 to 0.905; over BBC 27 speakers changed, and a blind judge (data/gold/judged8) "
    "found 18 made right, none made wrong, 3 right both ways, 6 wrong both ways; over "
    "MultiHop-RAG (web 7's articles left out) 55, judged by the same judge: 51 made right, 1 "
    "made wrong (a dummy 'it' left as written where a description stood before), 3 wrong both "
    "ways, and 7 more after the judge, read: all made right; 19 BBC and 4 MultiHop-RAG "
    "statements new (groups' expectations and doubts), 18 MultiHop-RAG ones gone (the turns "
    "of phrase; web 4's precision 0.925 to 0.930). The two sets drawn fresh at "
    "the session's start: see "
    "their rows. What is left on held-out 16 and web 6: a record label named only before "
    "'label' ('his fledging 2 Wikid Records label' / 'the label'); a singer described by a "
    "song ('The \"Friends in Low Places\" singer') in a section about another couple; a "
    "research team introduced by who leads it; a leading participle ('Asked to describe the "
    "tone ..., another Big Ten coach called it'); and statements whose speaker the annotators "
    "read off a report's inner clause. "
    "In the sixteenth session the errors of held-out 15 and web 5 (fresh until then) were read "
    "and the general ones fixed: a one-word name the article reports as a he or she ('Safin "
    "said he was trying') is a person's, and 'the Russian', 'the Argentine', 'the Belgian' "
    "(more nationalities) that person; 'she' is not the last person named where a first name "
    "makes him a man ('Taylor Swift ... her relationship with Travis Kelce ... she said'); a "
    "quantifier is no part of who speaks ('some economists' -> economists); 'against San "
    "Francisco, the coach said' is a new subject, no apposition; a description and then the "
    "person's name set off by commas, after a quotation or in the parse ('the Wikimedia "
    "Foundation's VP for global advocacy, Rebecca MacKinnon, says'); 'it' when no body has "
    "spoken: a body its sentence or the one before names by an organisation's name or "
    "initials ('the MDA's own predictions, it said'), or the company a description opening "
    "the sentence before stands for ('The computer giant has sued ... It said'); 'according "
    "to ad tracking firm iSpot'; a leading phrase is no subject ('In their November report, "
    "MPs from the committee ..., said'); people a participle describes ('36 people accused in "
    "connection with the blasts said'); 'X said CLAUSE, with analysts saying CLAUSE' is two "
    "reports; '\"...,\" X says, pointing out that CLAUSE' reports the clause too; 'says "
    "United's manager' is the manager, not 'United's'; a name with 'I', 'Me' or 'My' in it "
    "is a title's words, no person's ('All I', 'Drive Me Home'; not 'Elizabeth I'). Held-out "
    "15 went from 0.791 to 0.923 "
    "up to aliases, web 5 from 0.808 to 0.879. Over BBC 101 speakers changed: 33 a quantifier "
    "dropped, and of the other 68 a blind judge (data/gold/judged7) found 37 made right, 1 "
    "made wrong, 21 right both ways, 9 wrong both ways; over MultiHop-RAG (web 6's articles "
    "left out) 66, 27 quantifiers, of 39 judged 22 made right, 1 wrong, 5 and 11 both ways; 1 "
    "BBC and 5 MultiHop-RAG statements new (', noting that'), none gone; the last rule (titles "
    "with 'I') changed 2 more BBC speakers and 43 MultiHop-RAG ones, read, not judged: 22 "
    "made right, 1 made wrong, the rest wrong both ways. The two sets drawn "
    "fresh at the session's start: see their rows. What is left on held-out 15 and web 5: a "
    "report's nested speaker ('Mr "
    "Kilroy-Silk said the man ... claimed'); The Roar's own reporting; who 'they' is two "
    "sentences on; a frame missing its comma ('educational elements said Mr Owen'); a book "
    "review's author named only in its heading; an anonymous 'one of the 100 contestants'. "
    "In the eleventh session the errors of held-out 14 and web 4 (fresh until then) were read "
    "and the general ones fixed: an -ly adverb opening a sentence is no part of a name "
    "('Eventually Vincent'); 'states' is a verb only where no noun's words stand around it "
    "('European states which joined the EU will see 4.6% growth, the UNECE said'); a name "
    "inside each of two descriptions ('ABN Amro chief Asian strategist Eddie Wong'); who 'he' "
    "is: not a name in a leading phrase ('On Optus Sport, ex-Spurs boss Tim Sherwood'), the "
    "person 'saying' just before ('with Oliver, 16, saying he'), a first name described by "
    "'who' or an age; a quotation ended by a full stop whose frame stands bare after it "
    "('\"...\" Dury told Space.com'); a list of tributes ('Wayne Rooney, former Everton and "
    "England forward: \"...\"'); 'according to' a web address ('spaceweather.com'); "
    "'determined', 'disclosed', 'contended' before 'that'; a work's title in quotation marks "
    "is no one's words ('a video titled \"Official statement\"'). Read off the whole corpus: "
    "a first name given to one sex (the 1990 US census lists, qa/first_names.py) says who 'he' "
    "or 'she' is; a surname is the full name the article gives, not a longer one a common word "
    "before it made ('Mogul Wilson' -> Tony Wilson). They moved held-out 14 from 0.885 to "
    "0.913 up to aliases and web 4 from 0.768 to 0.891 (recall 0.834 to 0.862); the two sets "
    "drawn fresh at the session's start did not move at all: held-out 15 0.791 and web 5 "
    "0.808, the same statements found and the same speakers right. What is left on held-out 14 "
    "and web 4: a post named before its holder is ('the prime minister says it is time for Mr "
    "Livingstone to say sorry', Tony Blair named only as 'Tony Blair's intervention'); a "
    "description of a person whose name the article gives by another route ('The Spectator "
    "editor' for Boris Johnson, 'his son' for 'Nogar's son Stephen'); a bare 'a spokesperson' "
    "after the body that speaks ('Ukie'); 'the club' for a club named by one word; who is "
    "apposed after a description with commas ('The Merovingian's wife, Persephone, notes'); "
    "lowercase names ('lomas told Space.com'); reports with no verb of saying ('Research bears "
    "out the suspicion that', 'Figures gathered by Continental Research shows that', 'a family "
    "statement read'). "
    "In the tenth session the errors of held-out 13 and web 3 (fresh until then) were read and "
    "the general ones fixed: a colon's frame names who the 'he said' after the same quotation "
    "is ('George Osborne said: \"...,\" he said'); a party or seat before a name is the role "
    "('Tory MP Michael Mates', 'Lib Dem Norman Baker'), and so is what a person is "
    "('Striker Nicolas Anelka', 'DJ Norman Cook'); a description with a name inside it before "
    "the speaker's name ('says the former United defender Gary Pallister'); the name set "
    "beside a description ('said his wife, Sheila.', 'the work's author, US playwright Eve "
    "Ensler, says'); a surname 'of' a body ('Wick of Massachusetts Cranberries'); a quotation "
    "framed before and ended 'according to the FT' is the framed speaker's; a colon frames "
    "the quotation after it however long the clause before it; 'concluded', 'commented', 'he "
    "once said'; an official, a source or an aide not named ('a senior administration "
    "official told reporters'); a quotation ending in '?', '!' or '…' that the sentence "
    "splitter parts from its frame; a subordinator opening a subject ('while Harper'); and, "
    "read off all of BBC's and MultiHop-RAG's speakers, names cleaned of what is written "
    "before them: a seat after other words of a role ('Euro MP Robert Kilroy-Silk'), a "
    "description opening with capitals ('Aviator star Alan Alda', 'UK advertising giant "
    "WPP'), a participle opening the sentence ('Fuming Robinson'). They "
    "moved held-out 13 from 0.859 to 0.934 up to aliases (recall 0.825 to 0.883) and web 3 "
    "from 0.814 to 0.840 (recall 0.775 to 0.802); the two sets drawn fresh at the session's "
    "start moved 0.904 to 0.885 (held-out 14) and 0.758 to 0.768 (web 4). What is left on "
    "held-out 13 and web 3: descriptions of a body named before under another name ('The "
    "startup', 'the school', 'the EO', 'the magazine'), a stage name or nickname ('B-Hops', "
    "'The Girls Trip star'), 'the papers' for two named newspapers, groups joined by 'and' "
    "('military experts and defense analysts'), dotted US ranks ('retired Army Lt. Gen. "
    "Stephen Twitty'), a party in brackets ('Chuck Schumer (D-NY)'), 'Former U.S. Ambassador "
    "to NATO Kurt Volker', and statements with no verb of saying ('branding stamp duty a "
    '"classic Labour stealth tax"\', \'resigned for "personal reasons"\'). '
    "In the ninth session the wrong speakers of held-out 11 and 12 (fresh until then) were "
    "read and the general ones fixed: a post described by whose it is ('The political "
    "reform group's general secretary') given to who spoke just before; capitals ending a "
    "name make a product, not a person ('Sony PSP', 'Nintendo DS'; not 'Frank Field MP'); "
    "the plural head of a subject before ', saying that'; who rejects a claim answers in the "
    "quotation after it; a quotation with no frame after narration opening with another "
    "known person is theirs ('US coach Patrick McEnroe wants ...'); figures or research a "
    "speaker cites as showing something are the innermost report's speaker ('They claim "
    "government figures show that'); a share of a group speaks for the group ('69% of "
    "over-55s say'); 'accepts that', 'are worried that'; 'DOJ' spelt out with 'of'; people "
    "named by what they are keep what says which ('Sources close to the negotiations'); and, "
    "read off web 1's and 2's false statements, what a company announces, reports or adds "
    "after a determiner is an object unless a verb follows soon. They moved held-out 11 from "
    "0.837 to 0.908 and 12 from 0.893 to 0.942 up to aliases, and the fresh held-out 13 not "
    "at all (0.859 before and after). What is left on them is one "
    "of a kind: a description naming a body the article never calls so ('The corporation' "
    "for the BBC, 'Europe's biggest drugmaker' for GlaxoSmithKline), a nested report inside a "
    "'when' clause, a quotation whose opening mark is never closed, 'A spokesman for one US "
    "shop'. "
    "In the fourth session the wrong speakers of held-out 3 to 10 and test were read and the "
    "general ones fixed (a name inside 'iPod', a participle the parse gave its own subject, "
    "'Justice' as a title, a 'but' clause's subject, party names, initials spelt out with a "
    "possessive, long descriptions of the person an article is about, a described bank, "
    "names joined by '&', one-word bodies with a description, 'His lawyers' of the sentence "
    "before's subject, 'the Democrat senator', a 'they' carried to the next sentence, posts "
    "of whoever spoke just before, a lead's 'a top academic'); what is left on them: reports "
    "inside reports ('Schumer said he was told by the Senate Rules Committee that', 'says "
    "Lord Goldsmith warned', 'a claim by Peter Hain that'), a kin description named only "
    "later ('Michael Jackson's mother' / Katherine Jackson, 'her pop star son'), bodies "
    "described by relation ('the Delta subsidiary', 'The developers behind the system', 'The "
    "union' when two unions are named), a name with 'the' inside ('Save the Scottish "
    "Regiments'), a document named by 'This' or 'its submission', a document's fuller naming "
    "('The survey' for 'a survey by PC Pro Magazine'), stage names that do not look like "
    "names ('The Game', '50 Cent'), and 'the prime minister' given to whoever spoke just "
    "before when that is the person the article is about but not the prime minister (3 BBC "
    "statements). Held-out 11 and 12, never read, moved 0.837 to 0.837 and 0.863 to 0.892 up "
    "to aliases over these rules (held-out 12 by one article's three 'the first minister'). "
    "On held-out 8 and 10 a helper sorted what was wrong into nine kinds at the start of the "
    "third session (no article or quotation named): 23 wrong speakers, 32 statements missed "
    "and 7 false, the largest kinds a description or pronoun linked to the wrong entity or "
    "left as written (14), a quote with no frame beside a report the neighbour rule turned "
    "down (9), frame words the patterns lacked ('reckon', 'was adamant that', what a survey "
    "found or showed, 9), frames out of place ('And according to X,', a clause that goes on "
    "after ', according to X,', 8), a statement hanging off a participle ('saying' with no "
    "comma, ', telling X that', 6), non-statements (a nickname inside a name, a possessive "
    "object, 5), a report inside a report (4), names cut short ('traders' for 'traders in "
    "Asia', 4) and passive frames ('was quoted as saying', 'is alleged to have said', 3). "
    "That session's rules answer most of them; what is left of them: reports inside reports, a "
    "party's nickname against its formal name, a quote after narration with no verb of "
    "saying. Held-out 11, annotated then and never sorted, moved only from 0.835 to 0.837 up "
    "to aliases over the same rules. "
    "On held-out 5, test and 9 a helper sorted what was wrong into kinds on 2026-11-27 (no "
    "article or quotation named; the day's later rules answered some): 39 wrong speakers, "
    "the largest kinds a possessive or kin description left as written ('Her lawyers', 'X's "
    "mother', 6), a frame read off the wrong noun phrase (6; a participle after an object, "
    "a 'which' bound to the wrong noun, a list of bodies cut to its first), a pronoun after "
    "an earlier wrong speaker (5), he/she/it to the wrong antecedent (5), a report inside a "
    "report kept by the outer speaker (3, some since fixed), a description not linked to its "
    "person (3); and 33 statements missed, the largest kinds a frame in the middle of a "
    "sentence after a subordinate clause ('Although ..., the bank said, ...', 7), a quoted "
    "fragment after 'dismissed ... as', 'apologised for' (4), an infinitive after 'warned', "
    "'offered' (4, some since fixed), a report headed by a noun ('an announcement by Acme "
    "that', 4). Left from held-out 6 and 7: an interview whose quotations have no frame at "
    "all, the BBC's own reporter named only as 'The BBC's Zubair Ahmed', a possessor ('his "
    "agent' for 'Philip Pullman's agent': a possessor is now the person named just before in "
    "the sentence or the one before, and Pullman is named there only by a headline's "
    "possessive), 'the chancellor' where the article never gives anyone that title. "
    "Since the parse (qa/speech_parse.py) reads the sentences the rules found nothing in, "
    "most of what is still wrong is the speaker, not the statement: the parse finds a "
    "statement's subject, and the rules' resolver names it: over the seven sets of the "
    'time the parse added 48 statements found and 28 right speakers ("he" or "the firm" '
    "two sentences on, a subject the parser misreads). Before the parse, from the held-out "
    "sets' misses "
    '(some of these frames the parse now reads): frames the patterns do not know ("It quoted a '
    'spokesman ... complaining that", "Reports ... have prompted a formal complaint", '
    '"Despite insisting he wants ...", "wondered if", "some think", "Wood tips his team-mates '
    'to", "read the statement"); a verb whose subject is far back ("Bosch has stopped '
    'production of the part but expects to restart", "Some of those who have been banned ... '
    'protested their innocence ... and said"); reports in relative clauses ("Weitz, who '
    'admitted he would not be ..., said"); a quote that follows a reported clause with no frame '
    "of its own; statements whose speaker is named only in another sentence, or only by a "
    'description no one was given before ("the Japanese gaming giant" when the company has '
    'not spoken, "the chancellor" when no one is given that title); subjects the patterns '
    "cannot "
    'span ("Past Congressional Budget Office (CBO) forecasts said", "some computer users who '
    'had tested the latest software reported"); organisations the article abbreviates without '
    'spelling out ("the SEC"); and garbled source text ("said David Yarnton, Nintendo Europe\'s '
    'general manager said"). A he/she goes to a person who opens one of the three sentences '
    "before it, if one did since the last speaker, else to the last person who spoke; with no "
    "title, gendered role or kin word in the article a name's sex is what its first name says "
    "where the census lists give it to one sex ten times as often (eleventh session), else "
    "unknown."
)


def _fmt(x: float | None) -> str:
    return "–" if x is None else f"{x:.3f}"


def _row(name: str, row: dict) -> str:
    return (
        f"| {name} | {row['gold']} | {row['found']} | {row['returned']} | "
        f"{_fmt(row['recall'])} | {_fmt(row['precision'])} | {_fmt(row['speaker_acc'])} | "
        f"{_fmt(row['kind_acc'])} |"
    )


HEADER = [
    "| article | gold | found | returned | recall | precision | speaker acc | kind acc |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
]


# The sets no rule was read off: their figures are the honest estimate of the rules on news
# they have not seen. A set leaves this list the session its errors are read.
FRESH = ("held-out 18", "web 8")


def report(out: Path, bbc: Path) -> None:
    """docs/quotes.md: every gold set scored, per set and per article, and the timing."""
    scored = [(name, path, note, *score_set(path, bbc)) for name, path, note in SETS]
    lines = [
        "# Who said it: statements and speakers",
        "",
        f"`scripts/eval_quotes.py --report` on {time.strftime('%Y-%m-%d')}: "
        f"`qa.quotes.find_statements` against {len(SETS)} hand-made gold sets of reported "
        "statements (rules in data/gold/QUOTES.md; texts checked verbatim by "
        "`scripts/check_quotes_gold.py`). A gold statement is found when a returned one "
        "overlaps at least half of it; a returned statement is correct when it overlaps at "
        f"least half of a gold one. {SPEAKER_RULE}. Up to aliases (the issue's wording): also "
        "when one name is the other less some words and the shorter still has a capitalised "
        'word ("Parmalat" / "Parmalat Finanziaria"; not "the company" / "UK Coal").',
        "",
        "| set | statements | recall | precision | speaker correct | speaker, up to aliases "
        "| kind correct | what it is |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for name, _, note, overall, _ in scored:
        lines.append(
            f"| {name} | {overall['gold']} | {_fmt(overall['recall'])} | "
            f"{_fmt(overall['precision'])} | {_fmt(overall['speaker_acc'])} | "
            f"{_fmt(overall['alias_acc'])} | "
            f"{_fmt(overall['kind_acc'])} | {note} |"
        )
    for label, names in (
        ("**read sets, pooled**", [n for n, *_ in SETS if n not in FRESH]),
        ("**fresh sets, pooled**", list(FRESH)),
    ):
        pooled = _pooled([overall for name, _, _, overall, _ in scored if name in names])
        lines.append(
            f"| {label} | {pooled['gold']} | {_fmt(pooled['recall'])} | "
            f"{_fmt(pooled['precision'])} | {_fmt(pooled['speaker_acc'])} | "
            f"{_fmt(pooled['alias_acc'])} | {_fmt(pooled['kind_acc'])} | "
            f"{', '.join(names)}: every statement of the sets counted once |"
        )
    for name, path, _, overall, per_article in scored:
        lines += ["", f"## {name} (`{path.relative_to(ROOT)}`)", "", *HEADER]
        lines += [_row(source, row) for source, row in per_article.items()]
        lines.append(_row("**overall**", overall))
    if bbc.exists():
        s = speed(bbc)
        lines += [
            "",
            f"find_statements over {s['articles']} BBC articles: {s['seconds']} s (median of "
            f"3), {s['per_s']} articles/s on this machine. What that costs a whole build: "
            "`scripts/bench_attribution.py`.",
        ]
    lines += ["", "## What it misses", "", MISSES]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {out}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gold", type=Path, default=ROOT / "data" / "gold" / "quotes.jsonl")
    parser.add_argument("--bbc", type=Path, default=Path("/work/shared/corpora/bbc-news"))
    parser.add_argument(
        "--corpus", type=Path, default=web_gold.CORPUS, help="what web gold sets point into"
    )
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--no-speed", action="store_true", help="skip the BBC timing")
    parser.add_argument("--report", type=Path, help="score every gold set, write Markdown here")
    args = parser.parse_args(argv)
    if args.report:
        report(args.report, args.bbc)
        return 0

    overall, per_article = score_set(args.gold, args.bbc, args.corpus)

    def fmt(x: float | None) -> str:
        return "–" if x is None else f"{x:.3f}"

    print(f"{SPEAKER_RULE}\n")
    print("| article | gold | found | returned | recall | precision | speaker acc | kind acc |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, row in [*per_article.items(), ("**overall**", overall)]:
        print(
            f"| {name} | {row['gold']} | {row['found']} | {row['returned']} | "
            f"{fmt(row['recall'])} | {fmt(row['precision'])} | {fmt(row['speaker_acc'])} | "
            f"{fmt(row['kind_acc'])} |"
        )
    if overall["gold_not_in_text"]:
        print(f"\n{overall['gold_not_in_text']} gold texts not found verbatim in their article")
    result = {"speaker_rule": SPEAKER_RULE, "overall": overall, "per_article": per_article}
    if not args.no_speed:
        if args.bbc.exists():
            result["speed"] = speed(args.bbc)
            s = result["speed"]
            print(
                f"\nfind_statements over {s['articles']} BBC articles: {s['seconds']} s "
                f"(median of 3), {s['per_s']} articles/s"
            )
        else:
            print(f"\n{args.bbc} not found: no timing", file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
