"""The field operation pages, the API and the search page's operation facet, on the corpus."""

import re

from commitments.models import Provision
from field_operations.models import FieldOperation

STUDY = "Migration – a new challenge for the OSCE in South Eastern Europe?"
SKOPJE = "/operations/mission-to-skopje/"


def _names(html: str) -> list[str]:
    return re.findall(r'<h3 class="hit__title" id="op-\d+"><a href="[^"]+">([^<]+)</a></h3>', html)


def test_the_list_filters_by_country_and_by_field_of_work(client, corpus):
    every = _names(client.get("/operations/").content.decode())
    assert len(every) == 12 and every == sorted(every)
    assert _names(client.get("/operations/", {"country": "North Macedonia"}).content.decode()) == [
        "Mission to Skopje"
    ]
    assert _names(client.get("/operations/", {"field": "migration"}).content.decode()) == [
        "Mission to Bosnia and Herzegovina", "Mission to Serbia", "Mission to Skopje", "Presence in Albania",
    ]  # fmt: skip
    both = client.get("/operations/", {"field": "migration", "country": "Serbia"}).content.decode()
    assert _names(both) == ["Mission to Serbia"]


def test_bad_filters_answer_400_or_an_empty_list_never_500(client, corpus):
    assert client.get("/operations/", {"field": "not a slug!"}).status_code == 400
    nowhere = client.get("/operations/", {"country": "Atlantis"})
    assert (
        nowhere.status_code == 200 and "No field operation matches these filters" in nowhere.content.decode()
    )
    assert client.get("/operations/no-such-operation/").status_code == 404


def test_the_skopje_page_says_what_it_is_and_when_it_was_established_with_the_source(client, corpus):
    html = client.get(SKOPJE).content.decode()
    assert "<h1" in html and "OSCE Mission to Skopje" in html
    assert '<time datetime="1992-09-18">18 September 1992</time>' in html
    assert "Border management, card “Mission to Skopje”" in html
    assert "North Macedonia" in html


def test_the_skopje_page_lists_the_report_it_issued_and_the_gevgelija_passage(client, corpus):
    html = client.get(SKOPJE).content.decode()
    reports = html[html.index('id="reports"') : html.index('id="passages"')]
    report = corpus.document("SEC.FR/444/16/Rev.1")
    assert f'href="{report.get_absolute_url()}"' in reports
    passages = html[html.index('id="passages"') : html.index('id="commitments"')]
    gevgelija = Provision.objects.get(document__title=STUDY, label="§6.1 ¶2")
    assert f'href="{gevgelija.get_absolute_url()}">§6.1 ¶2</a>' in passages
    assert f"{STUDY} (Munich, December 2016), §6.1 ¶2" in passages


def test_the_commitments_of_its_fields_of_work_come_by_dimension_newest_first_with_citations(client, corpus):
    response = client.get(SKOPJE)
    groups = response.context["page"].commitments
    assert [g.title for g in groups][:1] == ["Politico-military dimension"]
    for group in groups:
        dates = [p.document.date for p in group.provisions if p.document.date]
        assert dates == sorted(dates, reverse=True)
        assert all(p.is_commitment for p in group.provisions)
    border_concept = Provision.objects.get(document__symbol="MC.DOC/2/05", label="4.5")
    assert border_concept in groups[0].provisions
    assert border_concept.citation() in response.content.decode()


def test_an_operation_with_no_known_field_of_work_lists_no_commitments(client, corpus):
    moldova = FieldOperation.objects.get(name="Mission to Moldova")
    html = client.get(moldova.get_absolute_url()).content.decode()
    assert "its fields of work are not known" in html


def test_search_hits_name_the_operation_and_a_facet_leads_to_its_passages(client, corpus_index):
    response = client.get("/search/", {"q": "Gevgelija"})
    html = response.content.decode()
    hit = html[html.index('class="hit__operations"') :]
    assert f'<a href="{SKOPJE}">Mission to Skopje</a>' in hit[: hit.index("</p>")]
    facet = html[html.index('id="facet-operation"') :]
    facet = facet[: facet.index("</section>")]
    assert f'href="{SKOPJE}?q=Gevgelija#matching"' in facet
    narrowed = client.get(SKOPJE, {"q": "Gevgelija"}).content.decode()
    matching = narrowed[narrowed.index('id="matching"') : narrowed.index('id="reports"')]
    assert ">§6.1 ¶2</a>" in matching
    assert ">§6.5 ¶3</a>" not in matching


def test_a_search_whose_hits_name_no_operation_has_no_operation_facet(client, corpus_index):
    assert 'id="facet-operation"' not in client.get("/search/", {"q": "Ljubljana"}).content.decode()


def test_the_api_lists_and_filters_operations_and_gives_their_sources(client, corpus):
    listed = client.get("/api/operations/", {"field": "migration"}).json()
    assert [o["name"] for o in listed["results"]] == [
        "Mission to Bosnia and Herzegovina", "Mission to Serbia", "Mission to Skopje", "Presence in Albania",
    ]  # fmt: skip
    skopje = client.get("/api/operations/mission-to-skopje/").json()
    assert skopje["established"] == "1992-09-18"
    source = "Border management, card “Mission to Skopje”"
    assert {"field": "established", "value": "1992-09-18", "source": source, "basis": ""} in skopje["claims"]
    report = "OSCE, SEC.FR/444/16/Rev.1, Update on Activities in the Area of Migrant/ Refugee Crisis"
    report += " (10 June 2016)"
    assert [i["citation"] for i in skopje["issued"]] == [report]
    assert any(p["label"] == "§6.1 ¶2" for p in skopje["passages"])
    assert client.get("/api/operations/", {"colour": "red"}).status_code == 400
