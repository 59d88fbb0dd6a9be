#!/usr/bin/env python
"""Draw speaker changes between two dumps of `scripts/dump_speakers.py` for a blind judgment.

    .venv/bin/python scripts/draw_speaker_changes.py OLD.json NEW.json --out DIR [--n 60]
        [--seed 1]

Writes DIR/speaker_changes_pairs.json (each drawn statement with its article, the text
around it and its two speakers as "A" and "B" in random order) and DIR/speaker_changes_key.json
(which letter is the old version's), the format `scripts/score_judged_changes.py` reads once a
judge has written DIR/speaker_changes_verdicts.json without seeing the key. Only statements
both versions found, at the same offset, with different speakers are drawn.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

from _setup import ROOT  # noqa: F401  (puts this checkout's qa first)

from qa.load import load_documents

BBC = Path("/work/shared/corpora/bbc-news")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--n", type=int, default=60)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--bbc", type=Path, default=BBC)
    args = parser.parse_args()
    old = {(r[0], r[1]): r for r in json.loads(args.old.read_text())}
    new = {(r[0], r[1]): r for r in json.loads(args.new.read_text())}
    changed = sorted(k for k in old.keys() & new.keys() if old[k][3] != new[k][3])
    rng = random.Random(args.seed)
    drawn = rng.sample(changed, min(args.n, len(changed)))
    pairs, key = [], []
    for i, k in enumerate(drawn):
        [doc] = load_documents([args.bbc / k[0]], [])
        start, end = new[k][1], new[k][2]
        context = doc.text[max(0, start - 700) : end + 300]
        swap = rng.random() < 0.5
        a, b = (new[k][3], old[k][3]) if swap else (old[k][3], new[k][3])
        pairs.append(
            {
                "id": i,
                "article": k[0],
                "statement": doc.text[start:end],
                "context": context,
                "A": a,
                "B": b,
            }
        )
        key.append({"id": i, "old": "B" if swap else "A"})
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "speaker_changes_pairs.json").write_text(json.dumps(pairs, indent=1) + "\n")
    (args.out / "speaker_changes_key.json").write_text(json.dumps(key, indent=1) + "\n")
    print(f"{len(drawn)} of {len(changed)} changed speakers -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
