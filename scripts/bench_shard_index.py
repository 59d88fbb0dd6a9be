#!/usr/bin/env python
"""Memory of the embedding cache's index as a build holds it (docs/scaling.md, build memory).

    python scripts/bench_shard_index.py --keys 3000000

Writes a cache of N keys in shards of 512 (as `qa index` writes them, with 4-dimensional zero
vectors: the index's memory does not depend on the vectors), then, in a fresh process, does
what a build does with it: opens the `ShardIndex`, asks which of the passages' keys are
missing a window of `QA_BUILD_WINDOW` at a time, and keeps every passage's key id for the
vector stage. Prints the process's resident memory before and after, what it grew by
(`held_mb`) and its peak, in MB. Run at an older commit (a `git worktree`), the same script
measures the code before it: the index a dict, the keys a list.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MEASURE = """
import json, resource, sys, time
from pathlib import Path
import numpy as np
from qa import shards
from qa.build import build_window

def rss():
    return int(Path("/proc/self/status").read_text().split("VmRSS:")[1].split()[0]) / 1024

n, folder = int(sys.argv[1]), Path(sys.argv[2])
out = {"keys": n, "start_mb": rss()}
started = time.perf_counter()
index = shards.ShardIndex(folder)
kept = []
window = build_window()
for start in range(0, n, window):
    keys = [shards.key("m", str(i)) for i in range(start, min(n, start + window))]
    assert not index.missing(keys)
    # The key ids (qa.shards.ids, 16 bytes each); before them, the keys themselves
    kept.append(shards.ids(keys) if hasattr(shards, "ids") else keys)
kept = np.concatenate(kept) if hasattr(shards, "ids") else [k for w in kept for k in w]
out["seconds"] = time.perf_counter() - started
out["after_mb"] = rss()
out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
out["held_mb"] = out["after_mb"] - out["start_mb"]
print(json.dumps(out))
"""


def write_cache(folder: Path, n: int) -> None:
    import numpy as np

    from qa import shards

    if (folder / "complete").is_file():
        return
    folder.mkdir(parents=True, exist_ok=True)
    for start in range(0, n, shards.SHARD_SIZE):
        keys = [shards.key("m", str(i)) for i in range(start, min(n, start + shards.SHARD_SIZE))]
        shards.write_shard(folder, np.array(keys), np.zeros((len(keys), 4), np.float32))
    (folder / "complete").write_text(str(n))


GATHER = """
import json, resource, sys
from pathlib import Path
import numpy as np
from qa import shards

def rss():
    return int(Path("/proc/self/status").read_text().split("VmRSS:")[1].split()[0]) / 1024

folder = Path(sys.argv[1])
index = shards.ShardIndex(folder)
ids = np.concatenate([shards.ids(np.load(p)) for p in index.shards])
start = rss()
for at in range(0, len(ids), 8192):  # as the build's vector stage reads the cache
    index.gather(ids[at : at + 8192], 384)
print(json.dumps({"vectors": len(ids), "held_mb": rss() - start,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=1_000_000)
    parser.add_argument("--work", type=Path, default=ROOT / ".bench")
    parser.add_argument(
        "--gather",
        type=Path,
        metavar="CACHE",
        help="instead: read every vector of this embedding cache (384 dimensions) as the "
        "build's vector stage does, 8,192 at a time, and print what the process held after",
    )
    args = parser.parse_args()
    if args.gather:
        run = subprocess.run(
            [sys.executable, "-c", GATHER, str(args.gather)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=True,
        )
        print(run.stdout.strip())
        return
    folder = args.work / f"shard-index-{args.keys}"
    write_cache(folder, args.keys)
    run = subprocess.run(
        [sys.executable, "-c", MEASURE, str(args.keys), str(folder)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    print(run.stdout.strip())


if __name__ == "__main__":
    main()
