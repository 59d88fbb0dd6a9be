"""Publication dates found in scraped text or metadata, normalised to ISO `YYYY-MM-DD`."""

from __future__ import annotations

import re
from datetime import datetime

_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_PATTERNS = [
    (re.compile(rf"\b({_MONTHS})\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.I), "mdy"),
    (re.compile(rf"\b(\d{{1,2}})\s+({_MONTHS})\s+(\d{{4}})\b", re.I), "dmy"),
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})"), "iso"),
]
# A line that states when the article appeared: "Published: Apr 19, 2023 12:10 AM".
DATELINE = re.compile(r"^\s*(?:published|posted|updated|first published|last updated)\b[:\s]", re.I)


def _month(name: str) -> int:
    return datetime.strptime(name.rstrip(".")[:3].title(), "%b").month


def parse_date(text: str) -> str | None:
    """The first date in `text` as YYYY-MM-DD, or None when there is no valid one."""
    for pattern, order in _PATTERNS:
        match = pattern.search(text)
        if not match:
            continue
        try:
            if order == "mdy":
                month, day, year = _month(match[1]), int(match[2]), int(match[3])
            elif order == "dmy":
                day, month, year = int(match[1]), _month(match[2]), int(match[3])
            else:
                year, month, day = int(match[1]), int(match[2]), int(match[3])
            return datetime(year, month, day).date().isoformat()
        except ValueError:
            continue
    return None
