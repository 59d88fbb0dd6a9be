#!/usr/bin/env python
"""A first build as a user meets it, against plain torch encoding of the same articles, in
the same run.

    python scripts/bench_first_build.py [--articles 600] [--rounds 2] [--backend B ...]

Articles: every n-th file of the BBC corpus (sorted), n chosen so `--articles` come out,
copied to a temporary folder. Alternating, each in a fresh process and timed from its start
(imports, model load and, where it happens, the ONNX export included):
- `torch encode`: sentence-transformers `encode` (batch 64, normalised) of the articles in
  120-word windows: the plain way to embed them;
- `qa index, export cached`: `qa index` into a new folder on a machine whose ONNX export
  cache (QA_EXPORT_CACHE) already holds the model's export: every build but the first;
- `qa index, no export yet`: the same with an empty export cache: the machine's first build.
With `--backend` (repeatable) both `qa index` runs are made for each backend named, with
`--backend` passed on; without it, for the default backend alone.
Prints words/s of each (the articles' words over wall seconds), their medians and the ratios
to torch encode; --out writes the table as Markdown.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _setup import ROOT  # noqa: E402

from qa.config import DEFAULT_BACKEND
from qa.load import load_documents

BBC = ROOT.parent / "shared" / "corpora" / "bbc-news"
TORCH_ENCODE = """
import sys
from pathlib import Path
from qa.embed import resolve_model
from qa.load import load_documents
from sentence_transformers import SentenceTransformer
texts = [d.text for d in load_documents([Path(sys.argv[1])], [])]
windows = []
for text in texts:
    words = text.split()
    windows += [" ".join(words[i : i + 120]) for i in range(0, len(words), 120)]
model = SentenceTransformer(resolve_model("all-MiniLM-L6-v2"), device="cpu")
model.encode(windows, batch_size=64, normalize_embeddings=True)
print(len(windows))
"""


def run(command: list[str], env: dict) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"{command[:4]} failed:\n{done.stderr[-2000:]}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=BBC)
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--backend", action="append", help="default: the default backend")
    args = parser.parse_args()
    backends = args.backend or [DEFAULT_BACKEND]
    # Each run by its name in the table: the backend of a `qa index` run and whether the
    # export is cached, or None for plain torch encode.
    runs: dict[str, tuple[str, bool] | None] = {"torch encode": None}
    for b in backends:
        flag = "" if b == DEFAULT_BACKEND and len(backends) == 1 else f" --backend {b}"
        runs[f"qa index{flag}, export cached"] = (b, True)
        runs[f"qa index{flag}, no export yet"] = (b, False)
    files = sorted(args.corpus.glob("*/*.txt"))
    step = max(1, len(files) // args.articles)
    chosen = files[::step][: args.articles]
    times: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-first-build-") as tmp:
        corpus = Path(tmp) / "articles"
        for n, path in enumerate(chosen):
            (corpus / path.parent.name).mkdir(parents=True, exist_ok=True)
            shutil.copy(path, corpus / path.parent.name / f"{n:04d}-{path.name}")
        words = sum(len(d.text.split()) for d in load_documents([corpus], []))
        base = {**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
        warm_cache = Path(tmp) / "export-cache"
        # Fill the warm cache once (not timed): the state of a machine after its first build.
        for backend in backends:
            seed = [sys.executable, "-m", "qa", "index", str(corpus), "--quiet", "--backend",
                    backend, "--index-dir", str(Path(tmp) / f"seed-{backend}")]  # fmt: skip
            run(seed, {**base, "QA_EXPORT_CACHE": str(warm_cache)})
        for n in range(args.rounds):
            for i, (name, spec) in enumerate(runs.items()):
                if spec is None:
                    command = [sys.executable, "-c", TORCH_ENCODE, str(corpus)]
                    env = base
                else:
                    backend, cached = spec
                    cache = warm_cache if cached else Path(tmp) / f"cold-{n}-{backend}"
                    folder = Path(tmp) / f"index-{n}-{i}"
                    command = [sys.executable, "-m", "qa", "index", str(corpus), "--index-dir",
                               str(folder), "--quiet", "--backend", backend]  # fmt: skip
                    env = {**base, "QA_EXPORT_CACHE": str(cache)}
                seconds = run(command, env)
                times.setdefault(name, []).append(seconds)
                print(f"{name}: {seconds:.1f} s, {words / seconds:.0f} words/s", flush=True)
    medians = {name: statistics.median(values) for name, values in times.items()}
    torch_rate = words / medians["torch encode"]
    lines = [
        f"`scripts/bench_first_build.py` on {time.strftime('%Y-%m-%d')}: {len(chosen)} BBC "
        f"articles ({words:,} words), each run a fresh process timed from its start, "
        f"alternating, medians of {args.rounds}:",
        "",
        "| run | seconds | words/s | vs torch encode |",
        "|---|---:|---:|---:|",
    ]
    for name, seconds in medians.items():
        rate = words / seconds
        lines.append(f"| {name} | {seconds:.1f} | {rate:.0f} | {rate / torch_rate:.2f}x |")
    print("\n".join(lines))
    if args.out:
        args.out.write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
