"""The Tantivy peer does the work the project's engines do, on the bundled corpus."""

import pytest

from bench.queries import query_set
from commitments.models import Provision
from search import SearchRequest, search_provisions
from search.index import indexable_ids

pytest.importorskip("tantivy")

from bench.tantivy_engine import TantivyEngine  # noqa: E402


@pytest.fixture
def tantivy(corpus_index, tmp_path):
    engine = TantivyEngine(path=tmp_path / "tantivy")
    assert engine.build() == len(indexable_ids())
    return engine


def test_it_finds_what_the_project_finds_with_facets_and_snippets(tantivy):
    agreeing = 0
    for query in query_set():
        answer = tantivy.search(query)
        ours = search_provisions(
            SearchRequest(query=query.as_project_query(), filters=query.filters, with_facets=True)
        )
        assert ours.backend == "whoosh"
        # Snowball and Porter stem a few words apart: close, not always equal.
        assert abs(answer.total - ours.total) <= max(2, ours.total // 10), query.name
        agreeing += answer.total == ours.total
        if answer.total:
            assert answer.facet_values > 0 and answer.snippets > 0, query.name
    assert agreeing >= len(query_set()) * 3 // 4


def test_a_saved_edit_is_found_after_its_update(tantivy):
    provision = Provision.objects.published().order_by("pk").first()
    assert not tantivy.finds("zqtantivyword", provision)
    provision.text += " zqtantivyword"
    provision.save()
    tantivy.after_save(provision)
    assert tantivy.finds("zqtantivyword", provision)
