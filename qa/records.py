"""JSON news records of every common shape -> Documents, and a note of which field became what.

Real dumps disagree on names: MultiHop-RAG and many scrapers write `source` for the outlet and
`published_at`; NewsAPI nests the outlet as `source.name` and truncates `content`; news-please
(CC-News) writes `maintext`, `authors` and `date_publish`; the Guardian's API nests the body
under `fields`; BEIR writes `_id`, `title`, `text`. One table of candidate names per role (id,
title, body, outlet, author, date, url) reads them all, and the roles a file's records filled,
with the field each came from, go back to the user in the build summary, so a wrong guess is
visible instead of silent. The document id is `_id`/`id` (or a similar key), else the url,
else file + position: never the outlet, which many articles share.

Records are untrusted input. Every string read from one is made valid Unicode (JSON may spell
lone surrogates, "\\ud800", which SQLite and stdout refuse), every walk over a record is
bounded in depth (MAX_DEPTH, NAME_DEPTH) so no nesting can raise RecursionError here, and a url
is kept only when it is http(s): the service shows it as a link, so `javascript:` or `data:`
would run in a reader's browser.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit

from qa.dates import parse_date
from qa.problems import valid_text
from qa.types import Document

# Candidate field names per role, most specific first. Names are matched case-insensitively
# and with "_" / "-" ignored, so `publishedAt`, `published_at` and `Published-At` are one name.
ID_FIELDS = ("_id", "id", "doc_id", "docid", "article_id", "uuid", "guid", "uid")
TITLE_FIELDS = ("title", "headline", "web_title", "name")
BODY_FIELDS = (
    "text",
    "body",
    "body_text",
    "article_body",
    "maintext",
    "full_text",
    "article",
    "content",
    "abstract",
    "description",
    "summary",
    "lead_paragraph",
)
OUTLET_FIELDS = (
    "outlet",
    "source",
    "publisher",
    "publication",
    "site_name",
    "sitename",
    "source_name",
    "source_domain",
    "newspaper",
    "media",
)
AUTHOR_FIELDS = ("author", "authors", "byline", "creator", "creators", "writer")
DATE_FIELDS = (
    "published_at",
    "published",
    "date_published",
    "publication_date",
    "publish_date",
    "pub_date",
    "date_publish",
    "web_publication_date",
    "pubdate",
    "date",
    "datetime",
    "seendate",
    "created_at",
    "timestamp",
)
URL_FIELDS = ("url", "web_url", "link", "href", "canonical_url", "source_url")
# A response wrapping its records: NewsAPI {"articles": [...]}, the Guardian
# {"response": {"results": [...]}}, and the usual names for a list of items.
WRAPPERS = ("articles", "results", "response", "data", "items", "documents", "records", "docs")
# Sub-objects whose keys count as the record's own (the Guardian's `fields`).
NESTED = ("fields", "_source", "metadata", "meta")
# NewsAPI cuts `content` at 200 characters and appends this marker.
TRUNCATED = re.compile(r"\s*(?:…|\.\.\.)?\s*\[\+\d+ chars\]\s*$")
ROLES = ("id", "title", "body", "outlet", "author", "published", "url")
MAX_DEPTH = 4  # how deep a wrapper may nest before we stop looking for records
NAME_DEPTH = 3  # how deep lists of names may nest ([["A", "B"]]) before we stop reading them


def web_url(value: str | None) -> str | None:
    """`value` when it is an absolute http(s) url, else None.

    The url is shown to readers as a link, so any other scheme (`javascript:`, `data:`,
    `vbscript:`, `file:`) could run code or read files in their browser, and a relative one
    points nowhere outside its site. A protocol-relative `//host/path` is made https: it means
    "the scheme of the page", and a news page today is served over https.
    """
    if not value:
        return None
    url = value.strip()
    if url.startswith("//"):
        url = "https:" + url
    try:
        parts = urlsplit(url)
    except ValueError:  # "http://[::1" and other unparseable hosts
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url


def _key(name: str) -> str:
    return re.sub(r"[_\-\s]", "", name).lower()


def _flatten(record: dict) -> dict[str, tuple[str, object]]:
    """Normalised key -> (the key as written, value); nested `fields` etc. fill gaps."""
    out: dict[str, tuple[str, object]] = {}
    for name, value in record.items():
        written = valid_text(str(name))
        out.setdefault(_key(written), (written, value))
    for nested in NESTED:
        inner = record.get(nested)
        if isinstance(inner, dict):
            for name, value in inner.items():
                written = valid_text(str(name))
                out.setdefault(_key(written), (f"{nested}.{written}", value))
    return out


def _scalar(value: object) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str | int | float):
        try:
            text = valid_text(str(value)).strip()
        except ValueError:  # an int past Python's 4,300-digit str() limit
            return None
        return text or None
    return None


def _name(value: object, depth: int = 0) -> tuple[str | None, str]:
    """A person or outlet given as a string, {"name": ...} or a list of either."""
    if depth > NAME_DEPTH:
        return None, ""
    if isinstance(value, dict):
        for key in ("name", "title", "id"):
            got = _scalar(value.get(key))
            if got:
                return got, f".{key}"
        return None, ""
    if isinstance(value, list):
        names = []
        suffix = ""
        for item in value[:20]:
            got, suffix = _name(item, depth + 1)
            if got and got not in names:
                names.append(got)
        return (", ".join(names) or None), ("[]" + suffix)
    return _scalar(value), ""


def _date(value: object) -> str | None:
    """ISO dates and timestamps, RFC 2822, "19 April 2023", GDELT's 20231127T084559Z, epochs."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:  # an int too large for a float overflows in the division, not only in the date
            seconds = value / 1000 if value > 1e11 else value  # milliseconds since the epoch
            return datetime.fromtimestamp(seconds, UTC).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    text = _scalar(value)
    if text is None:
        return None
    compact = re.fullmatch(r"(\d{4})(\d{2})(\d{2})(?:T?\d{4,6}Z?)?", text)
    if compact:
        text = f"{compact[1]}-{compact[2]}-{compact[3]}"
    return parse_date(text)


@dataclass
class FieldNotes:
    """Which field filled each role, counted over a file's records (for the build summary)."""

    records: Counter = field(default_factory=Counter)  # file -> records read
    used: dict[str, Counter] = field(default_factory=dict)  # file -> Counter[(role, field)]

    def note(self, file: str, role: str, name: str) -> None:
        self.used.setdefault(file, Counter())[(role, name)] += 1

    def describe(self) -> list[str]:
        """One line per file: `corpus.json (609 records): id<-url, title<-title, ...`."""
        lines = []
        for file, n in self.records.items():
            used = self.used.get(file, Counter())
            parts = []
            for role in ROLES:
                fields = [(name, c) for (r, name), c in used.most_common() if r == role]
                if not fields:
                    parts.append(f"{role}: none")
                    continue
                shown = []
                for name, count in fields:
                    shown.append(name if count == n else f"{name} ({count})")
                parts.append(f"{role}<-{' / '.join(shown)}")
            lines.append(f"{file} ({n} records): {', '.join(parts)}")
        return lines


def find_records(data: object, depth: int = 0) -> list[object] | None:
    """The list of records in a parsed JSON file: the array itself, or the list a wrapper holds.
    None when `data` is a single record (an object with a body of its own)."""
    if isinstance(data, list):
        return data
    if not isinstance(data, dict) or depth >= MAX_DEPTH:
        return None
    flat = _flatten(data)
    if any(_key(b) in flat and _scalar(flat[_key(b)][1]) for b in BODY_FIELDS):
        return None
    for name in WRAPPERS:
        inner = data.get(name)
        if isinstance(inner, list) and any(isinstance(x, dict) for x in inner):
            return inner
        if isinstance(inner, dict):
            found = find_records(inner, depth + 1)
            if found is not None:
                return found
    return None


def _pick(
    flat: dict[str, tuple[str, object]], names: tuple[str, ...], read=_scalar
) -> tuple[str | None, str | None]:
    """(value, field name as written) of the first candidate that holds a usable value."""
    for candidate in names:
        got = flat.get(_key(candidate))
        if got is None:
            continue
        written, value = got
        if read is _name:
            text, suffix = _name(value)
            if text:
                return text, written + suffix
            continue
        text = read(value)
        if text:
            return text, written
    return None, None


def _url(value: object) -> str | None:
    return web_url(_scalar(value))


def _rejected_urls(flat: dict[str, tuple[str, object]]) -> list[str]:
    """Notes on the url fields whose value is not an http(s) url (dropped, not stored)."""
    notes = []
    for candidate in URL_FIELDS:
        written, value = flat.get(_key(candidate), ("", None))
        text = _scalar(value)
        if text and web_url(text) is None:
            shown = text if len(text) <= 60 else text[:57] + "..."
            notes.append(f"{written} {shown!r} is not an http(s) url, dropped")
    return notes


def to_document(
    record: dict,
    fallback_id: str,
    file: str,
    notes: FieldNotes | None = None,
    problems: list[str] | None = None,
) -> Document | None:
    """One record -> Document, or None when it has no body text. Values dropped on the way
    (a `javascript:` url) are described in `problems`, for the build's warnings."""
    flat = _flatten(record)
    body, body_field = _pick(flat, BODY_FIELDS)
    if not body:
        return None
    if body_field and _key(body_field.rsplit(".", 1)[-1]) == "content":
        body = TRUNCATED.sub("", body)  # NewsAPI's "… [+1234 chars]"
    url, url_field = _pick(flat, URL_FIELDS, read=_url)
    if problems is not None:
        problems.extend(_rejected_urls(flat))
    doc_id, id_field = _pick(flat, ID_FIELDS)
    if not doc_id and url:
        doc_id, id_field = url, url_field
    if not doc_id:
        doc_id, id_field = fallback_id, "position in file"
    outlet, outlet_field = _pick(flat, OUTLET_FIELDS, read=_name)
    author, author_field = _pick(flat, AUTHOR_FIELDS, read=_name)
    title, title_field = _pick(flat, TITLE_FIELDS)
    published, date_field = _pick(flat, DATE_FIELDS, read=_date)
    if notes is not None:
        notes.records[file] += 1
        for role, name in (
            ("id", id_field),
            ("title", title_field),
            ("body", body_field),
            ("outlet", outlet_field),
            ("author", author_field),
            ("published", date_field),
            ("url", url_field),
        ):
            if name:
                notes.note(file, role, name)
    return Document(
        source=doc_id,
        text=body.replace("\r\n", "\n").replace("\r", "\n"),
        title=title,
        published=published,
        url=url,
        outlet=outlet,
        author=author,
        structured=True,
    )


def iter_items(data: object) -> Iterator[tuple[int, object]]:
    """(position, record) pairs of a parsed JSON file, 1-based."""
    records = find_records(data)
    if records is None:
        yield 1, data
    else:
        yield from enumerate(records, 1)
