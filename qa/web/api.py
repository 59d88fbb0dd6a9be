"""The JSON API: HTTP in, library calls, JSON out. The contract is fixed by the tests."""

from __future__ import annotations

import hmac
import io
import json

from flask import Blueprint, abort, current_app, jsonify, request
from werkzeug.exceptions import BadRequest, RequestEntityTooLarge
from werkzeug.wsgi import get_content_length

from qa.answer import ask, quote_json
from qa.errors import BadQuery
from qa.params import one_value_each, parse_request
from qa.web.openapi import document as openapi_document
from qa.web.state import MAX_ARTICLE_ID, retriever_of

api = Blueprint("api", __name__)


@api.before_app_request
def cap_streamed_body() -> None:
    """Refuse every body over MAX_CONTENT_LENGTH with 413, sent with a Content-Length or not.

    werkzeug 3.1 checks a Content-Length against the cap itself, but a body without one
    (Transfer-Encoding: chunked; gunicorn terminates the stream and says so with
    wsgi.input_terminated) it only wraps in a LimitedStream that stops at the cap without
    complaint: get_data() returned the first 64 KiB and a cut body that still parsed was
    answered 200. So read at most cap + 1 bytes here, for every route (the form's body too),
    refuse if they all came, and give the app the bytes as a body with a Content-Length.
    """
    environ = request.environ
    if get_content_length(environ) is not None or "wsgi.input_terminated" not in environ:
        return  # werkzeug enforces the cap (or serves no body) on its own
    cap = current_app.config["MAX_CONTENT_LENGTH"]
    stream = environ["wsgi.input"]
    body = bytearray()
    try:
        while len(body) <= cap:
            piece = stream.read(cap + 1 - len(body))
            if not piece:
                break
            body += piece
    except Exception as exc:
        # gunicorn's chunk parser raises its own InvalidChunkSize & co. (not OSError) from
        # read(): a malformed chunked body is the client's error, not a 500.
        raise BadRequest(f"the request body could not be read: {exc}") from None
    if len(body) > cap:
        raise RequestEntityTooLarge()
    environ["wsgi.input"] = io.BytesIO(bytes(body))
    environ["CONTENT_LENGTH"] = str(len(body))
    environ.pop("HTTP_TRANSFER_ENCODING", None)  # the body is de-chunked: werkzeug reads CL


def _reject_constant(name: str):
    raise ValueError(f"{name} is not valid JSON")


def _json_body() -> dict:
    if request.mimetype != "application/json":
        raise BadQuery("Content-Type must be application/json")
    raw = request.get_data(cache=False)
    try:
        body = json.loads(raw.decode("utf-8"), parse_constant=_reject_constant)
    except (UnicodeDecodeError, ValueError) as exc:
        raise BadQuery(f"malformed JSON body: {exc}") from None
    except RecursionError:
        raise BadQuery("malformed JSON body: nested too deeply") from None
    if not isinstance(body, dict):
        raise BadQuery('the JSON body must be an object, e.g. {"question": "...", "k": 5}')
    return body


@api.post("/api/ask")
def ask_post():
    req = parse_request(_json_body())
    return jsonify(_answer(req))


@api.get("/api/ask")
def ask_get():
    req = parse_request(one_value_each(request.args.lists()), alias="q")
    return jsonify(_answer(req))


def _answer(req) -> dict:
    return ask(retriever_of(current_app), req.question, req.options, group_by=req.group_by)


@api.get(f"/api/articles/<int(max={MAX_ARTICLE_ID}):article_id>")
def article(article_id: int):
    """The article as the service holds it, with the statements reported in it: every offset
    indexes `text`, so `text[char_start:char_end]` is the quote."""
    store = retriever_of(current_app).store
    row = store.article(article_id)
    if row is None:
        return jsonify(error=f"no article {article_id}"), 404
    quotes = [quote_json(s) for s in store.statements(article_id, row.text)]
    return jsonify(
        article_id=row.id,
        source=row.source,
        title=row.title,
        published=row.published,
        url=row.url,
        outlet=row.outlet,
        author=row.author,
        text=row.text,
        quotes=quotes,
    )


@api.get("/openapi.json")
def openapi():
    return jsonify(openapi_document())


@api.get("/health")
def health():
    status, body = current_app.extensions["qa.live"].health()
    return jsonify(body), status


@api.post("/admin/reload")
def reload():
    """Pick up a newly published build now; disabled (404) unless QA_ADMIN_TOKEN is set."""
    token = current_app.extensions["qa.settings"].admin_token
    if not token:
        abort(404)  # JSON: the error handler answers JSON under /admin/
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not hmac.compare_digest(given.encode(), token.encode()):
        # 401 and a challenge (RFC 9110, 6750): the credentials are missing or wrong; 403
        # would say a valid token is not enough.
        response = jsonify(error="a valid admin token is required (Authorization: Bearer ...)")
        response.headers["WWW-Authenticate"] = 'Bearer realm="qa admin"'
        return response, 401
    live = current_app.extensions["qa.live"]
    swapped = live.refresh(force=True)
    status, body = live.health()
    return jsonify({**body, "swapped": swapped}), status
