"""The API on the bundled corpus: real symbols, real provisions, and the filters' own definition."""

import pytest

from commitments.models import Provision, Relation
from documents.models import Document
from search import SearchFilters

pytestmark = pytest.mark.django_db


def _get(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json()


def test_mc_doc_2_05_by_its_symbol_in_lower_case_has_every_provision_in_order(client, corpus):
    document = corpus.document("MC.DOC/2/05")
    body = _get(client, "/api/documents/mc.doc/2/05/")
    assert body["title"] == "Border Security and Management Concept"
    assert body["date"] == "2005-12-06"
    labels = [p["label"] for p in body["provisions"]]
    assert labels == list(document.provisions.order_by("position").values_list("label", flat=True))
    assert labels[:6] == ["1", "2", "2.1", "2.2", "2.3", "2.4"]
    assert labels.index("4.5") < labels.index("Annex C.2(v)")
    assert body["provision_count"] == len(labels)


def test_every_style_of_symbol_routes_to_its_document(client, corpus):
    for symbol in ["EEF.GAL/3/09/Rev.1", "MC(5).DEC/2", "MC.DEC/5/09", "SEC.FR/444/16/Rev.1"]:
        for spelling in (symbol, symbol.lower()):
            assert _get(client, f"/api/documents/{spelling}/")["symbol"] == symbol


def test_sources_that_disagree_on_a_date_both_show(client, corpus):
    claims = _get(client, "/api/documents/MC.DEC/5/09/")["claims"]
    dates = {claim["value"] for claim in claims if claim["field"] == "date"}
    assert {"2009-12-02", "2009-12-04"} <= dates


def test_paging_through_the_documents_yields_each_published_one_once(client, corpus):
    seen, url = [], "/api/documents/?page_size=7"
    while url:
        body = _get(client, url)
        seen += [d["id"] for d in body["results"]]
        url = body["next"]
    assert sorted(seen) == sorted(Document.objects.published().values_list("pk", flat=True))


def test_list_and_search_apply_the_filters_exactly_as_the_database_defines_them(client, corpus_index):
    cases = [
        ("category=human", SearchFilters(categories=("human",))),
        ("category=forced&category=illegal", SearchFilters(categories=("forced", "illegal"))),
        ("year_from=2003&year_to=2009", SearchFilters(year_from=2003, year_to=2009)),
        (
            "kind=mc_decision&commitments_only=true",
            SearchFilters(kinds=("mc_decision",), commitments_only=True),
        ),
        ("document=mc-dec-5-09", SearchFilters(documents=("mc-dec-5-09",))),
    ]
    for query, filters in cases:
        expected = filters.apply_to(Provision.objects.published()).count()
        assert expected > 0, query
        assert _get(client, f"/api/provisions/?{query}")["count"] == expected, query
        assert _get(client, f"/api/search/?{query}")["count"] == expected, query


def test_a_symbol_query_finds_that_documents_provisions(client, corpus_index):
    decision = Document.objects.get(symbol="MC.DEC/5/09")
    body = _get(client, "/api/search/?q=mc.dec/5/09&page_size=100")
    assert body["count"] == decision.provisions.count()
    assert {r["document"]["symbol"] for r in body["results"]} == {"MC.DEC/5/09"}
    assert body["facets"]["year"] == {"2009": decision.provisions.count()}


def test_the_studys_citations_are_relations(client, corpus):
    study = Document.objects.get(kind="study")
    expected = Relation.objects.published().filter(source_document=study).count()
    assert expected > 0
    body = _get(client, f"/api/relations/?source={study.slug}&page_size=100")
    assert body["count"] == expected
    assert {r["source"]["document"]["slug"] for r in body["results"]} == {study.slug}
