"""Property-based fuzzing of every endpoint: no input produces a 5xx, every 4xx is JSON."""

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qa.web.openapi import document

FUZZ = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60)
nasty = st.one_of(
    text,
    st.sampled_from(
        [
            "",
            " ",
            "\x00",
            "\u202e",
            "<script>alert(1)</script>",
            "' OR 1=1 --",
            "../../etc/passwd",
            "x" * 5000,
            "😀" * 300,
            "NaN",
            "-1",
            "51",
            "1e309",
        ]
    ),
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=False),
    nasty,
)
json_values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(nasty, inner, max_size=4)),
    max_leaves=20,
)
keys = st.sampled_from(
    [
        "question",
        "q",
        "k",
        "mode",
        "per_source",
        "group_by",
        "source",
        "published_from",
        "published_to",
        "title",
        "filters",
    ]
)
bodies = st.one_of(
    json_values,
    st.dictionaries(keys, json_values, max_size=6),
    st.fixed_dictionaries(
        {"question": nasty},
        optional={
            "k": scalars,
            "mode": scalars,
            "filters": json_values,
            "per_source": scalars,
            "group_by": scalars,
            "source": scalars,
            "published_from": scalars,
        },
    ),
)


def _check(r):
    assert r.status_code < 500, (r.status_code, r.get_data(as_text=True)[:300])
    if 400 <= r.status_code < 500:
        assert r.is_json, r.get_data(as_text=True)[:300]
        assert isinstance(r.get_json()["error"], str)


@FUZZ
@given(body=bodies)
def test_post_json_never_5xx(client, body):
    _check(client.post("/api/ask", data=json.dumps(body), content_type="application/json"))


@FUZZ
@given(
    raw=st.binary(max_size=300),
    content_type=st.sampled_from(
        [
            "application/json",
            "text/plain",
            "application/x-www-form-urlencoded",
            "",
            "application/json; charset=latin-1",
            "multipart/form-data",
        ]
    ),
)
def test_post_raw_bytes_never_5xx(client, raw, content_type):
    _check(client.post("/api/ask", data=raw, content_type=content_type))


@FUZZ
@given(params=st.dictionaries(st.one_of(keys, nasty), nasty, max_size=6))
def test_get_query_never_5xx(client, params):
    _check(client.get("/api/ask", query_string=params))
    r = client.get("/", query_string=params)
    assert r.status_code < 500


@FUZZ
@given(
    path=st.sampled_from(
        ["/health", "/openapi.json", "/articles/0", "/articles/99999", "/admin/reload", "/api/ask"]
    ),
    method=st.sampled_from(["GET", "POST", "PUT", "DELETE", "PATCH"]),
    params=st.dictionaries(nasty, nasty, max_size=3),
)
def test_every_endpoint_and_method(client, path, method, params):
    r = client.open(path, method=method, query_string=params)
    assert r.status_code < 500
    if (
        path != "/articles/0"
        and 400 <= r.status_code < 500
        and path.startswith(("/api", "/health", "/openapi"))
    ):
        assert r.is_json


def test_openapi_document_describes_the_api(client):
    doc = client.get("/openapi.json").get_json()
    assert doc == json.loads(json.dumps(document()))
    assert set(doc["paths"]) == {
        "/api/ask",
        "/api/articles/{article_id}",
        "/health",
        "/openapi.json",
        "/admin/reload",
        "/",
        "/articles/{article_id}",
    }
    assert doc["components"]["schemas"]["Error"]["required"] == ["error"]
