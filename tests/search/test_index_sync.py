"""Saving, deleting or re-tagging reaches the index after the transaction commits."""

import logging
import shutil

import pytest
from django.db import transaction
from whoosh import index as whoosh_index

from commitments.models import Dimension, Provision
from documents.models import PublicationStatus
from search import SearchFilters, SearchRequest, search_provisions
from search.maintenance import compare_index
from tests.factories import ProvisionFactory
from tests.search.library import build_library


@pytest.fixture
def library(db):
    return build_library()


@pytest.fixture
def index(library, whoosh_index):
    return whoosh_index


def found(query: str = "", **filters) -> set[int]:
    results = search_provisions(
        SearchRequest(query=query, filters=SearchFilters(**filters), page_size=100, with_facets=True)
    )
    assert results.backend == "whoosh"
    return {hit.provision_id for hit in results.hits}


def generation(index) -> int:
    return whoosh_index.open_dir(str(index.store.current_dir())).latest_generation()


def test_a_saved_provision_is_indexed_only_once_the_transaction_commits(
    index, library, django_capture_on_commit_callbacks
):
    provision = library.trafficking
    with django_capture_on_commit_callbacks() as callbacks:
        provision.text = "The participating States will protect seasonal harvesters."
        provision.save()
        assert found("harvesters") == set()
    for callback in callbacks:
        callback()
    assert found("harvesters") == {provision.pk}
    assert not compare_index()


def test_a_rolled_back_change_never_reaches_the_index(index, library, django_capture_on_commit_callbacks):
    provision = library.trafficking
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        provision.text = "A text that was never committed: lighthouses."
        provision.save()
        raise RuntimeError
    assert found("lighthouses") == set()
    assert not compare_index()


def test_many_saves_in_one_transaction_make_one_index_write(
    index, library, django_capture_on_commit_callbacks
):
    before = generation(index)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        for n in range(5):
            ProvisionFactory(document=library.final_act, label=f"x{n}", text=f"Orchards and vineyards {n}.")
    assert generation(index) == before + 1
    assert len(found("vineyards")) == 5


def test_tag_changes_reach_the_facets(index, library, django_capture_on_commit_callbacks):
    human = Dimension.objects.get(slug="human")
    with django_capture_on_commit_callbacks(execute=True):
        library.smuggling.dimensions.add(human)
    assert library.smuggling.pk in found(dimensions=("human",))
    tagged = Provision.objects.filter(dimensions=human)
    with django_capture_on_commit_callbacks(execute=True):
        for provision in tagged:
            provision.dimensions.clear()
    assert found(dimensions=("human",)) == set()
    assert not compare_index()


def test_document_changes_reach_its_provisions(index, library, django_capture_on_commit_callbacks):
    document = library.migration_decision
    with django_capture_on_commit_callbacks(execute=True):
        document.title = "Decision on caravanserais"
        document.save()
    assert found("caravanserais") == set(document.provisions.values_list("pk", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        document.status = PublicationStatus.DRAFT
        document.save()
    assert found("caravanserais") == set()
    assert not compare_index()


def test_a_deleted_document_leaves_the_index(index, library, django_capture_on_commit_callbacks):
    gone = set(library.border_concept.provisions.values_list("pk", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        library.border_concept.delete()
    assert not gone & found("")
    assert not compare_index()


def test_a_deleted_provision_leaves_the_index(index, library, django_capture_on_commit_callbacks):
    pk = library.smuggling.pk
    with django_capture_on_commit_callbacks(execute=True):
        Provision.objects.get(pk=pk).delete()
    assert pk not in found("smuggling")
    assert not compare_index()


def test_indexing_errors_are_logged_and_the_save_stands(
    index, library, caplog, django_capture_on_commit_callbacks
):
    shutil.rmtree(index.store.root)
    provision = library.trafficking
    with caplog.at_level(logging.WARNING), django_capture_on_commit_callbacks(execute=True):
        provision.text = "Saved while the index is gone."
        provision.save()
    assert Provision.objects.get(pk=provision.pk).text == "Saved while the index is gone."
    assert "search_index rebuild" in caplog.text
