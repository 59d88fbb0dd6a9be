"""The index folder: the one place that knows its shape, for the writer and the reader.

    index/current -> builds/<build_id>     swapped atomically with os.replace
    index/builds/<build_id>/               manifest.json, vectors.faiss (or vectors/, its HNSW
                                           shards), meta.sqlite, lexical/, candidates/ (what
                                           ranking reads of each passage, as arrays)
    index/builds/.tmp-<build_id>/          staging; never read by the service
    index/cache/<model>/                   embedding shards keyed by passage hash (qa.shards)
    index/models/<model+backend>/          ONNX export for the onnx backends (qa.embed)
    index/statements/<version>.sqlite      statements found per article text (qa.statement_cache)
    index/.lock                            held (flock) by the one writer; says who it is

A build is written into staging, fsynced, its manifest written last, renamed into builds/
and published by replacing the `current` symlink, so a reader sees the old build or the new
one, never a mix, and a build killed at any point leaves the old one serving.

Writers (`qa index`, full or --add/--remove) hold `write_lock` for their whole run: two at once
would each publish a build made from the same old one, and the later would silently drop the
other's work. Readers never lock: they only follow `current`, which is always whole.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import shutil
import time
import uuid
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from qa import integrity
from qa.config import ChunkSettings
from qa.errors import IndexBusy, IndexInvalid, IndexNotFound
from qa.integrity import STAMP, sha256

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
VECTORS = "vectors.faiss"
VECTOR_SHARDS = "vectors"  # HNSW past vectors.SHARD_MAX: 0000.faiss, 0001.faiss, ...
META = "meta.sqlite"
LEXICAL = "lexical"
SPEAKERS = "speakers.json"  # the speakers' groups, computed at build time (qa/speakers.py)
MODELS = "models"
LOCK = ".lock"
KEEP_BUILDS = 3

log = logging.getLogger(__name__)


@contextlib.contextmanager
def write_lock(index_dir: Path, command: str) -> Iterator[None]:
    """Hold the index folder's exclusive write lock for the body, or raise IndexBusy at once.

    flock(2) on `<index_dir>/.lock`: the kernel drops it when the holder exits or is killed, so
    a lock is never stale and nobody has to delete it (deleting would let two writers lock two
    different files). The holder writes its pid, command and start time into the file so the
    refused writer can say who is writing. The descriptor is close-on-exec, so programs a
    build starts do not keep the lock alive after it. Once held, any staging folder or temp
    link left in the folder belongs to a writer that died, so it is removed here."""
    index_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(index_dir / LOCK, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise IndexBusy(_busy_message(index_dir, fd)) from None
        holder = {
            "pid": os.getpid(),
            "command": command,
            "started": datetime.now().astimezone().isoformat(timespec="seconds"),
        }
        os.ftruncate(fd, 0)
        os.pwrite(fd, (json.dumps(holder) + "\n").encode(), 0)
        remove_dead_staging(index_dir)
        try:
            yield
        finally:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)  # the lock is released below; nobody is writing any more
    finally:
        os.close(fd)


def _busy_message(index_dir: Path, fd: int) -> str:
    """Who holds the lock, from what it wrote (it may not have written yet: then unknown)."""
    pid, started = "unknown", "just now"
    try:
        holder = json.loads(os.pread(fd, 4096, 0))
        pid = str(int(holder["pid"]))
        when = datetime.fromisoformat(holder["started"])
        same_day = when.date() == datetime.now(when.tzinfo).date()
        started = when.strftime("%H:%M:%S" if same_day else "%Y-%m-%d %H:%M:%S")
    except (OSError, ValueError, TypeError, KeyError):
        pass
    return (
        f"{index_dir}/ is being written by another qa index (pid {pid}, started {started}); "
        "wait for it to finish"
    )


def remove_dead_staging(index_dir: Path) -> None:
    """Drop every staging folder and temp `current` link: call only while holding the lock,
    when no live writer can own them."""
    for tmp in (index_dir / "builds").glob(".tmp-*"):
        if tmp.is_dir() and not tmp.is_symlink():
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                tmp.unlink()
    for link in index_dir.glob(".current-*"):
        with contextlib.suppress(OSError):
            if link.is_dir() and not link.is_symlink():
                shutil.rmtree(link)  # a `current` folder moved aside by publish()
            else:
                link.unlink()


def new_build_id() -> str:
    """Local time to the microsecond, then a random suffix: ids sort in the order builds were
    made (prune keeps the newest, rollback and a booting worker fall back to the newest older
    one), even for builds made within one second."""
    return datetime.now().strftime("%Y%m%dT%H%M%S%f") + "-" + uuid.uuid4().hex[:6]


def staging_dir(index_dir: Path, build_id: str) -> Path:
    path = index_dir / "builds" / f".tmp-{build_id}"
    path.mkdir(parents=True, exist_ok=False)
    return path


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.name not in (MANIFEST, STAMP))


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
    # Readers trust these checksums while the files stay unwritten (qa.integrity).
    integrity.write_stamp(folder, {name: info["sha256"] for name, info in files.items()})


def publish(index_dir: Path, staging: Path, build_id: str) -> Path:
    """Rename staging into builds/ and point `current` at it in one atomic step.

    The caller holds `write_lock`. If the swap fails (disk full, ...) the renamed build is
    removed again, so nothing half-published is left beside the build that still serves. A
    `current` that is a real folder (not written by qa; rename cannot replace a folder with a
    link) is moved aside first and dropped once the new link is in place: a rebuild is the
    fix the readers' error message gives for it."""
    final = index_dir / "builds" / build_id
    os.replace(staging, final)
    try:
        _swap_current(index_dir, build_id)
    except BaseException:
        shutil.rmtree(final, ignore_errors=True)
        raise
    # Published: a failure from here on must not be reported as "nothing was published".
    try:
        _fsync(index_dir)
        prune(index_dir)
    except OSError as exc:
        log.warning("build %s is published, but tidying %s failed: %s", build_id, index_dir, exc)
    return final


def prune(index_dir: Path) -> None:
    """Keep the newest builds (a worker may still read an older one) and drop dead staging.

    Called under `write_lock`, which already removed every staging folder it found; the
    age rule below is only a backstop for a writer that ran without the lock (an old qa)."""
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
    """The published build folder that `current` points at.

    Only a symlink to a folder under builds/ is a published build: anything else (a file, a
    folder copied with `cp -L`, a link to a deleted build) was not written by `qa index`, and
    reading it would fail later with an error that names neither it nor the fix."""
    link = index_dir / "current"
    fix = f"rebuild with `qa index PATH --index-dir {index_dir}` (it replaces it)"
    if not link.is_symlink():
        if not link.exists():
            if must_exist:
                raise IndexNotFound(
                    f"no index at {index_dir}/current: build one with `qa index PATH --index-dir "
                    f"{index_dir}`"
                )
            return None
        kind = "a folder" if link.is_dir() else "a file"
        raise IndexInvalid(f"{link} is {kind}, not a link to a build in {index_dir}/builds; {fix}")
    target = Path(os.path.realpath(link))
    shown = os.readlink(link)
    if target.parent != Path(os.path.realpath(index_dir / "builds")):
        raise IndexInvalid(f"{link} points at {shown}, outside {index_dir}/builds; {fix}")
    if not target.is_dir():
        raise IndexInvalid(f"{link} points at {shown}, which is missing; {fix}")
    return target


def serving(index_dir: Path) -> bool:
    """Whether `current` is a published build (for messages; never raises)."""
    try:
        return resolve(index_dir, must_exist=False) is not None
    except (IndexInvalid, OSError):
        return False


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
    except OSError as exc:  # e.g. the build is a file, or manifest.json a folder
        raise IndexInvalid(
            f"{path} cannot be read ({exc.strerror}); rebuild with `qa index`"
        ) from exc
    if not isinstance(manifest, dict):
        raise IndexInvalid(
            f"{path} is malformed (a JSON {_json_type(manifest)}, not an object); "
            "rebuild with `qa index`"
        )
    if manifest.get("format") != FORMAT_VERSION:
        raise IndexInvalid(
            f"{path} has format {manifest.get('format')!r}, this version reads {FORMAT_VERSION}; "
            "rebuild with `qa index`"
        )
    problem = _shape_problem(manifest)
    if problem:
        raise IndexInvalid(f"{path} is malformed ({problem}); rebuild with `qa index`")
    for name, info in manifest.get("files", {}).items():
        file = build / name
        if not file.is_file():
            raise IndexInvalid(f"{file} is missing; rebuild with `qa index`")
        if file.stat().st_size != info["bytes"]:
            raise IndexInvalid(
                f"{file} is truncated or altered ({file.stat().st_size} bytes, manifest says "
                f"{info['bytes']}); rebuild with `qa index`"
            )
    if verify:
        checksums = {name: info["sha256"] for name, info in manifest.get("files", {}).items()}
        try:
            integrity.verify(build, checksums)
        except integrity.ChecksumMismatch as exc:
            raise IndexInvalid(
                f"{exc.path} is corrupted (checksum mismatch); rebuild with `qa index`"
            ) from None
    return manifest


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    return {str: "string", list: "array", dict: "object"}.get(type(value), type(value).__name__)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# The chunking settings a manifest may record, with their defaults (for their types).
CHUNKING = ChunkSettings().as_dict()


def _shape_problem(manifest: dict) -> str | None:
    """What is wrong with the shape of a format-1 manifest, or None.

    Checks every key a reader or writer indexes without a default (retrieve.py: model.name,
    model.dim, build_id, created, chunking; build.py: chunking as ChunkSettings(**...); the
    checks below: files), so a damaged manifest is one line here and not a KeyError later."""
    for key, kind in (("build_id", str), ("created", str), ("model", dict), ("chunking", dict)):
        if key not in manifest:
            return f"no {key!r}"
        if not isinstance(manifest[key], kind):
            return f"{key!r} is a {_json_type(manifest[key])}"
    model = manifest["model"]
    if not isinstance(model.get("name"), str):
        return "'model.name' is missing or not a string"
    if not _is_int(model.get("dim")) or model["dim"] <= 0:
        return "'model.dim' is missing or not a positive integer"
    for key in ("backend", "export_sha256", "query_backend", "query_export_sha256"):
        if model.get(key) is not None and not isinstance(model[key], str):
            return f"'model.{key}' is not a string"
    for key, value in manifest["chunking"].items():
        if key not in CHUNKING:
            return f"unknown chunking setting {key!r}"
        if not (isinstance(value, bool) if isinstance(CHUNKING[key], bool) else _is_int(value)):
            return f"chunking setting {key!r} is a {_json_type(value)}"
    for key in ("vector_index", "vector_index_requested"):
        if key in manifest and not isinstance(manifest[key], str):
            return f"{key!r} is not a string"
    files = manifest.get("files")
    if not isinstance(files, dict):
        return "no 'files'" if files is None else f"'files' is a {_json_type(files)}"
    for name, info in files.items():
        if Path(name).is_absolute() or ".." in Path(name).parts:
            return f"file name {name!r} points outside the build"
        if not isinstance(info, dict):
            return f"the entry of {name} is a {_json_type(info)}"
        if not isinstance(info.get("sha256"), str) or not _is_int(info.get("bytes")):
            return f"the entry of {name} needs a 'sha256' string and a 'bytes' integer"
    return None


# -- builds, rollback, gc -----------------------------------------------------------------------


def finished_builds(index_dir: Path) -> list[Path]:
    """Every finished build folder under builds/, newest first (build ids start with the time)."""
    builds = index_dir / "builds"
    if not builds.is_dir():
        return []
    return sorted(
        (p for p in builds.iterdir() if p.is_dir() and not p.name.startswith(".")),
        key=lambda p: p.name,
        reverse=True,
    )


def describe_builds(index_dir: Path) -> list[dict]:
    """One row per build, newest first: what its manifest says, whether it is `current`, and
    whether it verifies by size (checksums are not computed: that is `rollback`'s check)."""
    try:
        live = resolve(index_dir, must_exist=False)
    except IndexInvalid:
        live = None
    rows = []
    for build in finished_builds(index_dir):
        row = {
            "build_id": build.name,
            "created": None,
            "articles": None,
            "passages": None,
            "vector_index": None,
            "model": None,
            "backend": None,
            "current": live is not None and build.resolve() == live.resolve(),
            "verifies": True,
            "problem": None,
        }
        try:
            manifest = read_manifest(build)
        except IndexInvalid as exc:
            row.update(verifies=False, problem=str(exc))
        else:
            counts = manifest.get("counts") if isinstance(manifest.get("counts"), dict) else {}
            row.update(
                created=manifest["created"],
                articles=counts.get("articles"),
                passages=counts.get("passages"),
                vector_index=manifest.get("vector_index"),
                model=manifest["model"]["name"],
                backend=manifest["model"].get("backend") or "torch",
            )
        rows.append(row)
    return rows


def point_current(index_dir: Path, build_id: str) -> None:
    """Point `current` at an existing build with the same atomic link swap as `publish`.

    The caller holds `write_lock`."""
    _swap_current(index_dir, build_id)
    _fsync(index_dir)


def _swap_current(index_dir: Path, build_id: str) -> None:
    """Replace `current` by a link to builds/<build_id> in one rename. A `current` that is a
    real folder (not written by qa; rename cannot replace a folder with a link) is moved aside
    first and dropped once the new link is in place."""
    current = index_dir / "current"
    link_tmp = index_dir / f".current-{build_id}-{uuid.uuid4().hex[:6]}"
    aside = index_dir / f".current-{build_id}-replaced"
    try:
        os.symlink(Path("builds") / build_id, link_tmp)
        if current.is_dir() and not current.is_symlink():
            os.replace(current, aside)
        os.replace(link_tmp, current)
    except BaseException:
        with contextlib.suppress(OSError):
            link_tmp.unlink()
        raise
    shutil.rmtree(aside, ignore_errors=True)


def rollback(index_dir: Path, to: str | None = None) -> tuple[str | None, str]:
    """Point `current` at build `to`, or at the newest build older than the current one that
    verifies fully (checksums included); returns (from, to) build ids. Under `write_lock`, so
    it cannot race a writer; serving workers follow `current` by themselves (qa.live)."""
    with write_lock(index_dir, f"qa rollback{f' --to {to}' if to else ''}"):
        try:
            live = resolve(index_dir, must_exist=False)
        except IndexInvalid:
            live = None  # a broken `current`: any verifying build is a way back
        was = live.name if live is not None else None
        builds = finished_builds(index_dir)
        if to is not None:
            target = index_dir / "builds" / to
            if to.startswith(".") or "/" in to or target not in builds:
                raise IndexNotFound(f"no build {to} in {index_dir}/builds (`qa builds` lists them)")
            try:
                read_manifest(target, verify=True)
            except IndexInvalid as exc:
                raise IndexInvalid(f"cannot roll back to {to}: {exc}") from None
        else:
            older = [b for b in builds if was is None or b.name < was]
            target, problems = None, []
            for build in older:
                try:
                    read_manifest(build, verify=True)
                except IndexInvalid as exc:
                    problems.append(f"{build.name}: {exc}")
                    continue
                target = build
                break
            if target is None:
                why = f" ({'; '.join(problems)})" if problems else ""
                raise IndexNotFound(
                    f"no older build to roll back to in {index_dir}/builds"
                    + (f" than {was}" if was else "")
                    + why
                )
        if target.name != was:
            point_current(index_dir, target.name)
        return was, target.name


def gc(index_dir: Path, dry_run: bool = False) -> dict:
    """Remove cached embedding shards and ONNX exports that no kept build uses, and the
    statement caches of other code versions than the running one.

    A shard stays when any passage of any build in builds/ hashes into it (a shard holds up
    to SHARD_SIZE passages; one with some used keys is kept whole, not rewritten). A build
    whose passages cannot be read stops the collection: nothing is removed on a guess. Under
    `write_lock`, so no build is writing shards meanwhile; shards a killed build left for its
    resume are removed too (no kept build uses them)."""
    from qa import shards, statement_cache
    from qa.build import _embedding_texts
    from qa.embed import cache_label, export_folder

    with write_lock(index_dir, "qa gc" + (" --dry-run" if dry_run else "")):
        builds = finished_builds(index_dir)
        if not builds:
            raise IndexNotFound(
                f"no builds in {index_dir}/builds: nothing to keep, so gc leaves the cache alone"
            )
        used: dict[str, set[bytes]] = {}  # cache folder name -> keys of kept passages
        exports: set[str] = set()  # export folder names of kept builds
        for build in builds:
            try:
                manifest = read_manifest(build)
                name, backend = manifest["model"]["name"], manifest["model"].get("backend")
                backend = backend or "torch"
                label = cache_label(name, backend)
                keys = used.setdefault(shards.slug(label), set())
                settings = ChunkSettings(**manifest["chunking"])
                for text in _embedding_texts(build, settings):
                    keys.add(shards.key(label, text))
            except Exception as exc:  # any unreadable build stops gc: nothing on a guess
                raise IndexInvalid(
                    f"gc cannot tell what build {build.name} needs ({exc}); remove that build "
                    f"folder or rebuild, then run gc again"
                ) from None
            if backend != "torch":
                exports.add(export_folder(name, backend, index_dir / MODELS).name)
            if manifest["model"].get("query_backend"):  # the questions' own export
                query = manifest["model"]["query_backend"]
                exports.add(export_folder(name, query, index_dir / MODELS).name)
        freed = {"files": 0, "bytes": 0, "shards": 0, "shards_kept": 0, "exports": 0}
        cache = index_dir / "cache"
        for folder in sorted(cache.iterdir()) if cache.is_dir() else []:
            if not folder.is_dir():
                continue
            result = shards.gc_shards(folder, used.get(folder.name, set()), dry_run)
            for k in ("files", "bytes", "shards", "shards_kept"):
                freed[k] += result[k]
            if not dry_run and not any(folder.iterdir()):
                folder.rmdir()
        models = index_dir / MODELS
        for folder in sorted(models.iterdir()) if models.is_dir() else []:
            if folder.name in exports:
                continue
            files = [folder] if not folder.is_dir() else [p for p in folder.rglob("*")]
            files = [p for p in files if p.is_file() and not p.is_symlink()]
            freed["files"] += len(files)
            freed["bytes"] += sum(p.stat().st_size for p in files)
            freed["exports"] += 1
            if not dry_run:
                if folder.is_dir() and not folder.is_symlink():
                    shutil.rmtree(folder)
                else:
                    folder.unlink()
        said = statement_cache.gc(index_dir, dry_run)
        freed["files"] += said["files"]
        freed["bytes"] += said["bytes"]
        freed["statement_caches"] = said["files"]
        freed["builds"] = len(builds)
        return freed
