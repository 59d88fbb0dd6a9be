"""The JSON API: HTTP in, library calls, JSON out. The contract is fixed by the tests."""

from __future__ import annotations

import hmac
import json

from flask import Blueprint, abort, current_app, jsonify, request

from qa.answer import ask
from qa.errors import BadQuery
from qa.params import parse_request
from qa.web import retriever_of
from qa.web.openapi import document as openapi_document

api = Blueprint("api", __name__)


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
    args = request.args.to_dict()
    if "q" in args and "question" not in args:
        args["question"] = args.pop("q")
    req = parse_request(args)
    return jsonify(_answer(req))


def _answer(req) -> dict:
    return ask(retriever_of(current_app), req.question, req.options, group_by=req.group_by)


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
        abort(404)
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not hmac.compare_digest(given.encode(), token.encode()):
        return jsonify(error="a valid admin token is required (Authorization: Bearer ...)"), 403
    live = current_app.extensions["qa.live"]
    swapped = live.refresh(force=True)
    status, body = live.health()
    return jsonify({**body, "swapped": swapped}), status
