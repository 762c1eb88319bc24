"""What the knowledge base says about the bundled corpus's quotations, checked against its texts."""

import pytest

from commitments.models import Provision, ProvisionOrigin, Quotation, QuotationStatus
from commitments.quotation_matching import match
from search import SearchRequest, search_provisions


@pytest.mark.django_db
def test_no_quotation_is_credited_to_a_held_text_that_lacks_it_without_a_flag(corpus):
    checked = 0
    for quotation in Quotation.objects.exclude(attributed_to=None).select_related("attributed_to"):
        held = quotation.attributed_to.provisions.filter(origin=ProvisionOrigin.FULL_TEXT)
        if not held.exists():
            assert quotation.status == QuotationStatus.TEXT_NOT_HELD
            continue
        checked += 1
        if quotation.status == QuotationStatus.MATCHED:
            assert quotation.matched_provision.document == quotation.attributed_to
            assert match(quotation.text, quotation.matched_provision.text)
        else:
            assert quotation.status == QuotationStatus.NOT_FOUND and quotation.is_flagged
            assert not any(match(quotation.text, p.text) for p in held)
    assert checked == 2  # footnotes 34 and 50, both MC.DOC/2/05's
    # Every passage standing on a document whose text is held is flagged as not found in it.
    for passage in Provision.objects.filter(origin=ProvisionOrigin.QUOTATION):
        if passage.document.provisions.filter(origin=ProvisionOrigin.FULL_TEXT).exists():
            assert passage.passage_of.is_flagged or passage.document == passage.quoted_in


@pytest.mark.django_db
def test_no_quotation_exists_in_more_than_one_copy(corpus):
    quotations = list(Quotation.objects.values_list("quoting_document", "text"))
    assert len(quotations) == len(set(quotations)) == 36
    passages = list(Provision.objects.filter(origin=ProvisionOrigin.QUOTATION).values_list("text", flat=True))
    assert len(passages) == len(set(passages))
    assert Quotation.objects.filter(passage__isnull=False).count() == len(passages)
    # A matched quotation is its provision, not a second copy of it.
    matched = Quotation.objects.filter(status=QuotationStatus.MATCHED)
    assert {(q.matched_provision.document.symbol, q.matched_provision.label) for q in matched} == {
        ("MC.DOC/2/05", "Annex C.1(i)"),
        ("MC.DOC/2/05", "4.5"),
    }
    assert not matched.filter(passage__isnull=False).exists()
    fn22 = Quotation.objects.filter(footnote="22")
    assert fn22.count() == 3 and all(q.candidates.count() == 6 for q in fn22)


@pytest.mark.django_db
def test_decision_2_05_is_its_own_document_with_its_quotations(corpus):
    decision = corpus.document("MC.DEC/2/05")
    concept = corpus.document("MC.DOC/2/05")
    assert decision != concept and decision.title == "Migration"
    assert {q.text for q in decision.attributed_quotations.all()} == {
        "inherently a transnational issue",
        "successful integration policies",
        "consider becoming parties to relevant international instruments",
    }
    assert not concept.provisions.filter(origin=ProvisionOrigin.QUOTATION).exists()


def test_sog_is_not_a_search_term(corpus_index):
    assert search_provisions(SearchRequest(query="SOG")).total == 0
    assert not Provision.objects.filter(label__icontains="SOG").exists()


@pytest.mark.django_db
def test_a_passage_not_attributed_to_one_document_is_named_by_the_source_that_quotes_it(corpus):
    """Footnote 39 names two documents: its passage belongs to the study, and is named as the
    study's footnote quoting one of them, never as the study "as quoted in" itself."""
    passage = Quotation.objects.get(footnote="39").passage
    name = str(passage)
    assert name.endswith("(2016), fn. 39, quoting one of the 2 documents its footnote names")
    assert "as quoted in" not in name
    attributed = Quotation.objects.filter(attributed_to__symbol="MC.DEC/5/09", passage__isnull=False).first()
    assert str(attributed.passage).startswith("MC.DEC/5/09, as quoted in ")
