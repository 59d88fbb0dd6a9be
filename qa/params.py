"""Validation of a question request, shared by the HTTP API, the web form and the CLI.

Every rule lives here so the three entry points refuse the same inputs with the same words,
and qa/web/openapi.py states these same rules as the API's schema (tests/test_contract.py
holds the two together with a fuzzer, so a rule changed here without the document fails).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from qa.errors import BadQuery
from qa.retrieve import MODES, SearchOptions
from qa.types import Filters

MAX_QUESTION_CHARS = 1000
MAX_K = 50
MAX_FILTER_CHARS = 300
# source: one group per article; speaker: one per speaker, with their statements; date: the
# articles by publication day, oldest first (a timeline).
GROUP_BY = ("source", "speaker", "date")
FILTER_FIELDS = (
    "source", "published_from", "published_to", "title", "outlet", "author", "speaker",
)  # fmt: skip
# Every field a request is read for (q: the query string's and form's name of the question).
FIELDS = ("question", "q", "k", "mode", "per_source", "group_by", "understand", "filters")
FIELDS += FILTER_FIELDS
TRUE_WORDS = ("true", "1", "yes", "on")
FALSE_WORDS = ("false", "0", "no", "off")
# C0 control characters other than tab, newline and carriage return: never part of a question.
CONTROL_CHARS = "".join(chr(c) for c in range(32) if chr(c) not in "\t\n\r")
# A date is exactly YYYY-MM-DD in ASCII digits (RFC 3339 full-date, the OpenAPI "date"
# format): date.fromisoformat alone also takes 20230419 and 2023-W16-3, which the document
# does not promise.
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
# An integer sent as a string (a query string or form always, JSON too): plain decimal
# digits. int() alone also takes " 5", "+5", "05", "1_0" and Arabic-Indic digits, which no
# client means and the document could not say.
INTEGER_PATTERN = r"^(0|[1-9][0-9]*)$"
# A field's name in an error message is cut to this: an unknown key can be any length.
_NAME_CHARS = 60


@dataclass
class AskRequest:
    question: str
    options: SearchOptions
    group_by: str | None


def _is_text(value: str) -> bool:
    """Whether the string is Unicode text: JSON's \\ud800 escape makes a lone surrogate,
    which no encoder, tokenizer or SQLite bind accepts (they raised 500s deep inside)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _require_text(name: str, value: object) -> None:
    """Refuse any string in `value` (a JSON value) that is not Unicode text, naming the field.

    One walk over the whole request, keys and nested values included, before any rule reads
    a field: no later step (and no error message echoing input) can meet a surrogate.
    """
    if isinstance(value, str):
        if not _is_text(value):
            raise BadQuery(f"{name} is not valid Unicode text (it contains a lone surrogate)")
    elif isinstance(value, list):
        for item in value:
            _require_text(name, item)
    elif isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str) or not _is_text(key):
                raise BadQuery(f"a field name in {name} is not valid Unicode text")
            _require_text(f"{name}.{key[:_NAME_CHARS]}", item)


def _int(name: str, value: object, low: int, high: int, default: int) -> int:
    if value is None:
        return default
    message = f"{name} must be an integer from {low} to {high}"
    if isinstance(value, bool):
        raise BadQuery(message)
    if isinstance(value, str):
        # Past 4300 digits int() itself refuses (ValueError, a 500): no range needs 20.
        if len(value) > 20 or not re.fullmatch(INTEGER_PATTERN[1:-1], value):
            raise BadQuery(message)
        value = int(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int) or not low <= value <= high:
        raise BadQuery(message)
    return value


def _bool(name: str, value: object, default: bool) -> bool:
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    word = value.lower() if isinstance(value, str) and value.isascii() else None
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise BadQuery(f"{name} must be true or false")


def _text(name: str, value: object, limit: int) -> str | None:
    """A free-text field: at most `limit` characters as sent, no control characters; blank
    is the same as absent (an empty form field)."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise BadQuery(f"{name} must be a string")
    if len(value) > limit:
        raise BadQuery(f"{name} is too long ({len(value)} characters, the limit is {limit})")
    if any(c in CONTROL_CHARS for c in value):
        raise BadQuery(f"{name} contains control characters")
    return value.strip() or None


def _date(name: str, value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not re.fullmatch(DATE_PATTERN[1:-1], value):
        raise BadQuery(f"{name} must be a date as YYYY-MM-DD")
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise BadQuery(f"{name} must be a date as YYYY-MM-DD") from None


def _choice(name: str, value: object, choices: tuple[str, ...]) -> str | None:
    """One of `choices`, or None when absent (null; "", false, 0 or [] are not absent)."""
    if value is None:
        return None
    if not isinstance(value, str) or value not in choices:
        raise BadQuery(f"{name} must be one of {', '.join(choices)}")
    return value


def _question(name: str, raw: object) -> str:
    if raw is None:
        raise BadQuery(
            f"missing '{name}': ask a question, e.g. "
            f'{{"{name}": "what was said about weapons supply?"}}'
        )
    if not isinstance(raw, str):
        raise BadQuery(f"'{name}' must be a string")
    if len(raw) > MAX_QUESTION_CHARS:
        raise BadQuery(
            f"'{name}' is too long ({len(raw)} characters, the limit is {MAX_QUESTION_CHARS})"
        )
    if any(c in CONTROL_CHARS for c in raw):
        raise BadQuery(f"'{name}' contains control characters")
    question = raw.strip()
    if not question:
        raise BadQuery(f"'{name}' is empty")
    return question


def _filters(data: dict) -> dict[str, str | None]:
    """The filters one object (the request, or its nested `filters`) names, each checked."""
    fields = {
        "source": lambda v: _text("source", v, MAX_FILTER_CHARS),
        "published_from": lambda v: _date("published_from", v),
        "published_to": lambda v: _date("published_to", v),
        "title": lambda v: _text("title", v, MAX_FILTER_CHARS),
        "outlet": lambda v: _text("outlet", v, MAX_FILTER_CHARS),
        "author": lambda v: _text("author", v, MAX_FILTER_CHARS),
        "speaker": lambda v: _text("speaker", v, MAX_FILTER_CHARS),
    }
    return {name: check(data[name]) for name, check in fields.items() if name in data}


def _refuse_unknown(data: dict, known: tuple[str, ...], what: str, where: str) -> None:
    """A misspelt field (`publshed_from`, `filters.bogus`) is refused by name: ignored, it
    would quietly answer a question nobody asked."""
    for key in data:
        if key not in known:
            raise BadQuery(
                f"unknown {what} {key[:_NAME_CHARS]!r}{where}; the {what}s are: " + ", ".join(known)
            )


def one_value_each(lists: Iterable[tuple[str, list[str]]]) -> dict[str, str]:
    """A query string's or form's fields as a dict. A field parse_request reads must come
    once: which of `k=5&k=50` was meant is a guess (werkzeug's to_dict() took the first)."""
    data = {}
    for name, values in lists:
        if len(values) > 1 and name in FIELDS:
            raise BadQuery(f"{name} is given more than once")
        data[name] = values[0]
    return data


def parse_request(
    data: dict, question_key: str = "question", alias: str | None = None
) -> AskRequest:
    """Turn loosely typed input (JSON body or query string) into a validated request.

    alias: another name the question may come under (the query string's and form's `q`);
    when both come, both must be valid and `question_key` wins.
    """
    for key, value in data.items():
        if not isinstance(key, str) or not _is_text(key):
            raise BadQuery("a field name is not valid Unicode text")
        _require_text(key[:_NAME_CHARS], value)
    known = FIELDS if alias else tuple(f for f in FIELDS if f != "q")
    _refuse_unknown(data, known, "field", "")
    if alias is not None and alias in data:
        question = _question(alias, data[alias])
        if question_key in data:
            question = _question(question_key, data[question_key])
    else:
        question = _question(question_key, data.get(question_key))
    mode = _choice("mode", data.get("mode"), MODES) or "hybrid"
    group_by = _choice("group_by", data.get("group_by"), GROUP_BY)
    nested = data.get("filters")
    if nested is not None and not isinstance(nested, dict):
        raise BadQuery("filters must be an object")
    _refuse_unknown(nested or {}, FILTER_FIELDS, "filter", " in filters")
    # Both levels are checked; a filter nested under `filters` wins over the same top-level one.
    filters = Filters(**{**_filters(data), **_filters(nested or {})})
    options = SearchOptions(
        k=_int("k", data.get("k"), 1, MAX_K, 5),
        mode=mode,
        filters=filters,
        per_source=(
            None
            if data.get("per_source") in (None, "auto")
            else _int("per_source", data.get("per_source"), 0, MAX_K, 0)
        ),
        understand=_bool("understand", data.get("understand"), True),
    )
    return AskRequest(question=question, options=options, group_by=group_by)
