"""SQLite store of articles and passages. A passage's id is its row in the vector index.

Written once per build, then opened read-only by the service, so many worker processes can
share it and filters run as plain SQL.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from qa.candidate_columns import CandidateColumns
from qa.statement import Statement
from qa.types import Article, Filters, Passage

SCHEMA = """
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL UNIQUE,
    title TEXT,
    published TEXT,
    url TEXT,
    text TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    duplicate_of INTEGER REFERENCES articles(id),
    lines TEXT NOT NULL DEFAULT '[]',
    outlet TEXT,
    author TEXT
);
CREATE TABLE passages (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    ordinal INTEGER NOT NULL,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    text TEXT NOT NULL,
    sentences TEXT NOT NULL,
    text_hash TEXT NOT NULL
);
CREATE TABLE statements (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    speaker TEXT NOT NULL,
    role TEXT,
    kind TEXT NOT NULL,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    speaker_start INTEGER NOT NULL,
    speaker_end INTEGER NOT NULL
);
CREATE INDEX statements_article ON statements(article_id);
CREATE INDEX statements_speaker ON statements(speaker);
CREATE INDEX passages_article ON passages(article_id);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_hash ON articles(content_hash);
CREATE INDEX articles_outlet ON articles(outlet);
-- What ranking reads of every candidate (Store.candidates, and Store.sources for the other
-- sources of a repeated passage), as covering indexes: a lookup reads these small B-trees,
-- not the pages that hold the passage and article texts, which at 10M passages are 25 GB and
-- no longer fit in the page cache beside the vectors and BM25.
CREATE INDEX passages_candidate ON passages(id, article_id, text_hash);
CREATE INDEX articles_candidate ON articles(id, duplicate_of, outlet, published, source);
"""
# What Store.counts (and StoreWriter.counts, for the manifest) report.
COUNT_KEYS = (
    "articles", "passages", "duplicate_articles", "outlets", "authors", "dated_articles",
    "statements", "speakers",
)  # fmt: skip
STATEMENT_COLUMNS = (
    "article_id, speaker, role, kind, char_start, char_end, speaker_start, speaker_end"
)
# SQLite's planner prefers the rowid B-tree for `id IN (...)`; the query names these.
CANDIDATE_INDEXES = ("passages_candidate", "articles_candidate")


def text_hash(text: str) -> str:
    return hashlib.sha1(" ".join(text.lower().split()).encode("utf-8")).hexdigest()


@dataclass
class ArticleRow:
    id: int
    source: str
    title: str | None
    published: str | None
    url: str | None
    text: str
    duplicate_of: int | None
    lines: str  # JSON list of the [start, end] spans kept by cleaning
    outlet: str | None = None
    author: str | None = None


class StoreWriter:
    """Build-time writer; ids are assigned densely from 0 so they match vector rows."""

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(path)
        self.conn.executescript(SCHEMA)
        self.next_passage = 0
        self.next_article = 0
        self._hashes: dict[str, int] = {}
        self.duplicates = 0
        # What Store.counts would count, kept as rows are written: at 10M passages the counts
        # are full scans of a 25 GB file, minutes at a worker's start (docs/scaling.md).
        self._outlets: set[str] = set()
        self._authors: set[str] = set()
        self._dated = 0

    def add(self, article: Article, passages: list[Passage]) -> int:
        """Store one article and its passages; returns the id of its first passage. Its
        statements are found afterwards and written by StatementWriter."""
        article_id = self.next_article
        self.next_article += 1
        duplicate_of = self._hashes.get(article.content_hash)
        if duplicate_of is None:
            self._hashes[article.content_hash] = article_id
        else:
            self.duplicates += 1
        self.conn.execute(
            "INSERT INTO articles (id, source, title, published, url, text, content_hash, "
            "duplicate_of, lines, outlet, author) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                article_id,
                article.source,
                article.title,
                article.published,
                article.url,
                article.text,
                article.content_hash,
                duplicate_of,
                json.dumps(article.lines),
                article.outlet,
                article.author,
            ),
        )
        self._outlets.update([article.outlet] if article.outlet is not None else [])
        self._authors.update([article.author] if article.author is not None else [])
        self._dated += article.published is not None
        first = self.next_passage
        self.conn.executemany(
            "INSERT INTO passages VALUES (?,?,?,?,?,?,?,?)",
            [
                (
                    first + i,
                    article_id,
                    p.ordinal,
                    p.char_start,
                    p.char_end,
                    p.text,
                    json.dumps(p.sentences),
                    text_hash(p.text),
                )
                for i, p in enumerate(passages)
            ],
        )
        self.next_passage += len(passages)
        return first

    def counts(self) -> dict[str, int]:
        """Store.counts of what was written, without reading it back (statements and
        speakers: none yet; the build sets them from its StatementWriter)."""
        return {
            "articles": self.next_article,
            "passages": self.next_passage,
            "duplicate_articles": self.duplicates,
            "outlets": len(self._outlets),
            "authors": len(self._authors),
            "dated_articles": self._dated,
            "statements": 0,
            "speakers": 0,
        }

    def close(self) -> None:
        self.conn.commit()
        self.conn.execute("PRAGMA journal_mode=DELETE")
        self.conn.close()


class StatementWriter:
    """The statements of a build's articles, written to a file of their own while the store
    is read by the embedding stage, then moved into the store by `merge_statements`.

    Why a file of its own: finding statements runs beside embedding (qa/build.py), and the
    store is open read-only (immutable) there; writing into it under that reader is what
    SQLite's immutable mode does not allow."""

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(path)
        self.conn.execute(f"CREATE TABLE statements ({STATEMENT_COLUMNS})")
        self.count = 0
        self.speakers: set[str] = set()

    def add(self, article_id: int, statements: list[Statement]) -> None:
        self.count += len(statements)
        self.speakers.update(s.speaker for s in statements)
        self.conn.executemany(
            f"INSERT INTO statements ({STATEMENT_COLUMNS}) VALUES (?,?,?,?,?,?,?,?)",
            [(article_id, *s.row()) for s in statements],
        )

    def close(self) -> None:
        self.conn.commit()
        self.conn.close()


def merge_statements(store: Path, found: Path) -> None:
    """Append a StatementWriter's rows to the store's statements, in the order written (the
    ids they get are those StoreWriter.add would have given them), and delete its file."""
    conn = sqlite3.connect(store)
    try:
        conn.execute("ATTACH DATABASE ? AS found", (str(found),))
        conn.execute(
            f"INSERT INTO statements ({STATEMENT_COLUMNS}) "
            f"SELECT {STATEMENT_COLUMNS} FROM found.statements ORDER BY rowid"
        )
        conn.commit()
        conn.execute("DETACH DATABASE found")
        conn.execute("PRAGMA journal_mode=DELETE")
    finally:
        conn.close()
    found.unlink()


class Store:
    """Read-only access for retrieval and presentation."""

    def __init__(self, path: Path, use_columns: bool = True) -> None:
        uri = f"file:{path.resolve()}?mode=ro&immutable=1"
        self.conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        self.conn.row_factory = sqlite3.Row
        columns = {r[1] for r in self.conn.execute("PRAGMA table_info(articles)")}
        # Indexes written before cleaned lines were stored show the whole text as one line;
        # those written before outlets and authors were kept have none.
        self._lines = "lines" if "lines" in columns else "json_array(json_array(0, length(text)))"
        self._outlet = "outlet" if "outlet" in columns else "NULL"
        self._author = "author" if "author" in columns else "NULL"
        # Indexes written before statements were found have none.
        self._statements = bool(
            self.conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'statements'"
            ).fetchone()
        )
        # Indexes written before the candidate indexes existed read the tables themselves.
        indexes = {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master")}
        self._by_candidate = tuple(
            f"INDEXED BY {name}" if name in indexes else "" for name in CANDIDATE_INDEXES
        )
        # What ranking reads of each candidate; builds written since 2026-11-27 keep it as
        # arrays beside the store too (qa.candidate_columns).
        self._candidate = (
            f"coalesce(a.duplicate_of, a.id), {self._outlet}, a.published, p.text_hash"
        )
        # use_columns=False: rows only (scripts/bench_candidate_columns.py compares the two).
        self._columns = CandidateColumns.open(path.parent) if use_columns else None

    def close(self) -> None:
        self.conn.close()
        self._columns = None  # its maps go with it, not at the next garbage collection

    def content_hashes(self) -> dict[str, str]:
        """source -> content hash of every article (what an update compares new files with)."""
        return dict(self.conn.execute("SELECT source, content_hash FROM articles"))

    def stored_articles(self) -> Iterator[Article]:
        """Every article as it was stored, in id order: an update re-chunks them with the
        build's own settings instead of reading the files again."""
        return (article for _, article in self.numbered_articles())

    def numbered_articles(self) -> Iterator[tuple[int, Article]]:
        """(article id, article) in id order."""
        rows = self.conn.execute(
            f"SELECT id, source, text, title, published, url, {self._lines}, content_hash, "
            f"{self._outlet}, {self._author} FROM articles ORDER BY id"
        )
        for aid, source, text, title, published, url, lines, content_hash, out, by in rows:
            yield (
                aid,
                Article(
                    source,
                    text,
                    title,
                    published,
                    url,
                    tuple(tuple(x) for x in json.loads(lines)),
                    content_hash,
                    out,
                    by,
                ),
            )

    def passages_by_article(self) -> dict[int, list[tuple[int, Passage]]]:
        """article id -> its (passage id, passage) in order (benchmarks resample them)."""
        out: dict[int, list[tuple[int, Passage]]] = {}
        rows = self.conn.execute(
            "SELECT p.article_id, p.id, a.source, p.ordinal, p.char_start, p.char_end, p.text, "
            "p.sentences FROM passages p JOIN articles a ON a.id = p.article_id ORDER BY p.id"
        )
        for aid, pid, source, ordinal, start, end, text, sentences in rows:
            passage = Passage(
                source, ordinal, start, end, text, tuple(tuple(x) for x in json.loads(sentences))
            )
            out.setdefault(aid, []).append((pid, passage))
        return out

    def all_article_texts(self) -> Iterator[tuple[int, str, str | None]]:
        """(article id, text, title) of every article in id order."""
        yield from self.conn.execute("SELECT id, text, title FROM articles ORDER BY id")

    def titled_passages(self) -> Iterator[tuple[str | None, str]]:
        """(article title, passage text) of every passage in id order: the BM25 documents."""
        yield from self.conn.execute(
            "SELECT a.title, p.text FROM passages p "
            "JOIN articles a ON a.id = p.article_id ORDER BY p.id"
        )

    def passage_count(self) -> int:
        """Passages stored: ids run from 0 without gaps (StoreWriter), so the largest id tells,
        from the B-tree's last entry rather than a count of every row."""
        (last,) = self.conn.execute("SELECT max(id) FROM passages").fetchone()
        return 0 if last is None else last + 1

    def counts(self) -> dict[str, int]:
        (articles,) = self.conn.execute("SELECT count(*) FROM articles").fetchone()
        (passages,) = self.conn.execute("SELECT count(*) FROM passages").fetchone()
        (dups,) = self.conn.execute(
            "SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL"
        ).fetchone()
        (outlets, authors, dated) = self.conn.execute(
            f"SELECT count(DISTINCT {self._outlet}), count(DISTINCT {self._author}), "
            "count(published) FROM articles"
        ).fetchone()
        return {
            "articles": articles,
            "passages": passages,
            "duplicate_articles": dups,
            "outlets": outlets,
            "authors": authors,
            "dated_articles": dated,
            **self._statement_counts(),
        }

    def _statement_counts(self) -> dict[str, int]:
        if not self._statements:
            return {"statements": 0, "speakers": 0}
        (statements, speakers) = self.conn.execute(
            "SELECT count(*), count(DISTINCT speaker) FROM statements"
        ).fetchone()
        return {"statements": statements, "speakers": speakers}

    def statements(self, article_id: int, text: str) -> list[Statement]:
        """The statements reported in one article, in text order; `text` is that article's
        text (the caller has its row already), which every offset indexes."""
        if not self._statements:
            return []
        rows = self.conn.execute(
            "SELECT speaker, role, kind, char_start, char_end, speaker_start, speaker_end "
            "FROM statements WHERE article_id = ? ORDER BY char_start",
            (article_id,),
        )
        return [Statement.from_row(row, text) for row in rows]

    def statements_in(self, texts: dict[int, str]) -> dict[int, list[Statement]]:
        """The statements of several articles (article id -> text), each article's in text
        order: what the passages of an answer are searched for."""
        if not self._statements or not texts:
            return {}
        ids = sorted(texts)
        marks = ",".join("?" * len(ids))
        rows = self.conn.execute(
            "SELECT article_id, speaker, role, kind, char_start, char_end, speaker_start, "
            f"speaker_end FROM statements WHERE article_id IN ({marks}) "
            "ORDER BY article_id, char_start",
            ids,
        )
        out: dict[int, list[Statement]] = {}
        for aid, *row in rows:
            out.setdefault(aid, []).append(Statement.from_row(tuple(row), texts[aid]))
        return out

    def speakers(self) -> list[tuple[str, int]]:
        """Every stored speaker name with its number of statements."""
        if not self._statements:
            return []
        return list(self.conn.execute("SELECT speaker, count(*) FROM statements GROUP BY 1"))

    def outlets(self) -> list[tuple[str, int]]:
        """Every outlet with its number of articles, most articles first."""
        rows = self.conn.execute(
            f"SELECT {self._outlet} AS o, count(*) AS n FROM articles WHERE o IS NOT NULL "
            "GROUP BY o ORDER BY n DESC, o"
        )
        return [(r[0], r[1]) for r in rows]

    def dates(self) -> list[str]:
        """The distinct publication dates, oldest first."""
        rows = self.conn.execute(
            "SELECT DISTINCT published FROM articles WHERE published IS NOT NULL ORDER BY 1"
        )
        return [r[0] for r in rows]

    def passages(self, ids: Iterable[int]) -> dict[int, sqlite3.Row]:
        ids = [int(i) for i in ids]
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = self.conn.execute(
            f"""SELECT p.id, p.text, p.char_start, p.char_end, p.sentences, p.text_hash,
                       p.article_id, a.source, a.title, a.published, a.url,
                       {self._outlet} AS outlet, {self._author} AS author
                FROM passages p JOIN articles a ON a.id = p.article_id
                WHERE p.id IN ({marks})""",
            ids,
        ).fetchall()
        return {row["id"]: row for row in rows}

    def sources(self, ids: Iterable[int]) -> dict[int, str]:
        """Per passage id: its article's source (a repeated passage's other sources)."""
        return dict(self._by_passage("a.source", ids))

    def candidates(self, ids: Iterable[int]) -> dict[int, tuple]:
        """Per passage id: (canonical article, outlet, published, text hash), what ranking and
        diversification need of every candidate, without the texts."""
        if self._columns is not None:
            return self._columns.candidates(ids)
        return {row[0]: tuple(row[1:]) for row in self._by_passage(self._candidate, ids)}

    def candidate_rows(self) -> Iterator[tuple]:
        """(passage id, *what `candidates` gives) of every passage in id order, read from the
        candidate indexes (not the 26 GB of texts at 10M): what qa.candidate_columns keeps."""
        return self.conn.execute(
            f"""SELECT p.id, {self._candidate}
                FROM passages p {self._by_candidate[0]} JOIN articles a {self._by_candidate[1]}
                ON a.id = p.article_id ORDER BY p.id"""
        )

    def _by_passage(self, columns: str, ids: Iterable[int]) -> list[tuple]:
        """(passage id, columns...) of these passages, read from the candidate indexes."""
        ids = [int(i) for i in ids]
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        return self.conn.execute(
            f"""SELECT p.id, {columns}
                FROM passages p {self._by_candidate[0]} JOIN articles a {self._by_candidate[1]}
                ON a.id = p.article_id WHERE p.id IN ({marks})""",
            ids,
        ).fetchall()

    def filter_ids(self, filters: Filters) -> np.ndarray:
        """Passage ids allowed by `filters`, as a sorted int64 array. A speaker as typed must
        be resolved to stored names first (Retriever.query does): ignored here, it would
        allow every passage."""
        if filters.speaker:
            raise ValueError("filter_ids takes resolved speaker names (Filters.speakers)")
        where, args = [], []
        if filters.source:
            value = filters.source
            if value.endswith(("/", "*")):
                prefix = value.rstrip("*")
                where.append("substr(a.source, 1, ?) = ?")
                args += [len(prefix), prefix]
            else:
                where.append("a.source = ?")
                args.append(value)
        if filters.published_from:
            where.append("a.published >= ?")
            args.append(filters.published_from)
        if filters.published_to:
            where.append("a.published <= ?")
            args.append(filters.published_to)
        if filters.title:
            where.append("instr(lower(coalesce(a.title, '')), ?) > 0")
            args.append(filters.title.lower())
        if filters.outlet:
            where.append(f"instr(lower(coalesce({self._outlet}, '')), ?) > 0")
            args.append(filters.outlet.lower())
        if filters.author:
            where.append(f"instr(lower(coalesce({self._author}, '')), ?) > 0")
            args.append(filters.author.lower())
        if filters.outlets:
            marks = ",".join("?" * len(filters.outlets))
            where.append(f"{self._outlet} IN ({marks})")
            args += list(filters.outlets)
        # Every other condition is on the article: select the articles first (through their
        # indexes), then their passages through passages_article. A JOIN ordered by passage
        # id made SQLite scan every passage (EXPLAIN QUERY PLAN: "SCAN p").
        articles = (
            "article_id IN (SELECT a.id FROM articles a WHERE " + " AND ".join(where) + ")"
            if where
            else None
        )
        if filters.speakers:
            # Passages overlapping a statement by one of the speakers (its statements found
            # through statements_speaker, their articles' passages through passages_article).
            if not self._statements:
                return np.zeros(0, dtype=np.int64)
            marks = ",".join("?" * len(filters.speakers))
            sql = (
                "SELECT DISTINCT p.id FROM statements s JOIN passages p "
                "ON p.article_id = s.article_id AND p.char_start < s.char_end "
                f"AND s.char_start < p.char_end WHERE s.speaker IN ({marks})"
            )
            args = list(filters.speakers) + args
            if articles:
                sql += " AND p." + articles
        else:
            sql = "SELECT id FROM passages" + (f" WHERE {articles}" if articles else "")
        ids = np.fromiter((r[0] for r in self.conn.execute(sql, args)), dtype=np.int64)
        ids.sort()
        return ids

    def article(self, article_id: int) -> ArticleRow | None:
        row = self.conn.execute(
            "SELECT id, source, title, published, url, text, duplicate_of, "
            f"{self._lines} AS lines, {self._outlet} AS outlet, {self._author} AS author "
            "FROM articles "
            "WHERE id = ?",
            (article_id,),
        ).fetchone()
        return ArticleRow(**dict(row)) if row else None

    def article_texts(self, ids: Iterable[int]) -> dict[int, str]:
        ids = sorted({int(i) for i in ids})
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = self.conn.execute(f"SELECT id, text FROM articles WHERE id IN ({marks})", ids)
        return {row[0]: row[1] for row in rows}

    def article_id(self, source: str) -> int | None:
        row = self.conn.execute("SELECT id FROM articles WHERE source = ?", (source,)).fetchone()
        return row[0] if row else None
