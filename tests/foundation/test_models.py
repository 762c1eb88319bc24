import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from commitments.models import Dimension, MigrationCategory, Provision
from documents.dates import DatePrecision
from documents.models import Document, PublicationStatus
from tests.factories import DocumentFactory, MetadataClaimFactory, ProvisionFactory

pytestmark = pytest.mark.django_db


def test_taxonomy_is_present_after_migrate():
    assert list(Dimension.objects.values_list("slug", flat=True)) == [
        "politico-military",
        "economic-environmental",
        "human",
    ]
    categories = MigrationCategory.objects.all()
    assert [c.slug for c in categories] == ["labour", "human", "environmental", "illegal", "forced"]
    assert [c.study_section for c in categories] == ["4.1.1", "4.1.2", "4.1.3", "4.1.4", "4.1.5"]
    assert all(len(c.description) > 100 for c in categories)


def test_symbol_is_stored_normalised():
    document = DocumentFactory(symbol=" mc.dec / 5/09")
    document.refresh_from_db()
    assert document.symbol == "MC.DEC/5/09"
    assert document.slug == "mc-dec-5-09"
    assert Document.objects.by_symbol("Mc.Dec/5/09").get() == document


def test_symbols_are_unique_whatever_their_case():
    DocumentFactory(symbol="MC.DOC/2/05")
    with pytest.raises(IntegrityError), transaction.atomic():
        Document.objects.create(symbol="mc.doc/2/05", title="Duplicate")
    # The unique constraint is also a validation error in forms and admin.
    duplicate = Document(symbol="mc.doc/2/05", title="Duplicate")
    with pytest.raises(ValidationError, match="already exists"):
        duplicate.validate_constraints()


def test_documents_without_symbol_may_coexist():
    first = DocumentFactory(symbol="", title="Helsinki Final Act", date=datetime.date(1975, 8, 1))
    second = DocumentFactory(symbol="", title="Helsinki Final Act", date=datetime.date(1975, 8, 1))
    assert first.slug == "helsinki-final-act-1975"
    assert second.slug == "helsinki-final-act-1975-2"


def test_labels_are_unique_within_a_document_but_not_across_documents():
    provision = ProvisionFactory(label="4.5")
    ProvisionFactory(label="4.5")  # another document
    with pytest.raises(IntegrityError), transaction.atomic():
        ProvisionFactory(document=provision.document, label="4.5")


def test_provisions_come_in_document_order():
    document = DocumentFactory()
    for position, label in reversed(list(enumerate(["1", "2", "2.1", "Annex A.1"]))):
        ProvisionFactory(document=document, position=position, label=label)
    assert [p.label for p in document.provisions.all()] == ["1", "2", "2.1", "Annex A.1"]


def test_date_precision_shapes_display_and_citation():
    document = DocumentFactory(
        symbol="MC.DOC/2/05",
        title="Border Security and Management Concept",
        place="Ljubljana",
        date=datetime.date(2005, 12, 6),
    )
    provision = ProvisionFactory(document=document, label="4.5")
    assert provision.citation() == (
        "OSCE, MC.DOC/2/05, Border Security and Management Concept (Ljubljana, 6 December 2005), para. 4.5"
    )
    annex = ProvisionFactory(document=document, label="Annex C.2(v)")
    assert annex.citation().endswith("(Ljubljana, 6 December 2005), Annex C.2(v)")
    assert annex.anchor == "p-annex-c.2-v"
    assert provision.anchor == "p-4.5"

    helsinki = DocumentFactory(
        symbol="",
        title="Helsinki Final Act",
        place="Helsinki",
        date=datetime.date(1975, 1, 1),
        date_precision=DatePrecision.YEAR,
    )
    # The CSCE became the OSCE on 1 January 1995: its documents are cited as the CSCE's.
    assert helsinki.citation() == "CSCE, Helsinki Final Act (Helsinki, 1975)"


def test_provenance_is_kept_per_source_and_disagreement_is_flagged():
    decision = DocumentFactory(symbol="MC.DEC/5/09", date=datetime.date(2009, 12, 4))
    study = DocumentFactory(symbol="", title="Migration – a new challenge for the OSCE?")
    MetadataClaimFactory(document=decision, field="date", value="2009-12-04", source_locator="OSCE web page")
    MetadataClaimFactory(
        document=decision,
        field="date",
        value="2009-12-02",
        source_document=study,
        source_locator="footnote 11",
    )
    MetadataClaimFactory(document=decision, field="title", value="Migration Management")
    assert decision.claims.count() == 3
    assert decision.conflicting_fields() == ["date"]
    assert {c.source_label() for c in decision.claims.filter(field="date")} == {
        "the document itself, OSCE web page",
        f"{study}, footnote 11",
    }
    decision.field_decisions.create(field="date", value="2009-12-04")
    assert decision.conflicting_fields() == []


def test_published_querysets_hide_drafts():
    draft = ProvisionFactory(document__status=PublicationStatus.DRAFT)
    published = ProvisionFactory()
    assert list(Provision.objects.published()) == [published]
    assert draft.document not in Document.objects.published()


def test_provision_tags_filter_by_category_and_dimension():
    provision = ProvisionFactory()
    provision.categories.add(MigrationCategory.objects.get(slug="forced"))
    provision.dimensions.add(Dimension.objects.get(slug="human"))
    ProvisionFactory()
    assert list(Provision.objects.in_category("forced")) == [provision]
    assert list(Provision.objects.in_dimension("human")) == [provision]
    assert Provision.objects.untagged().count() == 1
