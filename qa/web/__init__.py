"""Flask app factory: one Retriever per process, the API and the form as blueprints."""

from __future__ import annotations

import logging

from flask import Flask, jsonify, request
from markupsafe import escape
from werkzeug.exceptions import HTTPException

from qa.config import Settings
from qa.errors import QAError
from qa.live import IndexUnavailable, LiveIndex
from qa.query_cache import QUESTIONS
from qa.retrieve import Retriever
from qa.web.api import api
from qa.web.state import MAX_BODY_BYTES, retriever_of
from qa.web.ui import ui

__all__ = ["MAX_BODY_BYTES", "create_app", "retriever_of"]

log = logging.getLogger(__name__)


def create_app(
    settings: Settings | None = None, retriever: Retriever | None = None, strict: bool = True
) -> Flask:
    """Open the index once per process and wire the blueprints.

    strict: refuse to create the app unless the published build verifies; with strict=False
    (gunicorn's workers) the app always starts: on the last good build if the published one
    is broken (/health says `degraded`), or answering 503 until a valid build is published.
    """
    settings = settings or Settings()
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES
    app.json.sort_keys = False
    app.json.ensure_ascii = False
    app.extensions["qa.settings"] = settings
    QUESTIONS.resize(settings.question_cache)
    if retriever is not None:
        live = LiveIndex.wrap(retriever)
    else:
        live = LiveIndex(settings.index_dir, settings.model)
        if strict and live.last_error:
            raise IndexUnavailable(live.last_error)
    app.extensions["qa.live"] = live

    app.register_blueprint(api)
    app.register_blueprint(ui)

    def wants_json() -> bool:
        return request.path.startswith(("/api/", "/health", "/openapi")) or (
            request.accept_mimetypes.best == "application/json"
        )

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        """JSON for API clients, keeping the exception's own headers: a 405 without its
        `Allow` (RFC 9110 requires it) was one of the contract breaks the fuzzer found."""
        if not wants_json():
            return exc
        response = jsonify(error=f"{exc.name}: {exc.description}")
        response.status_code = exc.code or 500
        for name, value in exc.get_headers():
            if name.lower() != "content-type":
                response.headers.add(name, value)
        return response

    @app.errorhandler(QAError)
    def domain_error(exc: QAError):
        status = 503 if isinstance(exc, IndexUnavailable) else 400
        if not wants_json() and status == 503:
            return f"Service unavailable: {escape(str(exc))}", 503
        return jsonify(error=str(exc)), status

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        log.exception("unhandled error on %s", request.path)
        return jsonify(error="internal error; the server log has the details"), 500

    @app.after_request
    def headers(response):
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self'; "
            "form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        )
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    return app
