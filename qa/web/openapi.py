"""The OpenAPI document for the JSON endpoints; the fuzz tests read it back."""

from __future__ import annotations

from qa import __version__
from qa.params import MAX_K, MAX_QUESTION_CHARS

ERROR = {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}}
CITATION = {
    "type": "object",
    "required": [
        "source",
        "outlet",
        "author",
        "title",
        "published",
        "url",
        "char_start",
        "char_end",
    ],
    "properties": {
        "source": {"type": "string"},
        "outlet": {"type": ["string", "null"], "description": "the publication"},
        "author": {"type": ["string", "null"], "description": "the byline as given"},
        "title": {"type": ["string", "null"]},
        "published": {"type": ["string", "null"], "format": "date"},
        "url": {"type": ["string", "null"]},
        "char_start": {"type": "integer", "minimum": 0},
        "char_end": {"type": "integer", "minimum": 0},
    },
}
SPAN = {
    "type": "object",
    "properties": {
        "char_start": {"type": "integer"},
        "char_end": {"type": "integer"},
        "text": {"type": ["string", "null"]},
    },
}
PASSAGE = {
    "type": "object",
    "required": ["rank", "score", "text", "citation", "highlights"],
    "properties": {
        "rank": {"type": "integer", "minimum": 1},
        "score": {"type": "number"},
        "scores": {"type": "object", "additionalProperties": {"type": "number"}},
        "text": {"type": "string"},
        "citation": CITATION,
        "highlights": {"type": "array", "items": SPAN},
        "also_in": {"type": "array", "items": {"type": "string"}},
        "article_id": {"type": "integer"},
    },
}
UNDERSTOOD = {
    "type": "object",
    "description": "the outlets of this index and the publication dates the question names; "
    "retrieval leans toward them (send understand=false to turn this off)",
    "properties": {
        "outlets": {"type": "array", "items": {"type": "string"}},
        "dates": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "from": {"type": "string", "format": "date"},
                    "to": {"type": "string", "format": "date"},
                    "text": {"type": "string"},
                },
            },
        },
    },
}
ANSWER = {
    "type": "object",
    "required": ["question", "passages", "took_ms", "match", "understood"],
    "properties": {
        "question": {"type": "string"},
        "mode": {"type": "string"},
        "k": {"type": "integer"},
        "match": {
            "type": "string",
            "enum": ["strong", "weak", "none", "unknown"],
            "description": "how well the best passage matches the question: weak or none "
            "means the articles probably do not answer it; unknown in lexical mode",
        },
        "match_evidence": {"type": "object", "additionalProperties": {"type": "number"}},
        "understood": UNDERSTOOD,
        "passages": {"type": "array", "items": PASSAGE},
        "groups": {"type": "array", "items": {"type": "object"}},
        "took_ms": {"type": "number"},
    },
}
FILTER_PROPS = {
    "source": {"type": "string", "description": "exact source, or a prefix ending in '/'"},
    "published_from": {"type": "string", "format": "date"},
    "published_to": {"type": "string", "format": "date"},
    "title": {"type": "string", "description": "case-insensitive substring of the title"},
    "outlet": {"type": "string", "description": "case-insensitive substring of the outlet"},
    "author": {"type": "string", "description": "case-insensitive substring of the byline"},
}
COMMON_PROPS = {
    "k": {"type": "integer", "minimum": 1, "maximum": MAX_K, "default": 5},
    "mode": {"type": "string", "enum": ["hybrid", "dense", "lexical"], "default": "hybrid"},
    "per_source": {"type": "integer", "minimum": 0, "maximum": MAX_K},
    "group_by": {"type": "string", "enum": ["source"]},
    "understand": {"type": "boolean", "default": True},
    **FILTER_PROPS,
}
ERRORS = {
    "400": {"description": "bad input", "content": {"application/json": {"schema": ERROR}}},
    "413": {"description": "body too large", "content": {"application/json": {"schema": ERROR}}},
    "503": {
        "description": "no valid index loaded",
        "content": {"application/json": {"schema": ERROR}},
    },
}


def _query_params() -> list[dict]:
    params = [
        {
            "name": "q",
            "in": "query",
            "required": True,
            "schema": {"type": "string", "minLength": 1, "maxLength": MAX_QUESTION_CHARS},
        }
    ]
    params += [
        {"name": n, "in": "query", "required": False, "schema": s} for n, s in COMMON_PROPS.items()
    ]
    return params


def document() -> dict:
    ok = {
        "description": "ranked passages with citations",
        "content": {"application/json": {"schema": ANSWER}},
    }
    return {
        "openapi": "3.0.3",
        "info": {"title": "News QA", "version": __version__},
        "paths": {
            "/api/ask": {
                "get": {
                    "summary": "Ask a question",
                    "parameters": _query_params(),
                    "responses": {"200": ok, **ERRORS},
                },
                "post": {
                    "summary": "Ask a question",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "required": ["question"],
                                    "properties": {
                                        "question": {
                                            "type": "string",
                                            "minLength": 1,
                                            "maxLength": MAX_QUESTION_CHARS,
                                        },
                                        **COMMON_PROPS,
                                        "filters": {"type": "object", "properties": FILTER_PROPS},
                                    },
                                }
                            }
                        },
                    },
                    "responses": {"200": ok, **ERRORS},
                },
            },
            "/health": {
                "get": {
                    "summary": "Index status",
                    "responses": {
                        "200": {
                            "description": "serving",
                            "content": {"application/json": {"schema": {"type": "object"}}},
                        },
                        "503": ERRORS["503"],
                    },
                }
            },
        },
        "components": {"schemas": {"Error": ERROR, "Answer": ANSWER, "Citation": CITATION}},
    }
