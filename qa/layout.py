"""The index folder: the one place that knows its shape, for the writer and the reader.

    index/current -> builds/<build_id>     swapped atomically with os.replace
    index/builds/<build_id>/               manifest.json, vectors.faiss, meta.sqlite, lexical/
    index/builds/.tmp-<build_id>/          staging; never read by the service
    index/cache/<model>/                   embedding shards keyed by passage hash (qa.shards)
    index/models/<model+backend>/          ONNX export for the onnx backends (qa.embed)

A build is written into staging, fsynced, its manifest written last, renamed into builds/
and published by replacing the `current` symlink, so a reader sees the old build or the new
one, never a mix, and a build killed at any point leaves the old one serving.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
import uuid
from pathlib import Path

from qa.errors import IndexInvalid, IndexNotFound

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
VECTORS = "vectors.faiss"
META = "meta.sqlite"
LEXICAL = "lexical"
MODELS = "models"
KEEP_BUILDS = 3


def new_build_id() -> str:
    return time.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]


def staging_dir(index_dir: Path, build_id: str) -> Path:
    path = index_dir / "builds" / f".tmp-{build_id}"
    path.mkdir(parents=True, exist_ok=False)
    return path


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.name != MANIFEST)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_manifest(folder: Path, manifest: dict) -> None:
    """Checksums every file, fsyncs it, then writes the manifest last (it marks completion)."""
    files = {}
    for path in _files(folder):
        _fsync(path)
        files[path.relative_to(folder).as_posix()] = {
            "sha256": sha256(path),
            "bytes": path.stat().st_size,
        }
    manifest = {"format": FORMAT_VERSION, **manifest, "files": files}
    tmp = folder / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps(manifest, indent=2))
    _fsync(tmp)
    os.replace(tmp, folder / MANIFEST)


def publish(index_dir: Path, staging: Path, build_id: str) -> Path:
    """Rename staging into builds/ and point `current` at it in one atomic step."""
    final = index_dir / "builds" / build_id
    os.replace(staging, final)
    link_tmp = index_dir / f".current-{build_id}"
    os.symlink(Path("builds") / build_id, link_tmp)
    os.replace(link_tmp, index_dir / "current")
    _fsync(index_dir)
    prune(index_dir)
    return final


def prune(index_dir: Path) -> None:
    """Keep the newest builds (a worker may still read an older one) and drop dead staging."""
    builds = index_dir / "builds"
    live = resolve(index_dir, must_exist=False)
    finished = sorted(
        (p for p in builds.iterdir() if p.is_dir() and not p.name.startswith(".")),
        key=lambda p: p.name,
    )
    for old in finished[:-KEEP_BUILDS]:
        if live is None or old.resolve() != live.resolve():
            shutil.rmtree(old, ignore_errors=True)
    for tmp in builds.glob(".tmp-*"):
        # A staging folder untouched for an hour belongs to a build that died.
        if time.time() - tmp.stat().st_mtime > 3600:
            shutil.rmtree(tmp, ignore_errors=True)


def resolve(index_dir: Path, must_exist: bool = True) -> Path | None:
    """The published build folder that `current` points at."""
    link = index_dir / "current"
    if not link.exists():
        if must_exist:
            raise IndexNotFound(
                f"no index at {index_dir}/current: build one with `qa index PATH --index-dir "
                f"{index_dir}`"
            )
        return None
    return link.resolve()


def read_manifest(build: Path, verify: bool = False) -> dict:
    """The manifest of a build; with `verify`, every file's size and checksum are checked."""
    path = build / MANIFEST
    try:
        manifest = json.loads(path.read_text())
    except FileNotFoundError as exc:
        raise IndexInvalid(
            f"{path} is missing: the build is incomplete; rebuild with `qa index`"
        ) from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise IndexInvalid(f"{path} is corrupt ({exc}); rebuild with `qa index`") from exc
    if manifest.get("format") != FORMAT_VERSION:
        raise IndexInvalid(
            f"{path} has format {manifest.get('format')!r}, this version reads {FORMAT_VERSION}; "
            "rebuild with `qa index`"
        )
    for name, info in manifest.get("files", {}).items():
        file = build / name
        if not file.is_file():
            raise IndexInvalid(f"{file} is missing; rebuild with `qa index`")
        if file.stat().st_size != info["bytes"]:
            raise IndexInvalid(
                f"{file} is truncated or altered ({file.stat().st_size} bytes, manifest says "
                f"{info['bytes']}); rebuild with `qa index`"
            )
        if verify and sha256(file) != info["sha256"]:
            raise IndexInvalid(f"{file} is corrupted (checksum mismatch); rebuild with `qa index`")
    return manifest
