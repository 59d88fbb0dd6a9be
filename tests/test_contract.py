"""The OpenAPI document is a correct 3.1 document of every route, and the real server keeps
it: schemathesis (an OpenAPI fuzzer) runs against `qa serve` with every check it has.

The fuzzer sends what the document allows and what it forbids, every undeclared method, and
requests without the admin token, and checks each answer's status code, content type,
headers and body schema. It runs deterministically (no database, fixed derandomized
generation) with a bounded number of examples per operation, so a failure is reproducible
and the run takes well under a minute.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from qa.web.launch import start_server
from qa.web.openapi import document

TOKEN = "contract-test-token"
MAX_EXAMPLES = 60
# 414 and 431 are the answers gunicorn gives a request line or headers over its limits before
# the app sees them (a 1000-character question in a four-byte script overflows a GET's line):
# they reject, as 4xx do, whatever the data; schemathesis's defaults list neither.
CONFIG = """
[checks.negative_data_rejection]
expected-statuses = ["400", "401", "403", "404", "405", "406", "409", "413", "414", "415",
                     "422", "428", "429", "431", "5xx"]
[checks.positive_data_acceptance]
expected-statuses = ["2xx", "3xx", "401", "403", "404", "409", "414", "429", "5xx"]
"""


@pytest.fixture(scope="module")
def guarded_server(index_dir: Path) -> Iterator[str]:
    """`qa serve` with QA_ADMIN_TOKEN set, so POST /admin/reload is on and its auth is fuzzed
    too (without a token it is a plain 404)."""
    server, port = start_server(index_dir, 2, env={"QA_ADMIN_TOKEN": TOKEN})
    yield f"http://127.0.0.1:{port}"
    server.send_signal(signal.SIGINT)  # gunicorn's quick shutdown: TERM waits out keep-alives
    server.wait(timeout=30)


def test_document_is_valid_openapi_3_1(client):
    from openapi_spec_validator import validate

    served = client.get("/openapi.json").get_json()
    assert served == json.loads(json.dumps(document()))
    assert served["openapi"] == "3.1.0"
    validate(served)


def test_document_describes_every_route_and_method(app):
    """Each rule of the app's URL map, with each method it answers, is in the document."""
    paths = document()["paths"]
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        path = rule.rule.replace("<int(max=9223372036854775807):article_id>", "{article_id}")
        assert path in paths, rule.rule
        methods = {m.lower() for m in rule.methods} - {"head", "options"}
        assert methods <= set(paths[path]), (rule.rule, methods)
        for method in methods:
            codes = set(paths[path][method]["responses"])
            assert {"400", "405", "413", "414", "431"} <= codes, (path, method, codes)


def test_405_keeps_the_allow_header(client):
    r = client.delete("/api/ask")
    assert r.status_code == 405 and r.is_json
    assert set(r.headers["Allow"].replace(" ", "").split(",")) >= {"GET", "POST"}


def test_schemathesis_finds_nothing(guarded_server, tmp_path):
    """Every schemathesis check against the real server; the run must report no issue."""
    config = tmp_path / "schemathesis.toml"
    config.write_text(CONFIG)
    command = [sys.executable, "-m", "schemathesis.cli", "--config-file", str(config)]
    command += ["--no-color", "run", f"{guarded_server}/openapi.json", "--checks", "all"]
    command += ["--mode", "all", "--max-examples", str(MAX_EXAMPLES)]
    # Long response bodies truncated, so a failure's request and reason stay in the message
    command += ["--generation-deterministic", "--workers", "1", "--output-truncate", "true"]
    command += ["-H", f"Authorization: Bearer {TOKEN}", "--request-timeout", "30"]
    run = subprocess.run(
        command, cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False
    )
    report = run.stdout + run.stderr
    failures = report.find("FAILURES")
    assert run.returncode == 0, (
        report[max(0, failures - 200) :][:20000] if failures >= 0 else report[-12000:]
    )
    assert "No issues found" in report, report[-3000:]
    assert "8 selected / 8 total" in report and "Tested: 8" in report, report[-3000:]
