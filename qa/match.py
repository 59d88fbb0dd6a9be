"""How well the best passage answers the question: "strong", "weak" or "none", said out loud.

(In lexical mode, which computes no cosine, the level is "unknown".)

A ranked list always has a first passage, even for a question the articles never touch
("recipe for lasagna with spinach" over five defence stories): its fused score is relative to
the other candidates and says nothing about an absolute match. The absolute evidence is the
best cosine between the question and any candidate passage (dense and hybrid modes) and the
share of the question's idf mass that the best BM25 passage contains.

Thresholds are calibrated on MultiHop-RAG dev's 75 questions that have no answer in its
corpus against its 564 answerable ones, and checked for false alarms on the answerable
questions of every other set (docs/evaluation.md, `scripts/calibrate_match.py`):
"weak" flags most unanswerable questions while flagging few answerable ones; "none" is kept
for questions that nothing in the index is about.
"""

from __future__ import annotations

STRONG, WEAK, NONE, UNKNOWN = "strong", "weak", "none", "unknown"
LEVELS = (STRONG, WEAK, NONE)

# Cosine (all-MiniLM-L6-v2, question vs best candidate passage) at or above which a match is
# strong. Short questions have low cosines with any 200-word passage, so lexical evidence
# counts too: the best BM25 passage holding STRONG_COVERAGE of the question's idf mass
# ("what did the Global Times say about joint exercises?": cosine 0.24, coverage 1.0), or
# MID_COVERAGE of it at a cosine of at least MID_COSINE ("what was said about weapons
# supply?" over the bundled articles, which speak of arms and lethal weapons: 0.32, 0.63).
STRONG_COSINE = 0.45
STRONG_COVERAGE = 0.9
MID_COSINE = 0.3
MID_COVERAGE = 0.6
# None: nothing close in meaning and no passage with half of the question's words.
NONE_COSINE = 0.25
NONE_COVERAGE = 0.5


def level(evidence: dict[str, float]) -> str:
    """The match level from `evidence` (`cosine`, `coverage`). Without a cosine (lexical mode)
    the level is unknown: coverage alone does not separate answerable questions from
    off-topic ones (docs/evaluation.md)."""
    if not evidence:
        return NONE
    if "cosine" not in evidence:
        return UNKNOWN
    cosine, coverage = evidence["cosine"], evidence.get("coverage", 0.0)
    if cosine < NONE_COSINE and coverage < NONE_COVERAGE:
        return NONE
    if (
        cosine >= STRONG_COSINE
        or coverage >= STRONG_COVERAGE
        or (cosine >= MID_COSINE and coverage >= MID_COVERAGE)
    ):
        return STRONG
    return WEAK
