"""What the app factory and its blueprints share, in a module that imports none of them:
qa.web imports the blueprints (qa.web.api, qa.web.ui), and they import this, not qa.web."""

from __future__ import annotations

from flask import Flask

from qa.retrieve import Retriever

# The largest request body any route reads (the API's JSON, the form's fields): the app's
# MAX_CONTENT_LENGTH, and what qa.web.worker buffers before the app sees a request.
MAX_BODY_BYTES = 64 * 1024
# Article ids are SQLite integers: past this a route does not match (404), rather than
# overflowing the query (a 500 before #12).
MAX_ARTICLE_ID = 2**63 - 1


def retriever_of(app: Flask) -> Retriever:
    """The retriever to answer this request with (the newest valid build)."""
    return app.extensions["qa.live"].get()
