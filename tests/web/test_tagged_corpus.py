"""The bundled corpus as a researcher filters it after ``make run``: every dimension and category
holds provisions, the dimension × category matrix is mostly filled, and a search narrowed by
dimension and year finds the paragraphs one would look for."""

from django.urls import reverse

from documents.models import Document

SEARCH = reverse("search")


def test_every_dimension_and_category_holds_provisions_on_the_home_page(client, corpus):
    context = client.get("/").context
    dimensions = {d.slug: d.provision_count for d in context["dimensions"]}
    categories = {c.slug: c.provision_count for c in context["categories"]}
    assert set(dimensions) == {"politico-military", "economic-environmental", "human"}
    assert set(categories) == {"labour", "human", "environmental", "illegal", "forced"}
    assert all(count > 0 for count in [*dimensions.values(), *categories.values()])


def test_at_least_half_the_cells_of_the_matrix_are_filled(client, corpus):
    matrix = client.get("/matrix/").context["matrix"]
    cells = [n for row in matrix.rows for _, n in row.cells]
    assert len(cells) == 15
    assert sum(n > 0 for n in cells) >= 8
    assert all(row.total > 0 for row in matrix.rows)
    assert all(n > 0 for _, n in matrix.totals.cells)


def test_a_search_by_dimension_and_year_finds_the_paragraphs_a_researcher_expects(client, corpus_index):
    # Refugees in the human dimension in 2005: the two paragraphs of the Border Concept on
    # refugee law, not the border-management paragraphs that merely mention persons.
    hits = client.get(
        SEARCH, {"q": "refugee", "dimension": "human", "year_from": "2005", "year_to": "2005"}
    ).context["hits"]
    assert sorted((h.document.symbol, h.label) for h in hits) == [
        ("MC.DOC/2/05", "2.1"),
        ("MC.DOC/2/05", "4.5"),
    ]

    # The politico-military side of 2017: the press release on organized crime exploiting the
    # migration crisis, all but its opening paragraph on the visit itself.
    hits = client.get(
        SEARCH, {"dimension": "politico-military", "year_from": "2017", "year_to": "2017"}
    ).context["hits"]
    press_release = Document.objects.get(kind="press_release", date__year=2017)
    assert sorted(int(h.label) for h in hits) == [2, 3, 4, 5, 6, 7]
    assert {h.document_id for h in hits} == {press_release.pk}

    # The same filters through the API give the same provisions.
    api = client.get(
        "/api/search/", {"dimension": "politico-military", "year_from": "2017", "year_to": "2017"}
    )
    assert sorted(h["id"] for h in api.json()["results"]) == sorted(h.pk for h in hits)
