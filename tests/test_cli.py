"""The `qa` command's surface: version, usage errors against domain errors, `qa ask`'s
output, `qa serve` on a busy port, eval progress. Runs the real CLI in a subprocess."""

from __future__ import annotations

import json
import re
import socket

import pytest
from conftest import ARTICLES, run_qa

import qa
from qa.cli import _flag_names, _Progress


def test_version_prints_one_line():
    out = run_qa("--version")
    assert out.returncode == 0 and out.stdout == f"qa {qa.__version__}\n"
    assert re.fullmatch(r"\d+\.\d+\.\d+\S*", qa.__version__)


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("index",), "give at least one PATH"),
        (("index", "--add"), "--add needs at least one PATH"),
        (("index", str(ARTICLES), "--remove", "x"), "only read with --add"),
        (("index", str(ARTICLES), "--backend", "tpu"), "'tpu' is not one of"),
        (("ask",), "Missing argument 'QUESTION'"),
        (("ask", "q", "--bogus"), "No such option '--bogus'"),
        (("ask", "q", "--published-from", "April"), "--published-from must be a date"),
        (("ask", "q", "--published-to", "2023-02-30"), "--published-to must be a date"),
        (("ask", "q", "-k", "99"), "-k must be an integer from 1 to 50"),
        (("ask", "q", "--per-source", "-1"), "--per-source must be an integer"),
        (("ask", "   "), "QUESTION is empty"),
        (("ask", "q", "--outlet", "x" * 301), "--outlet is too long"),
        (("rollback", "--to"), "requires an argument"),
    ],
)
def test_usage_errors_exit_2_with_one_usage_message(args, words, tmp_path):
    out = run_qa(args[0], "--index-dir", tmp_path, *args[1:])
    assert out.returncode == 2, (out.returncode, out.stderr)
    assert out.stderr.count("Error: ") == 1, out.stderr
    assert words in out.stderr and "Traceback" not in out.stderr
    assert "published_" not in out.stderr and "per_source" not in out.stderr


def test_domain_errors_exit_1_with_one_line(tmp_path):
    for args in (("ask", "q"), ("builds",), ("rollback",), ("gc",)):
        out = run_qa(*args, "--index-dir", tmp_path / "none")
        assert out.returncode == 1, (args, out.stderr)
        assert out.stderr.startswith("error: ") and out.stderr.count("\n") == 1, out.stderr


def test_flag_names_cover_every_ask_field():
    assert _flag_names("published_from must be a date as YYYY-MM-DD").startswith(
        "--published-from "
    )
    assert _flag_names("'question' is empty") == "QUESTION is empty"
    assert _flag_names("title is too long (5 characters)") == "--title is too long (5 characters)"
    assert _flag_names("something else") == "something else"


def test_index_help_says_it_replaces_the_index():
    out = run_qa("index", "--help")
    assert out.returncode == 0 and "REPLACES the one in --index-dir" in out.stdout


def test_ask_shows_marked_sentences_and_the_passage_only_with_full(index_dir):
    question = "What did the Chinese foreign minister say about weapons for Russia?"
    args = ("ask", question, "--index-dir", index_dir, "-k", "3")
    result = json.loads(run_qa(*args, "--json").stdout)
    short, full = run_qa(*args), run_qa(*args, "--full")
    assert short.returncode == 0 and full.returncode == 0, short.stderr + full.stderr
    numbered = [line for line in short.stdout.splitlines() if re.match(r"\[\d+\] ", line)]
    assert [line.split("]")[0] for line in numbered] == ["[1", "[2", "[3"]
    first = result["passages"][0]
    marked = [" ".join(h["text"].split()) for h in first["highlights"]]
    assert marked, "the test question should mark a sentence"
    lines = short.stdout.splitlines()
    at = lines.index(numbered[0])
    assert lines[at + 1] == f"    > {marked[0]}"
    body = first["text"].replace("\n", "\n    ")
    assert body not in short.stdout and body in full.stdout
    assert len(short.stdout) < len(full.stdout)


def test_serve_on_a_busy_port_is_one_line(index_dir):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        out = run_qa("serve", "--index-dir", index_dir, "--port", port, timeout=60)
    assert out.returncode == 1, out.stderr
    assert out.stderr == (
        f"error: port {port} on 127.0.0.1 is in use (Address already in use); "
        "pick another with --port or $QA_PORT\n"
    )


def test_eval_progress_counts_searches(capsys):
    class Fake:
        dim = 3

        def search(self, text, options):
            return [text]

    wrapped = _Progress(Fake(), every=2)
    assert [wrapped.search(str(i), None) for i in range(5)] == [["0"], ["1"], ["2"], ["3"], ["4"]]
    assert wrapped.dim == 3
    err = capsys.readouterr().err
    assert err.splitlines() == ["eval: 2 questions searched...", "eval: 4 questions searched..."]


BAD_ENVIRONMENT = [
    # (variable, value, command): before, the first three ended in a ValueError traceback
    # (the CLI's defaults called int() on the variable), -5 and 0 were taken or clamped
    # silently, and QA_MAX_FILE_MB=abc broke `qa index` when it imported its loader.
    ("QA_PORT", "x", "serve"),
    ("QA_WORKERS", "two", "serve"),
    ("QA_CHUNK_WORDS", "abc", "index"),
    ("QA_QUESTION_CACHE", "-1", "serve"),
    ("QA_BUILD_WINDOW", "abc", "index"),
    ("QA_SHARD_SIZE", "0", "index"),
    ("QA_VECTOR_SHARD", "-5", "index"),
    ("QA_MAX_FILE_MB", "nan", "index"),
]


@pytest.mark.parametrize(("variable", "value", "command"), BAD_ENVIRONMENT)
def test_a_bad_environment_variable_is_one_line_naming_it(variable, value, command, tmp_path):
    target = tmp_path / "idx"
    args = {
        "serve": ("serve", "--index-dir", target),
        "index": ("index", ARTICLES, "--index-dir", target, "--quiet"),
    }[command]
    out = run_qa(*args, env={variable: value})
    assert out.returncode in (1, 2), out.stderr[-2000:]
    assert "Traceback" not in out.stderr, out.stderr[-2000:]
    error = [line for line in out.stderr.splitlines() if "rror" in line]
    assert len(error) == 1 and variable in error[0] and value in error[0], out.stderr
    assert not target.exists()  # stopped before anything was written


def test_an_empty_environment_variable_counts_as_unset(index_dir):
    out = run_qa("ask", "weapons supply", "--index-dir", index_dir, "-k", "1", env={"QA_MODEL": ""})
    assert out.returncode == 0, out.stderr[-2000:]
