import pytest

from commitments.models import Provision

pytestmark = pytest.mark.django_db


def _labels(response):
    assert response.status_code == 200, response.content
    return [(p["document"]["symbol"] or "Helsinki", p["label"]) for p in response.json()["results"]]


def test_lists_published_provisions_in_document_and_reading_order(client, api_data):
    body = client.get("/api/provisions/").json()
    assert body["count"] == Provision.objects.published().count() == 5
    assert _labels(client.get("/api/provisions/")) == [
        ("Helsinki", "1"),
        ("MC.DOC/2/05", "1"),
        ("MC.DOC/2/05", "4.5"),
        ("MC.DOC/2/05", "Annex C.2(v)"),
        ("MC.DEC/5/09", "1"),
    ]


def test_provision_detail_carries_its_document_and_citation(client, api_data):
    body = client.get(f"/api/provisions/{api_data.border_45.pk}/").json()
    assert body["document"]["symbol"] == "MC.DOC/2/05"
    assert body["document"]["date"] == "2005-12-06"
    assert body["label"] == "4.5"
    assert body["citation"].endswith("(Ljubljana, 6 December 2005), para. 4.5")
    assert body["api_url"] == f"http://testserver/api/provisions/{api_data.border_45.pk}/"


def test_a_provision_of_an_unpublished_document_is_not_found(client, api_data):
    assert client.get(f"/api/provisions/{api_data.draft_1.pk}/").status_code == 404


def test_year_filters(client, api_data):
    assert _labels(client.get("/api/provisions/?year_from=2009")) == [("MC.DEC/5/09", "1")]
    assert _labels(client.get("/api/provisions/?year_to=1975")) == [("Helsinki", "1")]


def test_dimension_and_category_filters_take_any_of_several(client, api_data):
    assert _labels(client.get("/api/provisions/?dimension=economic-environmental")) == [
        ("Helsinki", "1"),
        ("MC.DEC/5/09", "1"),
    ]
    assert _labels(client.get("/api/provisions/?category=forced&category=labour")) == [
        ("Helsinki", "1"),
        ("MC.DOC/2/05", "4.5"),
        ("MC.DEC/5/09", "1"),
    ]
    assert _labels(client.get("/api/provisions/?category=labour&dimension=human")) == [("MC.DEC/5/09", "1")]


def test_kind_body_and_document_filters(client, api_data):
    assert _labels(client.get("/api/provisions/?kind=final_act")) == [("Helsinki", "1")]
    assert _labels(client.get("/api/provisions/?body=ministerial_council&year_to=2005")) == [
        ("MC.DOC/2/05", "1"),
        ("MC.DOC/2/05", "4.5"),
        ("MC.DOC/2/05", "Annex C.2(v)"),
    ]
    assert _labels(client.get("/api/provisions/?document=mc-dec-5-09")) == [("MC.DEC/5/09", "1")]
    # A document may be named by its symbol too, in any case.
    assert _labels(
        client.get("/api/provisions/?document=mc.dec/5/09&document=mc-doc-2-05&kind=mc_decision")
    ) == [("MC.DEC/5/09", "1")]


def test_commitments_only_leaves_out_descriptive_text(client, api_data):
    labels = _labels(client.get("/api/provisions/?document=mc-doc-2-05&commitments_only=true"))
    assert labels == [("MC.DOC/2/05", "4.5"), ("MC.DOC/2/05", "Annex C.2(v)")]
    assert len(_labels(client.get("/api/provisions/?document=mc-doc-2-05&commitments_only=false"))) == 3
    # The same filter behind a page's checkbox, which sends "on" when ticked.
    assert len(_labels(client.get("/api/provisions/?document=mc-doc-2-05&commitments_only=on"))) == 2


def test_pages_are_bounded_and_linked(client, api_data):
    first = client.get("/api/provisions/?page_size=2").json()
    assert first["count"] == 5
    assert len(first["results"]) == 2
    assert first["previous"] is None
    assert first["next"] == "http://testserver/api/provisions/?page=2&page_size=2"
    last = client.get("/api/provisions/?page_size=2&page=3").json()
    assert [p["label"] for p in last["results"]] == ["1"]
    assert last["next"] is None
    assert last["previous"] == "http://testserver/api/provisions/?page=2&page_size=2"
    past_the_end = client.get("/api/provisions/?page_size=2&page=9").json()
    assert past_the_end["results"] == []
    assert past_the_end["count"] == 5
