"""Statements found per article text, kept between builds of one index folder.

Why. Finding who said what (qa/quotes.py, with its spaCy parse) costs more than everything
else a rebuild does once the vectors are cached: 37 of 40 s on BBC. And every `qa index
--add` rebuilds the whole index from the stored articles, so without a cache each update
parses the whole archive again. The cache maps an article's exact text to the statements
found in it, as offsets, in index/statements/<version>.sqlite.

The version is a hash of the code and model that find statements (qa/quotes.py,
qa/speech_parse.py, qa/chunk.py's sentence splitter, qa/first_names.py, the rows' shape in
qa/statement.py, the spaCy model and spaCy's version):
a change to any of them starts a new file, so a cached answer is always the one the current
code would give. `qa gc` removes the files of other versions.

The cache is best effort: it is not part of the atomic build (an entry is right whatever
build wrote it), and if its file cannot be read or written the build goes on without it and
says so once.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import logging
import sqlite3
from importlib import metadata
from pathlib import Path

from qa.quotes import find_statements, headline_of
from qa.statement import Statement

FOLDER = "statements"
_COMMIT_EVERY = 500
_log = logging.getLogger(__name__)


@functools.cache
def version() -> str:
    """A hash of what decides the statements found: the finder's code and its model."""
    from qa import chunk, first_names, quotes, speech_parse, statement

    digest = hashlib.sha256()
    # statement: the rows' shape; first_names: who "he" or "she" can be
    for module in (quotes, statement, speech_parse, chunk, first_names):
        digest.update(Path(module.__file__).read_bytes())
    for package in ("spacy", speech_parse.MODEL.replace("_", "-")):
        try:
            digest.update(f"{package}=={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package} missing".encode())
    return digest.hexdigest()[:16]


def cache_path(index_dir: Path) -> Path:
    return index_dir / FOLDER / f"{version()}.sqlite"


class StatementCache:
    """find_statements(text), answered from index/statements/ when that text was seen."""

    def __init__(self, index_dir: Path) -> None:
        self.hits = self.misses = 0
        self.problem: str | None = None  # why the cache was given up, if it was
        self._pending = 0
        self._conn: sqlite3.Connection | None = None
        path = cache_path(index_dir)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(path)
            self._conn.execute(
                "CREATE TABLE IF NOT EXISTS said (text_sha256 TEXT PRIMARY KEY, found TEXT)"
            )
        except (OSError, sqlite3.Error) as exc:
            self._give_up(f"cannot open {path} ({exc})")

    def find(self, text: str, title: str | None = None) -> list[Statement]:
        """The statements of `text` (and its `title`, see find_statements): cached, else
        found and cached. Keyed by the text alone where the title adds nothing to it."""
        headline = headline_of(text, title)
        keyed = text if headline is None else f"{headline}\x00{text}"
        key = hashlib.sha256(keyed.encode("utf-8")).hexdigest()
        if self._conn is not None:
            try:
                row = self._conn.execute(
                    "SELECT found FROM said WHERE text_sha256 = ?", (key,)
                ).fetchone()
            except sqlite3.Error as exc:
                row = None
                self._give_up(f"cannot read it ({exc})")
            if row is not None:
                self.hits += 1
                return [Statement.from_row(tuple(r), text) for r in json.loads(row[0])]
        self.misses += 1
        found = find_statements(text, title)
        if self._conn is not None:
            rows = [s.row() for s in found]
            try:
                self._conn.execute(
                    "INSERT OR REPLACE INTO said VALUES (?, ?)",
                    (key, json.dumps(rows, ensure_ascii=False)),
                )
                self._pending += 1
                if self._pending >= _COMMIT_EVERY:
                    self._conn.commit()
                    self._pending = 0
            except sqlite3.Error as exc:
                self._give_up(f"cannot write it ({exc})")
        return found

    def close(self) -> None:
        if self._conn is None:
            return
        try:
            self._conn.commit()
            self._conn.close()
        except sqlite3.Error as exc:
            self._give_up(f"cannot write it ({exc})")
        self._conn = None

    def _give_up(self, why: str) -> None:
        """Go on without the cache: a build must not fail for want of a shortcut."""
        self.problem = f"statement cache: {why}; statements are found afresh"
        _log.warning(self.problem)
        if self._conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self._conn.close()
        self._conn = None


def gc(index_dir: Path, dry_run: bool = False) -> dict:
    """Remove the cache files of other versions than the running code's."""
    folder = index_dir / FOLDER
    freed = {"files": 0, "bytes": 0}
    keep = cache_path(index_dir).name
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        if path.name.startswith(keep) or not path.is_file():  # with its -journal
            continue
        freed["files"] += 1
        freed["bytes"] += path.stat().st_size
        if not dry_run:
            path.unlink()
    return freed
