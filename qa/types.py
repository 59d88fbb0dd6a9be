"""Records passed between the stages. Offsets always index `Article.text`, the text we serve."""

from __future__ import annotations

from dataclasses import dataclass, field

Span = tuple[int, int]


@dataclass(frozen=True)
class Document:
    """A document as loaded, before cleaning: `text` is the coordinate system of citations."""

    source: str
    text: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    outlet: str | None = None  # the publication: "TechCrunch", og:site_name, NewsAPI source.name
    author: str | None = None  # byline as given; several authors joined by ", "
    # Plain scraped text gets headline/date detection and boilerplate removal; structured
    # records (JSON, BEIR) already say what their title and body are.
    structured: bool = False


@dataclass(frozen=True)
class Article:
    """A cleaned document: the spans of `text` worth indexing, and its detected metadata."""

    source: str
    text: str
    title: str | None
    published: str | None
    url: str | None
    lines: tuple[Span, ...]
    content_hash: str
    outlet: str | None = None
    author: str | None = None


@dataclass(frozen=True)
class Passage:
    """A retrievable unit. Every sentence in `sentences` lies inside [char_start, char_end)."""

    source: str
    ordinal: int
    char_start: int
    char_end: int
    text: str
    sentences: tuple[Span, ...]


@dataclass(frozen=True)
class Filters:
    """Restrictions applied inside retrieval, so k hits come back whenever k passages match."""

    source: str | None = None  # exact source, or a prefix when it ends with "/" or "*"
    published_from: str | None = None  # ISO date, inclusive
    published_to: str | None = None  # ISO date, inclusive
    title: str | None = None  # case-insensitive substring
    outlet: str | None = None  # case-insensitive substring: "independent" matches its sections
    author: str | None = None  # case-insensitive substring of the byline
    outlets: tuple[str, ...] = ()  # exact outlet names (any of them)
    # A speaker as typed (part of a name, any case); retrieval resolves it to `speakers`.
    speaker: str | None = None
    # Exact stored speaker names: passages holding a statement by any of them.
    speakers: tuple[str, ...] = ()

    def is_empty(self) -> bool:
        return not (
            self.speaker
            or self.speakers
            or self.source
            or self.published_from
            or self.published_to
            or self.title
            or self.outlet
            or self.author
            or self.outlets
        )


@dataclass
class Hit:
    """One retrieved passage with everything needed to cite it."""

    passage_id: int
    score: float
    text: str
    source: str
    title: str | None
    published: str | None
    url: str | None
    outlet: str | None
    author: str | None
    article_id: int
    char_start: int
    char_end: int
    sentences: list[Span]
    also_in: list[str] = field(default_factory=list)
    highlights: list[Span] = field(default_factory=list)
    components: dict[str, float] = field(default_factory=dict)
