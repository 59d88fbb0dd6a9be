"""Files, folders and JSON/JSONL/BEIR records -> Documents.

Offsets in every later stage index `Document.text`: the decoded file for plain text and
Markdown, the article text trafilatura extracts from HTML (qa/html.py), the body field for JSON
records (qa/records.py reads their many shapes). That is also the text
the service returns for an article, so a citation can always be checked against it.

Every input is untrusted, and one bad file must never stop a build or vanish without a word:
each problem becomes a `LoadWarning` the build summary lists (those ending in "skipped" are
counted by reason there, the details in parentheses dropped, so details never hold a
parenthesis of their own). Folders are walked by qa/walk.py and text decoded by qa/decode.py.
"""

from __future__ import annotations

import json
import logging
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from qa.config import env_number
from qa.decode import decode
from qa.html import extract as extract_html
from qa.problems import LoadWarning, shown
from qa.records import FieldNotes, iter_items, to_document
from qa.types import Document
from qa.walk import HTML_SUFFIXES, JSON_SUFFIXES, file_kind, iter_paths, os_reason

log = logging.getLogger(__name__)

MIB = 1024 * 1024

# One article is a few KB; a single text/HTML file past this many MiB is a dump or a mistake.
MAX_FILE_MB = 20


def file_size_limit() -> int:
    """The largest single text/HTML file read, in bytes: `QA_MAX_FILE_MB`, read when loading
    starts (read at import, a bad value ended `qa index` in a traceback)."""
    return int(env_number("QA_MAX_FILE_MB", MAX_FILE_MB, 0, float) * MIB)


# JSON Lines: read a line at a time (`_stream_lines`) when the file allows it
LINE_SUFFIXES = {".jsonl", ".ndjson"}


def _mib(size: int, limit: int) -> str:
    """`size` in MiB with enough decimals to show it is over `limit` (20.04 MiB, not 20.0)."""
    for digits in range(1, 7):
        text = f"{size / MIB:.{digits}f}"
        if float(text) > limit / MIB:
            return text
    return f"{size / MIB}"


def too_large(size: int, limit: int) -> str:
    """The warning for a file over the size limit, in MiB as QA_MAX_FILE_MB counts them."""
    return (
        f"too large ({_mib(size, limit)} MiB > the {limit / MIB:g} MiB limit; "
        "set QA_MAX_FILE_MB to allow it), skipped"
    )


def _read(file: Path, limit: int | None, warnings: list[LoadWarning]) -> bytes | None:
    """The bytes of a regular file, or None with a warning. A FIFO, socket or device is never
    opened (a FIFO would block the build); the file is opened non-blocking and checked again
    in case it was swapped after the check, and never more than `limit` + 1 bytes are read."""
    try:
        info = os.stat(file)
        if not stat.S_ISREG(info.st_mode):
            warnings.append(
                LoadWarning(file, f"not a regular file ({file_kind(info.st_mode)}), skipped")
            )
            return None
        if limit is not None and info.st_size > limit:
            warnings.append(LoadWarning(file, too_large(info.st_size, limit)))
            return None
        fd = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
        with open(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                warnings.append(
                    LoadWarning(file, "not a regular file (changed while read), skipped")
                )
                return None
            data = fh.read() if limit is None else fh.read(limit + 1)
    except OSError as exc:
        warnings.append(LoadWarning(file, f"unreadable ({os_reason(exc)}), skipped"))
        return None
    if limit is not None and len(data) > limit:
        warnings.append(LoadWarning(file, too_large(len(data), limit)))
        return None
    return data


def _failure(exc: BaseException) -> str:
    """An unexpected exception as a short detail without parentheses (the summary drops
    "(...)" up to the first ")")."""
    message = (str(exc).splitlines() or [""])[0][:200]
    message = message.replace("(", "[").replace(")", "]")
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def load_documents(
    paths: list[Path],
    warnings: list[LoadWarning],
    max_file_bytes: int | None = None,
    notes: FieldNotes | None = None,
) -> Iterator[Document]:
    """Stream documents from files, folders and JSON/JSONL files; problems become warnings,
    and `notes` collects which JSON field became which role.

    Each file is read behind a guard: whatever a file makes go wrong while it is read,
    decoded, parsed or extracted (the next unknown bug included) skips that file with
    "could not be read (Error: message)", and the build goes on. Documents the file gave
    before the failure stay; an error raised by the consumer of a document is not caught."""
    if max_file_bytes is None:
        max_file_bytes = file_size_limit()
    for file, source in iter_paths(paths, warnings):
        documents = _file_documents(file, source, warnings, max_file_bytes, notes)
        while True:
            try:
                doc = next(documents)
            except StopIteration:
                break
            except Exception as exc:
                log.debug("reading %s failed", shown(file), exc_info=True)
                warnings.append(LoadWarning(file, f"could not be read ({_failure(exc)}), skipped"))
                break
            yield doc


def _file_documents(
    file: Path,
    source: str,
    warnings: list[LoadWarning],
    max_file_bytes: int,
    notes: FieldNotes | None,
) -> Iterator[Document]:
    suffix = file.suffix.lower()
    if suffix in LINE_SUFFIXES and _streamable(file):
        yield from _documents(_stream_lines(file, warnings), file, warnings, notes)
        return
    data = _read(file, None if suffix in JSON_SUFFIXES else max_file_bytes, warnings)
    if data is None:
        return
    if not data.strip():
        warnings.append(LoadWarning(file, "empty file, skipped"))
        return
    text = decode(data, file, warnings)
    if text is None:
        return
    if suffix in JSON_SUFFIXES:
        yield from _records(text, file, warnings, notes)
    elif suffix in HTML_SUFFIXES:
        problems: list[str] = []
        doc = extract_html(text, source, problems)
        warnings.extend(LoadWarning(file, problem) for problem in problems)
        yield doc
    else:
        yield Document(source=source, text=text)


def _parse(text: str, file: Path, warnings: list[LoadWarning]) -> list[tuple[int, object]]:
    """(position, value) of each record: a JSON array, a wrapper holding one (NewsAPI's
    `articles`), one object, or JSONL. A .jsonl/.ndjson file is read line by line unless it is
    one JSON value as a whole, so a bad first line cannot take the good ones with it."""
    suffix = file.suffix.lower()
    stripped = text.lstrip()
    whole = stripped.startswith("[") or (
        suffix == ".json" and stripped.startswith("{") and "\n{" not in stripped
    )
    if whole:
        try:
            return list(iter_items(json.loads(text)))
        except RecursionError:
            if suffix == ".json":
                warnings.append(LoadWarning(file, "JSON nested too deeply, skipped"))
                return []
        except ValueError as exc:  # JSONDecodeError, and ints past Python's digit limit
            if suffix == ".json":
                detail = exc.msg if isinstance(exc, json.JSONDecodeError) else _failure(exc)
                warnings.append(LoadWarning(file, f"malformed JSON ({detail}), skipped"))
                return []
    return [
        (number, value)
        for number, line in enumerate(text.split("\n"), 1)
        if line.strip() and (value := _parse_line(line, file, number, warnings)) is not _BAD
    ]


_BAD = object()  # a line that is no JSON value (its warning already given)


def _parse_line(line: str, file: Path, number: int, warnings: list[LoadWarning]) -> object:
    try:
        return json.loads(line)
    except RecursionError:
        warnings.append(LoadWarning(f"{file}:{number}", "JSON line nested too deeply, skipped"))
    except ValueError as exc:
        detail = exc.msg if isinstance(exc, json.JSONDecodeError) else _failure(exc)
        warnings.append(LoadWarning(f"{file}:{number}", f"malformed JSON line ({detail}), skipped"))
    return _BAD


def _streamable(file: Path) -> bool:
    """A JSONL file that can be read a line at a time: a regular file, UTF-8 (a UTF-8 mark at
    most, no NUL bytes in its first 8 KB) and not one JSON array. Anything else, or any error
    here, is read whole, where the checks and their warnings are."""
    try:
        if not stat.S_ISREG(os.stat(file).st_mode):
            return False
        with file.open("rb") as fh:
            head = fh.read(8192)
    except OSError:
        return False
    head = head.removeprefix(b"\xef\xbb\xbf")
    return bool(head.strip()) and b"\x00" not in head and not head.lstrip().startswith(b"[")


def _stream_lines(file: Path, warnings: list[LoadWarning]) -> Iterator[tuple[int, object]]:
    """(line number, value) of each line of a JSONL file, read one line at a time: a news dump
    read whole held about four times its size (text, lines, parsed records); this holds one
    record. A line that is not UTF-8 is decoded on its own, with a warning naming it."""
    with file.open("rb") as fh:
        for number, raw in enumerate(fh, 1):
            if number == 1:
                raw = raw.removeprefix(b"\xef\xbb\xbf")
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                line = decode(raw, f"{file}:{number}", warnings)
                if line is None:
                    continue
            value = _parse_line(line, file, number, warnings)
            if value is not _BAD:
                yield number, value


def _records(
    text: str, file: Path, warnings: list[LoadWarning], notes: FieldNotes | None
) -> Iterator[Document]:
    """The records of a JSON/JSONL file as Documents."""
    yield from _documents(_parse(text, file, warnings), file, warnings, notes)


def _documents(
    records: Iterable[tuple[int, object]],
    file: Path,
    warnings: list[LoadWarning],
    notes: FieldNotes | None,
) -> Iterator[Document]:
    """(position, record) pairs as Documents; a record that cannot be read is skipped on its
    own, so the records after it are still read."""
    name = shown(file.name)
    for number, record in records:
        where = f"{file}:{number}"
        if not isinstance(record, dict):
            warnings.append(LoadWarning(where, "record is not a JSON object, skipped"))
            continue
        problems: list[str] = []
        try:
            doc = to_document(record, f"{name}#{number}", name, notes, problems)
        except Exception as exc:
            warnings.append(
                LoadWarning(where, f"record could not be read ({_failure(exc)}), skipped")
            )
            continue
        warnings.extend(LoadWarning(where, problem) for problem in problems)
        if doc is None:
            warnings.append(LoadWarning(where, "record has no text/body field, skipped"))
            continue
        yield doc
