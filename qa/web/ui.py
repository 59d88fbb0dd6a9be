"""The web form: works without JavaScript; every user-supplied string is escaped by Jinja."""

from __future__ import annotations

import json
import re

from flask import Blueprint, abort, current_app, render_template, request

from qa.answer import ask
from qa.errors import BadQuery
from qa.params import one_value_each, parse_request
from qa.retrieve import MODES
from qa.web import retriever_of

ui = Blueprint("ui", __name__, template_folder="templates")

MAX_ARTICLE_ID = 2**63 - 1
# start/end of the span to mark: integers as qa.params reads them, signed, and short enough
# for int() (it refuses past 4300 digits with a ValueError: a 500, not a 400).
OFFSET = r"-?(0|[1-9][0-9]{0,4298})"
# A link to a document's url only for a web address: http(s), a host, and nothing a browser
# would strip or reinterpret (whitespace, controls, backslashes) on the way to its scheme.
_WEB_URL = re.compile(r"https?://[^\s/?#\\@]+(?:[/?#][^\s\\]*)?", re.IGNORECASE | re.ASCII)


def safe_url(url: object) -> str | None:
    """The url if it may become an <a href>, else None (the page shows it as text).

    Documents bring their own urls, and javascript:, data: or vbscript: ones rendered as
    links are script the CSP happens to block on click; the link should not exist. Only
    http:// and https:// with a host pass; protocol-relative "//host" does not.
    """
    if not isinstance(url, str) or not _WEB_URL.fullmatch(url):
        return None
    if any(ord(c) < 32 or ord(c) == 127 for c in url):
        return None
    return url


@ui.app_template_filter("safe_url")
def _safe_url_filter(url: object) -> str | None:
    return safe_url(url)


def marked(text: str, base: int, spans: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    """Split text (which starts at offset `base` of its article) into plain/marked pieces."""
    pieces, cursor = [], 0
    for start, end in sorted(spans):
        s, e = max(start - base, cursor), min(end - base, len(text))
        if s >= e:
            continue
        pieces.append((text[cursor:s], False))
        pieces.append((text[s:e], True))
        cursor = e
    pieces.append((text[cursor:], False))
    return [p for p in pieces if p[0]]


def _passage_pieces(passage: dict) -> list[tuple[str, bool]]:
    """Passage text with its highlighted sentences (their text comes with the answer)."""
    text = passage["text"]
    spans = []
    for h in passage["highlights"]:
        at = text.find(h["text"] or "\0")
        if at >= 0:
            spans.append((at, at + len(h["text"])))
    return marked(text, 0, spans)


@ui.route("/", methods=["GET", "POST"])
def index():
    try:
        data = one_value_each(request.values.lists())
    except BadQuery as exc:
        data, error = {}, str(exc)
    else:
        error = None
    question = data.get("question") or data.get("q") or ""
    context = {
        "question": question,
        "modes": MODES,
        "mode": data.get("mode") or "hybrid",
        "k": data.get("k") or "5",
        "source": data.get("source", ""),
        "outlet": data.get("outlet", ""),
        "author": data.get("author", ""),
        "result": None,
        "error": error,
    }
    if error:
        return render_template("index.html", **context), 400
    # Any field makes it a submission, checked whole (`/?k=abc` is refused, not ignored).
    if data or request.method == "POST":
        retriever = retriever_of(current_app)
        try:
            req = parse_request(data, alias="q")
            result = ask(retriever, req.question, req.options, group_by="source")
            for group in result["groups"]:
                for passage in group["passages"]:
                    passage["pieces"] = _passage_pieces(passage)
            context["result"] = result
        except BadQuery as exc:
            context["error"] = str(exc)
            return render_template("index.html", **context), 400
    return render_template("index.html", **context)


# SQLite's INTEGER is signed 64-bit: a bigger id overflowed the query (500); past the
# converter's max it is simply not a route (404), like a negative one.
@ui.get(f"/articles/<int(max={MAX_ARTICLE_ID}):article_id>")
def article(article_id: int):
    row = retriever_of(current_app).store.article(article_id)
    if row is None:
        abort(404)
    args = request.args
    if any(len(args.getlist(name)) > 1 for name in ("start", "end")):
        abort(400)
    start, end = (args.get(name, "0") for name in ("start", "end"))
    if not (re.fullmatch(OFFSET, start) and re.fullmatch(OFFSET, end)):
        abort(400)  # the same integers the API takes, and negative ones (never a span)
    start, end = int(start), int(end)
    cited = [(start, end)] if 0 <= start < end <= len(row.text) else []
    # The cleaned article: the lines kept at ingest, each with the cited part marked.
    paragraphs = [marked(row.text[s:e], s, cited) for s, e in json.loads(row.lines)]
    first = next((i for i, p in enumerate(paragraphs) if any(hl for _, hl in p)), None)
    return render_template("article.html", article=row, paragraphs=paragraphs, first=first)
