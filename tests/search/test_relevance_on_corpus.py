"""Search on the bundled corpus finds what a researcher expects, the same on every backend."""

import re

import pytest
from django.db import connection

from commitments.models import MigrationCategory, Provision
from search import (
    SearchFilters,
    SearchRequest,
    get_search_backend,
    reset_search_backends,
    search_provisions,
)
from search.backends.database import DatabaseSearchBackend
from search.query import MAX_PAGE_SIZE
from tests.factories import ProvisionFactory


@pytest.fixture(params=["whoosh", "postgres"])
def backend(request, db, settings):
    """The corpus indexed by each backend in turn, as the default backend."""
    if request.param == "postgres" and connection.vendor != "postgresql":
        pytest.skip("the postgres backend needs PostgreSQL")
    request.getfixturevalue("corpus")
    if request.param == "whoosh":
        yield request.getfixturevalue("whoosh_index")
        return
    settings.SEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.postgres"}}
    search_backend = get_search_backend()
    search_backend.rebuild()
    yield search_backend
    reset_search_backends()


def search(query: str = "", **kwargs):
    kwargs.setdefault("page_size", MAX_PAGE_SIZE)
    results = search_provisions(
        SearchRequest(
            query=query, **{"with_facets": True, "with_snippets": True, "with_suggestion": True, **kwargs}
        )
    )
    return results


def all_ids(query: str, **kwargs) -> list[int]:
    found, page = [], 1
    while True:
        results = search(query, page=page, **kwargs)
        found.extend(hit.provision_id for hit in results.hits)
        if page >= results.num_pages:
            return found
        page += 1


def test_dignified_treatment_finds_paragraph_4_5_of_the_border_concept_first(backend, corpus):
    """And the citation "MC.DOC/2/05 4.5" finds it too; the symbol finds the whole document."""
    expected = corpus.document("MC.DOC/2/05").provisions.get(label="4.5")
    results = search("dignified treatment")
    assert results.backend == backend.name
    assert results.hits[0].provision_id == expected.pk
    assert "<mark>dignified</mark> <mark>treatment</mark>" in results.hits[0].highlight
    assert all_ids("MC.DOC/2/05 4.5")[0] == expected.pk  # a citation
    in_document = set(expected.document.provisions.values_list("pk", flat=True))
    assert set(all_ids("MC.DOC/2/05")) == set(all_ids("mc.doc/2/05")) == in_document


def test_a_phrase_matches_only_where_its_words_stand_together(backend, corpus):
    together = re.compile(r"\bborders?[\s\-]+manag", re.IGNORECASE)
    scattered = set(all_ids("border management"))
    phrase = set(all_ids('"border management"'))
    assert phrase < scattered
    for provision in Provision.objects.filter(pk__in=scattered).select_related("document"):
        fields = (provision.text, provision.heading, provision.document.title)
        assert (provision.pk in phrase) == any(together.search(field) for field in fields), provision.text


def test_filters_count_exactly_as_the_database_does(backend, corpus):
    published = Provision.objects.published()
    categories = list(MigrationCategory.objects.filter(provisions__isnull=False).distinct())
    assert categories, "the corpus tags provisions with migration categories"
    for filters in [
        SearchFilters(),
        SearchFilters(year_from=1990, year_to=2009),
        *(SearchFilters(categories=(c.slug,), year_from=1975, year_to=2016) for c in categories),
        SearchFilters(dimensions=("human",), year_from=2000),
        SearchFilters(kinds=("mc_decision", "mc_document"), commitments_only=True),
    ]:
        request = SearchRequest(filters=filters, page_size=1, with_facets=True)
        ours = search_provisions(request)
        assert ours.backend == backend.name
        assert ours.total == filters.apply_to(published).count()
        assert ours.facets == DatabaseSearchBackend({}).search(request).facets

    everywhere = set(all_ids("migration OR migrants"))
    for category in MigrationCategory.objects.all():
        filters = SearchFilters(categories=(category.slug,), year_from=1990, year_to=2016)
        in_database = set(filters.apply_to(Provision.objects.published()).values_list("pk", flat=True))
        narrowed = search("migration OR migrants", filters=filters)
        assert narrowed.total == len(everywhere & in_database), category.slug
        assert set(all_ids("migration OR migrants", filters=filters)) == everywhere & in_database


def test_a_misspelt_query_gets_a_suggestion(backend, corpus):
    results = search("migraton managment")
    assert results.total == 0
    assert results.suggestion == "migration management"
    assert search("MC.DOC/2/05 4.5").suggestion is None


def test_markup_in_a_provision_comes_back_escaped(backend, corpus):
    document = corpus.document("MC.DOC/2/05")
    provision = ProvisionFactory(document=document, label="99", text="<script>alert(1)</script> Quarantine.")
    backend.update([provision.pk])
    (hit,) = search("quarantine").hits
    assert "<script" not in hit.highlight
    assert "&lt;/script&gt;" in hit.highlight
    assert "<mark>Quarantine</mark>" in hit.highlight
