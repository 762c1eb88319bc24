"""The study importer on the real study (the bundled copy of seed 001)."""

import datetime

import pytest

from commitments.models import ProvisionOrigin, Quotation, QuotationStatus, Relation, RelationOrigin
from documents.models import Document, MetadataClaim
from importing.corpus import CORPUS_DIR
from importing.parsers.citations import resolve_back_references, split_citations
from importing.parsers.study import parse_study

STUDY_FILE = "001_03edc29357d149f7.txt"


@pytest.fixture(scope="module")
def study():
    text = (CORPUS_DIR / STUDY_FILE).read_text(encoding="utf-8")
    return parse_study(text, name=STUDY_FILE, sha256="")


def cited(study, symbol_or_title):
    return next(d for d in study.cited if symbol_or_title in (d.symbol, d.title))


def test_the_catalogue_holds_the_osce_documents_of_the_footnotes(study):
    symbols = {d.symbol for d in study.cited if d.symbol}
    assert {
        "MC.DEC/2/05", "MC.DEC/5/09", "MC.DOC/6/06", "MC.DEC/8/09", "MC.DEC/4/03", "MC.DEC/12/04",
        "PC.DEC/621", "MC.DOC/1/03", "MC(5).DEC/2", "EEF.GAL/3/09/Rev.1", "EEF.GAL/4/09",
        "SEC.FR/444/16/Rev.1",
    } == symbols  # fmt: skip
    assert 25 <= len(study.cited) <= 35  # "about thirty"
    titles = {d.title for d in study.cited}
    assert "Helsinki Final Act" in titles
    # Works by others (UNHCR, the UN Security Council, academic authors) are not OSCE documents.
    assert not any("Security Council Resolution" in t or "Routledge" in t for t in titles)


def test_each_cited_document_has_title_body_place_date_precision_and_kind(study):
    decision = cited(study, "MC.DEC/5/09")
    assert (decision.title, decision.kind, decision.body, decision.place) == (
        "Migration Management", "mc_decision", "ministerial_council", "Athens",
    )  # fmt: skip
    assert (decision.date.value, decision.date.precision) == (datetime.date(2009, 12, 2), "day")
    assert decision.locator == "footnote 11"
    budapest = cited(study, "MC(5).DEC/2")
    assert (budapest.place, budapest.date.iso(), budapest.date.precision) == ("Budapest", "1995-12", "month")
    helsinki = cited(study, "Helsinki Final Act")
    assert (helsinki.kind, helsinki.body, helsinki.date.iso(), helsinki.date.precision) == (
        "final_act", "summit", "1975", "year",
    )  # fmt: skip
    vienna = next(d for d in study.cited if d.place == "Vienna")
    assert (vienna.kind, vienna.body, vienna.date.iso()) == (
        "concluding_document",
        "follow_up_meeting",
        "1989",
    )
    assert cited(study, "SEC.FR/444/16/Rev.1").body == "field_operation"
    assert any(d.body == "parliamentary_assembly" for d in study.cited)
    assert any(d.body == "odihr" for d in study.cited)


def test_op_cit_and_ibid_resolve_to_the_citation_they_point_back_to():
    notes = {
        11: "OSCE. ATHENS, 2 DECEMBER 2009. MC DECISION NO. 5/09: MIGRATION MANAGEMENT. MC.DEC/5/09.",
        12: "OSCE. ATHENS, 2 DECEMBER 2009, OP. CIT.",
        13: "OSCE 1975. HELSINKI FINAL ACT.",
        18: "OSCE 1975, OP. CIT.",
        26: "OSCE. ATHENS, 2 DECEMBER 2009. MC DECISION NO. 8/09: ROMA AND SINTI. MC.DEC/8/09.",
        29: "OSCE. ATHENS, 2 DECEMBER 2009, OP. CIT.",
        80: "ODIHR. 21 JANUARY 2016. SUMMARY REPORT – MIGRATION CRISIS IN THE OSCE REGION",
        81: "IBID.",
        99: "OSCE. 16 JUNE 2009, OP. CIT.",
    }
    citations = [c for n, text in notes.items() for c in split_citations(n, text)]
    warnings = resolve_back_references(citations)
    by_note = {c.footnote: c for c in citations}
    assert by_note[12].resolved().symbol == "MC.DEC/5/09"
    assert by_note[18].resolved().title == "Helsinki Final Act"
    # Two works share author, place and date; OP. CIT. means the one introduced first.
    assert by_note[29].resolved().symbol == "MC.DEC/5/09"
    assert by_note[81].resolved().author == "ODIHR"
    assert by_note[99].resolved() is None
    assert warnings == ["footnote 99: OSCE. 16 JUNE 2009, OP. CIT. points back to no earlier citation"]


def test_back_references_in_the_study_are_counted_as_citations(study):
    assert cited(study, "MC.DEC/2/05").citation_evidence == "footnotes 9, 23, 25, 30, 34, 39, 47, 105"
    assert cited(study, "MC.DEC/5/09").citation_evidence.startswith("footnotes 11, 12, 22, 29")


def test_footnote_9_is_decision_2_05_migration_whatever_symbol_it_prints(study):
    decision = cited(study, "MC.DEC/2/05")
    assert (decision.title, decision.kind, decision.place) == ("Migration", "mc_decision", "Ljubljana")
    assert decision.citation_conflicts == ["footnote 9 gives the symbol MC.DOC/2/05"]
    assert not any(d.symbol == "MC.DOC/2/05" for d in study.cited)
    assert "footnote 9: the citation gives the symbol MC.DOC/2/05" in "\n".join(study.warnings)


def quotations_at(study, footnote):
    return [q for q in study.quotations if q.footnote == str(footnote)]


def named(study, quotation):
    return [study.cited[index].symbol or study.cited[index].title for index in quotation.cited]


def test_a_quotation_credits_the_documents_its_footnote_cites_with_the_sections_category(study):
    (fn13,) = quotations_at(study, 13)
    assert fn13.text == "help to remedy any deficiency of skilled labour in their country of origin"
    assert (named(study, fn13), fn13.categories, fn13.section) == (
        ["Helsinki Final Act"],
        ["labour"],
        "4.1.1",
    )
    (fn18,) = quotations_at(study, 18)
    assert fn18.categories == ["human"]
    (fn29,) = quotations_at(study, 29)
    assert (fn29.text, fn29.categories) == (
        "in order to ensure better preparedness in this area",
        ["environmental"],
    )
    assert quotations_at(study, 40)[0].categories == ["forced"]
    (fn34,) = quotations_at(study, 34)
    assert fn34.text == "strengthening international exchange networks and information-sharing"
    assert fn34.categories == ["illegal"]
    assert named(study, fn34) == ["MC.DEC/2/05"]  # op. cit. of footnote 9
    assert fn34.sentence.startswith("That supposes, among other things, “strengthening")


def test_a_footnote_naming_several_documents_gives_each_quotation_once(study):
    fn22 = quotations_at(study, 22)
    assert [q.text[:20] for q in fn22] == [
        "a human dimension",
        "all acts of discrimi",
        "increasing efforts t",
    ]
    assert len(named(study, fn22[0])) == 6
    assert len({q.text for q in study.quotations}) == len(study.quotations)
    assert not any(p.origin == "quotation" for d in study.cited for p in d.provisions)


def test_every_category_of_section_4_1_gets_quotations(study):
    categories = {c for q in study.quotations for c in q.categories}
    assert categories == {"labour", "human", "environmental", "illegal", "forced"}


def test_quotations_in_the_section_introduction_have_no_category(study):
    introduction = quotations_at(study, 11)
    assert len(introduction) == 4
    assert all(q.categories == [] and q.section == "4.1" for q in introduction)


def test_a_quotation_whose_footnote_cites_nothing_readable_is_kept_with_a_warning(study):
    (fn56,) = quotations_at(study, 56)
    assert fn56.cited == []
    assert any(w.startswith("footnote 56: the quotation") for w in study.warnings)


def test_the_running_footer_and_page_numbers_are_not_text(study):
    assert "SOG ·" not in study.document.full_text
    assert all("SOG ·" not in q.text and "SOG ·" not in q.sentence for q in study.quotations)
    assert "\n33\n" not in study.document.full_text


def test_the_study_is_a_document_of_kind_study(study):
    assert study.document.kind == "study"
    assert study.document.body == "external"
    assert study.document.date.iso() == "2016"


@pytest.mark.django_db
def test_the_study_cites_every_document_of_its_catalogue(corpus):
    study = corpus.source_document(STUDY_FILE)
    assert study.title == "Migration – a new challenge for the OSCE in South Eastern Europe?"
    assert (study.place, study.display_date()) == ("Munich", "December 2016")
    # The footnotes' citations: the study's passages cite documents of their own (lineage).
    relations = Relation.objects.filter(source_document=study, kind="cites", origin="citation")
    assert relations.count() == len(corpus_report(corpus, STUDY_FILE).outcomes) - 1
    evidence = relations.get(target_document__symbol="MC.DEC/2/05").evidence
    assert evidence == "footnotes 9, 23, 25, 30, 34, 39, 47, 105; footnote 9 gives the symbol MC.DOC/2/05"
    assert not relations.filter(target_document__symbol="MC.DOC/2/05").exists()


@pytest.mark.django_db
def test_a_quotation_of_a_document_whose_text_is_not_held_is_a_passage_citable_as_quoted(corpus):
    study = corpus.source_document(STUDY_FILE)
    helsinki = Document.objects.get(title="Helsinki Final Act")
    quotation = Quotation.objects.get(quoting_document=study, footnote="13")
    assert (quotation.attributed_to, quotation.status) == (helsinki, QuotationStatus.TEXT_NOT_HELD)
    passage = quotation.passage
    assert (passage.document, passage.origin, passage.quoted_in) == (
        helsinki,
        ProvisionOrigin.QUOTATION,
        study,
    )
    assert list(passage.categories.values_list("slug", flat=True)) == ["labour"]
    # Plain text to copy and export; a page sets the study's title in italics.
    assert passage.citation() == (
        "Helsinki Final Act (1975), as quoted in F. Marciacq, I. Boštjančič Pulko and T. Flessenkemper,"
        " Migration – a new challenge for the OSCE in South Eastern Europe? (2016), fn. 13"
    )
    assert passage.citation_html() == (
        "Helsinki Final Act (1975), as quoted in F. Marciacq, I. Boštjančič Pulko and T. Flessenkemper,"
        " <i>Migration – a new challenge for the OSCE in South Eastern Europe?</i> (2016), fn. 13"
    )


@pytest.mark.django_db
def test_every_value_the_study_sets_is_a_claim_with_the_study_as_source(corpus):
    study = corpus.source_document(STUDY_FILE)
    # The documents its footnotes cite (a link the editors record from its words is no claim).
    cited = Document.objects.filter(
        incoming_relations__source_document=study, incoming_relations__origin=RelationOrigin.CITATION
    )
    assert cited.exists()
    for document in cited:
        claimed = set(
            MetadataClaim.objects.filter(document=document, source_document=study).values_list(
                "field", flat=True
            )
        )
        assert {"title", "kind", "body"} <= claimed
    claim = MetadataClaim.objects.get(document__symbol="MC.DEC/5/09", field="date", source_document=study)
    assert (claim.value, claim.source_locator) == ("2009-12-02", "footnote 11")


@pytest.mark.django_db
def test_footnote_9_is_its_own_document_and_leaves_mc_doc_2_05_to_its_own_text(corpus):
    concept = corpus.document("MC.DOC/2/05")
    assert concept.title == "Border Security and Management Concept"
    assert set(concept.claims.filter(field="title").values_list("value", flat=True)) == {
        "Border Security and Management Concept"
    }
    decision = corpus.document("MC.DEC/2/05")
    assert (decision.title, decision.kind, decision.place) == ("Migration", "mc_decision", "Ljubljana")
    assert decision.display_date() == "6 December 2005"
    assert {q.footnote for q in decision.attributed_quotations.all()} == {"9", "23", "47"}


def corpus_report(corpus, file):
    return next(r for r in corpus.reports if r.source == file)
