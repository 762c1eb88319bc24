"""Whatever the query string holds, a page answers with a helpful 400 or 404, never a 500."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"year_from": "abc"}, "year_from"),
        ({"year_to": "1e9"}, "year_to"),
        ({"year_from": "99999"}, "year_from"),
        ({"page": "-1"}, "page"),
        ({"page": "0"}, "page"),
        ({"page": "two"}, "page"),
        ({"category": "not-a-category"}, "category"),
        ({"dimension": "fourth"}, "dimension"),
        ({"kind": "novel"}, "kind"),
        ({"body": "nobody"}, "body"),
        ({"document": "no-such-document"}, "document"),
        ({"order": "random"}, "order"),
        ({"q": "migrant\x00workers"}, "q"),
    ],
)
def test_search_names_the_bad_parameter_in_a_400(client, kb, params, named):
    response = client.get(reverse("search"), params)
    assert response.status_code == 400
    errors = response.context["errors"]
    assert any(error.startswith(named) for error in errors), errors
    html = response.content.decode()
    assert "Some parameters could not be used" in html
    assert 'href="/search/">Start again without them' in html


def test_a_page_past_the_last_is_a_404_that_points_back(client, kb):
    response = client.get(reverse("search"), {"q": "migrant", "page": "999999"})
    assert response.status_code == 404
    html = response.content.decode()
    assert "There is no page 999999" in html
    assert 'href="?q=migrant">Go to its first page' in html


def test_a_draft_document_is_an_unknown_facet_value(client, kb):
    response = client.get(reverse("search"), {"document": kb.draft.slug})
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("url", "named"),
    [
        ("/documents/?year_from=abc", "year_from"),
        ("/documents/?page=-1", "page"),
        ("/documents/?kind=novel", "kind"),
        ("/documents/?category=nope", "category"),
        ("/documents/?sort=colour", "sort"),
        ("/categories/labour/?year_to=abc", "year_to"),
        ("/categories/labour/?page=x", "page"),
        ("/dimensions/human/?year_from=1e3", "year_from"),
        ("/export/provisions.csv?year_from=abc", "year_from"),
        ("/export/provisions.json?category=nope", "category"),
        ("/export/documents.csv?kind=novel", "kind"),
    ],
)
def test_lists_and_exports_answer_400_naming_the_parameter(client, kb, url, named):
    response = client.get(url)
    assert response.status_code == 400
    assert f"<li>{named} (" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/documents/?page=999999",
        "/categories/labour/?page=999999",
        "/documents/no-such-document/",
        "/provisions/999999999/",
        "/categories/nope/",
        "/dimensions/nope/",
        "/export/provisions.xlsx",
        "/documents/mc-doc-2-05/source/",
    ],
)
def test_what_does_not_exist_is_a_404(client, kb, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "<h1>" in response.content.decode()


def test_an_overlong_query_is_cut_not_refused_and_the_page_says_so(client, kb):
    response = client.get(reverse("search"), {"q": "migrant " * 200})
    assert response.status_code == 200
    page = response.content.decode()
    assert "The query was cut to its first 500 characters." in page
    short = client.get(reverse("search"), {"q": "migrant"})
    assert response.context["results"].total == short.context["results"].total > 0
    assert "cut to its first" not in short.content.decode()
