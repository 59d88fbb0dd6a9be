"""One place for settings: CLI flags default to these environment variables."""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, field
from pathlib import Path

from qa.errors import QAError

DEFAULT_MODEL = "all-MiniLM-L6-v2"


def backend_for(cpu_flags: set[str]) -> str:
    """The default backend for a CPU with these flags (/proc/cpuinfo's names).

    With bf16 instructions (AVX512-BF16, AMX), OpenVINO runs the fp32 ONNX export's matrix
    products in bfloat16: vectors at cosine 0.99999 to fp32, within 0.1 point of fp32 ONNX
    builds on every set (docs/openvino-builds.md), and a first build at about 1.8x plain torch
    `encode` where fp32 onnxruntime gave about 1.0x (docs/first-build.md, 2026-11-27).
    Without them OpenVINO runs fp32 too, and onnxruntime's fp32 was the faster of the two on
    such a CPU (AVX2 only; docs/first-build.md, 2026-11-28): a first build of 600 BBC
    articles at 1.55x and 1.56x plain torch against OpenVINO's 1.42x and 1.40x in two runs,
    with a lower peak RSS, and a build's lanes at 1.18x and 1.23x OpenVINO's passages/s.
    Questions are the same either way: hybrid ones go through the int8 export, dense ones
    through onnxruntime's fp32 on either backend. int8 is faster still but lost up to 1.9 points of
    MRR@10 on a gold set (docs/int8-builds.md), more than the 1 point the project allows a
    default, so it is opt-in (--backend onnx-int8)."""
    return "openvino" if cpu_flags & {"avx512_bf16", "amx_bf16"} else "onnx"


def cpu_flags() -> set[str]:
    """This CPU's feature flags as Linux names them; empty where /proc/cpuinfo is not there
    (the default is then the one for a CPU without bf16)."""
    try:
        text = Path("/proc/cpuinfo").read_text(errors="replace")
    except OSError:
        return set()
    for line in text.splitlines():
        if line.startswith("flags"):
            return set(line.partition(":")[2].split())
    return set()


DEFAULT_BACKEND = backend_for(cpu_flags())


# The defaults of `qa serve` and of Settings, one place for both
DEFAULT_INDEX_DIR = "index"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_WORKERS = 2
# Question vectors each server worker keeps (qa/query_cache.py): ~1.6 MB at 384 dimensions.
DEFAULT_QUESTION_CACHE = 1024


def _env(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_number(name: str, default: int | float, minimum: int | float, kind: type = int):
    """A numeric setting from the environment: unset or empty gives `default`; anything else
    must be a `kind` of at least `minimum`, or the command stops with one line naming the
    variable (before, `QA_BUILD_WINDOW=abc` ended in a traceback and `-5` was taken)."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = kind(raw)
    except ValueError:
        value = None
    if value is None or not math.isfinite(value) or value < minimum:
        noun = "a whole number" if kind is int else "a number"
        raise QAError(f"${name} must be {noun} >= {minimum}, not {raw!r}")
    return value


@dataclass
class ChunkSettings:
    """Passage size in words and overlap in sentences; chosen by `scripts/tune_chunking.py`."""

    max_words: int = 200
    overlap_sentences: int = 1
    # Prefix the article title to each passage for embedding and BM25 (not to the cited text).
    title_context: bool = True

    def as_dict(self) -> dict:
        return {
            "max_words": self.max_words,
            "overlap_sentences": self.overlap_sentences,
            "title_context": self.title_context,
        }


@dataclass
class Settings:
    index_dir: Path = field(default_factory=lambda: Path(_env("QA_INDEX_DIR", DEFAULT_INDEX_DIR)))
    model: str = field(default_factory=lambda: _env("QA_MODEL", DEFAULT_MODEL))
    host: str = field(default_factory=lambda: _env("QA_HOST", DEFAULT_HOST))
    port: int = field(default_factory=lambda: env_number("QA_PORT", DEFAULT_PORT, 0))
    workers: int = field(default_factory=lambda: env_number("QA_WORKERS", DEFAULT_WORKERS, 1))
    question_cache: int = field(
        default_factory=lambda: env_number("QA_QUESTION_CACHE", DEFAULT_QUESTION_CACHE, 0)
    )
    admin_token: str | None = field(default_factory=lambda: os.environ.get("QA_ADMIN_TOKEN"))
