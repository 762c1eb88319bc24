"""Conflicts review: each disagreeing field with each value and its sources, decided and recorded."""

import datetime

import pytest
from django.urls import reverse

from documents.models import FieldDecision
from tests.factories import DocumentFactory, MetadataClaimFactory

pytestmark = pytest.mark.django_db
CONFLICTS = reverse("admin:documents_document_conflicts")


@pytest.fixture
def athens():
    """MC.DEC/5/09 as the sources give it: the study says 2 December 2009, the OSCE page 4 December."""
    decision = DocumentFactory(
        symbol="MC.DEC/5/09", title="Migration Management", date=datetime.date(2009, 12, 4)
    )
    study = DocumentFactory(
        symbol="", title="Migration – a new challenge for the OSCE in South Eastern Europe?"
    )
    page = DocumentFactory(symbol="", title="Our mandate on migration")
    MetadataClaimFactory(document=decision, field="date", value="2009-12-04", source_document=page)
    MetadataClaimFactory(
        document=decision,
        field="date",
        value="2009-12-02",
        source_document=study,
        source_locator="footnote 11",
    )
    MetadataClaimFactory(document=decision, field="title", value="Migration Management", source_document=page)
    return decision


def _resolve_url(document, field="date"):
    return reverse("admin:documents_document_resolve_conflict", args=[document.pk, field])


def test_the_review_list_shows_each_value_with_its_source(curator_client, athens):
    page = curator_client.get(CONFLICTS).content.decode()
    assert "MC.DEC/5/09 Migration Management" in page
    assert "2009-12-04" in page and "Our mandate on migration" in page
    assert "2009-12-02" in page and "footnote 11" in page
    assert page.count("Decide</a>") == 1, "the title has one value: no conflict"


def test_picking_a_claimed_value_applies_it_and_records_who_and_when(curator_client, curator, athens):
    form = curator_client.get(_resolve_url(athens)).content.decode()
    assert "stated by" in form and "footnote 11" in form
    # The choices are in claim order: 0 is the OSCE page's 2009-12-04, 1 the study's 2009-12-02.
    response = curator_client.post(_resolve_url(athens), {"choice": "1", "note": "Checked the PDF."})
    assert response.status_code == 302

    athens.refresh_from_db()
    assert athens.date == datetime.date(2009, 12, 2)
    decision = FieldDecision.objects.get(document=athens, field="date")
    assert (decision.value, decision.note, decision.decided_by) == ("2009-12-02", "Checked the PDF.", curator)
    assert decision.decided_at is not None
    assert athens.history.latest().history_user == curator
    assert "No conflicts to review" in curator_client.get(CONFLICTS).content.decode()


def test_a_curator_may_write_another_value(curator_client, athens):
    response = curator_client.post(_resolve_url(athens), {"choice": "other", "other_value": "2009-12"})
    assert response.status_code == 302
    athens.refresh_from_db()
    assert athens.display_date() == "December 2009"
    assert FieldDecision.objects.get(document=athens).value == "2009-12"


@pytest.mark.parametrize(
    ("other_value", "message"),
    [
        ("", "Write the value, or choose one the sources give."),
        ("4 Dec 2009", "is not a date: write 1975, 1995-12 or 2009-12-04."),
        ("2009-02-30", "is not a date on the calendar."),
    ],
)
def test_a_bad_value_is_refused_in_the_form_and_nothing_changes(curator_client, athens, other_value, message):
    response = curator_client.post(_resolve_url(athens), {"choice": "other", "other_value": other_value})
    assert response.status_code == 200
    assert message in response.content.decode()
    athens.refresh_from_db()
    assert athens.date == datetime.date(2009, 12, 4)
    assert not FieldDecision.objects.exists()


def test_a_symbol_another_document_holds_is_refused(curator_client):
    DocumentFactory(symbol="MC.DOC/2/05", title="Border Security and Management Concept")
    decision = DocumentFactory(symbol="MC.DEC/2/05", title="Migration")
    MetadataClaimFactory(document=decision, field="symbol", value="MC.DEC/2/05")
    MetadataClaimFactory(document=decision, field="symbol", value="MC.DOC/2/05", source_locator="footnote 9")
    response = curator_client.post(_resolve_url(decision, "symbol"), {"choice": "1"})
    assert response.status_code == 200
    assert "A document with this symbol already exists." in response.content.decode()
    decision.refresh_from_db()
    assert decision.symbol == "MC.DEC/2/05"


def test_a_field_whose_sources_agree_has_nothing_to_decide(curator_client, athens):
    assert curator_client.get(_resolve_url(athens, "title")).status_code == 404


def test_on_the_corpus_footnote_9_is_no_title_conflict_and_the_dates_of_5_09_are_decided(
    curator_client, curator, corpus
):
    # Footnote 9 names Decision No. 2/05 "Migration": a document of its own, not a second title
    # for MC.DOC/2/05 for a curator to choose between.
    concept = corpus.document("MC.DOC/2/05")
    assert "title" not in concept.conflicting_fields()
    athens = corpus.document("MC.DEC/5/09")
    page = curator_client.get(CONFLICTS).content.decode()
    assert "MC.DEC/5/09 Migration Management" in page and "footnote 11" in page
    assert "Border Security and Management Concept" not in page

    form = curator_client.get(_resolve_url(athens, "date")).content.decode()
    choices = [line for line in form.splitlines() if "<strong>" in line and "stated by" in line]
    index = next(i for i, line in enumerate(choices) if "2009-12-04" in line)
    response = curator_client.post(
        _resolve_url(athens, "date"), {"choice": str(index), "note": "The OSCE's own page dates it."}
    )
    assert response.status_code == 302
    athens.refresh_from_db()
    assert athens.display_date() == "4 December 2009"
    assert "date" not in athens.conflicting_fields()
    assert FieldDecision.objects.get(document=athens, field="date").decided_by == curator


def test_fields_of_work_are_decided_as_a_list_of_names(curator_client):
    release = DocumentFactory(symbol="", title="Press release")
    MetadataClaimFactory(document=release, field="fields_of_work", value="Migration, Rule of law")
    MetadataClaimFactory(document=release, field="fields_of_work", value="Migration")
    response = curator_client.post(_resolve_url(release, "fields_of_work"), {"choice": "0"})
    assert response.status_code == 302
    assert sorted(release.fields_of_work.values_list("name", flat=True)) == ["Migration", "Rule of law"]
