"""Files, folders and JSON/JSONL/BEIR records -> Documents.

Offsets in every later stage index `Document.text`: the decoded file for plain text and
Markdown, the extracted text for HTML, the body field for JSON records. That is also the text
the service returns for an article, so a citation can always be checked against it.
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

from charset_normalizer import from_bytes

from qa.dates import parse_date
from qa.types import Document

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES
# A data set's own documentation, met while walking a folder, is not an article.
NOT_ARTICLES = re.compile(r"^(readme|license|licence|changelog|notice)(\.\w+)?$", re.I)

TITLE_FIELDS = ("title", "headline", "name")
BODY_FIELDS = ("text", "body", "content", "article", "abstract")
ID_FIELDS = ("_id", "id", "doc_id", "source")
DATE_FIELDS = ("published_at", "published", "date", "pubdate", "datetime", "created_at")
URL_FIELDS = ("url", "link", "href")


class LoadWarning:
    """Something skipped or repaired while loading; collected for the build summary."""

    def __init__(self, where: str, message: str) -> None:
        self.where = where
        self.message = message

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def decode(data: bytes, where: str, warnings: list[LoadWarning]) -> str | None:
    """UTF-8 first; otherwise detect the charset (falling back to cp1252) and say so."""
    if b"\x00" in data[:8192]:
        warnings.append(LoadWarning(where, "binary file (NUL bytes), skipped"))
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        best = from_bytes(data).best()
        encoding = best.encoding if best is not None else "cp1252"
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            encoding = "cp1252"
            text = data.decode(encoding, errors="replace")
        warnings.append(LoadWarning(where, f"not UTF-8, decoded as {encoding}"))
    # Offsets are in characters of this normalised text; CRLF would make them differ per OS.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def iter_paths(paths: list[Path], warnings: list[LoadWarning]) -> Iterator[tuple[Path, str]]:
    """Yield (file, source name): a folder's files are named by their path relative to it."""
    for root in paths:
        if root.is_dir():
            for file in sorted(p for p in root.rglob("*") if p.is_file()):
                if file.name.startswith("."):
                    continue
                if NOT_ARTICLES.match(file.name):
                    warnings.append(LoadWarning(str(file), "a README/LICENSE file, skipped"))
                    continue
                if file.suffix.lower() not in SUFFIXES:
                    warnings.append(LoadWarning(str(file), "unsupported file type, skipped"))
                    continue
                yield file, file.relative_to(root).as_posix()
        elif root.is_file():
            yield root, root.name
        else:
            warnings.append(LoadWarning(str(root), "no such file or folder"))


# One article is a few KB; a single text/HTML file past this is a dump or a mistake.
MAX_FILE_BYTES = int(float(os.environ.get("QA_MAX_FILE_MB", "20")) * 1024 * 1024)


def load_documents(
    paths: list[Path], warnings: list[LoadWarning], max_file_bytes: int = MAX_FILE_BYTES
) -> Iterator[Document]:
    """Stream documents from files, folders and JSON/JSONL files; problems become warnings."""
    for file, source in iter_paths(paths, warnings):
        try:
            size = file.stat().st_size
            if size > max_file_bytes and file.suffix.lower() not in JSON_SUFFIXES:
                warnings.append(
                    LoadWarning(
                        str(file),
                        f"too large ({size / 1e6:.0f} MB > {max_file_bytes / 1e6:.0f} MB; "
                        "set QA_MAX_FILE_MB to allow it), skipped",
                    )
                )
                continue
            data = file.read_bytes()
        except OSError as exc:
            warnings.append(LoadWarning(str(file), f"unreadable ({exc.strerror}), skipped"))
            continue
        if not data.strip():
            warnings.append(LoadWarning(str(file), "empty file, skipped"))
            continue
        text = decode(data, str(file), warnings)
        if text is None:
            continue
        suffix = file.suffix.lower()
        if suffix in JSON_SUFFIXES:
            yield from _records(text, file, warnings)
        elif suffix in HTML_SUFFIXES:
            yield _html_document(text, source)
        else:
            yield Document(source=source, text=text)


def _first(record: dict, names: tuple[str, ...]) -> str | None:
    for name in names:
        value = record.get(name)
        if isinstance(value, str | int | float) and str(value).strip():
            return str(value).strip()
    return None


def _records(text: str, file: Path, warnings: list[LoadWarning]) -> Iterator[Document]:
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            items = list(enumerate(json.loads(text), 1))
        except json.JSONDecodeError as exc:
            warnings.append(LoadWarning(str(file), f"malformed JSON ({exc.msg}), skipped"))
            return
    elif file.suffix.lower() == ".json" and stripped.startswith("{") and "\n{" not in stripped:
        try:
            items = [(1, json.loads(text))]
        except json.JSONDecodeError as exc:
            warnings.append(LoadWarning(str(file), f"malformed JSON ({exc.msg}), skipped"))
            return
    else:
        items = []
        for number, line in enumerate(text.split("\n"), 1):
            if not line.strip():
                continue
            try:
                items.append((number, json.loads(line)))
            except json.JSONDecodeError as exc:
                warnings.append(
                    LoadWarning(f"{file}:{number}", f"malformed JSON line ({exc.msg}), skipped")
                )
    for number, record in items:
        where = f"{file}:{number}"
        if not isinstance(record, dict):
            warnings.append(LoadWarning(where, "record is not a JSON object, skipped"))
            continue
        body = _first(record, BODY_FIELDS)
        if not body:
            warnings.append(LoadWarning(where, "record has no text/body field, skipped"))
            continue
        source = _first(record, ID_FIELDS) or f"{file.name}#{number}"
        yield Document(
            source=source,
            text=body.replace("\r\n", "\n"),
            title=_first(record, TITLE_FIELDS),
            published=parse_date(_first(record, DATE_FIELDS) or ""),
            url=_first(record, URL_FIELDS),
            structured=True,
        )


class _TextExtractor(HTMLParser):
    """Visible text of an HTML page, one line per block element; skips scripts and chrome."""

    SKIP = {"script", "style", "noscript", "nav", "footer", "header", "aside", "form", "svg"}
    BLOCK = {
        "p",
        "div",
        "br",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "section",
        "article",
        "blockquote",
        "figcaption",
        "title",
        "pre",
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.title: str | None = None
        self.published: str | None = None
        self.url: str | None = None
        self._in_title = False
        self._in_h1 = False
        self.h1: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        if tag in self.SKIP:
            self.skip_depth += 1
        elif tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key in {"article:published_time", "datepublished", "date", "pubdate"}:
                self.published = self.published or parse_date(a.get("content", ""))
            elif key == "og:url":
                self.url = self.url or a.get("content") or None
            elif key == "og:title":
                self.title = self.title or a.get("content") or None
        elif tag == "time" and a.get("datetime"):
            self.published = self.published or parse_date(a["datetime"])
        elif tag == "link" and a.get("rel") == "canonical":
            self.url = self.url or a.get("href") or None
        if tag == "title":
            self._in_title = True
        if tag == "h1":
            self._in_h1 = True
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self.skip_depth:
            self.skip_depth -= 1
        if tag == "title":
            self._in_title = False
        if tag == "h1":
            self._in_h1 = False
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            return  # the <title> often carries the site name; <h1> or og:title is better
        if self.skip_depth:
            return
        if self._in_h1 and self.h1 is None and data.strip():
            self.h1 = data.strip()
        self.parts.append(data)


def _html_document(html: str, source: str) -> Document:
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    raw = "".join(parser.parts)
    lines = [" ".join(line.split()) for line in raw.split("\n")]
    text = "\n\n".join(line for line in lines if line)
    return Document(
        source=source,
        text=text,
        title=parser.h1 or parser.title,
        published=parser.published,
        url=parser.url,
    )
