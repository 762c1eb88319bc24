"""A missing or corrupt index never takes search down: the database answers, and a
rebuild restores full search."""

import logging
import random
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


def test_a_bug_in_the_search_code_fails_loudly_instead_of_falling_back(library, whoosh_index, monkeypatch):
    from search.backends import whoosh_eval

    def broken(*args, **kwargs):
        raise KeyError("a bug, not a damaged index")

    monkeypatch.setattr(whoosh_eval.Evaluator, "run", broken)
    with pytest.raises(KeyError, match="a bug"):
        search("smuggling")


@pytest.mark.parametrize("seed", range(3))
def test_random_damage_to_the_index_files_ends_in_an_answer_or_the_fallback(library, whoosh_index, seed):
    """Truncated, emptied, overwritten, bit-flipped or deleted files: never an exception."""
    rnd = random.Random(seed)
    directory = whoosh_index.store.current_dir()
    originals = {path: path.read_bytes() for path in sorted(directory.iterdir()) if path.is_file()}
    backends = set()
    for _ in range(25):
        for path, data in originals.items():
            path.write_bytes(data)
        victim = rnd.choice(sorted(path for path, data in originals.items() if data))
        data = bytearray(originals[victim])
        mode = rnd.choice(["truncate", "empty", "garbage", "flip", "delete"])
        if mode == "delete":
            victim.unlink()
        else:
            if mode == "truncate":
                data = data[: rnd.randrange(len(data))]
            elif mode == "empty":
                data = bytearray()
            elif mode == "garbage":
                data = bytearray(rnd.randbytes(len(data)))
            else:
                for _ in range(5):
                    data[rnd.randrange(len(data))] ^= 0xFF
            victim.write_bytes(bytes(data))
        whoosh_index.close()  # as a new worker process would find it
        results = search("smuggling OR border")
        backends.add(results.backend)
        if results.backend == "database":
            assert library.smuggling.pk in [hit.provision_id for hit in results.hits]
    assert "database" in backends
