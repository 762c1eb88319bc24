"""Hundreds of brackets in a query: read as far as they make sense, never a 500, never an
export that answers with only its header."""

import csv
import io

import pytest
from django.urls import reverse

from search.parsing import MAX_DEPTH, parse_query
from search.query import MAX_QUERY_LENGTH
from tests.web.sample import build_sample

# Each shape fits inside the query length limit, so none of it is cut away before parsing.
DEEP_QUERIES = {
    "480 opening brackets": "(" * 480 + " trafficking",
    "opening brackets up to the length limit": "(" * (MAX_QUERY_LENGTH - 12) + "trafficking",
    "balanced brackets": "(" * 240 + "trafficking" + ")" * 240,
    "closing brackets first": ")" * 480 + " trafficking",
    "a word inside each bracket": "(trafficking " * 38,
    "exclusions inside each bracket": "trafficking " + "(-xyzzy " * 60,
}


def _depth(node) -> int:
    children = getattr(node, "nodes", None) or ([node.node] if hasattr(node, "node") else [])
    return 1 + max((_depth(child) for child in children), default=0)


@pytest.mark.parametrize("query", DEEP_QUERIES.values(), ids=DEEP_QUERIES.keys())
def test_the_parsed_tree_stays_shallow_and_keeps_the_words(query):
    assert len(query) <= MAX_QUERY_LENGTH
    parsed = parse_query(query)
    assert "trafficking" in parsed.positive_texts()
    assert _depth(parsed.node) <= MAX_DEPTH + 3  # the top level, each bracket, a NOT, a word


def test_brackets_past_the_depth_limit_are_said_to_be_ignored():
    assert "Brackets nested too deeply were ignored." in parse_query("(" * 480 + "x").notes


@pytest.fixture(params=["database", "whoosh"])
def searchable_sample(request, db):
    sample = build_sample()
    if request.param == "whoosh":
        request.getfixturevalue("whoosh_index").rebuild()
    return sample


@pytest.mark.parametrize("query", DEEP_QUERIES.values(), ids=DEEP_QUERIES.keys())
def test_search_page_api_and_export_answer_a_deep_query(client, searchable_sample, query):
    wanted = searchable_sample.concept_provisions["4.5"].pk

    page = client.get(reverse("search"), {"q": query})
    assert page.status_code == 200
    assert [hit.pk for hit in page.context["hits"]] == [wanted]

    api = client.get("/api/search/", {"q": query})
    assert api.status_code == 200
    assert [hit["id"] for hit in api.json()["results"]] == [wanted]

    export = client.get(reverse("provisions-export", args=["csv"]), {"q": query})
    assert export.status_code == 200
    rows = list(csv.DictReader(io.StringIO(b"".join(export.streaming_content).decode())))
    assert [int(row["id"]) for row in rows] == [wanted]
