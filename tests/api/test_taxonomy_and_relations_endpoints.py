import pytest

pytestmark = pytest.mark.django_db


def test_dimensions_list_with_counts_of_published_provisions(client, api_data):
    body = client.get("/api/dimensions/").json()
    assert [d["slug"] for d in body["results"]] == ["politico-military", "economic-environmental", "human"]
    counts = {d["slug"]: d["provision_count"] for d in body["results"]}
    # The draft's provision is tagged human too, and must not count.
    assert counts == {"politico-military": 2, "economic-environmental": 2, "human": 2}


def test_categories_list_with_their_study_sections(client, api_data):
    body = client.get("/api/categories/").json()
    assert [(c["slug"], c["study_section"]) for c in body["results"]] == [
        ("labour", "4.1.1"),
        ("human", "4.1.2"),
        ("environmental", "4.1.3"),
        ("illegal", "4.1.4"),
        ("forced", "4.1.5"),
    ]
    assert {c["slug"]: c["provision_count"] for c in body["results"]}["labour"] == 2


def test_taxon_detail_by_slug(client, api_data):
    forced = client.get("/api/categories/forced/").json()
    assert forced["name"] == "Forced migration"
    assert forced["provision_count"] == 1
    assert forced["url"] == "http://testserver/categories/forced/"
    assert client.get("/api/dimensions/human/").json()["provision_count"] == 2
    assert client.get("/api/categories/nonexistent/").status_code == 404


def test_relations_link_published_documents_and_provisions(client, api_data):
    body = client.get("/api/relations/").json()
    assert body["count"] == 2  # the draft's link is left out
    cites = client.get(f"/api/relations/{api_data.cites.pk}/").json()
    assert cites["kind"] == "cites"
    assert cites["source"]["document"]["symbol"] == "MC.DEC/5/09"
    assert cites["source"]["provision"]["label"] == "1"
    assert cites["target"]["provision"]["id"] == api_data.border_45.pk
    assert cites["evidence"] == "footnote 2"
    reaffirms = client.get(f"/api/relations/{api_data.reaffirms.pk}/").json()
    assert reaffirms["target"]["provision"] is None


def test_relation_filters(client, api_data):
    def kinds(query):
        response = client.get(f"/api/relations/?{query}")
        assert response.status_code == 200, response.content
        return sorted(r["kind"] for r in response.json()["results"])

    assert kinds("kind=reaffirms") == ["reaffirms"]
    assert kinds("document=mc-doc-2-05") == ["cites"]
    assert kinds(f"document={api_data.helsinki.slug}") == ["reaffirms"]
    assert kinds("source=mc-dec-5-09") == ["cites", "reaffirms"]
    assert kinds("source=MC.DEC/5/09&kind=cites") == ["cites"]
    assert kinds("target=mc-dec-5-09") == []
    assert kinds("target=mc-doc-2-05&kind=reaffirms") == []


def test_a_link_from_an_unpublished_document_is_not_found(client, api_data):
    hidden = api_data.draft.outgoing_relations.get()
    assert client.get(f"/api/relations/{hidden.pk}/").status_code == 404
