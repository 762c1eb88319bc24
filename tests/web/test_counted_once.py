"""Every count the public pages show on the bundled corpus is the database's, each passage and
each quotation once: the home page, the matrix (whose every cell is the search it links to),
the timeline and the search facets."""

import re
from html import unescape

import pytest

from commitments.models import Dimension, MigrationCategory, Provision, ProvisionOrigin
from commitments.quotations import Quotation, QuotationStatus
from documents.models import Document

pytestmark = pytest.mark.django_db


def _stat(html: str, term: str) -> int:
    return int(re.search(rf"<dt>{term}</dt><dd><a [^>]*>(\d+)</a></dd>", html)[1])


def _search_total(client, query: str) -> int:
    html = client.get(f"/search/?{query}").content.decode()
    return int(re.search(r'<h2 id="results-title">(\d+) provisions?</h2>', html)[1])


def test_the_home_page_counts_each_passage_and_each_quotation_once(client, corpus):
    html = client.get("/").content.decode()
    provisions = Provision.objects.published()
    assert _stat(html, "Documents") == Document.objects.published().count()
    assert _stat(html, "Commitments") == provisions.filter(is_commitment=True).count()
    # A quotation matched to a held paragraph is that paragraph; any other is one passage.
    quotations = Quotation.objects.published()
    matched = quotations.filter(status=QuotationStatus.MATCHED)
    assert not matched.filter(passage__isnull=False).exists()
    passages = provisions.filter(origin=ProvisionOrigin.QUOTATION)
    assert passages.count() == quotations.count() - matched.count()
    assert (
        _stat(html, "Provisions")
        == provisions.count()
        == (provisions.filter(origin=ProvisionOrigin.FULL_TEXT).count() + passages.count())
    )
    shown = [int(n) for n in re.findall(r'<p class="card__count">(\d+) provisions?</p>', html)]
    categories = MigrationCategory.objects.order_by("position", "pk")
    assert shown[: categories.count()] == [
        provisions.filter(categories=category).distinct().count() for category in categories
    ]


def test_each_cell_of_the_matrix_is_the_search_it_links_to(client, corpus_index):
    html = client.get("/matrix/").content.decode()
    cells = re.findall(r'<a href="/search/\?([^"]+)"[^>]*>(\d+)</a>', html)
    assert len(cells) > 15
    provisions = Provision.objects.published()
    for query, number in cells:
        query = unescape(query)
        params = dict(part.split("=") for part in query.split("&"))
        expected = provisions
        if "dimension" in params:
            expected = expected.filter(dimensions__slug=params["dimension"])
        if "category" in params:
            expected = expected.filter(categories__slug=params["category"])
        assert int(number) == expected.distinct().count() == _search_total(client, query), query


def test_each_year_of_the_timeline_counts_its_tagged_provisions_once(client, corpus):
    html = client.get("/timeline/").content.decode()
    rows = re.findall(r'<th scope="row"><a href="[^"]*">(\d{4})</a></th>(.*?)</tr>', html, re.S)
    assert len(rows) > 5
    tagged = Provision.objects.published().filter(
        categories__isnull=False
    ) | Provision.objects.published().filter(dimensions__isnull=False)
    for year, cells in rows:
        numbers = [int(n) for n in re.findall(r">(\d+)<", cells)]
        assert numbers[-1] == tagged.filter(document__date__year=int(year)).distinct().count(), year


def test_search_facets_count_each_hit_once(client, corpus_index):
    body = client.get("/api/search/", {"q": "migration"}).json()
    total = body["count"]
    assert total > 50
    # Every hit is of one kind: that facet adds up to the hits.
    assert sum(body["facets"]["kind"].values()) == total
    # Each value of a facet counts the hits that the filter by it finds.
    narrowings = [
        ("dimension", slug, {"dimension": slug}) for slug in Dimension.objects.values_list("slug", flat=True)
    ]
    narrowings += [("year", year, {"year_from": year, "year_to": year}) for year in body["facets"]["year"]]
    narrowings += [("kind", kind, {"kind": kind}) for kind in body["facets"]["kind"]]
    for facet, value, params in narrowings:
        narrowed = client.get("/api/search/", {"q": "migration", **params}).json()["count"]
        assert body["facets"][facet].get(value, 0) == narrowed, (facet, value)
