"""Files, folders and JSON/JSONL/BEIR records -> Documents.

Offsets in every later stage index `Document.text`: the decoded file for plain text and
Markdown, the article text trafilatura extracts from HTML (qa/html.py), the body field for JSON
records (qa/records.py reads their many shapes). That is also the text
the service returns for an article, so a citation can always be checked against it.
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Iterator
from pathlib import Path

from charset_normalizer import from_bytes

from qa.html import extract as extract_html
from qa.records import FieldNotes, iter_items, to_document
from qa.types import Document

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES
# A data set's own documentation, met while walking a folder, is not an article.
NOT_ARTICLES = re.compile(r"^(readme|license|licence|changelog|notice)(\.\w+)?$", re.I)


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
    paths: list[Path],
    warnings: list[LoadWarning],
    max_file_bytes: int = MAX_FILE_BYTES,
    notes: FieldNotes | None = None,
) -> Iterator[Document]:
    """Stream documents from files, folders and JSON/JSONL files; problems become warnings,
    and `notes` collects which JSON field became which role."""
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
            yield from _records(text, file, warnings, notes)
        elif suffix in HTML_SUFFIXES:
            yield extract_html(text, source)
        else:
            yield Document(source=source, text=text)


def _records(
    text: str, file: Path, warnings: list[LoadWarning], notes: FieldNotes | None
) -> Iterator[Document]:
    """A JSON array, a wrapper holding one (NewsAPI's `articles`), one object, or JSONL."""
    stripped = text.lstrip()
    items: list[tuple[int, object]] = []
    whole = stripped.startswith("[") or (
        file.suffix.lower() == ".json" and stripped.startswith("{") and "\n{" not in stripped
    )
    if whole:
        try:
            items = list(iter_items(json.loads(text)))
        except json.JSONDecodeError as exc:
            warnings.append(LoadWarning(str(file), f"malformed JSON ({exc.msg}), skipped"))
            return
        except RecursionError:
            warnings.append(LoadWarning(str(file), "JSON nested too deeply, skipped"))
            return
    else:
        for number, line in enumerate(text.split("\n"), 1):
            if not line.strip():
                continue
            try:
                items.append((number, json.loads(line)))
            except json.JSONDecodeError as exc:
                warnings.append(
                    LoadWarning(f"{file}:{number}", f"malformed JSON line ({exc.msg}), skipped")
                )
            except RecursionError:
                warnings.append(
                    LoadWarning(f"{file}:{number}", "JSON line nested too deeply, skipped")
                )
    for number, record in items:
        where = f"{file}:{number}"
        if not isinstance(record, dict):
            warnings.append(LoadWarning(where, "record is not a JSON object, skipped"))
            continue
        doc = to_document(record, f"{file.name}#{number}", file.name, notes)
        if doc is None:
            warnings.append(LoadWarning(where, "record has no text/body field, skipped"))
            continue
        yield doc
