"""The load on the pages is a mix of distinct searches, never one URL over and over."""

from bench.measure_http import endpoint_paths
from bench.queries import query_set


def test_the_search_endpoints_are_loaded_with_at_least_fifty_distinct_searches(corpus_index, client):
    paths = endpoint_paths(queries=query_set())
    for name in ("search page", "search API"):
        assert len(set(paths[name])) == len(paths[name]) >= 50
    assert {p.split("?", 1)[1] for p in paths["search page"]} == {
        p.split("?", 1)[1] for p in paths["search API"]
    }
    for path in paths["search page"][::9] + paths["search API"][::9]:
        assert client.get(path).status_code == 200, path
