"""Lineage on the bundled corpus: the references the held texts make, on the document page, the
provision page and the lineage view."""

import pytest
from django.urls import reverse

from commitments.models import Relation, RelationKind, RelationOrigin
from documents.models import Document, PublicationStatus
from importing.catalogue import read_catalogue
from importing.lineage import record_lineage

pytestmark = pytest.mark.django_db

# MC.DOC/2/05 para. 2.2: the five OSCE documents it names, and the verb that governs each.
PARA_2_2 = {
    "Helsinki Final Act": ("reaffirms", ""),
    "Document of the Copenhagen Meeting of the Conference on the Human Dimension of the CSCE": (
        "reaffirms",
        "",
    ),
    "CSCE Helsinki Document": ("reaffirms", ""),
    "Charter for European Security": ("reaffirms", ""),
    "OSCE Strategy to Address Threats to Security and Stability in the Twenty-First Century": (
        "cites",
        "paragraph 35",
    ),
}


def _section(html: str, start: str, end: str) -> str:
    return html[html.index(start) : html.index(end, html.index(start))]


def test_para_2_2_of_mc_doc_2_05_is_linked_to_the_five_documents_it_names(corpus):
    concept = corpus.document("MC.DOC/2/05")
    links = Relation.objects.filter(source_document=concept, source_provision__label="2.2")
    found = {r.target_document.title: (r.kind, r.target_locator) for r in links}
    assert found == PARA_2_2
    assert {r.origin for r in links} == {RelationOrigin.TEXT}


def test_mc_doc_2_05_s_page_shows_what_it_reaffirms_and_cites(client, corpus):
    html = client.get("/documents/mc-doc-2-05/").content.decode()
    reaffirms = _section(html, "<h4>Reaffirms</h4>", "</ul>")
    cites = _section(html, "<h4>Cites</h4>", "</ul>")
    for title, (kind, _) in PARA_2_2.items():
        document = Document.objects.get(title=title)
        listed = reaffirms if kind == "reaffirms" else cites
        assert f'<a href="{document.get_absolute_url()}">{document}</a>' in listed, title
        assert '<a href="#p-2.2">para. 2.2</a>' in listed
    assert "Stability in the Twenty-First Century</a>, paragraph 35" in cites
    assert "Platform for Co-operative Security" in cites  # para. 14, "in accordance with"
    assert "Final Recommendations of the Helsinki Consultations</a>, paragraph 79, Chapter 6" in cites
    assert "No citations recorded." not in html


def test_the_final_act_s_page_shows_who_reaffirms_it(client, corpus):
    helsinki = Document.objects.get(title="Helsinki Final Act")
    html = client.get(helsinki.get_absolute_url()).content.decode()
    cited_by = _section(html, "<h4>Reaffirmed by</h4>", "</ul>")
    assert "MC.DOC/2/05 Border Security and Management Concept, para. 2.2</a>" in cited_by
    built_on = _section(html, "<h4>Built on by</h4>", "</ul>")
    assert "Charter of Paris for a New Europe</a>" in built_on
    assert 'stated by <a href="/documents/our-mandate-on-migration/">Our mandate on migration</a>' in built_on


def test_mc_doc_2_05_s_page_shows_where_the_study_quotes_it(client, corpus):
    """The study's footnotes 34 and 50 point back to "Ljubljana, 6 December 2005" (MC.DEC/2/05),
    but the words they quote are MC.DOC/2/05's: its page says where it is quoted, to the
    paragraph, instead of "no document cites it"."""
    html = client.get("/documents/mc-doc-2-05/").content.decode()
    taken_up = _section(html, "<h3>What takes it up</h3>", "</section>")
    quoted = _section(taken_up, "<h4>Quoted in</h4>", "</ul>")
    assert quoted.count("<li>") == 2
    assert ', fn. 34 (December 2016), quotes <a href="#p-annex-c.1-i">Annex C.1(i)</a>' in quoted
    assert ', fn. 50 (December 2016), quotes <a href="#p-4.5">para. 4.5</a>' in quoted
    assert "No document in the knowledge base cites or quotes it." not in html


def test_a_provision_page_lists_its_own_links(client, corpus):
    concept = corpus.document("MC.DOC/2/05")
    provision = concept.provisions.get(label="2.2")
    html = client.get(provision.get_absolute_url()).content.decode()
    own = _section(html, "What this provision reaffirms, recalls, builds on or cites", "</ul>")
    assert own.count('<span class="relation-kind">Reaffirms</span>') == 4
    assert own.count('<span class="relation-kind">Cites</span>') == 1
    assert "paragraph 35" in own
    assert reverse("lineage-of", args=[concept.slug]) in html


def test_the_osce_page_links_the_documents_that_build_on_the_final_act(corpus):
    page = Document.objects.get(slug="our-mandate-on-migration")
    linked = set(
        Relation.objects.filter(source_document=page, source_provision__label="2").values_list(
            "target_document__title", flat=True
        )
    )
    assert {
        "Helsinki Final Act",
        "Charter of Paris for a New Europe",
        "CSCE Budapest Document",
        "Lisbon Document",
        "Istanbul Document",
        "Document of the Copenhagen Meeting of the Conference on the Human Dimension of the CSCE",
    } <= linked
    symbols = set(
        Relation.objects.filter(source_document=page, source_provision__label="2").values_list(
            "target_document__symbol", flat=True
        )
    )
    assert {"MC.DEC/4/03", "MC.DEC/12/04"} <= symbols  # "taken in Maastricht in 2003 and Sofia in 2004"


def test_the_lineage_view_follows_the_final_act_from_1975_onward(client, corpus):
    response = client.get(reverse("lineage"))
    assert response.status_code == 200
    lineage = response.context["lineage"]
    assert lineage.root.title == "Helsinki Final Act"
    years = [step.document.year for step in lineage.steps]
    assert years == sorted(years) and years[0] >= 1975
    titles = [step.document.title for step in lineage.steps]
    assert "Border Security and Management Concept" in titles
    assert titles.index("Charter of Paris for a New Europe") < titles.index(
        "Border Security and Management Concept"
    )
    html = response.content.decode()
    assert 'para. 2.2</a> <span class="relation-kind">reaffirms</span>' in html
    assert "<script" not in _section(html, "<main", "</main>")  # the page is the server's HTML


def test_the_lineage_view_shows_no_draft(client, corpus):
    concept = corpus.document("MC.DOC/2/05")
    concept.status = PublicationStatus.DRAFT
    concept.save()
    page = Document.objects.get(slug="our-mandate-on-migration")
    page.status = PublicationStatus.DRAFT
    page.save()
    lineage = client.get(reverse("lineage")).context["lineage"]
    assert lineage.steps == []  # its links were MC.DOC/2/05's and those the page states
    assert client.get(reverse("lineage-of", args=["no-such-document"])).status_code == 404
    assert client.get(reverse("lineage-of", args=[concept.slug])).status_code == 404


def test_reading_again_changes_nothing_and_a_text_that_stops_naming_loses_its_link(corpus):
    aliases = read_catalogue().aliases()
    assert record_lineage(aliases) == 0
    concept = corpus.document("MC.DOC/2/05")
    provision = concept.provisions.get(label="14")
    provision.text = (
        "The OSCE can offer its organizational framework for interaction on border-related issues."
    )
    provision.save()
    assert record_lineage(aliases) == 1
    assert not Relation.objects.filter(source_provision=provision).exists()
    # Links from the footnotes and the editors are not the reader's to remove.
    assert Relation.objects.filter(kind=RelationKind.ANNEXES, origin=RelationOrigin.CURATOR).exists()


def test_an_imported_text_s_references_are_read_on_import(corpus):
    from importing.service import import_file

    text = (
        b"MINISTERIAL COUNCIL DECISION ON TESTING\n\n"
        b"1. The participating States reaffirm the commitments of the Helsinki Final Act.\n\n"
        b"2. They will act in accordance with the Platform for Co-operative Security.\n"
    )
    result = import_file(text, name="test-decision.txt", format="text", symbol="MC.DEC/99/26")
    links = Relation.objects.filter(source_document_id=result.report.document_id)
    assert {(r.source_provision.label, r.kind, r.target_document.title) for r in links} == {
        ("1", "reaffirms", "Helsinki Final Act"),
        ("2", "cites", "Platform for Co-operative Security"),
    }


def test_the_api_gives_each_link_its_verb_locator_origin_and_stating_document(client, corpus):
    concept = corpus.document("MC.DOC/2/05")
    body = client.get("/api/relations/", {"page_size": 100}).json()
    links = body["results"]
    while body.get("next"):
        body = client.get(body["next"]).json()
        links += body["results"]
    strategy = next(r for r in links if r["target_locator"] == "paragraph 35")
    assert (strategy["kind"], strategy["origin"], strategy["stated_in"]) == ("cites", "text", None)
    assert strategy["source"]["document"]["slug"] == concept.slug
    stated = [r for r in links if r["stated_in"] == "our-mandate-on-migration"]
    assert len(stated) == 7 and {r["kind"] for r in stated} == {"builds_on"}

    page = Document.objects.get(slug="our-mandate-on-migration")
    page.status = PublicationStatus.DRAFT
    page.save()
    body = client.get("/api/relations/", {"page_size": 100}).json()
    # A draft never states a public link: only the study's own sentence on the Charter remains.
    study = "migration-a-new-challenge-for-the-osce-in-south-eastern-europe-2016"
    assert [r["stated_in"] for r in body["results"] if r["stated_in"]] == [study]
