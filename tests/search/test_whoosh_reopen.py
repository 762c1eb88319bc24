"""After a write, the next search reopens only the new segments, and sees every deletion."""

from commitments.models import Provision
from search import SearchRequest, search_provisions


def leaf_readers(backend):
    return [reader for reader, _ in backend._searcher().reader().leaf_readers()]


def hits(query: str) -> list[int]:
    results = search_provisions(SearchRequest(query=query, page_size=100))
    assert results.backend == "whoosh"
    return [hit.provision_id for hit in results.hits]


def test_an_edit_reopens_only_its_own_segment_and_hides_the_old_version(corpus_index):
    before = {reader.segment().segment_id(): reader for reader in leaf_readers(corpus_index)}
    provision = Provision.objects.published().order_by("pk").first()
    provision.text += " zqreopened"
    provision.save()
    corpus_index.update([provision.pk])

    after = leaf_readers(corpus_index)
    reused = [reader for reader in after if before.get(reader.segment().segment_id()) is reader]
    assert len(reused) == len(before) and len(after) == len(before) + 1
    assert hits("zqreopened") == [provision.pk]
    # The provision's first version, in a segment kept open, counts as deleted there.
    assert reused[0].has_deletions() and reused[0].doc_count() == reused[0].doc_count_all() - 1


def test_a_deleted_provision_leaves_the_results_of_a_reused_searcher(corpus_index):
    provision = Provision.objects.published().filter(text__icontains="trafficking").order_by("pk").first()
    assert provision.pk in hits("trafficking")
    provision.delete()
    corpus_index.update([provision.pk])
    assert provision.pk not in hits("trafficking")


def test_an_index_built_empty_searches_and_then_takes_its_first_provisions(whoosh_index):
    from tests.factories import ProvisionFactory

    assert hits("remittances") == []  # a searcher on an index with no segment yet
    provision = ProvisionFactory(text="Participating States will facilitate remittances.")
    whoosh_index.update([provision.pk])
    assert hits("remittances") == [provision.pk]
