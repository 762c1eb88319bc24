"""The coverage page counts what is held in full, what only through quotations, the quotations
that could not be attributed and what the imports warned about, for published sources only."""

import re

from commitments.quotations import Quotation, QuotationStatus
from documents.models import PublicationStatus
from importing.models import ImportWarning

STUDY = "Migration – a new challenge for the OSCE in South Eastern Europe?"


def _row(html: str, heading: str) -> list[str]:
    match = re.search(rf'<th scope="row">{re.escape(heading)}</th>((?:<td>[^<]*</td>)+)', html)
    assert match, heading
    return re.findall(r"<td>([^<]*)</td>", match.group(1))


def test_the_study_is_held_in_full_with_its_passages(client, corpus):
    html = client.get("/coverage/").content.decode()
    study = corpus.document(STUDY)
    passages = study.provisions.filter(origin="full_text").count()
    assert passages >= 60
    held = html[html.index("<h3>Held in full</h3>") : html.index("<h3>Known only through quotations</h3>")]
    assert f'<a href="{study.get_absolute_url()}">{study}</a> — {passages} passages' in held


def _table(html: str, table_id: str) -> str:
    start = html.index(f'<table class="figures" id="{table_id}">')
    return html[start : html.index("</table>", start)]


def test_the_quotations_that_could_not_be_attributed_are_read_from_their_status(client, corpus):
    html = client.get("/coverage/").content.decode()
    section = html[html.index('id="unattributed"') : html.index('id="warnings"')]
    # Footnote 50 names nothing readable, but its words are MC.DOC/2/05 para. 4.5: matched, not listed.
    assert Quotation.objects.get(footnote="50").status == QuotationStatus.MATCHED
    assert "footnote 50" not in section
    assert "8 quotations are credited to no one document" in section

    unattributed = _table(section, "quotations-unattributed")
    assert "4 unattributed" in unattributed
    assert re.findall(r"<td>footnote (\d+)</td>", unattributed) == ["6", "44", "52", "56"]
    assert "marginal contribution to the resolution of the economic and" in unattributed

    ambiguous = _table(section, "quotations-ambiguous")
    assert "4 ambiguous" in ambiguous
    # Footnote 30's words are MC.DEC/5/09's by the curators' decision (fixtures/curation/attributions).
    assert re.findall(r"<td>footnote (\d+)</td>", ambiguous) == ["22", "22", "22", "39"]
    # One row per quotation, listing the documents its footnote names.
    (dialogue,) = [row for row in ambiguous.split("<tr>") if "facilitating dialogue and co-operation" in row]
    assert re.findall(r'<a href="/documents/([^/]+)/">', dialogue)[1:] == ["mc-dec-2-05", "mc-doc-6-06"]
    assert 'id="quotations-not-found"' not in section


def test_the_figures_are_those_of_the_quotation_records(client, corpus):
    flagged = Quotation.objects.published().flagged()
    html = client.get("/coverage/").content.decode()
    for status, table_id in [
        (QuotationStatus.UNATTRIBUTED, "quotations-unattributed"),
        (QuotationStatus.AMBIGUOUS, "quotations-ambiguous"),
    ]:
        records = flagged.filter(status=status)
        rows = _table(html, table_id).count("<tr><td>")
        assert rows == records.count() > 0
        for quotation in records:
            assert quotation.passage.get_absolute_url() in _table(html, table_id)


def test_a_draft_document_the_footnote_names_is_not_named(client, corpus):
    draft = corpus.document("MC.DEC/5/09")
    draft.status = PublicationStatus.DRAFT
    draft.save()
    ambiguous = _table(client.get("/coverage/").content.decode(), "quotations-ambiguous")
    # Footnote 22 names MC.DEC/5/09 among its six documents.
    assert "increasing efforts to combat discrimination" in ambiguous
    assert draft.get_absolute_url() not in ambiguous
    assert "Migration Management" not in ambiguous


def test_the_warnings_are_counted_by_kind(client, corpus):
    html = client.get("/coverage/").content.decode()
    # As many as the quotations the page lists as credited to no one document: footnote 50's
    # words were found in MC.DOC/2/05, and the parser's warning about it is withdrawn.
    in_doubt = Quotation.objects.published().flagged().count()
    assert _row(html, "Quotation attributed to no known document") == ["8"] == [str(in_doubt)]
    assert _row(html, "Back-reference (OP. CIT., IBID.) pointing nowhere") == ["2"]
    total = ImportWarning.objects.count()
    assert f"{total} warnings of the last import of each published source" in html


def test_a_draft_sources_warnings_are_not_counted(client, corpus):
    study = corpus.document(STUDY)
    study.status = PublicationStatus.DRAFT
    study.save()
    html = client.get("/coverage/").content.decode()
    assert "footnote 44" not in html
    assert "Quotation attributed to no known document" not in html
    assert "Every quotation of the published sources is credited to one document." in html


def test_the_about_page_links_to_the_coverage_page(client, corpus):
    assert 'href="/coverage/"' in client.get("/about/").content.decode()
