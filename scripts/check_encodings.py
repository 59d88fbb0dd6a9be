#!/usr/bin/env python
"""How `qa.decode.decode` reads the files of a corpus that are not UTF-8, against the detector.

    python scripts/check_encodings.py /work/shared/corpora/bbc-news

For every file that is not valid UTF-8 it prints the encoding charset-normalizer ranks first
(what `decode` used before it preferred windows-1252 for Western text) and the one `decode`
chooses now, with the non-ASCII characters each reading gives, then the counts of both.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

from charset_normalizer import from_bytes

from qa.decode import decode  # noqa: E402
from qa.problems import LoadWarning


def _odd(text: str) -> str:
    """The distinct non-ASCII characters of a reading, to see at a glance if it is right."""
    return "".join(sorted(set(re.findall(r"[^\x00-\x7f]", text))))[:30]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    args = parser.parse_args()
    files = sorted(p for p in args.folder.rglob("*") if p.is_file())
    before, after = Counter(), Counter()
    for path in files:
        data = path.read_bytes()
        try:
            data.decode("utf-8")
            continue
        except UnicodeDecodeError:
            pass
        best = from_bytes(data).best()
        old = best.encoding if best is not None else "cp1252"
        warnings: list[LoadWarning] = []
        text = decode(data, str(path), warnings)
        new = next(
            (w.message.rsplit(" ", 1)[-1] for w in warnings if "decoded as" in w.message), "?"
        )
        before[old] += 1
        after[new] += 1
        old_text = str(best) if best is not None else data.decode("cp1252", errors="replace")
        print(
            f"{path.relative_to(args.folder)}\tdetector: {old} {_odd(old_text)!r}\t"
            f"decode: {new} {_odd(text or '')!r}"
        )
    print(f"\n{len(files)} files, {sum(after.values())} not UTF-8")
    print("detector's first choice (before):", dict(before.most_common()))
    print("decode's choice (now):           ", dict(after.most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
