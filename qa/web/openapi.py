"""The OpenAPI 3.1 document of everything the app answers, built from the rules qa.params
enforces so the two cannot drift: tests/test_contract.py validates it (openapi-spec-validator)
and fuzzes the real server against it with schemathesis, every check on.

3.1 because its schemas are JSON Schema 2020-12 (`type: [string, "null"]`, `const`), which the
document used while declaring 3.0.3. Status codes are the ones the app or gunicorn in front of
it can give (GUNICORN_ERRORS: answered before the app sees the request); a client reads every
JSON error as {"error": "..."}.
"""

from __future__ import annotations

from qa import __version__
from qa.params import (
    DATE_PATTERN,
    FALSE_WORDS,
    GROUP_BY,
    MAX_FILTER_CHARS,
    MAX_K,
    MAX_QUESTION_CHARS,
    TRUE_WORDS,
)
from qa.retrieve import MODES

JSON = "application/json"
HTML = "text/html"
EXAMPLE_QUESTION = "what was said about weapons supply?"


def _char_class(chars: str) -> str:
    r"""A regex character class body listing `chars` as \uXXXX escapes, ranges collapsed:
    the same text means the same set in ECMA-262 (JSON Schema's dialect) and Python's re."""
    codes = sorted({ord(c) for c in chars})
    parts, i = [], 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        parts.append(f"\\u{codes[i]:04x}" if i == j else f"\\u{codes[i]:04x}-\\u{codes[j]:04x}")
        i = j + 1
    return "".join(parts)


# What qa.params refuses (C0 controls but tab, newline, return) and what str.strip() removes
# (str.isspace(); not regex \s, whose set differs between ECMA-262 and Python).
_CONTROL = _char_class("".join(chr(c) for c in range(32) if chr(c) not in "\t\n\r"))
_SPACE = _char_class("".join(chr(c) for c in range(0x10000) if chr(c).isspace()))
NO_CONTROL = f"^[^{_CONTROL}]*$"
NOT_BLANK = f"^[^{_CONTROL}]*[^{_CONTROL}{_SPACE}][^{_CONTROL}]*$"


def _words(words: tuple[str, ...]) -> str:
    """A case-insensitive alternation spelled out per letter: ECMA-262 has no (?i)."""
    spelled = ("".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else c for c in w) for w in words)
    return "^(" + "|".join(spelled) + ")$"


ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {"error": {"type": "string", "minLength": 1}},
}
QUESTION = {
    "type": "string",
    "minLength": 1,
    "maxLength": MAX_QUESTION_CHARS,
    "pattern": NOT_BLANK,
    "description": "not blank; no control characters but tab, newline, carriage return",
}
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
        "url": {"type": ["string", "null"], "description": "as the document gave it"},
        "char_start": {"type": "integer", "minimum": 0},
        "char_end": {"type": "integer", "minimum": 0},
    },
}
SPAN = {
    "type": "object",
    "required": ["char_start", "char_end", "text"],
    "properties": {
        "char_start": {"type": "integer", "minimum": 0},
        "char_end": {"type": "integer", "minimum": 0},
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
        "citation": {"$ref": "#/components/schemas/Citation"},
        "highlights": {"type": "array", "items": SPAN},
        "also_in": {"type": "array", "items": {"type": "string"}},
        "article_id": {"type": "integer", "minimum": 0},
        "statements": {
            "type": "array",
            "description": "the statements reported in this passage (overlapping it), in "
            "text order, with offsets into the article's text",
            "items": {"$ref": "#/components/schemas/Statement"},
        },
    },
}
GROUP = {
    "type": "object",
    "description": "one article and its best passages (group_by=source, and within a day "
    "of group_by=date)",
    "required": ["source", "article_id", "score", "passages"],
    "properties": {
        **{k: CITATION["properties"][k] for k in ("source", "outlet", "author", "title")},
        "published": CITATION["properties"]["published"],
        "url": CITATION["properties"]["url"],
        "article_id": {"type": "integer", "minimum": 0},
        "score": {"type": "number"},
        "also_in": {"type": "array", "items": {"type": "string"}},
        "passages": {"type": "array", "items": {"$ref": "#/components/schemas/Passage"}},
    },
}
SPEAKER_GROUP = {
    "type": "object",
    "description": "one speaker and their statements in the best passages (group_by=speaker), "
    "speakers in the order of the best passage they speak in",
    "required": ["speaker", "role", "score", "articles", "statements"],
    "properties": {
        "speaker": {"type": "string"},
        "role": {"type": ["string", "null"], "description": "the role most often stated"},
        "score": {"type": "number"},
        "articles": {"type": "integer", "minimum": 1},
        "statements": {
            "type": "array",
            "items": {
                "allOf": [
                    {"$ref": "#/components/schemas/Statement"},
                    {
                        "type": "object",
                        "required": ["article_id", "passage_id", "citation"],
                        "properties": {
                            "article_id": {"type": "integer", "minimum": 0},
                            "passage_id": {"type": "integer", "minimum": 0},
                            "citation": {"$ref": "#/components/schemas/Citation"},
                        },
                    },
                ]
            },
        },
    },
}
DAY_GROUP = {
    "type": "object",
    "description": "the articles of one publication day (group_by=date), oldest day first; "
    "date null: the undated articles, last",
    "required": ["date", "articles"],
    "properties": {
        "date": {"type": ["string", "null"]},
        "articles": {"type": "array", "items": {"$ref": "#/components/schemas/Group"}},
    },
}
UNDERSTOOD = {
    "type": "object",
    "description": "the outlets of this index, the publication dates and the speakers the "
    "question names; retrieval leans toward them (send understand=false to turn this off)",
    "required": ["outlets", "dates", "speakers"],
    "properties": {
        "outlets": {"type": "array", "items": {"type": "string"}},
        "speakers": {
            "type": "array",
            "items": {"type": "string"},
            "description": 'speakers the question asks about ("What did Shoigu say ..."): '
            "passages with their statements come first",
        },
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
    "required": ["question", "mode", "k", "passages", "took_ms", "match", "understood"],
    "properties": {
        "question": {"type": "string"},
        "mode": {"type": "string", "enum": list(MODES)},
        "k": {"type": "integer", "minimum": 1, "maximum": MAX_K},
        "match": {
            "type": "string",
            "enum": ["strong", "weak", "none", "unknown"],
            "description": "how well the best passage matches the question: weak or none "
            "means the articles probably do not answer it; unknown in lexical mode",
        },
        "match_evidence": {"type": "object", "additionalProperties": {"type": "number"}},
        "understood": {"$ref": "#/components/schemas/Understood"},
        "passages": {"type": "array", "items": {"$ref": "#/components/schemas/Passage"}},
        "groups": {
            "type": "array",
            "description": "with group_by: Group (source), SpeakerGroup (speaker), DayGroup (date)",
            "items": {
                "anyOf": [
                    {"$ref": "#/components/schemas/Group"},
                    {"$ref": "#/components/schemas/SpeakerGroup"},
                    {"$ref": "#/components/schemas/DayGroup"},
                ]
            },
        },
        "speakers": {
            "type": "array",
            "description": "who speaks in the passages returned, most statements first",
            "items": {
                "type": "object",
                "required": ["speaker", "statements", "passages"],
                "properties": {
                    "speaker": {"type": "string"},
                    "statements": {"type": "integer", "minimum": 1},
                    "passages": {"type": "integer", "minimum": 1},
                },
            },
        },
        "speaker_filter": {
            "type": "object",
            "description": "with a speaker filter: the speakers it matched, each with every "
            "name the index holds for them",
            "required": ["asked", "speakers"],
            "properties": {
                "asked": {"type": "string"},
                "speakers": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["speaker", "names"],
                        "properties": {
                            "speaker": {"type": "string"},
                            "names": {"type": "array", "items": {"type": "string"}},
                        },
                    },
                },
            },
        },
        "took_ms": {"type": "number", "minimum": 0},
    },
}
INDEX_STATS = {
    "type": "object",
    "required": ["build_id", "model", "articles", "passages"],
    "properties": {
        "build_id": {"type": "string"},
        "created": {"type": "string"},
        "model": {
            "type": "object",
            "required": ["name"],
            "properties": {"name": {"type": "string"}},
        },
        "chunking": {"type": "object"},
        "articles": {"type": "integer", "minimum": 0},
        "passages": {"type": "integer", "minimum": 0},
    },
}
QUOTE = {
    "type": "object",
    "required": [
        "speaker",
        "role",
        "kind",
        "text",
        "char_start",
        "char_end",
        "speaker_start",
        "speaker_end",
    ],
    "properties": {
        "speaker": {"type": "string", "description": "the fullest name the article gives"},
        "role": {"type": ["string", "null"], "description": "as the article states it"},
        "kind": {"type": "string", "enum": ["direct", "indirect"]},
        "text": {"type": "string", "description": "text[char_start:char_end]"},
        "char_start": {"type": "integer", "minimum": 0},
        "char_end": {"type": "integer", "minimum": 0},
        "speaker_start": {"type": "integer", "minimum": 0},
        "speaker_end": {"type": "integer", "minimum": 0},
    },
}
STATEMENT = {
    "type": "object",
    "description": "a reported statement as the answer shows it: a Quote, and `known_as`, "
    "the name of everyone the index takes for the same speaker",
    "allOf": [
        {"$ref": "#/components/schemas/Quote"},
        {
            "type": "object",
            "required": ["known_as"],
            "properties": {"known_as": {"type": "string"}},
        },
    ],
}
ARTICLE = {
    "type": "object",
    "required": [
        "article_id",
        "source",
        "title",
        "published",
        "url",
        "outlet",
        "author",
        "text",
        "quotes",
    ],
    "properties": {
        "article_id": {"type": "integer", "minimum": 0},
        "source": {"type": "string"},
        "title": {"type": ["string", "null"]},
        "published": {"type": ["string", "null"]},
        "url": {"type": ["string", "null"]},
        "outlet": {"type": ["string", "null"]},
        "author": {"type": ["string", "null"]},
        "text": {"type": "string", "description": "every offset indexes this text"},
        "quotes": {"type": "array", "items": {"$ref": "#/components/schemas/Quote"}},
    },
}
HEALTH = {
    "type": "object",
    "required": ["status", "index", "reloads", "question_cache"],
    "properties": {
        "status": {
            "type": "string",
            "enum": ["ok", "degraded"],
            "description": "degraded: serving an older build; `error` says why the published "
            "one is not served",
        },
        "index": {"$ref": "#/components/schemas/IndexStats"},
        "reloads": {"type": "integer", "minimum": 0},
        "question_cache": {
            "type": "object",
            "description": "the answering worker's question vectors (`qa serve "
            "--question-cache`): a question asked again is not encoded again",
            "required": ["size", "entries", "hits", "misses"],
            "properties": {
                "size": {"type": "integer", "minimum": 0, "description": "0: off"},
                "entries": {"type": "integer", "minimum": 0},
                "hits": {"type": "integer", "minimum": 0},
                "misses": {"type": "integer", "minimum": 0},
            },
        },
        "error": {"type": "string"},
        "published_build": {"type": "string"},
    },
}
UNAVAILABLE = {
    "type": "object",
    "required": ["status", "error"],
    "properties": {
        "status": {"const": "unavailable"},
        "error": {"type": ["string", "null"], "description": "why no build is served"},
    },
}


def _numbers(low: int, high: int, *words: str) -> str:
    """The decimal spellings qa.params accepts for an integer from low to high (its
    INTEGER_PATTERN within the range), or `words`, as one anchored alternation."""
    return "^(" + "|".join([*words, *(str(n) for n in range(low, high + 1))]) + ")$"


def _typed(types: list[str], json_body: bool, **keywords: object) -> dict:
    """A field's schema; in a JSON body null is also accepted, and means absent. (The text
    filters take "" too, as no filter: an empty form field.)"""
    if json_body and "enum" in keywords:
        keywords["enum"] = [*keywords["enum"], None]
    return {"type": types + ["null"] if json_body else types, **keywords}


def _filter_props(json_body: bool) -> dict:
    text = {"maxLength": MAX_FILTER_CHARS, "pattern": NO_CONTROL}
    date = {"format": "date", "pattern": DATE_PATTERN, "description": "YYYY-MM-DD"}
    return {
        "source": _typed(
            ["string"], json_body, **text, description="exact source, or a prefix ending in '/'"
        ),
        "published_from": _typed(["string"], json_body, **date),
        "published_to": _typed(["string"], json_body, **date),
        "title": _typed(
            ["string"], json_body, **text, description="case-insensitive substring of the title"
        ),
        "outlet": _typed(
            ["string"], json_body, **text, description="case-insensitive substring of the outlet"
        ),
        "author": _typed(
            ["string"], json_body, **text, description="case-insensitive substring of the byline"
        ),
        "speaker": _typed(
            ["string"],
            json_body,
            **text,
            description="passages reporting a statement by this speaker: a name or part of "
            "one, whole words, any case; other spellings of the same name count",
        ),
    }


def _ask_props(json_body: bool) -> dict:
    """Every field qa.params.parse_request reads but the question. Numbers and flags may
    come as strings (a query string has nothing else): the keywords for each JSON type
    apply to values of that type only, so one schema states both spellings."""
    return {
        "k": _typed(
            ["integer", "string"],
            json_body,
            minimum=1,
            maximum=MAX_K,
            pattern=_numbers(1, MAX_K),
            default=5,
        ),
        "mode": _typed(["string"], json_body, enum=list(MODES), default="hybrid"),
        "per_source": _typed(
            ["integer", "string"],
            json_body,
            minimum=0,
            maximum=MAX_K,
            pattern=_numbers(0, MAX_K, "auto"),
            description="passages per article at most; auto (the default): the retriever's "
            "own spread; 0: no cap",
        ),
        "group_by": _typed(
            ["string"],
            json_body,
            enum=list(GROUP_BY),
            description="source: one group per article; speaker: one per speaker with their "
            "statements; date: the articles by publication day, oldest first",
        ),
        "understand": _typed(
            ["boolean", "string"],
            json_body,
            pattern=_words(TRUE_WORDS + FALSE_WORDS),
            default=True,
            description="lean toward the outlets, dates and speakers the question names",
        ),
        **_filter_props(json_body),
    }


def _form_dates(props: dict) -> dict:
    """The form's date inputs: a browser sends an empty one as "", which the form reads as
    no date (qa.web.ui drops it); the JSON API and GET /api/ask keep dates strict."""
    for name in ("published_from", "published_to"):
        props[name] = {"anyOf": [props[name], {"const": ""}]}
    return props


def _fields(form: bool) -> dict:
    """The query string of GET /api/ask or GET / (and the form's body) as one object: the
    question comes as q or as question (both checked, question wins), which separate
    parameters could not say. The form with no field at all is just the form."""
    question = {"$ref": "#/components/schemas/Question"}
    props = {"q": question, "question": question, **_ask_props(json_body=False)}
    props["filters"] = False  # a query string cannot nest; qa.params would refuse the string
    if form:
        props = _form_dates(props)
    one_of = [{"required": ["q"]}, {"required": ["question"]}]
    return {
        "type": "object",
        "properties": props,
        "additionalProperties": False,
        "anyOf": [{"maxProperties": 0}, *one_of] if form else one_of,
    }


def _query(form: bool) -> list[dict]:
    return [
        {
            "name": "fields",
            "in": "query",
            "style": "form",
            "explode": True,
            "required": not form,
            "description": "each field a query parameter of its own, sent once",
            "schema": _fields(form),
            "example": {"q": EXAMPLE_QUESTION, "k": 3, "outlet": "global times"},
        }
    ]


def _error(description: str, media: tuple[str, ...] = (JSON,)) -> dict:
    content = {m: {"schema": {"$ref": "#/components/schemas/Error"}} for m in media if m == JSON}
    content |= {m: {"schema": {"type": "string"}} for m in media if m != JSON}
    return {"description": description, "content": content}


# Answers gunicorn gives itself, before the app sees the request (qa.web.worker makes them
# JSON): a malformed request line, header or chunked framing 400, a request line over
# limit_request_line 414, over 100 headers or one over 8190 bytes 431, an Expect other than
# 100-continue 417, a transfer coding it does not know 501.
GUNICORN_ERRORS = {
    "414": {"$ref": "#/components/responses/UriTooLong"},
    "417": {"$ref": "#/components/responses/ExpectationFailed"},
    "431": {"$ref": "#/components/responses/HeadersTooLarge"},
    "501": {"$ref": "#/components/responses/NotImplemented"},
}
# Errors every route can give; the app answers an undeclared method with 405 and `Allow`.
SERVER_ERRORS = {
    "400": {"$ref": "#/components/responses/BadRequest"},
    "405": {"$ref": "#/components/responses/MethodNotAllowed"},
    "413": {"$ref": "#/components/responses/TooLarge"},
    **GUNICORN_ERRORS,
}
HTML_ERRORS = {
    "400": _error("bad input (the form shows why)", (HTML, JSON)),
    "404": _error("no such page", (HTML, JSON)),
    "405": {"$ref": "#/components/responses/MethodNotAllowed"},
    "413": _error("body over 64 KiB", (HTML, JSON)),
    **GUNICORN_ERRORS,
    "503": _error("no valid index loaded", (HTML, JSON)),
}


def _html(description: str) -> dict:
    return {"description": description, "content": {HTML: {"schema": {"type": "string"}}}}


LINE_LIMIT = (
    "The request line is at most 8190 bytes (gunicorn's limit_request_line): a question "
    "of 1000 characters that take three or four bytes in UTF-8 does not fit once "
    "percent-encoded and is answered 414; POST it instead."
)


def document() -> dict:
    answer = {
        "description": "ranked passages with citations",
        "content": {JSON: {"schema": {"$ref": "#/components/schemas/Answer"}}},
    }
    ask_body = {
        "type": "object",
        "additionalProperties": False,
        "required": ["question"],
        "properties": {
            "question": {"$ref": "#/components/schemas/Question"},
            **_ask_props(json_body=True),
            "filters": {
                "type": ["object", "null"],
                "properties": _filter_props(json_body=True),
                "additionalProperties": False,
                "description": "the filters nested; a nested one wins over the same top-level",
            },
        },
    }
    form_body = _fields(form=False)
    form_body["properties"] = _form_dates(dict(form_body["properties"]))
    health = {
        "200": {
            "description": "serving (ok, or degraded: an older build than the published one)",
            "content": {JSON: {"schema": {"$ref": "#/components/schemas/Health"}}},
        },
        "503": {
            "description": "no valid index loaded",
            "content": {JSON: {"schema": {"$ref": "#/components/schemas/Unavailable"}}},
        },
    }
    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://spec.openapis.org/oas/3.1/dialect/base",
        "info": {
            "title": "News QA",
            "version": __version__,
            "description": "Retrieval question answering over news articles, with exact "
            'citations. Every JSON error is {"error": "..."}.',
        },
        "paths": {
            "/api/ask": {
                "get": {
                    "operationId": "askGet",
                    "summary": "Ask a question (query string)",
                    "description": LINE_LIMIT,
                    "parameters": _query(form=False),
                    "responses": {
                        "200": answer,
                        **SERVER_ERRORS,
                        "503": {"$ref": "#/components/responses/Unavailable"},
                    },
                },
                "post": {
                    "operationId": "askPost",
                    "summary": "Ask a question (JSON body)",
                    "requestBody": {
                        "required": True,
                        "content": {
                            JSON: {
                                "schema": ask_body,
                                "example": {
                                    "question": EXAMPLE_QUESTION,
                                    "k": 5,
                                    "filters": {"published_from": "2023-04-01"},
                                },
                            }
                        },
                    },
                    "responses": {
                        "200": answer,
                        **SERVER_ERRORS,
                        "503": {"$ref": "#/components/responses/Unavailable"},
                    },
                },
            },
            "/health": {
                "get": {
                    "operationId": "health",
                    "summary": "Which build is served",
                    "responses": {**health, **SERVER_ERRORS},
                }
            },
            "/api/articles/{article_id}": {
                "get": {
                    "operationId": "articleJson",
                    "summary": "One article as the service holds it, with its reported statements",
                    "parameters": [
                        {
                            "name": "article_id",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "integer", "minimum": 0, "maximum": 2**63 - 1},
                        }
                    ],
                    "responses": {
                        "200": {
                            "description": "the article, its text and the statements in it",
                            "content": {JSON: {"schema": {"$ref": "#/components/schemas/Article"}}},
                        },
                        "404": _error("no article with this id"),
                        **SERVER_ERRORS,
                        "503": {"$ref": "#/components/responses/Unavailable"},
                    },
                }
            },
            "/openapi.json": {
                "get": {
                    "operationId": "openapi",
                    "summary": "This document",
                    "responses": {
                        "200": {
                            "description": "the OpenAPI document",
                            "content": {JSON: {"schema": {"type": "object"}}},
                        },
                        **SERVER_ERRORS,
                    },
                }
            },
            "/admin/reload": {
                "post": {
                    "operationId": "reload",
                    "summary": "Pick up a newly published build now",
                    "description": "Disabled (404) unless the server has QA_ADMIN_TOKEN set.",
                    "security": [{"adminToken": []}],
                    "responses": {
                        "200": {
                            "description": "the health body, and whether the build changed",
                            "content": {
                                JSON: {
                                    "schema": {
                                        "allOf": [
                                            {"$ref": "#/components/schemas/Health"},
                                            {
                                                "type": "object",
                                                "required": ["swapped"],
                                                "properties": {"swapped": {"type": "boolean"}},
                                            },
                                        ]
                                    }
                                }
                            },
                        },
                        "401": {
                            **_error("the admin token is missing or wrong"),
                            "headers": {
                                "WWW-Authenticate": {
                                    "description": "the Bearer challenge (RFC 6750)",
                                    "required": True,
                                    "schema": {"type": "string"},
                                }
                            },
                        },
                        "404": _error("disabled: no admin token is configured"),
                        "503": health["503"],
                        **SERVER_ERRORS,
                    },
                }
            },
            "/": {
                "get": {
                    "operationId": "form",
                    "summary": "The web form, and its answer when q is given",
                    "description": LINE_LIMIT,
                    "parameters": _query(form=True),
                    "responses": {"200": _html("the form (and the answer)"), **HTML_ERRORS},
                },
                "post": {
                    "operationId": "formPost",
                    "summary": "The web form posted",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/x-www-form-urlencoded": {"schema": form_body},
                            "multipart/form-data": {"schema": form_body},
                        },
                    },
                    "responses": {"200": _html("the form and the answer"), **HTML_ERRORS},
                },
            },
            "/articles/{article_id}": {
                "get": {
                    "operationId": "article",
                    "summary": "One article's cleaned text, the cited span marked",
                    "parameters": [
                        {
                            "name": "article_id",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "integer", "minimum": 0, "maximum": 2**63 - 1},
                        },
                        *(
                            {
                                "name": n,
                                "in": "query",
                                "required": False,
                                "description": "character offsets of the span to mark",
                                "schema": {"type": "integer"},
                            }
                            for n in ("start", "end")
                        ),
                    ],
                    "responses": {"200": _html("the article"), **HTML_ERRORS},
                }
            },
        },
        "components": {
            "schemas": {
                "Error": ERROR,
                "Question": QUESTION,
                "Answer": ANSWER,
                "Passage": PASSAGE,
                "Group": GROUP,
                "SpeakerGroup": SPEAKER_GROUP,
                "DayGroup": DAY_GROUP,
                "Statement": STATEMENT,
                "Citation": CITATION,
                "Understood": UNDERSTOOD,
                "Health": HEALTH,
                "IndexStats": INDEX_STATS,
                "Unavailable": UNAVAILABLE,
                "Article": ARTICLE,
                "Quote": QUOTE,
            },
            "responses": {
                "BadRequest": _error("bad input; the error says which field and why"),
                "MethodNotAllowed": {
                    "description": "method not allowed here",
                    "headers": {
                        "Allow": {
                            "description": "the methods this path takes",
                            "schema": {"type": "string"},
                        }
                    },
                    "content": {
                        JSON: {"schema": {"$ref": "#/components/schemas/Error"}},
                        HTML: {"schema": {"type": "string"}},
                    },
                },
                "TooLarge": _error("body over 64 KiB, with a Content-Length or chunked"),
                "UriTooLong": _error("request line too long (answered by gunicorn)"),
                "HeadersTooLarge": _error("a header too large or too many (gunicorn)"),
                "ExpectationFailed": _error("an Expect header but 100-continue (gunicorn)"),
                "NotImplemented": _error("an unknown Transfer-Encoding (gunicorn)"),
                "Unavailable": _error("no valid index loaded"),
            },
            "securitySchemes": {
                "adminToken": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "QA_ADMIN_TOKEN",
                }
            },
        },
    }
