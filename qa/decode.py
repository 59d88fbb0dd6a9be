"""Bytes of a text file -> str, decoded the way browsers do it (the WHATWG encoding
standard): a byte order mark first, then UTF-8, then detection that prefers windows-1252, the
web's default for Western pages, unless another charset reads clearly better (measured on
BBC by scripts/check_encodings.py; tests/test_ingest_edges.py holds the samples)."""

from __future__ import annotations

import codecs
import os
import re
import unicodedata
from dataclasses import dataclass

from charset_normalizer import from_bytes

from qa.problems import LoadWarning

# Byte order marks, longest first: UTF-32LE's starts with UTF-16LE's.
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Detection takes the readings charset-normalizer finds clean enough (its own mess threshold),
# ranks them by how well their letters fit one language, and windows-1252 wins unless another
# fits better by more than FIT_MARGIN. Its mess ratio does not rank them: it calls correct
# Polish (0.15 for "Łódź ... powiedział") messier than the cp1252 misreading (0.0).
FIT_MARGIN = 0.05
FIT_SAMPLE = 200_000  # characters of each reading compared: evidence enough, bounded time
WESTERN = "cp1252"
# The non-ASCII letters of the languages written in Latin single-byte code pages (windows-1250,
# -1252, -1254, -1257 and their ISO siblings). A correct decoding of one text uses one
# language's letters; a wrong one mixes them ("Èeská" ø ì: no language has all three, while
# Czech has Č ř ě), or puts symbols inside words ("¿ó³æ" for Polish "żółć").
LATIN_ALPHABETS = {
    "Spanish": "áéíóúüñ",
    "Catalan": "àèéíïòóúüç",
    "Portuguese": "áâãàçéêíóôõúü",
    "French": "àâæçéèêëîïôœùûüÿ",
    "Italian": "àèéìíîòóùú",
    "German": "äöüß",
    "Dutch": "áàéèëíïóöúü",
    "Danish/Norwegian": "æøåéóòôè",
    "Swedish/Finnish": "åäöéšž",
    "Icelandic": "áðéíóúýþæö",
    "Polish": "ąćęłńóśźż",
    "Czech": "áčďéěíňóřšťúůýž",
    "Slovak": "áäčďéíĺľňóôŕšťúýž",
    "Hungarian": "áéíóöőúüű",
    "Slovene/Croatian": "čćđšž",
    "Romanian": "ăâîșțşţ",
    "Turkish": "çğıöşüâîûi̇",
    "Albanian": "çë",
    "Estonian": "äöõüšž",
    "Latvian": "āčēģīķļņšūž",
    "Lithuanian": "ąčęėįšųūž",
}
# Other scripts, by the first word of a letter's Unicode name: a decoding is plausible when its
# letters belong to one writing system.
SCRIPTS = {
    "Cyrillic": {"CYRILLIC"},
    "Greek": {"GREEK"},
    "Hebrew": {"HEBREW"},
    "Arabic": {"ARABIC"},
    "Thai": {"THAI"},
    "Japanese": {"CJK", "HIRAGANA", "KATAKANA", "HALFWIDTH", "FULLWIDTH"},
    "Chinese": {"CJK", "FULLWIDTH"},
    "Korean": {"HANGUL", "CJK", "FULLWIDTH"},
}
# Characters that fit any text: ordinals (nº, 1ª) and the micro sign.
_NEUTRAL = set("ªºµ")
# Symbol categories that have no place between two letters of a word ("³" in "powiedzia³");
# the apostrophe ’ is another category, and Catalan's middle dot ("l·l") is let through.
_SYMBOLS = {"So", "Sm", "Sc", "Sk", "No", "Po"}


@dataclass
class _Candidate:
    encoding: str
    text: str
    rank: int  # charset-normalizer's order, best first


def decode(data: bytes, where: str | os.PathLike, warnings: list[LoadWarning]) -> str | None:
    """A file's text, or None (with a warning) when it is binary.

    As the WHATWG encoding standard decodes a page: a byte order mark decides first (UTF-8,
    UTF-16 or UTF-32), then strict UTF-8, then detection. NUL bytes without a mark mean
    binary, unless the file reads as UTF-16 without its mark (one byte of each pair NUL, all
    printable), which is accepted with a warning. Anything but UTF-8 is said in a warning.
    """
    text, note = _by_bom(data)
    if text is not None and not _printable(text):  # a binary file that starts like a BOM
        warnings.append(LoadWarning(where, "binary file (byte order mark, unprintable), skipped"))
        return None
    if text is None and b"\x00" in data[:8192]:
        text = _utf16_without_bom(data)
        if text is None:
            warnings.append(LoadWarning(where, "binary file (NUL bytes), skipped"))
            return None
        note = "not UTF-8 and no byte order mark, decoded as UTF-16"
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            encoding, text = detect(data)
            note = f"not UTF-8, decoded as {encoding}"
    if note:
        warnings.append(LoadWarning(where, note))
    # Offsets are in characters of this normalised text; CRLF would make them differ per OS.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _by_bom(data: bytes) -> tuple[str | None, str | None]:
    """(text, note) when `data` starts with a byte order mark; the mark wins, as in browsers,
    and bytes invalid in its encoding become U+FFFD (said in the note)."""
    for bom, codec in BOMS:
        if not data.startswith(bom):
            continue
        try:
            return data.decode(codec), None
        except UnicodeDecodeError:
            if codec == "utf-32":  # FF FE 00 00 can be UTF-16LE's mark and a NUL: try that
                continue
            name = codec.removesuffix("-sig").upper()
            return data.decode(codec, errors="replace"), f"invalid {name} bytes replaced"
    return None, None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without its byte order mark, or None when `data` is not that.

    UTF-16 of mostly-Latin text has one NUL in nearly every second byte, always on the same
    side of the pair; random binary has NULs on both sides. The text must then decode strictly
    and be printable."""
    sample = data[:8192]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if len(data) % 2 or min(even, odd) > 0.05 * max(even, odd):
        return None
    try:
        text = data.decode("utf-16-le" if odd > even else "utf-16-be")
    except UnicodeDecodeError:
        return None
    return text if _printable(text) else None


def _printable(text: str) -> bool:
    """Whether `text` reads as text: nearly all of its first 10,000 characters printable."""
    head = text[:10_000]
    printable = sum(ch.isprintable() or ch in "\n\r\t" for ch in head)
    return printable >= 0.95 * len(head)


def detect(data: bytes) -> tuple[str, str]:
    """(encoding, text) of bytes that are not UTF-8.

    charset-normalizer proposes the readings clean enough by its mess measure; the one whose
    letters fit a single language or script best wins (`letter_fit`), windows-1252 within
    FIT_MARGIN of it (what browsers fall back to for Western pages, and what Latin-1-labelled
    text really is), else the detector's own order. The detector alone ranks readings that
    differ in a few letters as ties or by noise (Spanish "España" came out as cp1250
    "Espańa", Polish "żółć" as cp1252 "¿ó³æ", an English "£" as Shift-JIS); letters
    settle them.
    """
    candidates = _candidates(data)
    if not candidates:
        return WESTERN, data.decode(WESTERN, errors="replace")
    fits = [(letter_fit(c.text), c) for c in candidates]
    top = max(fit for fit, _ in fits)
    good = [c for fit, c in fits if fit >= top - FIT_MARGIN]
    choice = next((c for c in good if c.encoding == WESTERN), None)
    if choice is None:
        choice = min(good, key=lambda c: c.rank)
    return choice.encoding, choice.text


def _candidates(data: bytes) -> list[_Candidate]:
    """charset-normalizer's readings of `data`, and windows-1252's when it decodes: measured
    by the detector itself (cp_isolation) when it was not among them or only stood in a group
    of encodings that read the same."""
    found = []
    for rank, match in enumerate(from_bytes(data)):
        found.append(_Candidate(match.encoding, str(match), rank))
    if not any(c.encoding == WESTERN for c in found):
        western = from_bytes(data, cp_isolation=[WESTERN]).best()
        if western is not None:
            found.append(_Candidate(WESTERN, str(western), len(found)))
    return found


def letter_fit(text: str) -> float:
    """The share of `text`'s non-ASCII letters (and of symbols stuck inside words) that
    belong to the one language or script they fit best: 1.0 for a correct decoding of
    monolingual text, and for text with no such letters at all."""
    counts: dict[str, int] = {}
    misplaced = 0
    text = text[:FIT_SAMPLE]
    for match in re.finditer(r"[^\x00-\x7f]", text):
        ch = match.group()
        if ch in _NEUTRAL:
            continue
        before = text[match.start() - 1] if match.start() else " "
        after = text[match.end()] if match.end() < len(text) else " "
        if ch.isalpha():
            # A word is in one script: a Cyrillic letter beside a Latin one ("Јуdџ") is wrong.
            ascii_beside = _ascii_letter(before) or _ascii_letter(after)
            if ascii_beside and not unicodedata.name(ch, "LATIN").startswith("LATIN"):
                misplaced += 1
            else:
                counts[ch.lower()] = counts.get(ch.lower(), 0) + 1
        elif before.isalpha() and after.isalpha() and ch != "·":
            misplaced += unicodedata.category(ch) in _SYMBOLS
    total = sum(counts.values()) + misplaced
    if not total:
        return 1.0
    scripts = {ch: unicodedata.name(ch[0], "?").split(" ")[0] for ch in counts}
    best = 0
    for letters in LATIN_ALPHABETS.values():
        best = max(best, sum(n for ch, n in counts.items() if ch in letters))
    for names in SCRIPTS.values():
        best = max(best, sum(n for ch, n in counts.items() if scripts[ch] in names))
    return best / total


def _ascii_letter(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()
