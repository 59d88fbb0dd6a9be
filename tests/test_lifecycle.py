"""Builds over time: `qa builds`, `qa rollback`, `qa gc`, through the real CLI on a real index.

One history of five small builds is made once (the first exports the ONNX model); each test
works on its own copy of it."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import ARTICLES, run_qa

from qa import layout
from qa.config import DEFAULT_BACKEND


def _files(*numbers: str) -> list[Path]:
    return [next(ARTICLES.glob(f"{n}_*.txt")) for n in numbers]


def _index(folder: Path, *numbers: str):
    out = run_qa("index", *_files(*numbers), "--index-dir", folder)
    assert out.returncode == 0, out.stderr
    return out


def _embedded(out) -> int:
    return int(re.search(r"(\d+) passages embedded", out.stdout).group(1))


# Five builds: b0 {002}, b1 {000, 001}, b2 {000} (a subset: all from cache), b3 {003}, b4 {004}.
# Only three are kept, so b0 and b1 are pruned: b0's shard holds 002 alone and no kept build
# uses it; b1's shard holds 000 and 001, and b2 still uses 000, so it stays whole.
HISTORY = [("002",), ("000", "001"), ("000",), ("003",), ("004",)]


@pytest.fixture(scope="module")
def history(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("lifecycle") / "index"
    runs = [_index(folder, *numbers) for numbers in HISTORY]
    ids = [re.search(r"-> build (\S+)", r.stdout).group(1) for r in runs]
    return {"folder": folder, "runs": runs, "ids": ids}


@pytest.fixture()
def idx(history, tmp_path) -> Path:
    copy = tmp_path / "index"
    shutil.copytree(history["folder"], copy, symlinks=True)
    return copy


def test_first_build_says_what_the_silent_seconds_are(history):
    first, later = history["runs"][0], history["runs"][1]
    # Exporting or copying from the machine's cache, as the session's cache stands
    # (test_export_cache checks which is said when).
    assert "ONNX" in first.stderr and "loading the model..." in first.stderr
    assert "ONNX" not in later.stderr and "loading the model..." in later.stderr
    assert _embedded(history["runs"][2]) == 0  # the subset came from the cache


def test_quiet_build_prints_no_notes(idx):
    out = run_qa("index", *_files("003"), "--index-dir", idx, "--quiet")
    assert out.returncode == 0 and out.stderr == "", out.stderr


def test_builds_lists_newest_first_with_current_marked(idx, history):
    ids = history["ids"]
    out = run_qa("builds", "--index-dir", idx)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].split() == [
        "BUILD", "CREATED", "ARTICLES", "PASSAGES", "VECTORS", "BACKEND", "CHECK"
    ]  # fmt: skip
    assert [line.split()[-7] for line in lines[1:]] == ids[:1:-1]
    assert lines[1].startswith("*") and not lines[2].startswith("*")
    assert lines[1].split()[-3:] == ["flat", DEFAULT_BACKEND, "ok"]
    rows = json.loads(run_qa("builds", "--index-dir", idx, "--json").stdout)
    assert [r["build_id"] for r in rows] == ids[:1:-1]
    assert [r["current"] for r in rows] == [True, False, False]
    assert rows[0]["articles"] == 1 and rows[0]["passages"] > 0 and rows[0]["verifies"]
    # A truncated file is found by the size check.
    meta = idx / "builds" / ids[2] / layout.META
    meta.write_bytes(meta.read_bytes()[:-10])
    rows = json.loads(run_qa("builds", "--index-dir", idx, "--json").stdout)
    assert [r["verifies"] for r in rows] == [True, True, False]
    assert "truncated" in rows[2]["problem"]
    assert "BROKEN" in run_qa("builds", "--index-dir", idx).stdout


def test_rollback_to_previous_then_to_a_given_build(idx, history):
    ids = history["ids"]
    out = run_qa("rollback", "--index-dir", idx)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().endswith(f"{ids[4]} -> {ids[3]}")
    assert layout.resolve(idx).name == ids[3]
    assert (idx / "current").is_symlink() and Path((idx / "current").readlink()) == Path(
        "builds"
    ) / ids[3]
    out = run_qa("rollback", "--index-dir", idx, "--to", ids[4])
    assert out.returncode == 0 and f"{ids[3]} -> {ids[4]}" in out.stdout
    ask = run_qa("ask", "defense minister Moscow", "--index-dir", idx, "--json")
    assert ask.returncode == 0, ask.stderr


def test_rollback_skips_a_build_that_fails_its_checksums(idx, history):
    ids = history["ids"]
    vectors = idx / "builds" / ids[3] / layout.VECTORS
    data = bytearray(vectors.read_bytes())
    data[-1] ^= 0xFF  # same size: only the checksum sees it
    vectors.write_bytes(bytes(data))
    out = run_qa("rollback", "--index-dir", idx)
    assert out.returncode == 0, out.stderr
    assert f"{ids[4]} -> {ids[2]}" in out.stdout
    refused = run_qa("rollback", "--index-dir", idx, "--to", ids[3])
    assert refused.returncode == 1 and refused.stderr.count("\n") == 1
    assert refused.stderr.startswith(f"error: cannot roll back to {ids[3]}")
    assert "checksum" in refused.stderr
    assert layout.resolve(idx).name == ids[2]


def test_rollback_errors_are_one_line(idx, history):
    ids = history["ids"]
    unknown = run_qa("rollback", "--index-dir", idx, "--to", "20200101T000000-abcdef")
    assert unknown.returncode == 1 and unknown.stderr.count("\n") == 1
    assert "no build 20200101T000000-abcdef" in unknown.stderr
    assert run_qa("rollback", "--index-dir", idx, "--to", ids[2]).returncode == 0
    oldest = run_qa("rollback", "--index-dir", idx)
    assert oldest.returncode == 1 and oldest.stderr.count("\n") == 1
    assert oldest.stderr.startswith("error: no older build")
    assert layout.resolve(idx).name == ids[2]


def test_rollback_waits_for_no_writer(idx):
    with layout.write_lock(idx, "qa index test"):
        out = run_qa("rollback", "--index-dir", idx)
    assert out.returncode == 1 and "being written by another qa index" in out.stderr


def test_gc_frees_only_what_no_kept_build_uses(idx):
    cache = next((idx / "cache").iterdir())
    before = sorted(p.name for p in cache.iterdir())
    assert len(before) == 8  # four shards made by the five builds (b2 embedded nothing)
    (idx / "models" / "stale-export").mkdir()
    (idx / "models" / "stale-export" / "model.onnx").write_bytes(b"x" * 1000)
    dry = run_qa("gc", "--index-dir", idx, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.startswith("would free 3 files") and "1 embedding shards" in dry.stdout
    assert sorted(p.name for p in cache.iterdir()) == before
    out = run_qa("gc", "--index-dir", idx)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("freed 3 files") and "1 model exports" in out.stdout
    assert len(list(cache.iterdir())) == 6 and not (idx / "models" / "stale-export").exists()
    assert (idx / "models").is_dir() and any((idx / "models").iterdir())  # the used export
    # Everything the kept builds need is still cached, 001 too (its shard is shared with
    # 000, which b2 uses); only 002, which just the pruned b0 used, is embedded again.
    assert _embedded(_index(idx, "000", "001", "003", "004")) == 0
    assert _embedded(_index(idx, "002")) > 0
    again = run_qa("gc", "--index-dir", idx)
    assert again.stdout.startswith("freed 0 files"), again.stdout


def test_gc_without_builds_leaves_the_cache(tmp_path):
    out = run_qa("gc", "--index-dir", tmp_path)
    assert out.returncode == 1 and out.stderr.startswith("error: no builds")
