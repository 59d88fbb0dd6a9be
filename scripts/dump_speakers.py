#!/usr/bin/env python
"""Every statement qa.quotes finds in the BBC corpus, with its speaker, as one JSON file:
what two versions of the rules are compared by (diff two dumps, draw changes to judge).

    .venv/bin/python scripts/dump_speakers.py OUT.json [--code CHECKOUT] [--bbc DIR]
        [--corpus PATH]

Each row: [source, char_start, char_end, speaker, speaker mention, kind]. --code runs the
qa package of another checkout (a git worktree of an older commit) instead of this one's.
--corpus dumps any file or folder `qa index` reads instead of BBC (MultiHop-RAG's
corpus.json: its sources are the records' own), in the order it reads them.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

BBC = Path("/work/shared/corpora/bbc-news")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--code", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--bbc", type=Path, default=BBC)
    parser.add_argument("--corpus", type=Path)
    args = parser.parse_args()
    sys.path.insert(0, str(args.code))
    from qa.load import load_documents
    from qa.quotes import find_statements

    try:  # what a build gives find_statements beside the text (an older checkout: nothing)
        from qa.quotes import headline_of
    except ImportError:
        headline_of = None

    def statements(doc):
        if headline_of and headline_of(doc.text, doc.title):
            return find_statements(doc.text, doc.title)
        return find_statements(doc.text)  # what an older checkout's takes

    rows = []
    if args.corpus:
        documents = ((doc.source, doc) for doc in load_documents([args.corpus], []))
    else:
        documents = (
            (f"{path.parent.name}/{path.name}", next(iter(load_documents([path], []))))
            for path in sorted(args.bbc.glob("*/*.txt"))
        )
    for source, doc in documents:
        for s in statements(doc):
            mention = doc.text[s.speaker_start : s.speaker_end]
            rows.append([source, s.char_start, s.char_end, s.speaker, mention, s.kind])
    args.out.write_text(json.dumps(rows), encoding="utf-8")
    print(f"{len(rows)} statements -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
