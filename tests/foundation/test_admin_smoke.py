import pytest
from django.contrib import admin
from django.urls import reverse

from tests.factories import DocumentFactory, MetadataClaimFactory, ProvisionFactory, RelationFactory

pytestmark = pytest.mark.django_db


# Every model the admin offers, with whether a person may add one by hand: suggestions come
# from the classifier, field decisions from the conflicts review, importer warnings and
# quotations and deleted-provision decisions from imports, the curators' attributions, splits and
# merges from the quotation and document pages.
ADD_BY_HAND = {
    "auth.Group": True,
    "auth.User": True,
    "commitments.Dimension": True,
    "commitments.MigrationCategory": True,
    "commitments.Provision": True,
    "commitments.Quotation": False,
    "commitments.Relation": True,
    "commitments.TagSuggestion": False,
    "documents.Document": True,
    "documents.DocumentAlias": False,
    "documents.DocumentAttachment": True,
    "documents.FieldDecision": False,
    "documents.FieldOfWork": True,
    "documents.MetadataClaim": True,
    "field_operations.FieldOfWorkScope": True,
    "field_operations.FieldOperation": True,
    "field_operations.OperationMention": True,
    "importing.AttributionDecision": False,
    "importing.DeletedProvision": False,
    "importing.ImportWarning": False,
    "importing.SplitProvision": False,
}


def test_the_admin_offers_exactly_the_models_it_should():
    assert sorted(model._meta.label for model in admin.site._registry) == sorted(ADD_BY_HAND)


@pytest.mark.parametrize(("label", "addable"), ADD_BY_HAND.items())
def test_superuser_opens_changelist_and_add_page_of_every_model(admin_client_logged_in, label, addable):
    ProvisionFactory()
    MetadataClaimFactory()
    RelationFactory()
    app_label, model_name = label.lower().split(".")
    changelist = admin_client_logged_in.get(reverse(f"admin:{app_label}_{model_name}_changelist"))
    assert changelist.status_code == 200
    add = admin_client_logged_in.get(reverse(f"admin:{app_label}_{model_name}_add"))
    assert add.status_code == (200 if addable else 403)


def test_superuser_adds_a_document_by_hand(admin_client_logged_in):
    response = admin_client_logged_in.post(
        reverse("admin:documents_document_add"),
        {
            "symbol": "mc.dec/5/09",
            "slug": "",
            "title": "Migration Management",
            "kind": "mc_decision",
            "body": "ministerial_council",
            "place": "Athens",
            "date": "2009-12-04",
            "date_precision": "day",
            "language": "en",
            "status": "published",
            "provisions-TOTAL_FORMS": "0",
            "provisions-INITIAL_FORMS": "0",
            "outgoing_relations-TOTAL_FORMS": "0",
            "outgoing_relations-INITIAL_FORMS": "0",
            "claims-TOTAL_FORMS": "0",
            "claims-INITIAL_FORMS": "0",
            "attachments-TOTAL_FORMS": "0",
            "attachments-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    from documents.models import Document

    assert Document.objects.get().symbol == "MC.DEC/5/09"


def test_document_change_page_opens(admin_client_logged_in):
    document = DocumentFactory()
    response = admin_client_logged_in.get(reverse("admin:documents_document_change", args=[document.pk]))
    assert response.status_code == 200
