#!/usr/bin/env python
"""fp32 against int8 questions on one index, through HTTP: 1 client (hybrid and lexical
interleaved) and 8 concurrent hybrid clients, each setting served in turn from the same
build, alternating.

    python scripts/bench_question_encoder.py --index-dir .bench/synthetic-1000000 [--rounds 2]

For an index built before questions had an export of their own (the synthetic 1M one of
scripts/bench.py), the model's int8 export is placed in its `models/` (from the machine's
export cache) and the build's manifest names it for the int8 turns; the manifest is put back
as it was at the end. Prints one Markdown row per setting and round, then medians.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from _setup import ROOT  # noqa: E402
from compare_latency import timed_post  # noqa: E402
from loadtest import run_clients, start_server, summarize  # noqa: E402

from qa import layout
from qa.config import DEFAULT_MODEL
from qa.embed import export_checksum
from qa.evaluate import load_gold


def questions() -> list[str]:
    return [
        q.question
        for name in ("bbc.jsonl", "said.jsonl")
        for q in load_gold(ROOT / "data" / "gold" / name)
    ]


def one_turn(index_dir: Path, seconds: float) -> dict:
    proc, port = start_server(index_dir, 2)
    qs = questions()
    times: dict[str, list[float]] = {"hybrid": [], "lexical": []}
    try:
        for q in qs[:10]:
            for mode in times:
                timed_post(port, {"question": q, "mode": mode})
        for i, q in enumerate(qs):
            order = list(times) if i % 2 == 0 else list(reversed(times))
            for mode in order:
                times[mode].append(timed_post(port, {"question": q, "mode": mode}))
        loaded, wall = run_clients(port, 8, seconds, qs)
    finally:
        proc.terminate()
        proc.wait(timeout=60)
    load = summarize(loaded, wall)
    return {
        "hybrid_p50": statistics.median(times["hybrid"]),
        "lexical_p50": statistics.median(times["lexical"]),
        "clients8_rps": load["requests_per_s"],
        "clients8_p99": load["p99_ms"],
        "errors": load["errors"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index-dir", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    index_dir = args.index_dir.resolve()
    build = layout.resolve(index_dir)
    path = build / "manifest.json"
    original = path.read_text()
    manifest = json.loads(original)
    int8_checksum = export_checksum(DEFAULT_MODEL, "onnx-int8", index_dir / layout.MODELS)
    fp32_model = {
        k: v
        for k, v in manifest["model"].items()
        if k not in ("query_backend", "query_export_sha256")
    }
    settings = {
        "fp32 questions": fp32_model,
        "int8 questions": {
            **fp32_model,
            "query_backend": "onnx-int8",
            "query_export_sha256": int8_checksum,
        },
    }
    rows = []
    results: dict[str, list[dict]] = {name: [] for name in settings}
    try:
        for r in range(args.rounds):
            for name in settings if r % 2 == 0 else reversed(list(settings)):
                path.write_text(json.dumps({**manifest, "model": settings[name]}, indent=2))
                result = one_turn(index_dir, args.seconds)
                results[name].append(result)
                rows.append(
                    f"| {name} | {r + 1} | {result['hybrid_p50']:.1f} | "
                    f"{result['lexical_p50']:.1f} | "
                    f"{result['hybrid_p50'] / result['lexical_p50']:.2f} | "
                    f"{result['clients8_rps']} | {result['clients8_p99']} | {result['errors']} |"
                )
                print(rows[-1], flush=True)
    finally:
        path.write_text(original)
    passages = manifest["counts"]["passages"]
    lines = [
        f"`scripts/bench_question_encoder.py` on {time.strftime('%Y-%m-%d')}, "
        f"{passages:,} passages ({index_dir.name}), 2 workers; 1 client: the 80 BBC and "
        "who-said-what gold questions, hybrid and lexical interleaved (p50 ms); 8 clients: "
        f"hybrid, {args.seconds:.0f} s.",
        "",
        "| questions | round | hybrid p50 | lexical p50 | hybrid/lexical | 8 clients req/s | "
        "8 clients p99 ms | errors |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
        *rows,
        "",
        "Medians: "
        + "; ".join(
            f"{name}: hybrid {statistics.median(r['hybrid_p50'] for r in rs):.1f} ms, "
            f"lexical {statistics.median(r['lexical_p50'] for r in rs):.1f} ms, "
            f"{statistics.median(r['clients8_rps'] for r in rs):.0f} req/s"
            for name, rs in results.items()
        ),
    ]
    print("\n".join(lines))
    if args.out:
        args.out.write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
