"""A web-news statement gold set keeps offsets into records that may not be committed
(scripts/web_gold.py): converted from an annotator's rows, checked and scored by the same
scripts as the BBC sets, on a corpus.json written here in MultiHop-RAG's shape."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from qa.load import load_documents

ROOT = Path(__file__).resolve().parent.parent
BODY = (
    "Acme Corp said on Monday that its profits rose by a tenth. "
    '"We are very pleased with the year," chief executive Jane Doe said. '
    "Analysts expected a smaller rise. "
    '"We are very pleased with the year," his deputy John Roe said at the meeting.'
)


def script(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / args[0]), *args[1:]],
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_a_web_gold_set_round_trips_through_offsets_and_scores(tmp_path: Path) -> None:
    url = "https://example.com/acme-profits"
    corpus = tmp_path / "corpus.json"
    record = {"title": "Acme profits", "author": "A. Writer", "source": "Example News",
              "published_at": "2023-11-27T08:45:59+00:00", "category": "business",
              "url": url, "body": BODY}  # fmt: skip
    corpus.write_text(json.dumps([record]))
    [doc] = load_documents([corpus], [])
    draw = tmp_path / "draw"
    draw.mkdir()
    (draw / "01.txt").write_text(doc.text)
    (draw / "articles.json").write_text(json.dumps({"01": {"url": url}}))
    quote = "We are very pleased with the year"
    annotated = [
        {"source": "01", "kind": "indirect", "speaker": "Acme Corp", "role": None,
         "text": "its profits rose by a tenth", "speaker_mention": "Acme Corp"},
        # The same words again, by someone else, listed first: the second occurrence, the one
        # beside its mention; scored against what was found there, not at the first.
        {"source": "01", "kind": "direct", "speaker": "John Roe", "role": "deputy",
         "text": quote, "speaker_mention": "John Roe"},
        {"source": "01", "kind": "direct", "speaker": "Jane Doe", "role": "chief executive",
         "text": quote, "speaker_mention": "Jane Doe"},
    ]  # fmt: skip
    (tmp_path / "ann.jsonl").write_text("".join(json.dumps(r) + "\n" for r in annotated))
    gold = tmp_path / "gold.jsonl"
    done = script("web_gold.py", "convert", str(tmp_path / "ann.jsonl"), str(draw), str(gold),
                  "--corpus", str(corpus))  # fmt: skip
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in gold.read_text().splitlines()]
    body = record["body"]
    assert "text" not in rows[0] and "speaker_mention" not in rows[0]  # no words of the article
    assert [body[r["start"] : r["end"]] for r in rows] == [
        "its profits rose by a tenth", quote, quote
    ]  # fmt: skip
    assert rows[2]["start"] < body.index("chief executive") < rows[1]["start"]
    assert body[rows[1]["mention_start"] : rows[1]["mention_end"]] == "John Roe"

    checked = script("check_quotes_gold.py", "--gold", str(gold), "--corpus", str(corpus))
    assert checked.returncode == 0, checked.stdout
    assert "TOTAL (1 articles)                  3       2         1" in checked.stdout

    scored = script("eval_quotes.py", "--gold", str(gold), "--corpus", str(corpus),
                    "--no-speed", "--json", str(tmp_path / "s.json"))  # fmt: skip
    assert scored.returncode == 0, scored.stderr
    overall = json.loads((tmp_path / "s.json").read_text())["overall"]
    assert overall["gold"] == 3 and overall["found"] == 3 and overall["alias_ok"] == 3

    # An offset past the text qa loads is a problem, not a statement read off something else.
    rows[0]["start"], rows[0]["end"] = len(body) + 1, len(body) + 9
    gold.write_text("".join(json.dumps(r) + "\n" for r in rows))
    checked = script("check_quotes_gold.py", "--gold", str(gold), "--corpus", str(corpus))
    assert checked.returncode == 1 and "outside the text qa loads" in checked.stdout
