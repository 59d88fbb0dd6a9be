"""docs/benchmarks.md is written by scripts/bench.py: a run that does not measure a section
again (--skip-build, --skip-txtai) keeps the last run's, said so, and a section added to the
report by hand (the 10M row's pointer to its clean-clone run) survives a new run."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import bench  # noqa: E402

OLD = """# Benchmarks

`python scripts/bench.py` on 2026-11-20.

## Build throughput (BBC, 2,225 articles, 5,727 passages)

| backend | passages/s |
|---|---|
| torch fp32 | 21.5 |

Against plain torch, 1.75x.

## Against txtai and Haystack (BEIR SciFact, 5,183 abstracts, same model)

| | build s |
|---|---|
| txtai 9.14.0 (whole abstracts) | 411 |

## Query latency through HTTP

| passages | vectors |
|---|---|
| 5,727 | flat |

## 10 million passages

The 10M row comes from its own run, in benchmarks-clean-clone-10m.md.
"""


def run(tmp_path: Path, result: dict, old: str = OLD) -> str:
    report = tmp_path / "benchmarks.md"
    report.write_text(old)
    base = {"date": "2026-11-27", "machine": "x", "versions": "y", "seconds": 20, "sizes": []}
    bench.write_report({**base, **result}, report)
    return report.read_text()


def test_a_run_keeps_the_sections_it_did_not_measure_again(tmp_path: Path) -> None:
    new = run(tmp_path, {})
    assert "| torch fp32 | 21.5 |" in new and "| txtai 9.14.0 (whole abstracts) | 411 |" in new
    assert new.count(bench.CARRIED_NOTE) == 2
    # the hand-added section, once, after the generated ones
    assert new.count("## 10 million passages") == 1
    assert new.index("## 10 million passages") > new.index("## Query latency through HTTP")
    assert "benchmarks-clean-clone-10m.md" in new
    # the query rows are this run's (none here), not the old ones
    assert "| 5,727 | flat |" not in new
    # carried again, the note is not repeated
    again = run(tmp_path, {}, old=new)
    assert again.count(bench.CARRIED_NOTE) == 2
    assert again.count("## 10 million passages") == 1


def test_a_run_that_measures_a_section_writes_its_own(tmp_path: Path) -> None:
    build = {
        "passages": 5727,
        "repeats": 2,
        "backends": {
            "torch": {
                "ceiling_pps": 30.0, "build_pps": 25.0, "build_wps": 4000, "build_seconds": 200,
                "ratio": 0.83, "build_peak_rss_mb": 1400,
            },
        },
        "openvino_vs_torch_encode": 1.8,
        "onnx_vs_torch_encode": 1.0,
        "onnx-int8_vs_torch_encode": 1.7,
    }  # fmt: skip
    new = run(tmp_path, {"build": build})
    assert "| torch fp32 | 30.0 | 25.0 |" in new and "| torch fp32 | 21.5 |" not in new
    assert new.count(bench.CARRIED_NOTE) == 1  # only the txtai section is carried
