"""`qa eval` end to end: gold JSONL and a BEIR folder over the real session index."""

import json
from pathlib import Path

from conftest import run_qa

ROOT = Path(__file__).resolve().parent.parent
_qa = run_qa


def test_eval_gold_reports_metrics(index_dir):
    out = _qa("eval", "--gold", "data/gold/articles.jsonl", "--index-dir", str(index_dir), "--json")
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["questions"] == 35 and report["problems"] == []
    assert report["overall"]["recall@10"] > 0.8
    assert set(report["by_kind"]) == {"fact", "paraphrase", "said_about"}


def test_eval_beir_document_level(index_dir, tmp_path):
    (tmp_path / "qrels").mkdir()
    (tmp_path / "queries.jsonl").write_text(
        json.dumps({"_id": "q1", "text": "joint naval exercise in the Sea of Japan"}) + "\n"
    )
    (tmp_path / "qrels" / "test.tsv").write_text(
        "query-id\tcorpus-id\tscore\nq1\t000_c66550dc802b1081.txt\t1\n"
    )
    out = _qa("eval", "--beir", str(tmp_path), "--index-dir", str(index_dir), "--json")
    assert out.returncode == 0, out.stderr
    overall = json.loads(out.stdout)["overall"]
    assert overall["mrr@10"] == 1.0 and overall["ndcg@10"] == 1.0


def test_eval_needs_exactly_one_source(index_dir):
    out = _qa("eval", "--index-dir", str(index_dir))
    assert (
        out.returncode == 2 and "exactly one of --gold FILE, --beir DIR or --multihop" in out.stderr
    )


def test_eval_multihop_scores_the_authors_way(news_index_dir, tmp_path):
    """MultiHop-RAG's own query format over the news index: hits by evidence fact (spaces and
    newlines removed), null questions skipped, evidence articles by url."""
    queries = [
        {
            "query": "Where did the navies of China and Russia hold their joint exercise?",
            "answer": "the Sea of Japan",
            "question_type": "inference_query",
            "evidence_list": [
                {
                    "title": "t",
                    "url": "https://news.example/000_c66550dc802b1081",
                    "source": "Defence Forum",
                    # Spaces differ from the article's: the authors' rule deletes them.
                    "fact": 'exercise called "North/Interaction-2023"  in the Sea of Japan',
                },
                {
                    "title": "t",
                    "url": "https://news.example/nowhere",
                    "source": "Nowhere",
                    "fact": "A fact that no article states.",
                },
            ],
        },
        {
            "query": "What did the New York Times say about penguins?",
            "answer": "Insufficient information.",
            "question_type": "null_query",
            "evidence_list": [],
        },
    ]
    path = tmp_path / "queries.json"
    path.write_text(json.dumps(queries))
    out = _qa("eval", "--multihop", str(path), "--index-dir", str(news_index_dir), "--json")
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["questions"] == 1 and report["skipped_null"] == 1
    overall = report["overall"]
    assert overall["hits@10"] == 1.0 and overall["mrr@10"] > 0
    # One of two facts exists, so MAP@10 is at most 1/2; one of two evidence articles exists.
    assert 0 < overall["map@10"] <= 0.5
    assert overall["article_recall@10"] == 0.5
    assert set(report["by_kind"]) == {"inference_query"}
