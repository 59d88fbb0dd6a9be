#!/usr/bin/env python
"""Can an int8 export keep fp32's vectors at less of a cost? (issue #15: int8 passages lose
up to 1.9 points of MRR on the small gold sets, so int8 builds are opt-in; a first build is
mostly fp32 inference). Writes docs/int8-variants.md.

    python scripts/bench_int8_variants.py [--passages 600] [--rounds 3]

Variants of onnxruntime's dynamic int8 quantisation of the machine's cached fp32 export
(per-channel weights, as qa/embed.py makes it), each keeping some MatMuls in fp32:
all quantised (the shipped int8 export), the feed-forward output layers kept (their input,
after GELU, has the widest range), the whole feed-forward blocks kept, the attention output
kept, the first or last layer kept. For each: mean and lowest cosine to fp32 over BBC
passages (120-word windows of articles drawn with seed 7), and passages per second at
batch 1 on 2 threads, in rounds alternating with fp32 and plain torch `encode` (batch 32)
of the same passages; ratios are what to read, the machine is noisy.
"""

from __future__ import annotations

import argparse
import copy
import random
import statistics
import time
from datetime import UTC, datetime
from pathlib import Path

from _setup import ROOT, scratch  # noqa: E402

from qa.config import DEFAULT_MODEL
from qa.embed import cache_entry, get_embedder, set_threads
from qa.load import load_documents

BBC = Path("/work/shared/corpora/bbc-news")


def passages(n: int) -> list[str]:
    files = sorted(BBC.glob("*/*.txt"))
    random.Random(7).shuffle(files)
    out: list[str] = []
    for doc in load_documents(files[: n // 2], []):
        words = doc.text.split()
        out += [" ".join(words[i : i + 120]) for i in range(0, len(words), 120)]
    return out[:n]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=600)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "int8-variants.md")
    args = parser.parse_args()
    import onnx
    import onnxruntime as ort
    from onnxruntime.quantization import QuantType, quantize_dynamic

    set_threads(2)
    # onnxruntime's fp32 (the `onnx` backend): the variants swap its session
    fp32 = get_embedder(DEFAULT_MODEL, "onnx", scratch())
    export = cache_entry(DEFAULT_MODEL, "onnx") / "model.onnx"
    names = [n.name for n in onnx.load(str(export)).graph.node if n.op_type == "MatMul"]
    ffn_out = [n for n in names if "/output/dense" in n and "attention" not in n]
    variants = {
        "all MatMuls int8 (the shipped export)": [],
        "feed-forward output kept fp32": ffn_out,
        "feed-forward blocks kept fp32": ffn_out + [n for n in names if "intermediate" in n],
        "attention output kept fp32": [n for n in names if "attention/output/dense" in n],
        "first layer kept fp32": [n for n in names if "layer.0/" in n],
        "last layer kept fp32": [n for n in names if "layer.5/" in n],
    }
    texts = passages(args.passages)
    work = scratch()
    # The service's own ONNX embedder, its session swapped for each variant's
    # (as scripts/bench_choices.py does for per-tensor scales)
    embedders = {"fp32 (the onnx backend)": fp32}
    for label, keep in variants.items():
        path = work / f"{len(embedders)}.onnx"
        quantize_dynamic(
            str(export),
            str(path),
            weight_type=QuantType.QInt8,
            per_channel=True,
            nodes_to_exclude=keep,
        )
        variant = copy.copy(fp32)
        variant.session = ort.InferenceSession(
            str(path), fp32.session.get_session_options(), providers=["CPUExecutionProvider"]
        )
        embedders[label] = variant
    reference = fp32.encode_passages(texts, batch_size=1)
    cosine = {}
    for label, embedder in embedders.items():
        sims = (embedder.encode_passages(texts, batch_size=1) * reference).sum(axis=1)
        cosine[label] = (float(sims.mean()), float(sims.min()))
    torch = get_embedder(DEFAULT_MODEL, "torch")
    timed = texts[:200]
    torch.encode_passages(timed[:16])
    rates: dict[str, list[float]] = {"torch encode (batch 32)": [], **{k: [] for k in embedders}}
    for _ in range(args.rounds):
        started = time.perf_counter()
        torch.encode_passages(timed, batch_size=32)
        rates["torch encode (batch 32)"].append(len(timed) / (time.perf_counter() - started))
        for label, embedder in embedders.items():
            started = time.perf_counter()
            embedder.encode_passages(timed, batch_size=1)
            rates[label].append(len(timed) / (time.perf_counter() - started))
    torch_rate = statistics.median(rates["torch encode (batch 32)"])
    fp32_rate = statistics.median(rates["fp32 (the onnx backend)"])
    lines = [
        "# int8 variants: how close to fp32, how fast",
        "",
        f"`scripts/bench_int8_variants.py` on {datetime.now(UTC):%Y-%m-%d}, 2 cores: "
        f"{len(texts)} BBC passages (120-word windows) for the cosine to fp32, the first "
        f"{len(timed)} timed at batch 1 on 2 threads, medians of {args.rounds} alternating "
        "rounds.",
        "",
        "| export | mean cosine to fp32 | lowest | passages/s | vs fp32 | vs torch |",
        "|---|---:|---:|---:|---:|---:|",
        f"| torch encode (batch 32) | | | {torch_rate:.1f} | {torch_rate / fp32_rate:.2f}x "
        "| 1.00x |",
    ]
    for label in embedders:
        rate = statistics.median(rates[label])
        mean, low = cosine[label]
        lines.append(
            f"| {label} | {mean:.4f} | {low:.4f} | {rate:.1f} | {rate / fp32_rate:.2f}x | "
            f"{rate / torch_rate:.2f}x |"
        )
    args.out.write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
