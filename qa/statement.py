"""One reported statement and its speaker, as stored: its own module so that what reads
statements (the store, the answers, the server) does not import the finder, qa/quotes.py,
whose 158 patterns take about 0.4 s to compile in every process that imports it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Statement:
    speaker: str
    role: str | None
    kind: str  # "direct" | "indirect"
    text: str
    char_start: int
    char_end: int
    speaker_start: int
    speaker_end: int

    def row(self) -> tuple:
        """Everything but the text, which the article's text and the offsets give back: how
        the index (qa/store.py) and the statement cache store a statement."""
        return (
            self.speaker, self.role, self.kind, self.char_start, self.char_end,
            self.speaker_start, self.speaker_end,
        )  # fmt: skip

    @classmethod
    def from_row(cls, row: tuple, text: str) -> Statement:
        """row()'s inverse: the statement's own text is cut from its article's `text`."""
        speaker, role, kind, start, end, s_start, s_end = row
        return cls(speaker, role, kind, text[start:end], start, end, s_start, s_end)
