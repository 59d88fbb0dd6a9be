"""A question asked again is not encoded again (qa/query_cache.py), and its answer does not
change: the real model in process, and the real `qa serve`."""

from __future__ import annotations

import http.client
import json
import signal

import numpy as np
import pytest
from conftest import MODEL

from qa.query_cache import CacheStats, QueryVectors
from qa.retrieve import Retriever
from qa.web.launch import server_log, start_server

QUESTION = "What did the Chinese foreign minister say about weapons for Russia?"
OTHERS = ["Who won the election?", "What happened to interest rates?"]


@pytest.fixture(scope="module")
def retriever(index_dir):
    opened = Retriever.open(index_dir, MODEL)
    yield opened
    opened.close()


def test_a_kept_vector_is_what_the_encoder_gives(retriever):
    encoder = retriever.encoder("hybrid")
    cache = QueryVectors(size=2)
    first = cache.encode(encoder, QUESTION)
    again = cache.encode(encoder, QUESTION)
    assert again is first  # not encoded again
    assert np.array_equal(first, encoder.encode_query(QUESTION))
    assert not first.flags.writeable  # one array serves every later asking
    assert cache.stats() == CacheStats(size=2, entries=1, hits=1, misses=1)


def test_the_least_recently_asked_goes_first(retriever):
    encoder = retriever.encoder("hybrid")
    cache = QueryVectors(size=2)
    kept = cache.encode(encoder, QUESTION)
    cache.encode(encoder, OTHERS[0])
    assert cache.encode(encoder, QUESTION) is kept  # now the most recent
    cache.encode(encoder, OTHERS[1])  # drops OTHERS[0]
    assert cache.stats() == CacheStats(size=2, entries=2, hits=1, misses=3)
    assert cache.encode(encoder, QUESTION) is kept
    cache.encode(encoder, OTHERS[0])
    assert cache.stats().misses == 4
    cache.resize(1)
    assert cache.stats().entries == 1


def test_each_encoder_keeps_its_own_vectors(retriever):
    """Hybrid questions go through the int8 export, dense-only ones through fp32: the same
    text has two vectors."""
    hybrid, dense = retriever.encoder("hybrid"), retriever.encoder("dense")
    assert hybrid.cache_label != dense.cache_label
    cache = QueryVectors(size=8)
    one, two = cache.encode(hybrid, QUESTION), cache.encode(dense, QUESTION)
    assert np.array_equal(two, dense.encode_query(QUESTION))
    assert not np.array_equal(one, two)
    assert cache.stats().misses == 2


def test_size_zero_keeps_nothing(retriever):
    encoder = retriever.encoder("hybrid")
    cache = QueryVectors(size=0)
    assert cache.encode(encoder, QUESTION) is not cache.encode(encoder, QUESTION)
    assert cache.stats() == CacheStats(size=0, entries=0, hits=0, misses=0)
    with pytest.raises(ValueError):
        cache.resize(-1)


def _request(port: int, method: str, path: str, body: dict | None = None) -> dict:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        headers = {"Content-Type": "application/json"} if body is not None else {}
        conn.request(method, path, json.dumps(body) if body is not None else None, headers)
        response = conn.getresponse()
        assert response.status == 200
        return json.loads(response.read())
    finally:
        conn.close()


def _stop(proc) -> str:
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=60)
    return server_log(proc)


def _asked(port: int, **fields) -> dict:
    answer = _request(port, "POST", "/api/ask", {"question": QUESTION, "k": 3, **fields})
    answer.pop("took_ms")
    return answer


def test_the_server_encodes_a_question_asked_again_once(index_dir):
    proc, port = start_server(index_dir, workers=1)
    try:
        first = _asked(port)
        assert _request(port, "GET", "/health")["question_cache"] == {
            "size": 1024,
            "entries": 1,
            "hits": 0,
            "misses": 1,
        }
        again = _asked(port)
        _asked(port, group_by="speaker")  # the form regrouped: the same question
        _asked(port, mode="lexical")  # encodes nothing
        cache = _request(port, "GET", "/health")["question_cache"]
    finally:
        log = _stop(proc)
    assert again == first, log[-2000:]
    assert first["passages"] and "dense" in first["passages"][0]["scores"]
    assert cache == {"size": 1024, "entries": 1, "hits": 2, "misses": 1}


def test_question_cache_zero_turns_it_off(index_dir):
    proc, port = start_server(index_dir, workers=1, env={"QA_QUESTION_CACHE": "0"})
    try:
        first, again = _asked(port), _asked(port)
        cache = _request(port, "GET", "/health")["question_cache"]
    finally:
        _stop(proc)
    assert again == first
    assert cache == {"size": 0, "entries": 0, "hits": 0, "misses": 0}
