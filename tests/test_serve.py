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


def test_rebuild_while_serving_drops_no_request(index_dir, tmp_path):
    """Publish a new build and HUP gunicorn under load: every request gets a 200."""
    import shutil
    import signal
    import subprocess
    import sys
    import threading
    import time

    from qa.web.launch import post, start_server

    folder = tmp_path / "idx"
    shutil.copytree(index_dir, folder, symlinks=True)
    server, port = start_server(folder, workers=2)
    statuses: list[int] = []
    stop = threading.Event()

    def hammer() -> None:
        while not stop.is_set():
            try:
                statuses.append(post(port, {"question": "joint naval drills", "k": 3}))
            except OSError:
                statuses.append(0)

    threads = [threading.Thread(target=hammer) for _ in range(3)]
    try:
        for t in threads:
            t.start()
        time.sleep(1)
        old = _health(port)["index"]["build_id"]
        out = subprocess.run(
            [
                sys.executable,
                "-m",
                "qa",
                "index",
                "--remove",
                "000_c66550dc802b1081.txt",
                "--index-dir",
                str(folder),
                "--quiet",
            ],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert out.returncode == 0, out.stderr
        deadline = time.time() + 30
        # Each worker swaps on its own: read the article count from the very answer that
        # shows the new build (the next request may reach the worker yet to swap).
        while (index := _health(port)["index"])["build_id"] == old:
            assert time.time() < deadline, "the new build was not picked up"
            time.sleep(0.2)
        assert index["articles"] == 4
        server.send_signal(signal.SIGHUP)  # graceful worker restart under load
        time.sleep(3)
        assert _health(port)["index"]["articles"] == 4
    finally:
        stop.set()
        for t in threads:
            t.join()
        server.terminate()
        server.wait(timeout=30)
    assert len(statuses) > 20
    assert set(statuses) == {200}, {s: statuses.count(s) for s in set(statuses)}


def _health(port: int) -> dict:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=30) as r:
        return json.loads(r.read())
