"""The web form: works without JavaScript; every user-supplied string is escaped by Jinja."""

from __future__ import annotations

import json

from flask import Blueprint, abort, current_app, render_template, request

from qa.answer import ask
from qa.errors import BadQuery
from qa.params import parse_request
from qa.retrieve import MODES
from qa.web import retriever_of

ui = Blueprint("ui", __name__, template_folder="templates")


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
    data = request.values.to_dict()
    if "q" in data and "question" not in data:
        data["question"] = data.pop("q")
    question = data.get("question", "")
    context = {
        "question": question,
        "modes": MODES,
        "mode": data.get("mode") or "hybrid",
        "k": data.get("k") or "5",
        "source": data.get("source", ""),
        "outlet": data.get("outlet", ""),
        "author": data.get("author", ""),
        "result": None,
        "error": None,
    }
    if question or request.method == "POST":
        retriever = retriever_of(current_app)
        try:
            req = parse_request(data)
            result = ask(retriever, req.question, req.options, group_by="source")
            for group in result["groups"]:
                for passage in group["passages"]:
                    passage["pieces"] = _passage_pieces(passage)
            context["result"] = result
        except BadQuery as exc:
            context["error"] = str(exc)
            return render_template("index.html", **context), 400
    return render_template("index.html", **context)


@ui.get("/articles/<int:article_id>")
def article(article_id: int):
    row = retriever_of(current_app).store.article(article_id)
    if row is None:
        abort(404)
    try:
        start = int(request.args.get("start", 0))
        end = int(request.args.get("end", 0))
    except ValueError:
        abort(400)
    cited = [(start, end)] if 0 <= start < end <= len(row.text) else []
    # The cleaned article: the lines kept at ingest, each with the cited part marked.
    paragraphs = [marked(row.text[s:e], s, cited) for s, e in json.loads(row.lines)]
    first = next((i for i, p in enumerate(paragraphs) if any(hl for _, hl in p)), None)
    return render_template("article.html", article=row, paragraphs=paragraphs, first=first)
