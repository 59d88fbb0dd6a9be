#!/usr/bin/env python
"""int8 (or OpenVINO bf16) builds against fp32 ONNX builds, question by question: the
issue-#15 decision on enough questions, with 95% bootstrap intervals.

    python scripts/eval_int8_builds.py [--work .eval] [--out docs/int8-builds.md]
    python scripts/eval_int8_builds.py --backend openvino --out docs/openvino-builds.md

Each set is indexed twice under .eval/ (built here if missing): with the `onnx` backend
(fp32 ONNX passages, int8 questions in hybrid mode) and with `--backend` (onnx-int8: every
vector from the int8 export; openvino: passages from the fp32 export run at bf16, questions
as for onnx). The same questions go to both with the service's default options; the paired
difference (backend - fp32) is averaged over questions, its interval resamples them. A
backend may be the default only if no set loses more than 1 point.
"""

from __future__ import annotations

import time

from eval_query_int8 import METRICS, arguments, paired, questions_of  # noqa: E402
from evaluate_all import DATASETS, ensure_index  # noqa: E402

from qa.config import DEFAULT_MODEL
from qa.retrieve import Retriever, SearchOptions


def main() -> None:
    args = arguments(__doc__, backend=True)
    other = args.backend
    what = {"onnx-int8": "int8", "openvino": "OpenVINO"}[other]
    lines = [
        f"`scripts/eval_int8_builds.py --backend {other}` on {time.strftime('%Y-%m-%d')}: "
        f"the fp32 ONNX build (`--backend onnx`) against an {what} build of the same set, the "
        f"service's default options; difference {what} - fp32 in points (x100), mean over "
        "questions, 95% paired bootstrap interval.",
        "",
        f"| set | questions | metric | fp32 ONNX | {what} build | difference [95% CI] |",
        "|---|---:|---|---:|---:|---|",
    ]
    worst = 0.0
    for name in args.only or list(METRICS):
        data = "bbc" if name == "said" else name
        builds = {}
        for backend in ("onnx", other):
            folder, _ = ensure_index(data, DATASETS[data], args.work, backend=backend)
            builds[backend] = Retriever.open(folder, DEFAULT_MODEL)
        asked, extra = questions_of(name, builds["onnx"])
        options = SearchOptions(**extra)
        rows = {
            backend: [score(r.search(q, options)) for q, score in asked]
            for backend, r in builds.items()
        }
        for metric in METRICS[name]:
            a = [r[metric] for r in rows["onnx"]]
            b = [r[metric] for r in rows[other]]
            cells, mean = paired(a, b)
            worst = min(worst, mean)
            lines.append(f"| {name} | {len(a)} | {metric} | {cells} |")
            print(lines[-1], flush=True)
    verdict = (
        f"no set loses more than 1 point: {what} builds could be the default"
        if worst >= -1.0
        else f"the largest loss is {-worst:.2f} points, over the 1-point bar: {what} builds "
        f"stay opt-in (`--backend {other}`)"
    )
    lines += ["", f"Decision: {verdict}."]
    print(lines[-1])
    if args.out:
        args.out.write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
