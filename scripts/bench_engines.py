#!/usr/bin/env python
"""Which engine should run the passages' model: the same network on each runtime this CPU
offers, how close its vectors come to fp32 and how fast it embeds passages. Writes
docs/engines.md.

    python scripts/bench_engines.py [--passages 600] [--rounds 3]

Passages: 120-word windows of BBC articles drawn with seed 7 (as scripts/bench_int8_variants.py
draws them). Each engine embeds all of them for the cosine to onnxruntime fp32 (mean and
lowest), then the first 200 are timed in alternating rounds on 2 threads; medians, and the
ratio to plain torch `encode` (batch 32) of the same run, since the machine is noisy.
Engines: torch fp32 and torch under bf16 autocast; onnxruntime fp32 (the `onnx` backend);
OpenVINO compiling the same fp32 export at f32 and at bf16 (the `openvino` backend), one
passage per call and in length-sorted batches of 8; and CTranslate2 float32 and int8 when
the `ctranslate2` package is installed (it is not a dependency: the rows are skipped
without it). Batches of 8 are timed to show what one passage per call costs; the service
embeds one passage per call so that a vector is its text's alone (qa/embed.py).
"""

from __future__ import annotations

import argparse
import copy
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from _setup import ROOT, scratch  # noqa: E402
from bench_int8_variants import passages  # noqa: E402

from qa.config import DEFAULT_MODEL
from qa.embed import (
    OpenVinoEmbedder,
    export_folder,
    get_embedder,
    import_openvino,
    resolve_model,
    set_threads,
)

Encode = Callable[[list[str]], np.ndarray]


def _pool(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Mean pooling and L2 norm, as OnnxEmbedder does (for CTranslate2's hidden states)."""
    pooled = (hidden * mask[..., None]).sum(1) / np.maximum(mask.sum(1), 1)[:, None]
    return pooled / np.linalg.norm(pooled, axis=1, keepdims=True)


def _batches(tokenizer, texts: list[str], size: int):
    """(positions, ids, mask) of length-sorted batches, as sentence-transformers batches
    (for CTranslate2, which takes tokens rather than an embedder's feed)."""
    order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
    for start in range(0, len(texts), size):
        chosen = order[start : start + size]
        encodings = tokenizer.encode_batch([texts[i] for i in chosen])
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        yield chosen, ids, mask


def openvino_engine(service: OpenVinoEmbedder, precision: str, size: int) -> Encode:
    """The service's OpenVINO embedder, recompiled at `precision` where that is not its own,
    fed one passage per call or length-sorted batches of `size`."""
    engine = service
    if precision != service.precision:
        engine = copy.copy(service)
        core = import_openvino().Core()
        export = export_folder(DEFAULT_MODEL, "openvino", service.models_dir) / "model.onnx"
        compiled = core.compile_model(
            core.read_model(str(export)),
            "CPU",
            {"INFERENCE_PRECISION_HINT": precision, "INFERENCE_NUM_THREADS": 2},
        )
        engine.request, engine.output = compiled.create_infer_request(), compiled.output(0)

    def encode(texts: list[str]) -> np.ndarray:
        if size == 1:
            return engine.encode_passages(texts, batch_size=1)
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        out = np.empty((len(texts), engine.dim), dtype=np.float32)
        out[order] = engine.encode_passages([texts[i] for i in order], batch_size=size)
        return out

    return encode


def ctranslate2_engines(tokenizer) -> dict[str, Encode]:
    try:
        import ctranslate2
        from ctranslate2.converters import TransformersConverter
    except ImportError:
        return {}
    folder = scratch() / "ct2"
    TransformersConverter(resolve_model(DEFAULT_MODEL)).convert(str(folder))
    engines = {}
    for compute in ("float32", "int8"):
        encoder = ctranslate2.Encoder(str(folder), "cpu", compute_type=compute, intra_threads=2)

        def encode(texts: list[str], encoder=encoder) -> np.ndarray:
            out = np.empty((len(texts), 384), dtype=np.float32)
            for chosen, ids, mask in _batches(tokenizer, texts, 8):
                tokens = [
                    [tokenizer.id_to_token(int(i)) for i in row[: int(m.sum())]]
                    for row, m in zip(ids, mask, strict=True)
                ]
                hidden = np.array(encoder.forward_batch(tokens).last_hidden_state)
                out[chosen] = _pool(hidden, mask)
            return out

        engines[f"CTranslate2 {compute}, batches of 8"] = encode
    return engines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=600)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "engines.md")
    args = parser.parse_args()
    import torch

    set_threads(2)
    models = scratch()
    onnx = get_embedder(DEFAULT_MODEL, "onnx", models)
    service = get_embedder(DEFAULT_MODEL, "openvino", models)  # the same export, compiled
    plain = get_embedder(DEFAULT_MODEL, "torch")

    def torch_bf16(texts: list[str]) -> np.ndarray:
        with torch.autocast("cpu", dtype=torch.bfloat16):
            return plain.encode_passages(texts, batch_size=32)

    tokenizer = onnx.tokenizer
    engines: dict[str, Encode] = {
        "torch fp32 encode, batches of 32": lambda t: plain.encode_passages(t, batch_size=32),
        "torch bf16 autocast, batches of 32": torch_bf16,
        "onnxruntime fp32, one per call (`onnx`)": lambda t: onnx.encode_passages(t),
        "OpenVINO f32, one per call": openvino_engine(service, "f32", 1),
        "OpenVINO bf16, one per call (`openvino`)": openvino_engine(service, "bf16", 1),
        "OpenVINO bf16, batches of 8": openvino_engine(service, "bf16", 8),
        **ctranslate2_engines(tokenizer),
    }
    texts = passages(args.passages)
    reference = onnx.encode_passages(texts)
    cosine = {}
    for label, encode in engines.items():
        sims = (encode(texts) * reference).sum(axis=1)
        cosine[label] = (float(sims.mean()), float(sims.min()))
    timed = texts[:200]
    rates: dict[str, list[float]] = {label: [] for label in engines}
    for _ in range(args.rounds):
        for label, encode in engines.items():
            started = time.perf_counter()
            encode(timed)
            rates[label].append(len(timed) / (time.perf_counter() - started))
    base = statistics.median(rates["torch fp32 encode, batches of 32"])
    lines = [
        "# Engines for the passages' model: how close to fp32, how fast",
        "",
        f"`scripts/bench_engines.py` on {datetime.now(UTC):%Y-%m-%d}, 2 cores "
        "(AMD EPYC with AVX512-BF16 and VNNI): cosine to onnxruntime fp32 over "
        f"{len(texts)} BBC passages (120-word windows), the first {len(timed)} timed on 2 "
        f"threads, medians of {args.rounds} alternating rounds.",
        "",
        "| engine | mean cosine | lowest | passages/s | vs torch encode | each round |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for label in engines:
        rate = statistics.median(rates[label])
        mean, low = cosine[label]
        rounds = ", ".join(f"{r:.1f}" for r in rates[label])
        lines.append(
            f"| {label} | {mean:.5f} | {low:.5f} | {rate:.1f} | {rate / base:.2f}x | {rounds} |"
        )
    args.out.write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
