"""The dataset version is read in full only when something marks a change: pages that print
it on every request do not count every table's rows each time."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from commitments.models import MigrationCategory, Provision
from operations.dataset import dataset_version
from search.sync import update_index_for


def counted_reads() -> tuple[str, int]:
    with CaptureQueriesContext(connection) as context:
        version = str(dataset_version())
    return version, sum("COUNT(*)" in q["sql"] for q in context.captured_queries)


def test_an_unchanged_corpus_is_not_counted_again(corpus_index):
    first, counts = counted_reads()
    assert counts > 0
    assert counted_reads() == (first, 0)


def test_an_edit_through_the_models_gives_a_new_version_at_once(corpus_index):
    before, _ = counted_reads()
    provision = Provision.objects.published().order_by("pk").first()
    provision.text += " Amended."
    provision.save()  # history records it; the index is updated only after the commit
    after, counts = counted_reads()
    assert after != before and counts > 0


def test_a_bulk_change_that_bypasses_history_shows_once_the_index_follows(corpus_index):
    before, _ = counted_reads()
    provision = Provision.objects.published().filter(categories__isnull=False).order_by("pk").first()
    provision.categories.through.objects.filter(provision=provision).delete()  # no history record
    Provision.objects.filter(pk=provision.pk).update(text="Rewritten in bulk.")
    assert update_index_for([provision.pk])  # what search.sync asks of bulk changes
    assert counted_reads()[0] != before


def test_without_an_index_generation_every_call_counts(corpus, settings):
    settings.SEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database"}}
    first, _ = counted_reads()
    assert counted_reads()[1] > 0


def test_renaming_a_category_gives_a_new_version_at_once(corpus_index):
    before, _ = counted_reads()
    category = MigrationCategory.objects.order_by("pk").first()
    category.name = "Labour mobility"
    category.save()  # no history record, no count moves, the index is untouched
    assert counted_reads()[0] != before
