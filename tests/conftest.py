"""One real index over the bundled articles, built once per session with the real model."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "data" / "articles"
MODEL = "all-MiniLM-L6-v2"


@pytest.fixture(scope="session")
def index_dir(tmp_path_factory) -> Path:
    from qa.build import build_index
    from qa.config import ChunkSettings

    folder = tmp_path_factory.mktemp("index")
    build_index([ARTICLES], folder, MODEL, ChunkSettings(), progress=False)
    return folder


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
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    from loadtest import start_server

    proc, port = start_server(index_dir, workers=2)
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=30)
