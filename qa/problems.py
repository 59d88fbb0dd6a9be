"""What loading reports instead of raising: one warning per file skipped or repaired, each
printable whatever bytes the file's name holds."""

from __future__ import annotations

import os
import re

_SURROGATE = re.compile("[\ud800-\udfff]")


def shown(value: object) -> str:
    """`value` (a str or path) as valid Unicode, so printing or storing it cannot raise.

    Python hands back a file name that is not UTF-8 with each bad byte as a lone surrogate
    (U+DC80..U+DCFF, "surrogateescape"); those become `\\xNN`, what `os.fsencode(name)
    .decode("utf-8", "backslashreplace")` gives: readable, and two different names never
    come out the same. Any other lone surrogate becomes U+FFFD.
    """
    text = os.fsdecode(value) if isinstance(value, bytes | os.PathLike) else str(value)
    return _SURROGATE.sub(_escape_surrogate, text)


def valid_text(text: str) -> str:
    """`text` with lone surrogates (legal in JSON, refused by SQLite and UTF-8) as U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


def _escape_surrogate(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else "\ufffd"


class LoadWarning:
    """Something skipped or repaired while loading; collected for the build summary."""

    def __init__(self, where: str | os.PathLike, message: str) -> None:
        self.where = shown(where)
        self.message = shown(message)

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"
