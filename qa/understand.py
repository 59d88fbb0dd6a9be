"""What a question names besides its topic: outlets of the index, publication dates and
the speakers whose statements it asks about (qa/speakers.py finds those).

"Does the TechCrunch article published on October 2 ..." asks about TechCrunch's articles of
2 October; retrieval should lean toward them (a boost: a question may name one outlet and need
another's article too) and the response should say what was understood, so a user can see it
and correct it with an explicit filter.

Outlets are matched against the index's own list of outlet names, whole words, longest first,
with each name's short form ("The Independent" for "The Independent - Life and Style",
"Cnbc" for "Cnbc | World Business News Leader"). A name made of ordinary words ("The Age",
"Fortune", "Wired") counts only when the question capitalises it, so "the age of 25" names no
outlet; a name no dictionary holds ("TechCrunch", "CBSSports.com") counts in any case.

Dates: "October 2, 2023", "2 October 2023", "Oct. 2nd", "2023-10-02" name a day; "March 2023"
and "in March" a month; "in 2023" a year. A day or month without a year takes the years the
index's articles were published in (the nearest one first), since questions about a news pile
rarely repeat the year it covers.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date

from qa.speakers import SpeakerIndex, SpeakerMatch

_MONTH_NAMES = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
_MONTH_NAMES["sept"] = 9
_MONTH = (
    r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"((?:19|20)\d{2})"
# Order matters: the most specific pattern claims its characters first.
_DATE_PATTERNS = [
    ("ymd", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
    ("mdy", re.compile(rf"\b{_MONTH}\s+{_DAY}(?:,\s*|\s+){_YEAR}\b", re.I)),
    ("dmy", re.compile(rf"\b{_DAY}(?:\s+of)?\s+{_MONTH},?\s+{_YEAR}\b", re.I)),
    ("md", re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!\s*(?:,\s*)?\d)", re.I)),
    ("dm", re.compile(rf"\b{_DAY}(?:\s+of)?\s+{_MONTH}\b", re.I)),
    ("my", re.compile(rf"\b{_MONTH},?\s+{_YEAR}\b", re.I)),
    ("m", re.compile(rf"\b(?:in|during|since|from|throughout|early|mid|late)\s+{_MONTH}\b")),
    ("y", re.compile(rf"\b(?:in|during|since|throughout)\s+{_YEAR}\b", re.I)),
]
_SEPARATORS = re.compile(r"\s+[-|:–—]\s+|\s*\|\s*|:\s+")
_SMALL = {"the", "of", "and", "a", "an", "for", "in", "on", "at", "&"}


@dataclass(frozen=True)
class Period:
    """A span of publication dates a question names, inclusive, and the words that named it."""

    start: str
    end: str
    text: str

    def as_dict(self) -> dict:
        return {"from": self.start, "to": self.end, "text": self.text}


@dataclass
class Understood:
    outlets: list[str] = field(default_factory=list)  # exact outlet names of the index
    periods: list[Period] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)  # where the question named them
    # Speakers the question asks about. Their names stay in the searched text (unlike outlet
    # and date words): passages naming the speaker are on topic too.
    speakers: list[SpeakerMatch] = field(default_factory=list)

    def is_empty(self) -> bool:
        return not (self.outlets or self.periods or self.speakers)

    def remainder(self, question: str) -> str:
        """The question without the words that named outlets and dates: they steer by
        metadata, and as search words they would match stories that merely mention them."""
        if not self.spans:
            return question
        parts, cursor = [], 0
        for start, end in self.spans:
            parts.append(question[cursor:start])
            cursor = max(cursor, end)
        parts.append(question[cursor:])
        rest = " ".join(" ".join(parts).split())
        return rest or question

    def as_dict(self) -> dict:
        return {
            "outlets": self.outlets,
            "dates": [p.as_dict() for p in self.periods],
            "speakers": [s.name for s in self.speakers],
        }


def _distinctive(name: str) -> bool:
    """A name no one writes by accident: inner capitals, digits, dots ("TechCrunch", "BBC")."""
    for token in name.split():
        core = token.strip("'\".,()")
        if any(c.isdigit() for c in core) or "." in core.strip("."):
            return True
        if len(core) > 1 and any(c.isupper() for c in core[1:]):
            return True
    return False


def _capitalised(text: str) -> bool:
    """Each word of `text` (small words aside) starts with a capital, as written."""
    words = [w for w in re.findall(r"[^\W\d_][\w'.]*", text) if w.lower() not in _SMALL]
    return bool(words) and all(w[0].isupper() for w in words)


# Words as outlet names are compared: letters and digits, joined by "." or "&" ("CBSSports.com",
# "AT&T"); anything else (spaces, quotes, dashes, "|", the "'s" of a possessive) separates.
_WORD = re.compile(r"\w+(?:[.&]\w+)*")


def _key(text: str) -> tuple[str, ...]:
    return tuple(word.lower() for word in _WORD.findall(text))


class OutletMatcher:
    """Finds the index's outlet names, and their short forms, in a question.

    Names are looked up as word sequences in a dictionary, longest first at each word: the cost
    grows with the question, not with the number of outlets (one regex alternation of every
    name, the first version, tried each name at each position of the question)."""

    def __init__(self, outlets: list[str]) -> None:
        self.forms: dict[tuple[str, ...], set[str]] = {}
        self.distinctive: dict[tuple[str, ...], bool] = {}
        for outlet in outlets:
            for form in self._forms(outlet):
                key = _key(form)
                if key:
                    self.forms.setdefault(key, set()).add(outlet)
                    self.distinctive[key] = self.distinctive.get(key, False) or _distinctive(form)
        self.longest = max((len(k) for k in self.forms), default=0)

    @staticmethod
    def _forms(outlet: str) -> set[str]:
        name = " ".join(outlet.split())
        forms = {name}
        head = _SEPARATORS.split(name, maxsplit=1)[0].strip()
        if head and head != name and len(head) >= 3:
            forms.add(head)
        for form in list(forms):
            if form.lower().startswith("the ") and len(form) > 8:
                forms.add(form[4:])  # "the Verge", "Guardian"
        return {f for f in forms if len(f) >= 3}

    def find(self, question: str) -> list[tuple[str, int, int]]:
        """(outlet, start, end) for each outlet named, in order of mention."""
        words = [(m.group(0).lower(), m.start(), m.end()) for m in _WORD.finditer(question)]
        found: list[tuple[str, int, int]] = []
        i = 0
        while i < len(words):
            for n in range(min(self.longest, len(words) - i), 0, -1):
                key = tuple(word for word, _, _ in words[i : i + n])
                outlets = self.forms.get(key)
                if outlets is None:
                    continue
                start, end = words[i][1], words[i + n - 1][2]
                if not (self.distinctive[key] or _capitalised(question[start:end])):
                    continue
                found.extend((outlet, start, end) for outlet in sorted(outlets))
                i += n
                break
            else:
                i += 1
        return found


def _month(name: str) -> int:
    key = name.lower().rstrip(".")
    return _MONTH_NAMES.get(key) or _MONTH_NAMES[key[:3]]


def _years_for(years: list[int], nearest: int | None) -> list[int]:
    if not years:
        return [date.today().year]
    return sorted(years, key=lambda y: (abs(y - nearest) if nearest else 0, -y))


def find_periods(question: str, years: list[int]) -> tuple[list[Period], list[tuple[int, int]]]:
    """Publication periods a question names; `years`: the years the index covers."""
    taken: list[tuple[int, int]] = []
    periods: list[Period] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    latest = max(years) if years else None
    for kind, pattern in _DATE_PATTERNS:
        for m in pattern.finditer(question):
            if not free(m.start(), m.end()):
                continue
            try:
                if kind == "ymd":
                    days = [date(int(m[1]), int(m[2]), int(m[3]))]
                elif kind == "mdy":
                    days = [date(int(m[3]), _month(m[1]), int(m[2]))]
                elif kind == "dmy":
                    days = [date(int(m[3]), _month(m[2]), int(m[1]))]
                elif kind == "md":
                    days = [date(y, _month(m[1]), int(m[2])) for y in _years_for(years, latest)]
                elif kind == "dm":
                    days = [date(y, _month(m[2]), int(m[1])) for y in _years_for(years, latest)]
                else:
                    days = []
            except ValueError:
                continue
            text = m.group(0)
            if days:
                for d in days[:2]:
                    periods.append(Period(d.isoformat(), d.isoformat(), text))
            elif kind == "my":
                y, mo = int(m[2]), _month(m[1])
                last = calendar.monthrange(y, mo)[1]
                start, end = date(y, mo, 1).isoformat(), date(y, mo, last).isoformat()
                periods.append(Period(start, end, text))
            elif kind == "m":
                mo = _month(m[1])
                for y in _years_for(years, latest)[:2]:
                    last = calendar.monthrange(y, mo)[1]
                    periods.append(
                        Period(date(y, mo, 1).isoformat(), date(y, mo, last).isoformat(), text)
                    )
            elif kind == "y":
                y = int(m[1])
                periods.append(Period(f"{y}-01-01", f"{y}-12-31", text))
            taken.append((m.start(), m.end()))
    return periods, taken


def understand(
    question: str,
    outlets: OutletMatcher,
    years: list[int],
    speakers: SpeakerIndex | None = None,
) -> Understood:
    found = outlets.find(question)
    names = list(dict.fromkeys(o for o, _, _ in found))
    periods, date_spans = find_periods(question, years)
    spans = sorted({(s, e) for _, s, e in found} | set(date_spans))
    # A speaker is not also an outlet or a date the question named ("What did the Guardian
    # say": the outlet wins).
    named = [
        m
        for m in (speakers.find(question) if speakers else [])
        if all(m.end <= s or m.start >= e for s, e in spans)
    ]
    return Understood(outlets=names, periods=periods, spans=spans, speakers=named)
