"""Random and hostile parameters on every public endpoint: a clear answer, never a 500."""

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/search/",
    "/documents/",
    "/documents/mc-doc-2-05/",
    "/categories/",
    "/categories/labour/",
    "/dimensions/human/",
    "/timeline/",
    "/matrix/",
    "/export/provisions.csv",
    "/export/provisions.json",
    "/export/documents.csv",
    "/data/",
]
API = [
    "/api/search/",
    "/api/provisions/",
    "/api/documents/",
    "/api/documents/mc.doc/2/05/",
    "/api/relations/",
    "/api/dimensions/",
    "/api/categories/",
]
PARAMETERS = [
    "q",
    "page",
    "page_size",
    "year_from",
    "year_to",
    "dimension",
    "category",
    "kind",
    "body",
    "document",
    "order",
    "sort",
    "commitments_only",
    "format",
    "symbol",
    "decade",
    "year",
]
HOSTILE = st.sampled_from(
    [
        "",
        "\x00",
        "a\x00b",
        "*",
        "*a*",
        "?",
        '"',
        '"unbalanced',
        "((",
        ")",
        "[",
        "year:abc",
        "NOT",
        "OR",
        "-",
        "-0",
        "0",
        "-1",
        "999999999999999999999",
        "1e309",
        "NaN",
        "abc",
        "<script>alert(1)</script>",
        '"><img src=x onerror=alert(1)>',
        "../../etc/passwd",
        "mc.dec/5/09",
        "x" * 10_000,
        "ü" * 300,
        "%00",
        "\ud7ff",
        "labour",
        "human",
        "2005",
    ]
)
VALUES = st.one_of(
    HOSTILE,
    st.text(max_size=60),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
)
QUERY = st.lists(st.tuples(st.sampled_from(PARAMETERS), VALUES), max_size=5)
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _query_string(pairs):
    from urllib.parse import urlencode

    return urlencode(pairs)


@FUZZ
@given(path=st.sampled_from(PAGES), pairs=QUERY)
def test_pages_answer_every_parameter_without_a_server_error(client, corpus_index, path, pairs):
    response = client.get(f"{path}?{_query_string(pairs)}")
    assert response.status_code < 500, (path, pairs, response.status_code)
    if response.status_code == 400:
        assert response["Content-Type"].startswith("text/html")


@FUZZ
@given(path=st.sampled_from(API), pairs=QUERY)
def test_the_api_answers_every_parameter_without_a_server_error(client, corpus_index, path, pairs):
    cache.clear()  # the anonymous throttle would otherwise answer 429 to most examples
    response = client.get(f"{path}?{_query_string(pairs)}", HTTP_ACCEPT="application/json")
    assert response.status_code < 500, (path, pairs, response.status_code)
    if response.status_code == 400:
        assert response.json(), "a 400 says which parameter is wrong"
