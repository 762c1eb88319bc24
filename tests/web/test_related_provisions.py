"""A provision page's related provisions: those sharing the most of its categories first,
commitments before other text, then the newest; ranked once per set of categories and state
of the search index, and shown afresh once the index moves."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import DocumentFactory, ProvisionFactory
from web.selectors import related_provisions

RANKING = 'COUNT("commitments_provision_categories"."migrationcategory_id")'


def related_of(client, provision) -> tuple[list, int]:
    with CaptureQueriesContext(connection) as context:
        response = client.get(provision.get_absolute_url())
    rankings = sum(1 for q in context.captured_queries if RANKING in q["sql"])
    return response.context["page"].related, rankings


def test_most_shared_categories_first_then_commitments_then_the_newest(kb):
    old = DocumentFactory(date=datetime.date(1990, 1, 1))
    new = DocumentFactory(date=datetime.date(2015, 1, 1))
    both_text = ProvisionFactory(document=new, categories=["labour", "human"], is_commitment=False)
    both_old = ProvisionFactory(document=old, categories=["labour", "human"])
    human_new = ProvisionFactory(document=new, categories=["human"])
    labour_other = ProvisionFactory(document=new, categories=["labour"], is_commitment=False)
    ProvisionFactory(document=new, categories=["illegal"])  # shares nothing
    related = related_provisions(provision=kb.athens_workers)
    assert related == [both_old, both_text, human_new, kb.helsinki_workers, labour_other]
    assert [p.shared for p in related] == [2, 2, 1, 1, 1]


def test_provisions_with_the_same_categories_share_one_ranking(client, kb, whoosh_index):
    first, first_rankings = related_of(client, kb.concept_provisions["4.5"])
    second, second_rankings = related_of(client, kb.concept_provisions["1"])
    assert (first_rankings, second_rankings) == (1, 0)
    assert kb.concept_provisions["4.5"] not in first and kb.concept_provisions["4.5"] in second
    assert kb.concept_provisions["1"] in first and kb.concept_provisions["1"] not in second


def test_a_newly_tagged_provision_is_related_once_the_index_moves(client, kb, whoosh_index):
    document = DocumentFactory(date=datetime.date(2020, 1, 1))  # saving a document clears the cache
    assert related_of(client, kb.helsinki_workers)[0] == [kb.athens_workers]
    newly = ProvisionFactory(document=document)
    newly.categories.set(kb.helsinki_workers.categories.all())  # no index update inside a test
    whoosh_index.update([newly.pk])
    related, rankings = related_of(client, kb.helsinki_workers)
    assert related == [newly, kb.athens_workers] and rankings == 1
