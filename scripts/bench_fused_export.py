#!/usr/bin/env python
"""Whether onnxruntime's transformer optimizer (fused attention, skip layer norms and bias
gelus) speeds a question's encoding: the model's fp32 and int8 exports as `qa` makes them
against the same passed through `onnxruntime.transformers.optimizer` (int8: quantised after
the fusion, per channel as qa/embed.py does), in process, one thread as in a worker.

    python scripts/bench_fused_export.py [--models .bench/bbc/models] [--rounds 4]

Questions: data/gold/bbc.jsonl. Prints, per variant, the median ms of each round and the
cosine of its vectors to the plain fp32 export's (mean pooling, as the model's).
"""

from __future__ import annotations

import argparse
import logging
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
from _setup import ROOT  # noqa: E402

from qa.config import DEFAULT_MODEL
from qa.embed import ensure_export
from qa.evaluate import load_gold


def fuse(source: Path, folder: Path) -> tuple[Path, Path]:
    """(fused fp32, fused then int8) copies of the fp32 export at `source`."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from onnxruntime.transformers.optimizer import optimize_model

    logging.getLogger().setLevel(logging.ERROR)
    fused, fused_int8 = folder / "fused.onnx", folder / "fused-int8.onnx"
    model = optimize_model(str(source), model_type="bert", num_heads=12, hidden_size=384)
    print("fused:", {k: v for k, v in model.get_fused_operator_statistics().items() if v})
    model.save_model_to_file(str(fused))
    quantize_dynamic(
        str(fused),
        str(fused_int8),
        weight_type=QuantType.QInt8,
        per_channel=True,
        # The fused ops are in Microsoft's domain, whose outputs shape inference cannot type.
        extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT},
    )
    return fused, fused_int8


def main() -> None:
    import onnxruntime as ort
    from tokenizers import Tokenizer

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--models", type=Path, default=ROOT / ".bench" / "bbc" / "models")
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args()
    fp32 = ensure_export(DEFAULT_MODEL, "onnx", args.models)
    int8 = ensure_export(DEFAULT_MODEL, "onnx-int8", args.models)
    tokenizer = Tokenizer.from_file(str(fp32 / "tokenizer.json"))
    questions = [q.question for q in load_gold(ROOT / "data" / "gold" / "bbc.jsonl")]
    with tempfile.TemporaryDirectory() as tmp:
        fused, fused_int8 = fuse(fp32 / "model.onnx", Path(tmp))
        paths = {
            "fp32": fp32 / "model.onnx",
            "int8": int8 / "model.onnx",
            "fused fp32": fused,
            "fused int8": fused_int8,
        }
        options = ort.SessionOptions()
        options.intra_op_num_threads = options.inter_op_num_threads = 1
        sessions = {
            k: ort.InferenceSession(str(p), options, providers=["CPUExecutionProvider"])
            for k, p in paths.items()
        }

    def encode(session, question: str) -> np.ndarray:
        e = tokenizer.encode(question)
        feed = {
            "input_ids": np.array([e.ids], dtype=np.int64),
            "attention_mask": np.array([e.attention_mask], dtype=np.int64),
        }
        if "token_type_ids" in {i.name for i in session.get_inputs()}:
            feed["token_type_ids"] = np.zeros_like(feed["input_ids"])
        vector = session.run(None, feed)[0][0].mean(0)
        return vector / np.linalg.norm(vector)

    for session in sessions.values():
        for q in questions[:5]:
            encode(session, q)
    rounds: dict[str, list[float]] = {k: [] for k in sessions}
    for _ in range(args.rounds):
        for name, session in sessions.items():  # variants in turn, every round
            times = []
            for q in questions:
                start = time.perf_counter()
                encode(session, q)
                times.append((time.perf_counter() - start) * 1000)
            rounds[name].append(statistics.median(times))
    reference = np.array([encode(sessions["fp32"], q) for q in questions])
    print(f"{len(questions)} questions, one thread, medians in ms per round:")
    for name, session in sessions.items():
        cosines = (np.array([encode(session, q) for q in questions]) * reference).sum(1)
        print(
            f"  {name:11s} {[round(x, 2) for x in rounds[name]]} median "
            f"{statistics.median(rounds[name]):.2f}; cosine to fp32 min {cosines.min():.5f} "
            f"mean {cosines.mean():.5f}"
        )


if __name__ == "__main__":
    main()
