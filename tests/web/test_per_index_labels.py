"""Facet labels are read once per state of the search index, and a change that moves the
index (a document retitled, a category renamed) shows on the very next page."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commitments.models import MigrationCategory
from search import get_search_backend
from web.facets import FacetLabels

SEARCH = reverse("search")


def label_queries(client, params) -> tuple[object, list[str]]:
    with CaptureQueriesContext(connection) as context:
        response = client.get(SEARCH, params)
    reads = [q["sql"] for q in context.captured_queries if '"slug" AS "slug", "commitments_' in q["sql"]]
    return response, reads


def category_labels(response) -> set[str]:
    return {o.label for g in response.context["facets"] if g.name == "category" for o in g.options}


def document_labels(response) -> set[str]:
    groups = {g.name: g for g in response.context["facets"]}
    return {o.label for o in [*groups["document"].options, *groups["document"].more]}


def test_a_second_search_reads_no_labels_from_the_database(client, kb, whoosh_index):
    _, first = label_queries(client, {"q": "migrant"})
    response, second = label_queries(client, {"q": "trafficking OR migrant", "category": "labour"})
    assert first and second == []
    assert "Labour migration" in category_labels(response)


def test_a_retitled_document_shows_its_new_label_on_the_next_search(client, kb, whoosh_index):
    document = kb.helsinki_workers.document
    document.symbol = ""
    document.save()
    whoosh_index.update(document.provisions.values_list("pk", flat=True))
    assert document.title in document_labels(client.get(SEARCH, {"q": "migrant"}))
    document.title = "A retitled statement"
    document.save()
    whoosh_index.update(document.provisions.values_list("pk", flat=True))
    assert "A retitled statement" in document_labels(client.get(SEARCH, {"q": "migrant"}))


def test_a_category_renamed_elsewhere_shows_once_the_index_moves(client, kb, whoosh_index):
    """Another process renames the category: this one sees it when the index changes."""
    assert "Labour migration" in category_labels(client.get(SEARCH, {"q": "migrant"}))
    MigrationCategory.objects.filter(slug="labour").update(name="Work migration")  # no signal here
    generation = get_search_backend().generation()
    whoosh_index.update([kb.helsinki_workers.pk])
    assert get_search_backend().generation() != generation
    labels = category_labels(client.get(SEARCH, {"q": "migrant"}))
    assert "Work migration" in labels and "Labour migration" not in labels


def test_without_an_index_generation_labels_are_read_for_each_page(kb, settings, django_assert_num_queries):
    settings.SEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database"}}
    assert get_search_backend().generation() is None
    for _ in range(2):
        with django_assert_num_queries(3):
            labels = FacetLabels.load(document_slugs=[kb.helsinki_workers.document.slug])
    assert list(labels.documents) == [kb.helsinki_workers.document.slug]
