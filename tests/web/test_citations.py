"""Citing from the knowledge base: every document and provision in the OSCE form, OSCOLA and
Chicago, as BibTeX, RIS and CSL-JSON, with citation_* tags for reference managers and the
dataset version it was read in; CSCE documents cited as the CSCE's."""

import datetime
import json
import re

import bibtexparser
import pytest
import rispy
from django.urls import reverse

from commitments.models import MigrationCategory, Provision
from documents.citation_styles import styled_citations
from documents.citations import Reference, house_citation
from documents.models import Document, PublicationStatus
from operations.dataset import dataset_version

CONCEPT = "OSCE, MC.DOC/2/05, Border Security and Management Concept (Ljubljana, 6 December 2005)"


def _provision(corpus, label: str) -> Provision:
    return corpus.document("MC.DOC/2/05").provisions.get(label=label)


def _meta(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<meta name="(citation_[a-z_]+)" content="([^"]*)">', html)


def test_a_provision_is_cited_in_three_styles_with_its_paragraph(client, corpus):
    provision = _provision(corpus, "4.5")
    html = client.get(provision.get_absolute_url()).content.decode()
    url = f"http://testserver/provisions/{provision.pk}/"
    assert f"{CONCEPT}, para. 4.5" in html
    assert (
        "OSCE Ministerial Council, ‘Border Security and Management Concept’ (OSCE 2005) Ministerial Council"
        f" document MC.DOC/2/05 para 4.5 &lt;{url}&gt; accessed " in html
    )
    assert (
        "OSCE Ministerial Council, <i>Border Security and Management Concept</i>, Ministerial Council"
        f" document MC.DOC/2/05 (OSCE, 2005), para. 4.5, {url}." in html
    )


def test_an_annex_item_is_cited_by_its_own_numbering_in_every_style(corpus):
    provision = _provision(corpus, "Annex C.2(v)")
    reference = Reference(provision.document, "http://kb/p/", datetime.date(2026, 1, 5), "v", provision.label)
    osce, oscola, chicago = (styled.text for styled in styled_citations(reference))
    assert osce == f"{CONCEPT}, Annex C.2(v)"
    assert "MC.DOC/2/05 Annex C.2(v) <http://kb/p/> accessed 5 January 2026." in oscola
    assert "(OSCE, 2005), Annex C.2(v), http://kb/p/." in chicago
    assert "para" not in oscola + chicago


def test_documents_of_the_csce_are_cited_as_the_csce_s(corpus):
    vienna = Document.objects.get(title__startswith="Concluding Document of the Third Follow-up Meeting")
    assert house_citation(vienna).startswith("CSCE, Concluding Document of the Third Follow-up Meeting")
    helsinki = Document.objects.get(title="Helsinki Final Act")
    reference = Reference(helsinki, "http://kb/d/", datetime.date(2026, 1, 5), "v")
    assert [styled.text.split(",")[0] for styled in styled_citations(reference)] == ["CSCE", "CSCE", "CSCE"]
    # 1995 on: the OSCE's, in every style.
    budapest = corpus.document("MC(5).DEC/2")
    assert house_citation(budapest).startswith("OSCE, MC(5).DEC/2")
    reference = Reference(budapest, "http://kb/d/", datetime.date(2026, 1, 5), "v")
    assert all(styled.text.startswith("OSCE") for styled in styled_citations(reference))


def test_a_document_from_outside_the_osce_is_not_cited_as_the_osce_s(corpus):
    study = Document.objects.get(title__startswith="Migration – a new challenge")
    reference = Reference(study, "http://kb/d/", datetime.date(2026, 1, 5), "v")
    osce, oscola, chicago = (styled.text for styled in styled_citations(reference))
    assert osce == "Migration – a new challenge for the OSCE in South Eastern Europe? (Munich, December 2016)"
    assert not any(text.startswith(("OSCE", "CSCE")) for text in (osce, oscola, chicago))
    assert oscola.count("South Eastern Europe") == 1  # the title stands in for the author once


def test_a_provision_s_bibtex_has_the_fields_of_its_citation(client, corpus):
    provision = _provision(corpus, "4.3")
    response = client.get(reverse("provision-citation", args=[provision.pk, "bib"]))
    assert response["Content-Type"].startswith("application/x-bibtex")
    assert response["Content-Disposition"] == 'attachment; filename="mc-doc-2-05-p4.3.bib"'
    library = bibtexparser.parse_string(response.content.decode())
    assert library.failed_blocks == []
    (entry,) = library.entries
    fields = {field.key: field.value for field in entry.fields}
    assert entry.entry_type == "techreport"
    assert entry.key == "mc-doc-2-05-p4.3"
    assert fields["author"] == "{OSCE Ministerial Council}"
    assert fields["title"] == "Border Security and Management Concept"
    assert fields["number"] == "MC.DOC/2/05"
    assert (fields["institution"], fields["address"]) == ("OSCE", "Ljubljana")
    assert (fields["year"], fields["month"], fields["date"]) == ("2005", "dec", "2005-12-06")
    assert fields["pages"] == "para. 4.3"
    assert fields["url"] == f"http://testserver/provisions/{provision.pk}/"
    assert fields["version"] == str(dataset_version())
    assert fields["abstract"].startswith("To prevent and repress transnational organized crime")


def test_bibtex_escapes_what_latex_would_read_as_commands(db):
    from tests.factories import DocumentFactory

    document = DocumentFactory(title="Roma & Sinti: 100% {of} OSCE_area #1 ~ ^", symbol="MC.DEC/8/09")
    reference = Reference(document, "http://kb/d/", datetime.date(2026, 1, 5), "v")
    from documents.citation_formats import bibtex

    (entry,) = bibtexparser.parse_string(bibtex([reference])).entries
    title = entry.fields_dict["title"].value
    assert title == r"Roma \& Sinti: 100\% \{of\} {OSCE\_area} \#1 \textasciitilde{} \textasciicircum{}"


def test_a_provision_s_ris_has_the_fields_of_its_citation(client, corpus):
    provision = _provision(corpus, "4.3")
    response = client.get(reverse("provision-citation", args=[provision.pk, "ris"]))
    assert response["Content-Disposition"] == 'attachment; filename="mc-doc-2-05-p4.3.ris"'
    (record,) = rispy.loads(response.content.decode())
    assert record["type_of_reference"] == "RPRT"
    assert record["authors"] == ["OSCE Ministerial Council"]
    assert record["title"] == "Border Security and Management Concept"
    assert record["publisher"] == "OSCE"
    assert record["place_published"] == "Ljubljana"
    assert record["year"] == "2005"
    assert record["date"] == "2005/12/06/"
    assert record["issn"] == "MC.DOC/2/05"  # RIS's SN: the report number
    assert record["section"] == "para. 4.3"
    assert record["urls"] == [f"http://testserver/provisions/{provision.pk}/"]
    assert record["edition"] == str(dataset_version())


def test_a_document_s_csl_json_is_what_citeproc_processors_read(client, corpus):
    vienna = Document.objects.get(title__startswith="Concluding Document of the Third Follow-up Meeting")
    response = client.get(reverse("document-citation", args=[vienna.slug, "json"]))
    (item,) = json.loads(response.content)
    assert item["type"] == "report"
    assert item["author"] == [{"literal": "CSCE"}]
    assert item["issued"] == {"date-parts": [[1989, 1, 19]]}
    assert item["URL"] == f"http://testserver/documents/{vienna.slug}/"
    assert item["version"] == str(dataset_version())
    assert "section" not in item


def test_pages_carry_the_tags_reference_managers_import_from(client, corpus):
    provision = _provision(corpus, "4.3")
    provision.categories.add(MigrationCategory.objects.get(slug="illegal"))
    tags = _meta(client.get(provision.get_absolute_url()).content.decode())
    assert ("citation_title", "Border Security and Management Concept") in tags
    assert ("citation_author", "OSCE Ministerial Council") in tags
    assert ("citation_technical_report_number", "MC.DOC/2/05") in tags
    assert ("citation_technical_report_institution", "OSCE") in tags
    assert ("citation_publication_date", "2005/12/06") in tags
    assert ("citation_abstract_html_url", f"http://testserver/provisions/{provision.pk}/") in tags
    assert "Illegal migration" in dict(tags)["citation_keywords"].split("; ")
    helsinki = Document.objects.get(title="Helsinki Final Act")
    tags = dict(_meta(client.get(helsinki.get_absolute_url()).content.decode()))
    assert tags["citation_author"] == "CSCE"
    assert tags["citation_publication_date"] == "1975/08/01"
    assert "citation_technical_report_number" not in tags


def test_citations_carry_the_dataset_version_and_it_changes_with_the_corpus(client, corpus):
    provision = _provision(corpus, "4.5")
    before = str(dataset_version())
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}\.[0-9a-f]{8}", before)
    assert (
        f'<span class="dataset-version">{before}</span>'
        in client.get(provision.get_absolute_url()).content.decode()
    )
    provision.text += " Amended."
    provision.save()
    after = str(dataset_version())
    assert after != before
    assert (
        f"version = {{{after}}}"
        in client.get(reverse("provision-citation", args=[provision.pk, "bib"])).content.decode()
    )


@pytest.mark.parametrize("fmt", ["txt", "bibtex", "xml"])
def test_an_unknown_citation_format_is_not_found(client, corpus, fmt):
    provision = _provision(corpus, "4.5")
    assert client.get(f"/provisions/{provision.pk}/cite.{fmt}").status_code == 404


def test_a_draft_is_not_cited(client, corpus):
    document = corpus.document("MC.DOC/2/05")
    provision = _provision(corpus, "4.5")
    document.status = PublicationStatus.DRAFT
    document.save()
    assert client.get(reverse("document-citation", args=[document.slug, "bib"])).status_code == 404
    assert client.get(reverse("provision-citation", args=[provision.pk, "ris"])).status_code == 404
