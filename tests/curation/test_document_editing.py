"""Editing in the admin: a document's provisions inline in order, relations chosen by autocomplete."""

import re

import pytest
from django.urls import reverse

from commitments.models import Relation, RelationKind
from tests.factories import DocumentFactory, ProvisionFactory

pytestmark = pytest.mark.django_db


def test_the_document_page_lists_its_provisions_inline_in_document_order(curator_client, corpus):
    concept = corpus.document("MC.DOC/2/05")
    page = curator_client.get(reverse("admin:documents_document_change", args=[concept.pk])).content.decode()
    inline_labels = re.findall(r'name="provisions-\d+-label" value="([^"]*)"', page)
    assert inline_labels == list(concept.provisions.order_by("position").values_list("label", flat=True))
    # Its own 59 provisions first, then the passages other sources quote from it.
    assert inline_labels[:4] == ["1", "2", "2.1", "2.2"] and inline_labels[58] == "Annex C.3(v)"


def test_editing_a_provision_inline_saves_it(curator_client):
    document = DocumentFactory()
    first = ProvisionFactory(document=document, label="1", position=0)
    second = ProvisionFactory(document=document, label="2", position=1)
    data = {
        "status": "published", "symbol": document.symbol, "slug": document.slug, "title": document.title,
        "kind": document.kind, "body": document.body, "place": document.place, "date": "2009-12-02",
        "date_precision": "day", "language": "en",
        "provisions-TOTAL_FORMS": "2", "provisions-INITIAL_FORMS": "2",
        "outgoing_relations-TOTAL_FORMS": "0", "outgoing_relations-INITIAL_FORMS": "0",
        "claims-TOTAL_FORMS": "0", "claims-INITIAL_FORMS": "0",
        "attachments-TOTAL_FORMS": "0", "attachments-INITIAL_FORMS": "0",
    }  # fmt: skip
    for i, provision in enumerate([first, second]):
        data.update(
            {
                f"provisions-{i}-id": provision.pk,
                f"provisions-{i}-document": document.pk,
                f"provisions-{i}-position": provision.position,
                f"provisions-{i}-label": provision.label,
                f"provisions-{i}-heading": "",
                f"provisions-{i}-text": "Corrected text." if provision == second else provision.text,
                f"provisions-{i}-is_commitment": "on",
            }
        )
    response = curator_client.post(reverse("admin:documents_document_change", args=[document.pk]), data)
    assert response.status_code == 302, response.content.decode()[-2000:]
    second.refresh_from_db()
    assert second.text == "Corrected text."


def _autocomplete(client, field: str, term: str) -> list[str]:
    response = client.get(
        reverse("admin:autocomplete"),
        {"term": term, "app_label": "commitments", "model_name": "relation", "field_name": field},
    )
    assert response.status_code == 200
    return [result["text"] for result in response.json()["results"]]


def test_relation_ends_are_found_by_autocomplete(curator_client, corpus):
    assert "MC.DOC/2/05, para. 4.5" in _autocomplete(curator_client, "target_provision", "MC.DOC/2/05 4.5")
    documents = _autocomplete(curator_client, "target_document", "Border Security")
    assert "MC.DOC/2/05 Border Security and Management Concept" in documents


def test_a_curator_records_that_one_provision_reaffirms_another(curator_client, curator):
    helsinki = ProvisionFactory(label="1")
    athens = ProvisionFactory(label="4")
    response = curator_client.post(
        reverse("admin:commitments_relation_add"),
        {
            "kind": RelationKind.REAFFIRMS,
            "source_document": athens.document.pk,
            "source_provision": athens.pk,
            "target_document": helsinki.document.pk,
            "target_provision": helsinki.pk,
            "evidence": "preamble",
        },
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    relation = Relation.objects.get()
    assert (relation.source_provision, relation.target_provision) == (athens, helsinki)
    assert relation.history.latest().history_user == curator
    assert relation.origin == "curator"  # never taken for a link a re-import may remove


def test_a_relation_whose_provision_is_not_in_its_document_is_refused(curator_client):
    provision = ProvisionFactory()
    other = DocumentFactory()
    response = curator_client.post(
        reverse("admin:commitments_relation_add"),
        {
            "kind": RelationKind.CITES,
            "source_document": other.pk,
            "source_provision": provision.pk,
            "target_document": provision.document.pk,
        },
    )
    assert response.status_code == 200
    assert "The provision must belong to the source document." in response.content.decode()
    assert not Relation.objects.exists()
