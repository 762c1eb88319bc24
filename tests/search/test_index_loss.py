"""A missing or corrupt index never takes search down: the database answers, and a
rebuild restores full search."""

import logging
import shutil

import pytest

from search import SearchRequest, search_provisions
from search.maintenance import compare_index, rebuild_index
from tests.search.library import build_library


@pytest.fixture
def library(db):
    return build_library()


def search(query: str):
    return search_provisions(SearchRequest(query=query))


def test_deleting_the_index_directory_falls_back_to_the_database_until_rebuilt(library, whoosh_index, caplog):
    assert search("smuggling").backend == "whoosh"  # a searcher is now open on the index
    shutil.rmtree(whoosh_index.store.root)

    with caplog.at_level(logging.ERROR):
        results = search("smuggling")
    assert results.backend == "database"
    assert [hit.provision_id for hit in results.hits] == [library.smuggling.pk]
    assert "answering from the database" in caplog.text

    rebuild_index()
    results = search("smuggling")
    assert results.backend == "whoosh"
    assert [hit.provision_id for hit in results.hits] == [library.smuggling.pk]
    assert not compare_index()


def test_a_corrupt_index_falls_back_to_the_database(library, whoosh_index, caplog):
    directory = whoosh_index.store.current_dir()
    for path in directory.iterdir():
        path.write_bytes(b"\x00garbage")
    whoosh_index.close()  # as a new worker process would find it

    with caplog.at_level(logging.ERROR):
        results = search("smuggling")
    assert results.backend == "database"
    assert [hit.provision_id for hit in results.hits] == [library.smuggling.pk]
    assert "unavailable" in caplog.text

    rebuild_index()
    assert search("smuggling").backend == "whoosh"


def test_searchers_are_reused_until_the_index_changes(library, whoosh_index):
    search("smuggling")
    searcher = whoosh_index._local.searcher
    search("trafficking")
    assert whoosh_index._local.searcher is searcher

    whoosh_index.update([library.smuggling.pk])
    search("smuggling")
    assert whoosh_index._local.searcher is not searcher
