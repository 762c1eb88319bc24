import re

from tests.web.sample import more_documents
from web.charts import nice_ticks


def test_the_timeline_draws_provisions_per_year_by_category_as_svg(client, kb):
    response = client.get("/timeline/")
    assert response.status_code == 200
    timeline = response.context["timeline"]
    assert timeline.years[0] == 1975 and timeline.years[-1] == 2009
    assert timeline.count(2005, "illegal") == 5
    assert timeline.count(2009, "labour") == 1 and timeline.count(2009, "human") == 1
    html = response.content.decode()
    svg = html[html.index('<svg class="chart"') : html.index("</svg>", html.index('<svg class="chart"'))]
    assert 'role="img"' in svg and '<title id="chart-title">' in svg
    assert "2005: Illegal migration, 5 provisions" in svg
    assert len(re.findall(r"<rect ", svg)) == 4  # 1975 labour; 2005 illegal; 2009 labour and human
    assert "style=" not in html  # the site's CSP allows no inline styles


def test_the_timeline_table_links_each_number_to_those_provisions(client, kb):
    html = client.get("/timeline/").content.decode()
    assert 'href="/search/?category=illegal&amp;year_from=2005&amp;year_to=2005"' in html
    follow = client.get("/search/?category=illegal&year_from=2005&year_to=2005")
    assert follow.context["results"].total == 5


def test_the_matrix_counts_provisions_by_dimension_and_category(client, kb):
    matrix = client.get("/matrix/").context["matrix"]
    cells = {(row.dimension.slug, c.slug): n for row in matrix.rows for c, n in row.cells}
    assert cells[("politico-military", "illegal")] == 5
    assert cells[("economic-environmental", "labour")] == 2
    assert cells[("human", "labour")] == 1 and cells[("human", "human")] == 1
    assert cells[("human", "illegal")] == 0
    totals = {c.slug: n for c, n in matrix.totals.cells}
    assert totals["labour"] == 2


def test_matrix_cells_link_to_the_filtered_list_that_has_that_many(client, kb):
    html = client.get("/matrix/").content.decode()
    link = "/search/?dimension=politico-military&amp;category=illegal"
    assert f'href="{link}"' in html
    assert client.get(link.replace("&amp;", "&")).context["results"].total == 5


def test_timeline_and_matrix_cost_the_same_queries_however_big_the_corpus(client, kb, queries):
    _, timeline_before = queries(client, "/timeline/")
    _, matrix_before = queries(client, "/matrix/")
    more_documents(n=3)
    _, timeline_after = queries(client, "/timeline/")
    _, matrix_after = queries(client, "/matrix/")
    assert timeline_before == timeline_after <= 3
    assert matrix_before == matrix_after <= 6


def test_axis_ticks_are_round_numbers_reaching_the_peak():
    assert nice_ticks(0) == [0, 1]
    assert nice_ticks(4) == [0, 1, 2, 3, 4]
    assert nice_ticks(23) == [0, 5, 10, 15, 20, 25]
    assert nice_ticks(180)[-1] >= 180 and len(nice_ticks(180)) <= 6


def test_on_the_corpus_the_timeline_and_matrix_agree_with_the_database(client, corpus):
    from commitments.models import Provision

    timeline = client.get("/timeline/").context["timeline"]
    for year, cells, tagged in timeline.rows():
        in_year = Provision.objects.published().filter(document__date__year=year)
        assert tagged == in_year.exclude(dimensions__isnull=True, categories__isnull=True).distinct().count()
        for category, count in cells:
            assert (
                count
                == Provision.objects.published()
                .in_category(category.slug)
                .filter(document__date__year=year)
                .count()
            )
    assert timeline.count(2009, "human") >= 1
    matrix = client.get("/matrix/").context["matrix"]
    assert matrix.totals.total == Provision.objects.published().count()
    for category, count in matrix.totals.cells:
        assert count == Provision.objects.published().in_category(category.slug).count()


def test_the_timeline_by_dimension_counts_every_tagged_provision_of_the_corpus(client, corpus):
    from commitments.models import Provision

    timeline = client.get("/timeline/", {"by": "dimension"}).context["timeline"]
    mc_doc_2_05 = corpus.document("MC.DOC/2/05").provisions.filter(origin="full_text").count()
    by_year = {year: ({d.slug: n for d, n in cells}, tagged) for year, cells, tagged in timeline.rows()}
    cells_2005, tagged_2005 = by_year[2005]
    # Every paragraph of MC.DOC/2/05 is tagged, most of them with no migration category.
    assert tagged_2005 >= mc_doc_2_05 == 59
    assert cells_2005["politico-military"] == (
        Provision.objects.published()
        .in_dimension("politico-military")
        .filter(document__date__year=2005)
        .count()
    )
    html = client.get("/timeline/", {"by": "dimension"}).content.decode()
    assert "Provisions per year by dimension" in html
    assert "?dimension=human&amp;year_from=2005&amp;year_to=2005" in html
