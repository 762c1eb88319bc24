from tests.web.sample import more_documents


def test_the_category_list_describes_each_category_with_its_count(client, kb):
    response = client.get("/categories/")
    taxa = {t.slug: t.provision_count for t in response.context["taxa"]}
    assert taxa["labour"] == 2 and taxa["forced"] == 0
    assert "The orderly movement of workers" in response.content.decode()


def test_a_category_page_lists_its_provisions_in_time_order(client, kb):
    response = client.get("/categories/labour/")
    assert response.status_code == 200
    assert list(response.context["provisions"]) == [kb.helsinki_workers, kb.athens_workers]
    html = response.content.decode()
    assert "Section 4.1.1 of the 2016 study" in html
    assert "Confidential draftword" not in html


def test_a_category_page_narrows_by_year(client, kb):
    response = client.get("/categories/labour/", {"year_from": "2000"})
    assert list(response.context["provisions"]) == [kb.athens_workers]
    html = response.content.decode()
    assert 'href="/export/provisions.csv?year_from=2000&amp;category=labour&amp;order=date"' in html


def test_a_dimension_page_lists_its_provisions_and_narrows_by_year(client, kb):
    response = client.get("/dimensions/economic-environmental/")
    assert list(response.context["provisions"]) == [kb.helsinki_workers, kb.athens_workers]
    response = client.get("/dimensions/economic-environmental/", {"year_to": "1990"})
    assert list(response.context["provisions"]) == [kb.helsinki_workers]
    assert "The second dimension of security" in response.content.decode()


def test_the_dimension_list_counts_published_provisions(client, kb):
    taxa = {t.slug: t.provision_count for t in client.get("/dimensions/").context["taxa"]}
    assert taxa == {"politico-military": 5, "economic-environmental": 2, "human": 1}


def test_browse_pages_cost_the_same_queries_however_many_provisions(client, kb, queries):
    _, category_before = queries(client, "/categories/illegal/")
    _, list_before = queries(client, "/categories/")
    more_documents(n=3)
    _, category_after = queries(client, "/categories/illegal/")
    _, list_after = queries(client, "/categories/")
    assert category_before == category_after <= 6
    assert list_before == list_after <= 2
