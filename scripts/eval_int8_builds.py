#!/usr/bin/env python
"""int8 builds against the default fp32 ONNX builds, question by question: the issue-#15
decision on enough questions, with 95% bootstrap intervals.

    python scripts/eval_int8_builds.py [--work .eval] [--out docs/int8-builds.md]

Each set is indexed twice under .eval/ (built here if missing): `<set>` with the default
backend (fp32 ONNX passages, int8 questions in hybrid mode) and `<set>-onnx-int8` (every
vector from the int8 export). The same questions go to both with the service's default
options; the paired difference int8 - default is averaged over questions, its interval
resamples them. int8 builds become the default only if no set loses more than 1 point.
"""

from __future__ import annotations

import time

from eval_query_int8 import METRICS, arguments, paired, questions_of  # noqa: E402
from evaluate_all import DATASETS, ensure_index  # noqa: E402

from qa.config import DEFAULT_MODEL
from qa.retrieve import Retriever, SearchOptions


def main() -> None:
    args = arguments(__doc__)
    lines = [
        f"`scripts/eval_int8_builds.py` on {time.strftime('%Y-%m-%d')}: the default build "
        "(fp32 ONNX passages) against an int8 build of the same set, the service's default "
        "options; difference int8 - default in points (x100), mean over questions, 95% "
        "paired bootstrap interval.",
        "",
        "| set | questions | metric | default | int8 build | difference [95% CI] |",
        "|---|---:|---|---:|---:|---|",
    ]
    worst = 0.0
    for name in args.only or list(METRICS):
        data = "bbc" if name == "said" else name
        builds = {}
        for backend in ("onnx", "onnx-int8"):
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
            b = [r[metric] for r in rows["onnx-int8"]]
            cells, mean = paired(a, b)
            worst = min(worst, mean)
            lines.append(f"| {name} | {len(a)} | {metric} | {cells} |")
            print(lines[-1], flush=True)
    verdict = (
        "no set loses more than 1 point: int8 builds could be the default"
        if worst >= -1.0
        else f"the largest loss is {-worst:.2f} points, over the 1-point bar: int8 builds "
        "stay opt-in (`--backend onnx-int8`)"
    )
    lines += ["", f"Decision: {verdict}."]
    print(lines[-1])
    if args.out:
        args.out.write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
