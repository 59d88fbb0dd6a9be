"""scripts/eval_quotes.py's pooled rows: every statement weighs the same, and the fresh sets
it names are sets it scores (a renamed set would silently drop out of the honest estimate)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import eval_quotes  # noqa: E402


def _counts(gold: int, found: int, alias_ok: int) -> dict:
    counts = dict.fromkeys(eval_quotes.COUNTS, 0)
    counts.update(gold=gold, found=found, returned=found, correct=found, kind_ok=found)
    return counts | {"speaker_ok": alias_ok, "alias_ok": alias_ok}


def test_pooled_ratios_come_from_summed_counts_not_averaged_ratios():
    small, large = _counts(10, 10, 5), _counts(100, 90, 90)
    pooled = eval_quotes._pooled([small, large])
    assert pooled["found"] == 100 and pooled["gold"] == 110
    assert pooled["alias_acc"] == 0.95  # (5 + 90) / 100; the sets' mean would be 0.75
    assert pooled["recall"] == round(100 / 110, 3)


def test_fresh_sets_are_scored_sets():
    names = [name for name, *_ in eval_quotes.SETS]
    assert eval_quotes.FRESH and set(eval_quotes.FRESH) <= set(names)
