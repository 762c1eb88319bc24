"""Edits add small segments without merging, until segments pile up; rebuilds leave few."""

import pytest
from whoosh import index as whoosh_index

from commitments.models import Provision
from search import SearchRequest, search_provisions
from search.backends import whoosh_build
from search.backends.whoosh import MERGE_AT_SEGMENTS
from search.backends.whoosh_indexing import MERGED_PER_WRITE
from search.maintenance import compare_index


def segment_sizes(backend) -> list[int]:
    ix = whoosh_index.open_dir(str(backend.store.current_dir()))
    return [segment.doc_count_all() for segment in ix._segments()]


def edit(backend, provision: Provision, word: str) -> None:
    provision.text = f"{provision.text} {word}"
    provision.save()
    backend.update({provision.pk})


def found(word: str) -> set[int]:
    return {hit.provision_id for hit in search_provisions(SearchRequest(query=word)).hits}


@pytest.fixture
def index(corpus, whoosh_index):
    assert len(segment_sizes(whoosh_index)) == 1
    return whoosh_index


def test_single_edits_add_a_segment_each_until_the_bound(index):
    provisions = list(Provision.objects.published().order_by("pk")[: MERGE_AT_SEGMENTS - 1])
    for n, provision in enumerate(provisions, start=1):
        edit(index, provision, f"zqsegment{chr(ord('a') + n)}")
        assert len(segment_sizes(index)) == 1 + n
    assert segment_sizes(index)[1:] == [1] * len(provisions)
    for n, provision in enumerate(provisions, start=1):
        assert found(f"zqsegment{chr(ord('a') + n)}") == {provision.pk}


def test_the_write_past_the_bound_merges_the_small_segments(index):
    provisions = list(Provision.objects.published().order_by("pk")[:MERGE_AT_SEGMENTS])
    base = segment_sizes(index)[0]
    for n, provision in enumerate(provisions):
        edit(index, provision, f"zqmerge{chr(ord('a') + n)}")
    sizes = segment_sizes(index)
    assert len(sizes) == MERGE_AT_SEGMENTS - MERGED_PER_WRITE + 1
    assert sizes[0] == base  # the large segment was left alone
    assert sizes[-1] == MERGED_PER_WRITE + 1
    for n, provision in enumerate(provisions):
        assert found(f"zqmerge{chr(ord('a') + n)}") == {provision.pk}
    assert not compare_index(backend=index)


def test_edits_keep_one_document_per_provision(index):
    provision = Provision.objects.published().order_by("pk").first()
    total = Provision.objects.published().count()
    for n in range(MERGE_AT_SEGMENTS + 2):
        edit(index, provision, f"zqagain{chr(ord('a') + n)}")
    ix = whoosh_index.open_dir(str(index.store.current_dir()))
    assert ix.doc_count() == total
    assert found("zqagaina") == found(f"zqagain{chr(ord('a') + MERGE_AT_SEGMENTS + 1)}") == {provision.pk}


def test_a_rebuild_leaves_one_segment_per_worker(index, monkeypatch):
    monkeypatch.setattr(whoosh_build, "MIN_PER_WORKER", 1)
    provision = Provision.objects.published().order_by("pk").first()
    edit(index, provision, "zqbeforerebuild")
    index.build_processes = 2
    index.rebuild()
    assert len(segment_sizes(index)) == 2
    assert found("zqbeforerebuild") == {provision.pk}
    assert not compare_index(backend=index)
