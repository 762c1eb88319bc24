"""The OSCE web page importer on the three saved pages (the bundled copies of seeds 000, 002, 003)."""

import datetime

import pytest

from commitments.models import ProvisionOrigin, Quotation, QuotationStatus, Relation
from documents.models import Document
from importing.corpus import CORPUS_DIR
from importing.parsers.osce_page import content_lines, parse_page

MANDATE, PRESS_RELEASE, BORDER = (
    "000_cd0aba77dac1030e.txt",
    "002_b7c76157a081b585.txt",
    "003_6b266ac1d7d58aa9.txt",
)
NAVIGATION = [
    "Arms control",
    "Participating States",
    "Secretary General",
    "Closed field activities",
    "Our work",
]


def parsed(file):
    return parse_page((CORPUS_DIR / file).read_text(encoding="utf-8"), name=file, sha256="")


@pytest.mark.parametrize("file", [MANDATE, PRESS_RELEASE, BORDER])
def test_site_navigation_is_dropped(file):
    source = parsed(file)
    texts = [source.document.title, source.document.full_text] + [p.text for p in source.document.provisions]
    for text in texts:
        for item in NAVIGATION:
            assert f"- {item}" not in text
        assert "Skip Links" not in text
    assert not any(p.text in NAVIGATION or p.heading in NAVIGATION for p in source.document.provisions)


def test_navigation_ends_where_the_content_starts():
    text = (CORPUS_DIR / MANDATE).read_text(encoding="utf-8")
    assert content_lines(text)[:2] == ["Our mandate on migration", "Helsinki Final Act"]


def test_the_mandate_page_lists_its_documents_with_dates():
    source = parsed(MANDATE)
    assert source.document.title == "Our mandate on migration"
    assert source.document.kind == "web_page"
    listed = [(d.symbol, d.title, d.date.value) for d in source.cited]
    assert listed == [
        ("", "Helsinki Final Act", datetime.date(1975, 8, 1)),
        ("", "OSCE Commitments Relating to Migration and Integration", datetime.date(2005, 5, 9)),
        ("", "Concluding Document of the Third Follow-up Meeting, Vienna", datetime.date(1989, 1, 19)),
        ("MC.DOC/6/06", "Ministerial Statement on Migration", datetime.date(2006, 12, 5)),
        ("MC.DEC/5/09", "Migration Management", datetime.date(2009, 12, 4)),
    ]
    kinds = [d.kind for d in source.cited]
    assert kinds == ["final_act", "compilation", "concluding_document", "mc_document", "mc_decision"]
    assert [d.place for d in source.cited][2:] == ["Vienna", "Brussels", "Athens"]


def test_the_mandate_page_gives_summaries_without_the_glossary_tooltip():
    compilation = parsed(MANDATE).cited[1]
    assert compilation.summary.startswith("A great number of decisions and documents following the Helsinki")
    assert "of the CSCE, the Charter of Paris" in compilation.summary
    assert "CSCECSCE" not in compilation.summary
    assert parsed(MANDATE).cited[0].summary == ""  # the Final Act has none on the page


def test_the_mandate_page_quotes_commitments_of_the_documents_it_lists():
    source = parsed(MANDATE)
    assert not any(p.origin == "quotation" for d in source.cited for p in d.provisions)
    vienna = [q for q in source.quotations if q.cited == [2]]
    assert [q.text for q in vienna] == [
        "participating States will respect fully the right of everyone […] to freedom of movement and "
        "residence within the borders of each State, and […] to leave any country, including his own, and to "
        "return to his country"
    ]
    assert vienna[0].section == "Third Follow-up Meeting Document"
    decision = [q for q in source.quotations if q.cited == [4]]
    assert len(decision) == 2 and source.cited[4].symbol == "MC.DEC/5/09"
    assert decision[0].text.startswith("improved policy coherence between migration and economic")
    assert decision[1].text.endswith("facilitating the flow of remittances")


def test_the_press_release_keeps_its_fields_of_work_date_and_place():
    release = parsed(PRESS_RELEASE).document
    assert release.kind == "press_release"
    assert release.title.startswith("OSCE Chairperson-in-Office visits Belgrade")
    assert release.fields_of_work == ["Economic activities", "Rule of law", "Migration"]
    assert (release.place, release.date.value) == ("Belgrade", datetime.date(2017, 2, 13))
    assert release.provisions[0].text.startswith("OSCE Chairperson-in-Office and Austrian Foreign Minister")
    assert not any(p.is_commitment for p in release.provisions)
    assert release.provisions[-1].text.startswith("The Serbian Task Force, established in April 2016")


def test_the_border_management_page_keeps_headings_and_field_operations():
    page = parsed(BORDER).document
    assert page.title == "Border management"
    assert page.summary.startswith("Effective border management includes")
    albania = next(p for p in page.provisions if "27 March 1997" in p.text)
    assert albania.heading == "Our operations on the ground › Presence in Albania"
    assert sum("Our operations on the ground ›" in p.heading for p in page.provisions) == 8


@pytest.mark.django_db
def test_mc_dec_5_09_date_conflict_between_the_study_and_the_osce_page_is_flagged(corpus):
    decision = corpus.document("MC.DEC/5/09")
    dates = {(c.value, c.source_document.title) for c in decision.claims.filter(field="date")}
    assert dates == {
        ("2009-12-04", "Our mandate on migration"),
        ("2009-12-02", "Migration – a new challenge for the OSCE in South Eastern Europe?"),
    }
    assert "date" in decision.conflicting_fields()
    # Both values are kept; the document shows one of them, never a third.
    assert decision.date in {datetime.date(2009, 12, 2), datetime.date(2009, 12, 4)}


@pytest.mark.django_db
def test_a_date_known_to_the_day_refines_one_known_to_the_year_without_conflict(corpus):
    helsinki = Document.objects.get(title="Helsinki Final Act")
    assert {c.value for c in helsinki.claims.filter(field="date")} == {"1975", "1975-08-01"}
    assert helsinki.display_date() == "1 August 1975"
    assert "date" not in helsinki.conflicting_fields()


@pytest.mark.django_db
def test_the_pages_are_stored_with_their_documents_and_quotations(corpus):
    page = corpus.source_document(MANDATE)
    targets = set(
        Relation.objects.filter(source_document=page, kind="cites").values_list(
            "target_document__title", flat=True
        )
    )
    assert {"Helsinki Final Act", "Migration Management", "Ministerial Statement on Migration"} <= targets
    decision = Document.objects.get(symbol="MC.DEC/5/09")
    quotation = Quotation.objects.get(
        quoting_document=page, text__endswith="facilitating the flow of remittances"
    )
    assert (quotation.attributed_to, quotation.status) == (decision, QuotationStatus.TEXT_NOT_HELD)
    assert quotation.locator == "section “Decision No. 5/09”"
    passage = quotation.passage
    assert (passage.document, passage.origin, passage.quoted_in) == (
        decision,
        ProvisionOrigin.QUOTATION,
        page,
    )
    release = corpus.source_document(PRESS_RELEASE)
    assert sorted(release.fields_of_work.values_list("name", flat=True)) == [
        "Economic activities",
        "Migration",
        "Rule of law",
    ]
    assert release.claims.get(field="fields_of_work").value == "Economic activities, Rule of law, Migration"
