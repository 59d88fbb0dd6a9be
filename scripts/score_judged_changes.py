#!/usr/bin/env python
"""Score a blind judgment of speaker changes between two versions of the rules.

    .venv/bin/python scripts/score_judged_changes.py [--dir data/gold/judged]

`speaker_changes_pairs.json` holds statements of BBC articles whose speaker two versions of
qa.quotes gave differently (drawn at random from all such changes over the 2,225 articles,
`scripts/dump_speakers.py` run on each version), each with its two speakers as "A" and "B"
in random order; `speaker_changes_verdicts.json` is a judge's verdict on each (who made the
statement: "A", "B", "both" or "neither"), made without knowing which version said which;
`speaker_changes_key.json` says which letter is the old version's. Prints how many changes
made the speaker right, wrong, or left it right or wrong.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", type=Path, default=ROOT / "data" / "gold" / "judged")
    args = parser.parse_args()
    old = {
        k["id"]: k["old"] for k in json.loads((args.dir / "speaker_changes_key.json").read_text())
    }
    verdicts = json.loads((args.dir / "speaker_changes_verdicts.json").read_text())
    counts: Counter[str] = Counter()
    for v in verdicts:
        new = "A" if old[v["id"]] == "B" else "B"
        verdict = v["verdict"]
        counts[
            "new right, old wrong" if verdict == new
            else "old right, new wrong" if verdict == old[v["id"]]
            else f"{verdict} right"
        ] += 1  # fmt: skip
    for name in ("new right, old wrong", "old right, new wrong", "both right", "neither right"):
        print(f"{name}: {counts[name]}")
    print(f"judged: {len(verdicts)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
