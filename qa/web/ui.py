"""The web form: works without JavaScript; every user-supplied string is escaped by Jinja."""

from __future__ import annotations

import json
import re

from flask import Blueprint, abort, current_app, render_template, request

from qa.answer import ask
from qa.errors import BadQuery
from qa.params import FILTER_FIELDS, one_value_each, parse_request
from qa.retrieve import MODES
from qa.web.state import MAX_ARTICLE_ID, retriever_of

ui = Blueprint("ui", __name__, template_folder="templates")

# start/end of the span to mark: integers as qa.params reads them, signed, and short enough
# for int() (it refuses past 4300 digits with a ValueError: a 500, not a 400).
OFFSET = r"-?(0|[1-9][0-9]{0,4298})"
# A link to a document's url only for a web address: http(s), a host, and nothing a browser
# would strip or reinterpret (whitespace, controls, backslashes) on the way to its scheme.
_WEB_URL = re.compile(r"https?://[^\s/?#\\@]+(?:[/?#][^\s\\]*)?", re.IGNORECASE | re.ASCII)
# The form's fields besides the question, in the order the "ask another question" link and
# the citation links carry them (names as qa.params reads them).
FORM_FIELDS = ("mode", "group_by", "k", *FILTER_FIELDS)
# How the form shows an answer: by article (the default), by speaker, or as a timeline.
GROUP_CHOICES = (("source", "by article"), ("speaker", "by speaker"), ("date", "timeline"))
DEFAULTS = {"mode": "hybrid", "group_by": "source"}  # left out of links


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


@ui.app_template_filter("duration")
def duration(ms: float) -> str:
    """A time to read at a glance: "349 ms", or "1.25 s" from a second on."""
    return f"{ms:.0f} ms" if ms < 999.5 else f"{ms / 1000:.2f} s"


def _form_state(data: dict[str, str], question: str) -> dict[str, str]:
    """The question and every field the person set, to send back with a link (empty ones and
    the default mode left out, so the link stays short)."""
    state = {"q": question} if question else {}
    for name in FORM_FIELDS:
        value = data.get(name)
        if isinstance(value, str) and value.strip() and value != DEFAULTS.get(name):
            state[name] = value
    return state


def _count(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _prepare(result: dict, group_by: str) -> None:
    """Number the passages 1..n in reading order (articles in the order shown, passages in
    the order shown within each; the answer's `rank` is the order by score), split each
    into its marked sentences and its whole text with them marked, and say in a line what
    the page shows."""
    if group_by == "date":
        articles = [g for day in result["groups"] for g in day["articles"]]
    else:
        articles = result["groups"] if group_by == "source" else []
    n = 0
    for group in articles:
        for passage in group["passages"]:
            n += 1
            passage["n"] = n
            passage["pieces"] = _passage_pieces(passage)
            passage["marked"] = [h["text"] for h in passage["highlights"] if h["text"]]
    if group_by == "speaker":
        said = sum(len(g["statements"]) for g in result["groups"])
        result["summary"] = (
            f"{_count(len(result['groups']), 'speaker')}, {_count(said, 'statement')}"
        )
    else:
        result["summary"] = (
            f"{_count(len(articles), 'article')}, {_count(len(result['passages']), 'passage')}"
        )
        if group_by == "date":
            result["summary"] += f" on {_count(len(result['groups']), 'day')}"


@ui.route("/", methods=["GET", "POST"])
def index():
    try:
        data = one_value_each(request.values.lists())
    except BadQuery as exc:
        data, error = {}, str(exc)
    else:
        error = None
    question = data.get("question") or data.get("q") or ""
    group_by = data.get("group_by") or "source"
    context = {
        "question": question,
        "modes": MODES,
        "mode": data.get("mode") or "hybrid",
        "group_choices": GROUP_CHOICES,
        "group_by": group_by,
        "k": data.get("k") or "5",
        **{name: data.get(name, "") for name in FILTER_FIELDS},
        "state": _form_state(data, question),
        "result": None,
        "error": error,
    }
    if error:
        return render_template("index.html", **context), 400
    # Any field makes it a submission, checked whole (`/?k=abc` is refused, not ignored).
    if data or request.method == "POST":
        retriever = retriever_of(current_app)
        try:
            # An empty date input is no date (a browser sends it as "").
            dates = ("published_from", "published_to")
            blank = (*dates, "group_by")
            asked = {k: v for k, v in data.items() if not (k in blank and v == "")}
            req = parse_request({"group_by": "source", **asked}, alias="q")
            result = ask(retriever, req.question, req.options, group_by=req.group_by)
            _prepare(result, req.group_by)
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
    # "Ask another question" returns to the form with the question and filters it came from.
    state = {name: args[name] for name in ("q", *FORM_FIELDS) if args.get(name, "").strip()}
    return render_template(
        "article.html", article=row, paragraphs=paragraphs, first=first, state=state
    )
