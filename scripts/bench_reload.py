#!/usr/bin/env python
"""What verifying a build costs a worker's reload, at a million passages; writes
docs/reload.md.

    python scripts/bench_reload.py                  # 1,000,000 passages (builds it once)
    python scripts/bench_reload.py --passages 100000

The index is scripts/bench.py's synthetic one (BBC passages sampled with replacement, noisy
real vectors, HNSW-SQ8 above 30k passages), kept in .bench/synthetic-<n> and reused. Timed,
medians of --repeats runs, page cache warm (as for a build just written):

- the size check alone (what hot reload did before #12);
- full verification with a stamp that vouches for every file (qa.integrity: a stat per file);
- full verification without the stamp (every file hashed: a build copied in by hand);
- a whole reload as a worker does it (LiveIndex notices the new `current`, opens, verifies and
  swaps), with the stamp.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from _setup import ROOT  # noqa: E402
from bench import WORK, du, synthetic_index  # noqa: E402

from qa import integrity, layout  # noqa: E402
from qa.config import DEFAULT_MODEL  # noqa: E402
from qa.live import LiveIndex  # noqa: E402


def timed(fn, repeats: int) -> float:
    runs = []
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--passages", type=int, default=1_000_000)
    parser.add_argument("--base", type=Path, default=ROOT / ".eval" / "bbc")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "reload.md")
    args = parser.parse_args()

    target = WORK / f"synthetic-{args.passages}"
    if not (target / "current").exists():
        print(f"building {target} ...", flush=True)
        synthetic_index(args.base, target, args.passages, "auto")
    build = layout.resolve(target)
    manifest = layout.read_manifest(build)
    checksums = {n: f["sha256"] for n, f in manifest["files"].items()}
    size_mb = du(build)

    sizes_only = timed(lambda: layout.read_manifest(build), args.repeats)
    stamped = timed(lambda: layout.read_manifest(build, verify=True), args.repeats)

    def unstamped() -> None:
        (build / integrity.STAMP).unlink(missing_ok=True)
        layout.read_manifest(build, verify=True)

    hashed = timed(unstamped, args.repeats)  # leaves a fresh stamp behind

    live = LiveIndex(target, DEFAULT_MODEL)  # model loaded once, as in a running worker

    def reload() -> None:
        link = target / ".current-bench"
        link.symlink_to(Path("builds") / build.name)
        link.replace(target / "current")
        live._target = None  # as if another build had been serving
        assert live.refresh()

    live._checked = 0.0
    reloads = []
    for _ in range(args.repeats):
        live._checked = 0.0
        started = time.perf_counter()
        reload()
        reloads.append(time.perf_counter() - started)
    reload_s = statistics.median(reloads)
    assert integrity.is_stamped(build, checksums)

    lines = [
        "# Verifying a build at reload",
        "",
        f"`scripts/bench_reload.py --passages {args.passages}` on this 2-core machine, "
        f"{time.strftime('%Y-%m-%d')}: a synthetic index of {manifest['counts']['passages']:,} "
        f"passages ({manifest['vector_index']}), {size_mb:,.0f} MB in "
        f"{len(checksums)} files; medians of {args.repeats} runs, page cache warm.",
        "",
        "| check | seconds |",
        "|---|---|",
        f"| sizes only (hot reload before #12) | {sizes_only:.4f} |",
        f"| sizes and checksums, stamp valid (qa.integrity) | {stamped:.4f} |",
        f"| sizes and checksums, no stamp: every file hashed | {hashed:.2f} |",
        f"| a worker's whole reload (notice, open, verify, swap), stamp valid | {reload_s:.3f} |",
        "",
        "A build written by `qa index` carries the stamp, so a worker verifies it with a stat "
        "per file. A build whose files were written after their stamp (or copied in without "
        "one) is hashed in full, in the background while the previous build keeps answering "
        "(qa/live.py), so no request waits for it.",
        "",
    ]
    args.out.write_text("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
