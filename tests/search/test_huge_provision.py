"""One provision of megabytes costs a search no more than a long one: its snippet is looked
for near the text's start only, and an API hit carries a bounded part of its text."""

import pytest

from search.highlight import MAX_SCANNED_CHARACTERS, SNIPPET_LENGTH, highlight
from tests.factories import ProvisionFactory
from web.api.serializers import MAX_HIT_TEXT

HUGE = "The participating States will co-operate on migration. " * 20_000  # 1.1 MB


def test_a_snippet_is_a_window_near_the_first_match():
    snippet = highlight(HUGE, ["migration"])
    assert len(snippet) < SNIPPET_LENGTH + 200
    assert snippet.count("<mark>migration</mark>") == 5


def test_a_match_past_the_scanned_part_is_not_searched_for():
    text = "x " * MAX_SCANNED_CHARACTERS + "migration"
    assert "<mark>" not in highlight(text, ["migration"])
    assert highlight(text, ["migration"]).startswith("x x x")


@pytest.mark.django_db
@pytest.mark.parametrize("backend", ["database", "whoosh"])
def test_an_api_hit_carries_a_bounded_part_of_a_huge_text(client, request, backend):
    provision = ProvisionFactory(text=HUGE)
    small = ProvisionFactory(text="Co-operation on migration at borders.")
    if backend == "whoosh":
        request.getfixturevalue("whoosh_index").rebuild()
    answer = client.get("/api/search/", {"q": "migration"})
    assert answer.status_code == 200
    hits = {hit["id"]: hit for hit in answer.json()["results"]}
    assert len(hits[provision.pk]["text"]) == MAX_HIT_TEXT and hits[provision.pk]["text_truncated"] is True
    assert hits[small.pk]["text"] == small.text and hits[small.pk]["text_truncated"] is False
    assert len(hits[provision.pk]["highlight"]) < SNIPPET_LENGTH + 200
    assert len(answer.content) < 3 * MAX_HIT_TEXT
    whole = client.get(f"/api/provisions/{provision.pk}/")
    assert whole.json()["text"] == HUGE
