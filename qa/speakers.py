"""Speaker names as people type them -> the speakers the index holds, aliases resolved.

Each stored statement names its speaker as the fullest form its article gives ("Tan Kefei",
"Sergei Shoigu", "UK Coal"). People type part of a name, in any case, with or without a title
("shoigu", "Mr Blair", "Sergei Shoigu"), and articles spell one person several ways
("Sergey" / "Sergei Shoigu"; "Putin" in an article that never gives the first name;
"Singer Bruce Springsteen"). So:

- a name's key is its words, case-folded, accents removed, titles ("Mr", "Dr") and a leading
  "the" dropped, British and American spellings of a few office words made one, and a
  party's everyday and formal names ("Tories" / "Conservatives", "Lib Dems") one;
- a typed name matches every speaker whose key holds the typed words as one contiguous run
  ("tan" matches "Tan Kefei", not "Stan Smith" or "Tanaka");
- speakers that are one person are joined into a group: a one-word name and the only person
  name of several words ending (else beginning: "Li" / "Li Shangfu") with it; person names with
  the same last word and first names sharing their first three letters ("Sergei"/"Sergey");
  a name that ends with another whole name of two or more words ("Singer Bruce Springsteen").
  A typed name then matches every name of the groups it touches.

A question names a speaker ("What did Shoigu say about exercises?") where it names the one who
spoke: a capitalised run of words before a verb of saying ("did X say", "X said", "X's view")
or after "according to" / "said by", whose whole key, or end, is a speaker's key or the last
name of exactly one person group, or the initials of exactly one body whose initials another
name holds ("BPI": "British Phonographic Industry" beside "spokesman for BPI"). A body so named
brings the people who speak for it unnamed ("spokesman for Ofcom", "Ofcom spokeswoman").
Pronoun speakers ("he", "they") that the article never resolved match nothing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_TITLES = {
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady",
    "gen", "col", "lt", "capt", "maj", "adm", "sgt", "rev",
}  # fmt: skip
_SPELLINGS = {
    "defence": "defense", "organisation": "organization", "programme": "program",
    # one party under its everyday and formal names ("the Tories", "the Conservatives")
    "tories": "conservative", "tory": "conservative", "conservatives": "conservative",
}  # fmt: skip
_SHORT_FORMS = {("lib", "dems"): ("liberal", "democrat"), ("lib", "dem"): ("liberal", "democrat")}
_SHORT_FORMS[("liberal", "democrats")] = ("liberal", "democrat")
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "us"}
# Who speaks for a body without a name of their own ("spokesman for Ofcom")
_VOICES = {"spokesman", "spokeswoman", "spokesperson", "spokespeople", "spokesmen"}
# Words after which a capitalised word is a sentence's or clause's start, not a name's.
_NOT_NAMES = {
    "what", "who", "whom", "which", "when", "where", "why", "how", "did", "does", "do", "is",
    "are", "was", "were", "has", "have", "had", "the", "a", "an", "and", "or", "about", "on",
    "in", "of", "to", "for", "say", "said", "says", "tell", "told", "according",
}  # fmt: skip
# A run of capitalised words: a name as a question writes it ("Sergei Shoigu", "Mr Blair",
# "JP Morgan", "Reporters Without Borders", "Bank of England").
_RUN = (
    r"(?-i:[A-Z][\w’'.&-]*(?:[ ](?:(?:of|de|del|da|di|van|von|der|al|bin|for|the)[ ])*"
    r"[A-Z][\w’'.&-]*)*)"
)
# A title or a leading "the" before the name itself ("Mr", "The").
_TITLED_RUN = re.compile(r"((?:(?:the|mr|mrs|ms|dr|sir)\.?[ ])*)(.*)", re.I | re.S)
_SAY_BASE = (
    r"(?:say|tell|claim|state|warn|argue|announce|comment|think|believe|insist|deny|respond|"
    r"react|explain|admit|describe|urge|predict|suggest|call\s+for|want|feel|hope|fear|expect)"
)
_SAY_INFLECTED = (
    r"(?:says|said|tells|told|claim(?:s|ed)|state[sd]|warn(?:s|ed)|argue[sd]|announce[sd]|"
    r"comment(?:s|ed)|thinks|thought|believe[sd]|insist(?:s|ed)|denies|denied|"
    r"respond(?:s|ed)|react(?:s|ed)|explain(?:s|ed)|admit(?:s|ted)|describe[sd]|urge[sd]|"
    r"predict(?:s|ed)|suggest(?:s|ed)|call(?:s|ed)\s+for|want(?:s|ed)|feels|felt|hope[sd]|"
    r"fear(?:s|ed)|expect(?:s|ed))"
)
_SAY_NOUN = (
    r"(?:views?|stance|position|statements?|remarks?|comments?|reaction|response|words|"
    r"speech|claims?|warnings?|announcement|opinion|quotes?|complaints?|promises?|plans?|"
    r"decision|assurances?|answer|defen[cs]e|explanation|argument|criticism|verdict)"
)
# Between "did" and the speaker only a description ("did defence ministry spokesman Tan
# Kefei say"), no phrase: in "Does the article on Iraq suggest" the article speaks.
_PREPOSITIONS = (
    r"on|about|from|in|of|by|for|with|against|to|at|over|after|before|into|that|around|"
    r"between|among|behind|regarding|concerning|towards?|during|under|within|without|across|"
    r"through|via|per|than|as|like"
)
_NOT_PREP = rf"(?!(?:{_PREPOSITIONS})\b)"
# After the speaker a verb, not a function word ("who is the CEO of", "Apple and Google").
_NOT_FUNCTION = rf"(?!(?:{_PREPOSITIONS}|and|or|the|a|an|is|was|are|were)\b)"
# Where a question names the one who spoke (case-insensitive but for the name itself):
# "What did (defence ministry spokesman) Tan Kefei say", "How has Microsoft responded",
# "Shoigu's view on", "Michael Howard said", "according to the National Audit Office",
# "what was said by Shoigu". Not "by" alone: "the chip developed by Sony" names a maker;
# not "X suggest" without "did": "Does the article on X suggest" asks what the article says.
_ASKED = [
    re.compile(
        r"\b(?:did|does|do|has|have|had|will|would|could|might)[ ]+"
        rf"(?:{_NOT_PREP}[\w-]+[ ]+){{0,5}}?(?P<run>{_RUN})[ ]+(?:\w+ly[ ]+)?"
        rf"{_NOT_FUNCTION}(?-i:[a-z]+)\b",
        re.I,
    ),
    re.compile(
        rf"(?<![\w’'])(?P<run>{_RUN})"
        rf"(?:[’']s[ ]+{_SAY_NOUN}|[ ]+(?:\w+ly[ ]+)?{_SAY_INFLECTED})\b",
        re.I,
    ),
    re.compile(
        r"\b(?:according[ ]+to|(?:said|stated|claimed|announced|quoted)[ ]+by|quoting)[ ]+"
        rf"(?P<run>{_RUN})",
        re.I,
    ),
]
# Words of a title before a name in a question ("Defence Minister Shoigu").
_RUN_TITLES = {
    "president", "minister", "prime", "chancellor", "secretary", "general", "senator", "governor",
    "chairman", "chairwoman", "ceo", "chief", "executive", "spokesman", "spokeswoman", "defense",
    "foreign", "deputy", "vice", "prince", "princess", "king", "queen", "pope", "judge", "coach",
    "manager", "director", "professor", "pastor", "rev", "sen", "rep", "gov", "mp", "mep",
    "lord", "lady", "sir", "dame", "mr", "mrs", "ms", "dr", "gen", "col", "captain", "capt",
}  # fmt: skip
MIN_PREFIX = 3  # first names sharing this many letters are one spelling ("Serge-i/-y")
MAX_NAME_WORDS = 6


def _fold(word: str) -> str:
    plain = unicodedata.normalize("NFKD", word.casefold())
    plain = "".join(c for c in plain if not unicodedata.combining(c)).replace("’", "'")
    return _SPELLINGS.get(plain, plain)


def key(name: str) -> tuple[str, ...]:
    """The words a name is matched on: folded, titles and a leading "the" dropped."""
    words = [_fold(w) for w in _WORD.findall(name)]
    while words and words[0] in _TITLES | {"the"}:
        words = words[1:]
    words = [w for w in words if w not in _TITLES]
    for i in range(len(words) - 1):
        words[i : i + 2] = _SHORT_FORMS.get((words[i], words[i + 1]), words[i : i + 2])
    return tuple(words)


_LINKS = {"of", "and", "the", "for", "de", "&"}


def _initials(words: tuple[str, ...]) -> str:
    """A body's initials from its key ("british phonographic industry" -> "bpi"); "" for a
    name of one word."""
    letters = "".join(w[0] for w in words if w not in _LINKS)
    return letters if len(words) >= 2 and len(letters) >= 2 else ""


def _contains(words: tuple[str, ...], run: tuple[str, ...]) -> bool:
    n = len(run)
    return any(words[i : i + n] == run for i in range(len(words) - n + 1))


def _person(name: str, words: tuple[str, ...]) -> bool:
    """Two to four capitalised words: a person's name rather than an organisation's (or
    several people's: "Li Shangfu and Sergei Shoigu")."""
    raw = _WORD.findall(name)
    return (
        2 <= len(words) <= 4
        and "and" not in words
        and all(w[:1].isupper() for w in raw[-len(words) :])
    )


@dataclass(frozen=True)
class SpeakerMatch:
    """A speaker group a question or filter named: its display name and every stored name."""

    name: str
    names: tuple[str, ...]
    start: int = 0
    end: int = 0


class SpeakerIndex:
    """The index's speaker names (with their statement counts), joined into groups of one
    person or body, looked up by what a person types. Computed once per build (qa/build.py
    saves it as speakers.json) and read back by every worker that opens the build; cost and
    memory grow with the number of distinct speakers, not of statements."""

    def __init__(self, speakers: Iterable[tuple[str, int]]) -> None:
        self.counts: dict[str, int] = {}
        self.keys: dict[str, tuple[str, ...]] = {}
        for name, count in speakers:
            k = key(name)
            if not k or (len(k) == 1 and k[0] in _PRONOUNS):
                continue
            self.counts[name] = self.counts.get(name, 0) + count
            self.keys[name] = k
        self._parent = {name: name for name in self.counts}
        self.by_word: dict[str, set[str]] = {}
        for name, k in self.keys.items():
            for word in set(k):
                self.by_word.setdefault(word, set()).add(name)
        self._join_aliases()
        self.groups: dict[str, list[str]] = {}
        for name in self.counts:
            self.groups.setdefault(self._root(name), []).append(name)
        self.display = {root: self._display(members) for root, members in self.groups.items()}
        # What a question may name: each whole key, and a person group's unambiguous surname.
        self.question_keys: dict[tuple[str, ...], set[str]] = {}
        surnames: dict[str, set[str]] = {}
        for name, k in self.keys.items():
            root = self._root(name)
            self.question_keys.setdefault(k, set()).add(root)
            if _person(name, k):
                surnames.setdefault(k[-1], set()).add(root)
        for word, roots in surnames.items():
            if len(roots) == 1 and (word,) not in self.question_keys:
                self.question_keys[(word,)] = roots
        # A body's initials, where another name holds them as a word ("spokesman for BPI"
        # beside "British Phonographic Industry"): "What has the BPI said" names the body.
        bodies: dict[str, set[str]] = {}
        for name, k in self.keys.items():
            if (letters := _initials(k)) and letters in self.by_word:
                bodies.setdefault(letters, set()).add(self._root(name))
        for letters, roots in bodies.items():
            if len(roots) == 1 and (letters,) not in self.question_keys:
                self.question_keys[(letters,)] = roots
        self.longest = max((len(k) for k in self.question_keys), default=0)

    # -- saved with a build -------------------------------------------------------------
    # Building the groups is Python work per name (1.9 s at 100k distinct names, 23 s at 1M,
    # measured with synthetic names): done once at build time and saved as speakers.json,
    # every worker that opens the build only reads it back.

    def to_state(self) -> dict:
        """What from_state needs, as JSON: each name with its count, key and group."""
        return {
            "names": [[n, self.counts[n], list(self.keys[n]), self._root(n)] for n in self.counts],
            "display": self.display,
            "question_keys": [[list(k), sorted(roots)] for k, roots in self.question_keys.items()],
        }

    @classmethod
    def from_state(cls, state: dict) -> SpeakerIndex:
        """The index as to_state saved it, without recomputing keys or groups. What every
        answer needs (the groups' names, the question keys) is read now; what only a speaker
        filter or a named speaker needs (keys, words, members) on first use."""
        self = cls.__new__(cls)
        self._rows = state["names"]
        self.counts = {row[0]: row[1] for row in self._rows}
        self._parent = {row[0]: row[3] for row in self._rows}
        self.display = dict(state["display"])
        self.question_keys = {tuple(k): set(roots) for k, roots in state["question_keys"]}
        self.longest = max((len(k) for k in self.question_keys), default=0)
        self.keys = self.by_word = self.groups = None  # see _lookups
        return self

    def _lookups(self) -> None:
        """keys, by_word and groups of an index read back by from_state, made on first use."""
        if self.keys is not None:
            return
        self.keys, self.by_word, self.groups = {}, {}, {}
        for name, _, words, root in self._rows:
            self.keys[name] = tuple(words)
            self.groups.setdefault(root, []).append(name)
            for word in set(words):
                self.by_word.setdefault(word, set()).add(name)

    # -- groups -------------------------------------------------------------------------

    def _root(self, name: str) -> str:
        while self._parent[name] != name:
            self._parent[name] = self._parent[self._parent[name]]
            name = self._parent[name]
        return name

    def _join(self, a: str, b: str) -> None:
        ra, rb = self._root(a), self._root(b)
        if ra != rb:
            self._parent[max(ra, rb)] = min(ra, rb)

    def _join_aliases(self) -> None:
        by_key: dict[tuple[str, ...], list[str]] = {}
        for name, k in self.keys.items():
            by_key.setdefault(k, []).append(name)
        for names in by_key.values():  # "Mr Blair" and "Blair"; "the Treasury" and "Treasury"
            for other in names[1:]:
                self._join(names[0], other)
        persons = {name: k for name, k in self.keys.items() if _person(name, k)}
        last: dict[str, set[tuple[str, ...]]] = {}
        first: dict[str, set[tuple[str, ...]]] = {}
        for k in set(persons.values()):
            last.setdefault(k[-1], set()).add(k)
            first.setdefault(k[0], set()).add(k)
        for k, names in by_key.items():
            if len(k) == 1:  # "Putin" -> "Vladimir Putin", "Li" -> "Li Shangfu", if only one
                fulls = last.get(k[0]) or {f for f in first.get(k[0], ()) if len(f) == 2}
                if len(fulls) == 1:
                    self._join(names[0], by_key[next(iter(fulls))][0])
            elif "and" not in k:  # "Singer Bruce Springsteen" -> "Bruce Springsteen"
                for i in range(1, len(k) - 1):
                    if k[i:] in by_key:
                        self._join(names[0], by_key[k[i:]][0])
                        break
        # "Sergey Shoigu" and "Sergei Shoigu": the same words after the first, and first names
        # sharing their first letters. Bucketed, not compared in pairs: at a million names
        # the pairs took most of the 25 s this index took to open.
        spellings: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
        for k in persons.values():
            spellings.setdefault((k[0][:MIN_PREFIX], *k[1:]), []).append(k)
        for keys in spellings.values():
            for other in keys[1:]:
                self._join(by_key[keys[0]][0], by_key[other][0])

    def _display(self, members: list[str]) -> str:
        """The group's name: of the names no other member's name ends, the most used one (a
        full name over a short one when they are used as often)."""
        keys = {self.keys[m] for m in members}
        plain = [
            m
            for m in members
            if not any(
                2 <= len(o) < len(self.keys[m]) and self.keys[m][-len(o) :] == o for o in keys
            )
        ] or members
        # A full name counts thrice: "Li Shangfu" over the "Li" of the article that says no
        # more, but not "Loading Google" (page clutter before a name) over "Google".
        return max(
            plain, key=lambda m: (self.counts[m] * (3 if len(self.keys[m]) > 1 else 1), len(m), m)
        )

    def name_of(self, speaker: str) -> str:
        """The display name of a stored speaker's group (itself when it has none)."""
        if speaker not in self._parent:
            return speaker
        return self.display[self._root(speaker)]

    # -- lookups ------------------------------------------------------------------------

    def match(self, typed: str) -> list[SpeakerMatch]:
        """The groups a typed name (a filter) names: any name holding its words in a run."""
        self._lookups()
        run = key(typed)
        if not run:
            return []
        pools = [self.by_word.get(word, set()) for word in run]
        names = set.intersection(*sorted(pools, key=len)) if pools else set()
        roots = sorted({self._root(n) for n in names if _contains(self.keys[n], run)})
        return [self._match(root) for root in roots]

    def _match(self, root: str, start: int = 0, end: int = 0) -> SpeakerMatch:
        self._lookups()
        members = tuple(sorted(self.groups[root]))
        return SpeakerMatch(self.display[root], members, start, end)

    def _with_joint(self, found: SpeakerMatch) -> SpeakerMatch:
        """A speaker and the joint speakers they are part of ("Li Shangfu and Sergei Shoigu"
        agreed that ...): what a question about Shoigu asks for too."""
        run = key(found.name)
        if len(run) < 2:
            return found
        pools = [self.by_word.get(word, set()) for word in run]
        joint = {
            n
            for n in set.intersection(*pools)
            if "and" in self.keys[n] and _contains(self.keys[n], run)
        }
        return replace(found, names=tuple(sorted(set(found.names) | joint)))

    def _with_voices(self, found: SpeakerMatch) -> SpeakerMatch:
        """A body and the people who speak for it unnamed ("spokesman for Ofcom", "Ofcom
        spokeswoman", "spokesman for BPI" of the British Phonographic Industry): what a
        question about what Ofcom said asks for too."""
        full = key(found.name)
        voices = set()
        for run in (full, (_initials(full),)):
            pools = [self.by_word.get(word, set()) for word in run]
            if not run or not run[0] or not all(pools):
                continue
            for n in set.intersection(*pools):
                words = self.keys[n]
                if (
                    len(words) == len(run) + 2
                    and words[0] in _VOICES
                    and words[1] in ("for", "of", "at")
                    and words[2:] == run
                ) or (len(words) == len(run) + 1 and words[-1] in _VOICES and words[:-1] == run):
                    voices.update(self.groups[self._root(n)])
        return replace(found, names=tuple(sorted(set(found.names) | voices)))

    def find(self, question: str) -> list[SpeakerMatch]:
        """Speakers a question names as the ones who spoke (see the module's doc)."""
        if not self.question_keys:
            return []
        found: list[SpeakerMatch] = []
        seen: set[str] = set()
        for pattern in _ASKED:
            for m in pattern.finditer(question):
                run = _TITLED_RUN.match(m.group("run"))
                words = [(w.group(0), w.start(), w.end()) for w in _WORD.finditer(run.group(2))]
                offset = m.start("run") + run.start(2)
                # The whole run, else its end: "Defense Minister Sergei Shoigu" -> "Sergei
                # Shoigu"; a run is never cut in the middle ("Ryan McInerney" names no Ryan).
                for i in range(len(words)):
                    last = i == len(words) - 1
                    if last and words[i][0].casefold() in _NOT_NAMES:
                        break
                    # One word off a longer run only after titles ("President Putin"):
                    # "Wall Street" names no Street.
                    if last and i and any(w.casefold() not in _RUN_TITLES for w, _, _ in words[:i]):
                        break
                    roots = self.question_keys.get(key(" ".join(w for w, _, _ in words[i:])))
                    if roots:
                        start, end = offset + words[i][1], offset + words[-1][2]
                        for root in sorted(roots - seen):
                            seen.add(root)
                            match = self._with_joint(self._match(root, start, end))
                            found.append(self._with_voices(match))
                        break
        found.sort(key=lambda f: f.start)
        return found
