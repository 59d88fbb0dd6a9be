"""The index folder's edges: one writer at a time, dead staging cleared, a refused write and a
damaged `current` or manifest each end in one line (never a traceback), and a rebuild repairs
the damage it names.

Every index here is a private copy of the session index, models/ and cache/ included, so a
`qa index` subprocess embeds nothing it has seen and finishes in about a second."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from qa import layout
from qa.build import build_index, update_index
from qa.config import ChunkSettings
from qa.errors import IndexBusy
from qa.retrieve import Retriever

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "data" / "articles"
MODEL = "all-MiniLM-L6-v2"
BUSY = re.compile(
    r"error: (?P<dir>.+)/ is being written by another qa index "
    r"\(pid (?P<pid>\d+), started \d\d:\d\d:\d\d\); wait for it to finish"
)
EXTRA = "Budget talks stall\n\nFinance ministers failed to agree on the budget on Friday.\n"


@pytest.fixture()
def idx(index_dir: Path, tmp_path: Path) -> Path:
    """A private copy of the session index to write to or break."""
    folder = tmp_path / "idx"
    shutil.copytree(index_dir, folder, symlinks=True)
    return folder


def _qa(*args: str | Path, limit_bytes: int | None = None) -> subprocess.CompletedProcess:
    """The real CLI; with `limit_bytes`, under RLIMIT_FSIZE with SIGXFSZ ignored, so any write
    past the limit fails with EFBIG the way a full disk fails with ENOSPC. The limit is set by
    a launcher that then execs `python -m qa` (rlimits and ignored signals survive exec)."""
    cmd = [sys.executable, "-m", "qa", *map(str, args)]
    if limit_bytes is not None:
        launcher = (
            "import os, resource, signal, sys; "
            "signal.signal(signal.SIGXFSZ, signal.SIG_IGN); "
            f"resource.setrlimit(resource.RLIMIT_FSIZE, ({limit_bytes}, {limit_bytes})); "
            "os.execv(sys.executable, [sys.executable, *sys.argv[1:]])"
        )
        cmd = [sys.executable, "-c", launcher, *cmd[1:]]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=120)


def _one_error_line(out: subprocess.CompletedProcess) -> str:
    assert out.returncode == 1, (out.returncode, out.stderr)
    assert "Traceback" not in out.stderr, out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), out.stderr
    return lines[0]


def _articles(index: Path) -> set[str]:
    r = Retriever.open(index, MODEL, verify=True)
    try:
        return {row[0] for row in r.store.conn.execute("SELECT source FROM articles")}
    finally:
        r.close()


def _leftovers(index: Path) -> list[str]:
    return sorted(p.name for p in [*(index / "builds").glob(".tmp-*"), *index.glob(".current-*")])


# -- one writer at a time ------------------------------------------------------------------


def test_writer_is_refused_while_another_holds_the_lock(idx, tmp_path):
    extra = tmp_path / "extra.txt"
    extra.write_text(EXTRA, encoding="utf-8")
    before, sources = os.readlink(idx / "current"), _articles(idx)
    with layout.write_lock(idx, "qa index (this test)"):
        out = _qa("index", "--add", extra, "--index-dir", idx, "--quiet")
        line = _one_error_line(out)
        busy = BUSY.fullmatch(line)
        assert busy and busy["pid"] == str(os.getpid()) and busy["dir"] == str(idx), line
        with pytest.raises(IndexBusy):
            build_index([ARTICLES], idx, MODEL, ChunkSettings(), progress=False)
    assert os.readlink(idx / "current") == before and _articles(idx) == sources
    # Released with the holder: the same update now goes through.
    report = update_index(idx, MODEL, add=[extra], remove=[], progress=False)
    assert report.published and _articles(idx) == sources | {"extra.txt"}


def test_concurrent_writers_one_refused_nothing_lost(idx, tmp_path):
    # A rebuild over 20 new articles (~70 new passages, a few seconds of embedding) ...
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(4):
        for src in sorted(ARTICLES.iterdir()):
            text = src.read_text(encoding="utf-8").replace("China", f"China{i}")
            (corpus / f"{i}_{src.name}").write_text(text, encoding="utf-8")
    first = subprocess.Popen(
        [sys.executable, "-m", "qa", "index", str(corpus), "--index-dir", str(idx), "--quiet"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        # ... is writing once its staging folder exists ...
        deadline = time.time() + 60
        while time.time() < deadline and first.poll() is None:
            if list((idx / "builds").glob(".tmp-*")):
                break
            time.sleep(0.05)
        assert first.poll() is None, "the first writer finished before the second could start"
        # ... so an --add started meanwhile is refused at once, naming it.
        extra = tmp_path / "extra.txt"
        extra.write_text(EXTRA, encoding="utf-8")
        second = _qa("index", "--add", extra, "--index-dir", idx, "--quiet")
        assert first.poll() is None, "the first writer finished before the second one ran"
        busy = BUSY.fullmatch(_one_error_line(second))
        assert busy and busy["pid"] == str(first.pid), second.stderr
        _, err = first.communicate(timeout=120)
    finally:
        first.kill()
        first.wait()
    assert first.returncode == 0, err
    assert _articles(idx) == {p.name for p in corpus.iterdir()}
    assert not _leftovers(idx)


# -- dead staging ----------------------------------------------------------------------------


def test_staging_of_dead_writers_is_removed_by_the_next_write(idx):
    old = idx / "builds" / ".tmp-20200101T000000-dead01"
    fresh = idx / "builds" / ".tmp-20990101T000000-dead02"
    for folder in (old, fresh):
        (folder / "lexical").mkdir(parents=True)
        (folder / "meta.sqlite").write_bytes(b"half a build")
    two_hours_ago = time.time() - 7200
    os.utime(old, (two_hours_ago, two_hours_ago))
    (idx / ".current-20990101T000000-dead02").symlink_to(Path("builds") / fresh.name)
    # A killed writer leaves these; no writer is alive (nobody holds the lock), so they go.
    build_index([ARTICLES], idx, MODEL, ChunkSettings(), progress=False)
    assert not _leftovers(idx)
    assert _articles(idx) == {p.name for p in ARTICLES.iterdir()}


# -- refused writes ----------------------------------------------------------------------------


def test_unwritable_index_dir_is_one_line(idx, tmp_path):
    # Honest as root too: no permission bit stops root, but a file in the path does.
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    line = _one_error_line(_qa("index", ARTICLES, "--index-dir", blocker / "idx", "--quiet"))
    assert line == (
        f"error: cannot write {blocker / 'idx'}: Not a directory; nothing was published, "
        "no build serves yet"
    )
    if os.geteuid() == 0:
        return
    before = os.readlink(idx / "current")
    (idx / "builds").chmod(0o555)
    try:
        line = _one_error_line(_qa("index", ARTICLES, "--index-dir", idx, "--quiet"))
    finally:
        (idx / "builds").chmod(0o755)
    assert "Permission denied" in line and "the previous build still serves" in line
    assert os.readlink(idx / "current") == before and not _leftovers(idx)


def test_disk_full_during_a_build_keeps_the_previous_build(idx):
    before, sources = os.readlink(idx / "current"), _articles(idx)
    # 16 KB: the lock file fits, the new build's meta.sqlite (~90 KB) does not.
    out = _qa("index", ARTICLES, "--index-dir", idx, "--quiet", limit_bytes=16 * 1024)
    line = _one_error_line(out)
    assert re.fullmatch(
        rf"error: cannot write {re.escape(str(idx))}/builds/\.tmp-[^ ]+: .+; "
        "nothing was published, the previous build still serves",
        line,
    ), line
    assert os.readlink(idx / "current") == before and not _leftovers(idx)
    assert _articles(idx) == sources


# -- damaged `current` and manifests -----------------------------------------------------------


def _replace_current(idx: Path, make: Callable[[Path], object]) -> None:
    (idx / "current").unlink()
    make(idx / "current")


def _write_manifest(idx: Path, edit: Callable[[dict], object]) -> None:
    path = idx / "current" / layout.MANIFEST
    path.write_text(json.dumps(edit(json.loads(path.read_text()))))


DAMAGES: dict[str, Callable[[Path], None]] = {
    "current is a file": lambda i: _replace_current(i, lambda c: c.write_text("builds/x\n")),
    "current is a folder": lambda i: _replace_current(i, lambda c: c.mkdir()),
    "current is a dangling link": lambda i: _replace_current(
        i, lambda c: c.symlink_to(Path("builds") / "deleted-build")
    ),
    "manifest is an array": lambda i: _write_manifest(i, lambda m: []),
    "manifest is a string": lambda i: _write_manifest(i, lambda m: "x"),
    "manifest has no model or files": lambda i: _write_manifest(i, lambda m: {"format": 1}),
    "manifest file entry is a string": lambda i: _write_manifest(
        i, lambda m: {**m, "files": {name: "0" * 64 for name in m["files"]}}
    ),
}


@pytest.mark.parametrize("damage", list(DAMAGES))
def test_damaged_index_is_one_line_and_a_rebuild_repairs_it(idx, tmp_path, damage):
    DAMAGES[damage](idx)
    # Readers and an --add (which reads the live build) refuse it in one line ...
    line = _one_error_line(_qa("ask", "weapons", "--index-dir", idx))
    assert "qa index" in line, line
    extra = tmp_path / "extra.txt"
    extra.write_text(EXTRA, encoding="utf-8")
    _one_error_line(_qa("index", "--add", extra, "--index-dir", idx, "--quiet"))
    # ... and the full rebuild the message asks for replaces it.
    out = _qa("index", ARTICLES, "--index-dir", idx, "--quiet")
    assert out.returncode == 0, out.stderr
    assert (idx / "current").is_symlink()
    assert _articles(idx) == {p.name for p in ARTICLES.iterdir()}
    assert not _leftovers(idx)


def test_serve_refuses_a_malformed_manifest_in_one_line(idx):
    DAMAGES["manifest has no model or files"](idx)
    line = _one_error_line(_qa("serve", "--index-dir", idx, "--port", "0"))
    assert "manifest.json is malformed (no 'build_id')" in line and "qa index" in line, line
