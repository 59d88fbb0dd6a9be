"""The JSON API: HTTP in, library calls, JSON out. The contract is fixed by the tests."""

from __future__ import annotations

import json

from flask import Blueprint, current_app, jsonify, request

from qa.answer import ask
from qa.errors import BadQuery
from qa.params import parse_request

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
    retriever = current_app.extensions["qa.retriever"]
    return ask(retriever, req.question, req.options, group_by=req.group_by)


@api.get("/health")
def health():
    retriever = current_app.extensions["qa.retriever"]
    return jsonify(status="ok", index=retriever.stats())
