"""The embedding stage as a Ray Data job: the one cost that outgrows a machine (docs/scaling.md).

Each batch of passages is embedded by an actor holding the model and written as an ordinary
embedding shard into the index's cache folder, which must be on storage every worker can reach
(the local disk for a single-machine cluster, a shared mount beyond it). The driver only
collects the shard names; the normal build then assembles the vector and BM25 indexes from the
cache and publishes, so a Ray build and a local build give the same index, and a Ray build
killed half-way resumes from its finished shards like any other.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from qa import shards
from qa.embed import Embedder
from qa.errors import QAError


class _EmbedShards:
    """A Ray actor: loads the model once, then turns batches of passages into shards."""

    def __init__(
        self,
        model: str,
        backend: str,
        models_dir: str | None,
        folder: str,
    ) -> None:
        from qa.embed import get_embedder, set_threads

        set_threads(1)  # one CPU per actor: Ray runs as many actors as the cluster has CPUs
        self.embedder = get_embedder(model, backend, Path(models_dir) if models_dir else None)
        self.folder = Path(folder)

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        vecs = self.embedder.encode_passages(list(batch["text"]))
        shard = shards.write_shard(self.folder, np.asarray(batch["key"]), vecs)
        return {"shard": np.array([str(shard)])}


def connect(address: str) -> int:
    """Join (or start) a Ray instance; returns its CPU count. `local` starts one on this
    machine; anything else (`auto`, `ray://host:10001`) is handed to ray.init."""
    try:
        import ray
    except ImportError as exc:
        raise QAError("--ray needs Ray: pip install 'qa[ray]'") from exc
    if not ray.is_initialized():
        try:
            ray.init(
                address=None if address == "local" else address,
                log_to_driver=False,
                include_dashboard=False,
            )
        except (ConnectionError, ValueError, RuntimeError) as exc:
            raise QAError(f"cannot reach a Ray cluster at {address!r}: {exc}") from exc
    return max(1, int(ray.cluster_resources().get("CPU", 1)))


def embed_with_ray(
    texts: list[str],
    keys: list[bytes],
    folder: Path,
    embedder: Embedder,
    address: str,
) -> list[Path]:
    """Embed `texts` (longest first, as the caller sorted them) on the Ray cluster at
    `address`; returns the shards written."""
    import ray

    cpus = connect(address)
    dataset = ray.data.from_items(
        [{"key": k, "text": t} for k, t in zip(keys, texts, strict=True)],
        override_num_blocks=max(1, min(len(texts) // shards.SHARD_SIZE + 1, 4 * cpus)),
    )
    written = dataset.map_batches(
        _EmbedShards,
        fn_constructor_kwargs={
            "model": embedder.name,
            "backend": embedder.backend,
            "models_dir": str(embedder.models_dir) if embedder.models_dir else None,
            "folder": str(folder),
        },
        batch_size=shards.SHARD_SIZE,
        batch_format="numpy",
        concurrency=min(cpus, max(1, len(texts) // shards.SHARD_SIZE + 1)),
        num_cpus=1,
    )
    return [Path(row["shard"]) for row in written.iter_rows()]
