"""Validation of a question request, shared by the HTTP API, the web form and the CLI.

Every rule lives here so the three entry points refuse the same inputs with the same words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from qa.errors import BadQuery
from qa.retrieve import MODES, SearchOptions
from qa.types import Filters

MAX_QUESTION_CHARS = 1000
MAX_K = 50
MAX_FILTER_CHARS = 300
GROUP_BY = ("source",)


@dataclass
class AskRequest:
    question: str
    options: SearchOptions
    group_by: str | None


def _int(name: str, value: object, low: int, high: int, default: int) -> int:
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        raise BadQuery(f"{name} must be an integer from {low} to {high}")
    if isinstance(value, str):
        try:
            value = int(value.strip())
        except ValueError:
            raise BadQuery(f"{name} must be an integer from {low} to {high}") from None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int) or not low <= value <= high:
        raise BadQuery(f"{name} must be an integer from {low} to {high}")
    return value


def _bool(name: str, value: object, default: bool) -> bool:
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "1", "yes", "on"):
        return True
    if isinstance(value, str) and value.strip().lower() in ("false", "0", "no", "off"):
        return False
    raise BadQuery(f"{name} must be true or false")


def _text(name: str, value: object, limit: int) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise BadQuery(f"{name} must be a string")
    value = value.strip()
    if len(value) > limit:
        raise BadQuery(f"{name} is too long ({len(value)} characters, the limit is {limit})")
    if any(ord(c) < 32 and c not in "\t\n\r" for c in value):
        raise BadQuery(f"{name} contains control characters")
    return value or None


def _date(name: str, value: object) -> str | None:
    text = _text(name, value, 40)
    if text is None:
        return None
    try:
        return date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        raise BadQuery(f"{name} must be a date as YYYY-MM-DD") from None


def parse_request(data: dict, question_key: str = "question") -> AskRequest:
    """Turn loosely typed input (JSON body or query string) into a validated request."""
    raw = data.get(question_key)
    if raw is None:
        raise BadQuery(
            f"missing '{question_key}': ask a question, e.g. "
            f'{{"{question_key}": "what was said about weapons supply?"}}'
        )
    if not isinstance(raw, str):
        raise BadQuery(f"'{question_key}' must be a string")
    question = raw.strip()
    if not question:
        raise BadQuery(f"'{question_key}' is empty")
    if len(question) > MAX_QUESTION_CHARS:
        raise BadQuery(
            f"'{question_key}' is too long ({len(question)} characters, the limit is "
            f"{MAX_QUESTION_CHARS})"
        )
    if any(ord(c) < 32 and c not in "\t\n\r" for c in question):
        raise BadQuery(f"'{question_key}' contains control characters")
    mode = data.get("mode") or "hybrid"
    if mode not in MODES:
        raise BadQuery(f"mode must be one of {', '.join(MODES)}")
    group_by = data.get("group_by") or None
    if group_by is not None and group_by not in GROUP_BY:
        raise BadQuery("group_by must be 'source' or absent")
    nested = data.get("filters")
    if nested is not None and not isinstance(nested, dict):
        raise BadQuery("filters must be an object")
    f = {**data, **(nested or {})}
    filters = Filters(
        source=_text("source", f.get("source"), MAX_FILTER_CHARS),
        published_from=_date("published_from", f.get("published_from")),
        published_to=_date("published_to", f.get("published_to")),
        title=_text("title", f.get("title"), MAX_FILTER_CHARS),
        outlet=_text("outlet", f.get("outlet"), MAX_FILTER_CHARS),
        author=_text("author", f.get("author"), MAX_FILTER_CHARS),
    )
    options = SearchOptions(
        k=_int("k", data.get("k"), 1, MAX_K, 5),
        mode=mode,
        filters=filters,
        per_source=(
            None
            if data.get("per_source") in (None, "", "auto")
            else _int("per_source", data.get("per_source"), 0, MAX_K, 0)
        ),
        understand=_bool("understand", data.get("understand"), True),
    )
    return AskRequest(question=question, options=options, group_by=group_by)
