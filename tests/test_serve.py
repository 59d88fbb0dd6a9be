"""`qa serve` as a real process, spoken to over real HTTP on loopback."""

import json
import urllib.error
import urllib.request


def test_serve_answers_over_http(live_server):
    req = urllib.request.Request(
        live_server + "/api/ask",
        data=json.dumps({"question": "joint naval drills", "k": 3}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(req, timeout=30) as r:
        body = json.loads(r.read())
    assert len(body["passages"]) == 3
    try:
        urllib.request.urlopen(live_server + "/api/ask?k=3", timeout=30)
        raise AssertionError("expected 400")
    except urllib.error.HTTPError as err:
        assert err.code == 400
        assert json.loads(err.read())["error"]
    with urllib.request.urlopen(live_server + "/openapi.json", timeout=30) as r:
        assert json.loads(r.read())["openapi"].startswith("3.")
