import pytest

pytestmark = pytest.mark.django_db


def _symbols(response):
    assert response.status_code == 200, response.content
    return [d["symbol"] or d["title"] for d in response.json()["results"]]


def test_lists_only_published_documents_oldest_first(client, api_data):
    body = client.get("/api/documents/").json()
    assert body["count"] == 3
    assert [d["slug"] for d in body["results"]] == [
        api_data.helsinki.slug,
        "mc-doc-2-05",
        "mc-dec-5-09",
    ]
    first = body["results"][0]
    assert first["symbol"] == ""
    assert first["date"] == "1975-08-01"
    assert first["year"] == 1975
    assert first["provision_count"] == 1
    assert first["url"] == f"http://testserver/documents/{api_data.helsinki.slug}/"
    assert first["api_url"] == f"http://testserver/api/documents/{api_data.helsinki.pk}/"


@pytest.mark.parametrize(
    "reference", ["mc.doc/2/05", "MC.DOC/2/05", "Mc.Doc/2/05", "mc-doc-2-05", "{pk}", " mc.doc / 2/05 "]
)
def test_a_document_is_found_by_id_symbol_in_any_case_or_slug(client, api_data, reference):
    reference = reference.format(pk=api_data.border.pk)
    response = client.get(f"/api/documents/{reference}/")
    assert response.status_code == 200, response.content
    assert response.json()["symbol"] == "MC.DOC/2/05"


def test_document_detail_has_its_provisions_in_reading_order(client, api_data):
    body = client.get("/api/documents/mc.doc/2/05/").json()
    assert [p["label"] for p in body["provisions"]] == ["1", "4.5", "Annex C.2(v)"]
    para = body["provisions"][1]
    assert para["citation"] == (
        "OSCE, MC.DOC/2/05, OSCE Border Security and Management Concept "
        "(Ljubljana, 6 December 2005), para. 4.5"
    )
    assert para["dimensions"] == ["politico-military", "human"]
    assert para["categories"] == ["illegal", "forced"]
    assert para["url"] == f"http://testserver/provisions/{api_data.border_45.pk}/"
    assert body["provisions"][0]["is_commitment"] is False


def test_document_detail_shows_provenance_but_not_claims_by_unpublished_sources(client, api_data):
    claims = client.get("/api/documents/mc.dec/5/09/").json()["claims"]
    assert {(c["field"], c["value"], c["source"]) for c in claims} == {
        ("date", "2009-12-04", None),
        ("date", "2009-12-02", "mc-doc-2-05"),
    }


def test_unpublished_and_unknown_documents_are_not_found(client, api_data):
    for reference in ["pc.dec/999", "pc-dec-999", str(api_data.draft.pk), "MC.DEC/1/77", "999999"]:
        response = client.get(f"/api/documents/{reference}/")
        assert response.status_code == 404, reference
        assert response.json()["detail"]


def test_year_range_filters_documents(client, api_data):
    assert _symbols(client.get("/api/documents/?year_from=2005")) == ["MC.DOC/2/05", "MC.DEC/5/09"]
    assert _symbols(client.get("/api/documents/?year_to=2005")) == [api_data.helsinki.title, "MC.DOC/2/05"]
    assert _symbols(client.get("/api/documents/?year_from=2006&year_to=2009")) == ["MC.DEC/5/09"]


def test_kind_and_body_filter_documents(client, api_data):
    assert _symbols(client.get("/api/documents/?kind=mc_decision&kind=mc_document")) == [
        "MC.DOC/2/05",
        "MC.DEC/5/09",
    ]
    assert _symbols(client.get("/api/documents/?body=summit")) == [api_data.helsinki.title]


def test_taxonomy_filters_documents_by_their_provisions(client, api_data):
    assert _symbols(client.get("/api/documents/?category=labour")) == [api_data.helsinki.title, "MC.DEC/5/09"]
    assert _symbols(client.get("/api/documents/?dimension=politico-military")) == ["MC.DOC/2/05"]
    # A document with two matching provisions is listed once.
    assert _symbols(client.get("/api/documents/?category=illegal&category=forced")) == ["MC.DOC/2/05"]
