#!/usr/bin/env python
"""The Ray embedding path against a plain build, on the BBC corpus, on this machine.

    python scripts/bench_ray.py [--backend onnx]

Builds BBC twice from a cold embedding cache, `qa index` plain and `qa index --ray local`
(Ray started on this machine with one actor per core), and prints passages/s of each, the
Ray overhead, and whether the two indexes hold the same passages and vectors. On one 2-core
machine Ray cannot be faster (it runs the same cores); what it shows is the per-actor
throughput and the fixed cost that docs/scaling.md multiplies out to a cluster.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import faiss  # noqa: E402
import numpy as np  # noqa: E402
from _setup import ROOT  # noqa: E402

from qa import layout  # noqa: E402
from qa.build import as_array  # noqa: E402

BBC = ROOT.parent / "shared" / "corpora" / "bbc-news"
WORK = ROOT / ".bench"


def build(target: Path, backend: str, ray: bool) -> dict:
    shutil.rmtree(target, ignore_errors=True)
    if (WORK / "models").is_dir():  # the one-off export, as in scripts/bench.py
        shutil.copytree(WORK / "models", target / layout.MODELS)
    command = [sys.executable, "-m", "qa", "index", str(BBC), "--index-dir", str(target)]
    command += ["--quiet", "--backend", backend] + (["--ray", "local"] if ray else [])
    started = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, capture_output=True)
    seconds = time.perf_counter() - started
    manifest = layout.read_manifest(layout.resolve(target))
    return {"seconds": seconds, "passages": manifest["counts"]["passages"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", default="onnx")
    args = parser.parse_args()
    plain = build(WORK / "ray-plain", args.backend, ray=False)
    distributed = build(WORK / "ray-ray", args.backend, ray=True)
    a = as_array(faiss.read_index(str(layout.resolve(WORK / "ray-plain") / layout.VECTORS)))
    b = as_array(faiss.read_index(str(layout.resolve(WORK / "ray-ray") / layout.VECTORS)))
    result = {
        "backend": args.backend,
        "passages": plain["passages"],
        "plain_pps": plain["passages"] / plain["seconds"],
        "ray_pps": distributed["passages"] / distributed["seconds"],
        "ray_overhead_s": distributed["seconds"] - plain["seconds"],
        "same_vectors": bool(a.shape == b.shape and np.allclose(a, b, atol=1e-5)),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
