"""One real index over the bundled articles, built once per session with the real model."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "data" / "articles"
MODEL = "all-MiniLM-L6-v2"


# Switches of the test run itself, not settings of the code under test.
KEEP_ENV = {"QA_UPDATE_SCREENSHOT"}


def _clear_qa_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [n for n in os.environ if n.startswith("QA_") and n not in KEEP_ENV]:
        monkeypatch.delenv(name)


# The files that take longest (pytest --durations=0, serial, 2 cores: 20 to 76 s each), run
# first. `make test` hands whole files to its two workers in collection order
# (--dist loadfile --no-loadscope-reorder); a long file handed out last would leave one
# worker running it alone at the end.
SLOW_FILES = [
    "test_index_edges.py", "test_lifecycle.py", "test_export_cache.py", "test_resilience.py",
    "test_cli.py", "test_contract.py", "test_faults.py", "test_build.py", "test_ray.py",
    "test_backends.py", "test_api.py",
]  # fmt: skip


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    rank = {name: i for i, name in enumerate(SLOW_FILES)}
    items.sort(key=lambda item: rank.get(item.path.name, len(SLOW_FILES)))  # stable


@pytest.fixture(scope="session")
def export_cache(tmp_path_factory) -> Path:
    """The machine-wide ONNX export cache, one per test session: tests never read or fill
    the developer's ~/.cache/qa."""
    return tmp_path_factory.mktemp("export-cache")


@pytest.fixture(scope="session", autouse=True)
def _no_qa_environment_in_session_fixtures(export_cache):
    """Session fixtures (the shared indexes) are set up before any function fixture runs."""
    with pytest.MonkeyPatch.context() as mp:
        _clear_qa_environment(mp)
        mp.setenv("QA_EXPORT_CACHE", str(export_cache))
        yield


@pytest.fixture(autouse=True)
def _no_qa_environment(monkeypatch, export_cache):
    """Every test sees the code's defaults: a developer's QA_MODEL, QA_BACKEND, QA_SHARD_SIZE
    ... must not change what a test builds or asserts. HF_HUB_OFFLINE and
    TOKENIZERS_PARALLELISM (above) are not QA_ variables and stay; the export cache is the
    session's."""
    _clear_qa_environment(monkeypatch)
    monkeypatch.setenv("QA_EXPORT_CACHE", str(export_cache))


def run_qa(*args, env: dict | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    """The real `qa` command of this checkout in a subprocess, its output captured as text."""
    return subprocess.run(
        [sys.executable, "-m", "qa", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture(scope="session")
def index_dir(tmp_path_factory) -> Path:
    from qa.build import build_index
    from qa.config import ChunkSettings

    folder = tmp_path_factory.mktemp("index")
    build_index([ARTICLES], folder, MODEL, ChunkSettings(), progress=False)
    return folder


# The five bundled articles as news records in MultiHop-RAG's shape (title, author, source =
# the outlet, published_at, url, body). The outlets of 001 (Global Times) and 004 (South China
# Morning Post) are the real ones; the others, the authors and the times are test metadata.
NEWS = [
    ("000_c66550dc802b1081.txt", "Defence Forum", None, "2023-04-18T09:00:00+00:00"),
    ("001_b734b12dec5ae5c6.txt", "Global Times", "Lin Wei", "2023-04-19T00:10:00+08:00"),
    ("002_ef682113773a2775.txt", "The Defense Post", "Ana Ortiz", "2023-04-17T11:30:00+00:00"),
    ("003_02b17f315b2febbf.txt", "Fox News", "Ben Carter", "2023-04-14T15:45:00+00:00"),
    ("004_d4f96920548e75e4.txt", "South China Morning Post", "Mei Chan", "2023-03-31T06:00:00Z"),
]


def news_records() -> list[dict]:
    records = []
    for name, outlet, author, published in NEWS:
        # No title field: the headline is found in the scraped text, as for the files.
        records.append(
            {
                "author": author,
                "source": outlet,
                "published_at": published,
                "category": "world",
                "url": f"https://news.example/{name.removesuffix('.txt')}",
                "body": (ARTICLES / name).read_text(encoding="utf-8"),
            }
        )
    return records


@pytest.fixture(scope="session")
def news_index_dir(tmp_path_factory) -> Path:
    """An index over `news_records()` as one JSON array, the way real news dumps come."""
    import json

    from qa.build import build_index
    from qa.config import ChunkSettings

    corpus = tmp_path_factory.mktemp("news") / "corpus.json"
    corpus.write_text(json.dumps(news_records(), indent=1), encoding="utf-8")
    folder = tmp_path_factory.mktemp("news-index")
    build_index([corpus], folder, MODEL, ChunkSettings(), progress=False)
    return folder


@pytest.fixture(scope="session")
def news(news_index_dir):
    from qa.retrieve import Retriever

    return Retriever.open(news_index_dir, MODEL)


@pytest.fixture(scope="session")
def news_client(news_index_dir, news):
    from qa.config import Settings
    from qa.web import create_app

    app = create_app(Settings(index_dir=news_index_dir, model=MODEL), retriever=news)
    return app.test_client()


@pytest.fixture(scope="session")
def retriever(index_dir):
    from qa.retrieve import Retriever

    return Retriever.open(index_dir, MODEL, verify=True)


@pytest.fixture(scope="session")
def app(index_dir, retriever):
    from qa.config import Settings
    from qa.web import create_app

    return create_app(Settings(index_dir=index_dir, model=MODEL), retriever=retriever)


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def live_server(index_dir):
    """`qa serve` as a real gunicorn process on a free loopback port."""

    from qa.web.launch import start_server

    proc, port = start_server(index_dir, workers=2)
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=30)


@pytest.fixture()
def broken(index_dir, tmp_path):
    """A private copy of the session index, to break (or to change without touching it)."""
    import shutil

    folder = tmp_path / "idx"
    shutil.copytree(index_dir, folder, symlinks=True)
    return folder
