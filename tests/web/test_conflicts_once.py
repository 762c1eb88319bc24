"""Where the sources disagree, as the public page, the API and the admin all show it: one
definition (``documents.conflicts``), on the bundled corpus."""

import pytest
from django.urls import reverse

from curation.conflicts import decide_field, open_conflicts
from documents.models import Document, PublicationStatus

pytestmark = pytest.mark.django_db
ADMIN_CONFLICTS = reverse("admin:documents_document_conflicts")


def _helsinki():
    return Document.objects.get(title="Helsinki Final Act")


def _study():
    return Document.objects.get(kind="study")


def _api_conflicts(client, document) -> dict:
    response = client.get(f"/api/documents/{document.slug}/")
    assert response.status_code == 200
    return {c["field"]: c for c in response.json()["conflicts"]}


def test_a_year_that_a_full_date_refines_is_no_disagreement_anywhere(client, admin_client_logged_in, corpus):
    helsinki = _helsinki()
    dates = set(helsinki.claims.filter(field="date").values_list("value", flat=True))
    assert dates == {"1975", "1975-08-01"}  # the study says 1975, the OSCE page 1 August 1975
    html = client.get(helsinki.get_absolute_url()).content.decode()
    assert "Where the sources disagree" not in html
    assert _api_conflicts(client, helsinki) == {}
    assert helsinki not in {conflict.document for conflict in open_conflicts()}
    assert "Helsinki Final Act" not in admin_client_logged_in.get(ADMIN_CONFLICTS).content.decode()


def test_a_draft_source_is_neither_counted_nor_named_on_the_public_page(client, corpus):
    athens = corpus.document("MC.DEC/5/09")
    html = client.get(athens.get_absolute_url()).content.decode()
    assert "Where the sources disagree" in html and "2 December 2009" in html  # the study's date

    study = _study()
    study.status = PublicationStatus.DRAFT
    study.save()
    response = client.get(athens.get_absolute_url())
    assert response.context["page"].conflicts == []
    html = response.content.decode()
    assert "Where the sources disagree" not in html
    assert "2 December 2009" not in html
    assert _api_conflicts(client, athens) == {}
    api = client.get(f"/api/documents/{athens.slug}/").json()
    assert all(claim["source"] != study.slug for claim in api["claims"])
    assert athens not in {conflict.document for conflict in open_conflicts()}


def test_a_decided_field_shows_the_decision_and_its_basis(client, admin_client_logged_in, corpus):
    athens = corpus.document("MC.DEC/5/09")
    basis = "the OSCE page Our mandate on migration gives the date of adoption"
    decide_field(document=athens, field="date", value="2009-12-04", user=None, note=basis)

    html = client.get(athens.get_absolute_url()).content.decode()
    assert "Where the sources disagree" in html
    assert f"A curator decided: 4 December 2009. Basis: {basis}" in html
    assert "2 December 2009" in html  # the evidence stays beside the decision
    conflict = _api_conflicts(client, athens)["date"]
    assert conflict["decision"] == {"value": "2009-12-04", "basis": basis}
    assert {v["value"] for v in conflict["values"]} == {"2009-12-04", "2009-12-02"}
    assert athens not in {c.document for c in open_conflicts()}  # nothing left to do in the admin
    assert "MC.DEC/5/09" not in admin_client_logged_in.get(ADMIN_CONFLICTS).content.decode()


def test_page_api_and_admin_list_the_same_disagreements_on_the_corpus(client, corpus):
    open_in_admin = {(c.document.pk, c.field) for c in open_conflicts()}
    assert open_in_admin  # the corpus has disagreements (MC.DEC/5/09's date at least)
    for document in Document.objects.published():
        page = client.get(document.get_absolute_url()).context["page"]
        on_page = {c.field for c in page.conflicts}
        assert on_page == set(_api_conflicts(client, document)), document
        still_open = {(document.pk, c.field) for c in page.conflicts if c.decision is None}
        assert still_open == {k for k in open_in_admin if k[0] == document.pk}
