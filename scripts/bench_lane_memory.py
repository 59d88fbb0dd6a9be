#!/usr/bin/env python
"""What a build's lanes hold in memory, and what letting go of them gives back: the process's
RSS with the model loaded, after encoding passages on the lanes (as `qa index` does), and after
`release_lanes()` (which `qa index` calls when its embedding is done, before BM25 and the
graph).

    python scripts/bench_lane_memory.py [--backend onnx --backend openvino ...] [--passages 300]
                                        [--no-trim]

Each backend in a fresh process (RSS is a process's), on windows of 200 words (a build's
passage size) from the first BBC articles (sorted); the export from the machine's export cache
(QA_EXPORT_CACHE), made there if missing. --no-trim leaves out the heap trim after the
release (`qa.embed._trim_heap`), to see what it adds.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

from _setup import ROOT, scratch  # noqa: E402

CHILD = """
import json, sys
from pathlib import Path
sys.path[:0] = [sys.argv[3], sys.argv[3] + "/scripts"]
from _setup import rss_mb as rss
from bench_lanes import windows
from qa import embed
from qa.config import DEFAULT_MODEL

texts = windows(int(sys.argv[2]), 200)
if sys.argv[5] == "no-trim":
    embed._trim_heap = lambda: None
embedder = embed.get_embedder(DEFAULT_MODEL, sys.argv[1], Path(sys.argv[4]))
out = {"loaded": rss()}
embedder.encode_passages(texts)
out["lanes"] = len(embedder._lane_runs or [])
out["after encoding"] = rss()
embedder.release_lanes()
out["after release_lanes"] = rss()
print(json.dumps(out))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", action="append", help="default: onnx and openvino")
    parser.add_argument("--passages", type=int, default=300)
    parser.add_argument("--no-trim", action="store_true")
    args = parser.parse_args()
    print(
        "| backend | lanes | RSS loaded (MB) | after encoding | after release_lanes | given back |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    for backend in args.backend or ["onnx", "openvino"]:
        done = subprocess.run(
            [
                sys.executable,
                "-c",
                CHILD,
                backend,
                str(args.passages),
                str(ROOT),
                str(scratch()),
                "no-trim" if args.no_trim else "trim",
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        r = json.loads(done.stdout.splitlines()[-1])
        given = r["after encoding"] - r["after release_lanes"]
        print(
            f"| {backend} | {r['lanes']} | {r['loaded']} | {r['after encoding']} | "
            f"{r['after release_lanes']} | {given} |"
        )


if __name__ == "__main__":
    main()
