"""Flask app factory: one Retriever per process, the API and the form as blueprints."""

from __future__ import annotations

import logging

from flask import Flask, jsonify, request
from werkzeug.exceptions import HTTPException

from qa.config import Settings
from qa.errors import QAError
from qa.retrieve import Retriever

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 64 * 1024


def create_app(settings: Settings | None = None, retriever: Retriever | None = None) -> Flask:
    """Open the index once (fails loudly on a broken one) and wire the blueprints."""
    settings = settings or Settings()
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES
    app.json.sort_keys = False
    app.json.ensure_ascii = False
    app.extensions["qa.settings"] = settings
    app.extensions["qa.retriever"] = retriever or Retriever.open(settings.index_dir, settings.model)

    from qa.web.api import api
    from qa.web.ui import ui

    app.register_blueprint(api)
    app.register_blueprint(ui)

    def wants_json() -> bool:
        return request.path.startswith(("/api/", "/health", "/openapi")) or (
            request.accept_mimetypes.best == "application/json"
        )

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        if wants_json():
            return jsonify(error=f"{exc.name}: {exc.description}"), exc.code
        return exc

    @app.errorhandler(QAError)
    def domain_error(exc: QAError):
        return jsonify(error=str(exc)), 400

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


def retriever_of(app: Flask) -> Retriever:
    return app.extensions["qa.retriever"]
