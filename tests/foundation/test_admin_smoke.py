import pytest
from django.contrib import admin
from django.urls import reverse

from tests.factories import DocumentFactory, MetadataClaimFactory, ProvisionFactory, RelationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", list(admin.site._registry), ids=lambda m: m._meta.label)
def test_superuser_opens_changelist_and_add_page_of_every_model(admin_client_logged_in, model):
    ProvisionFactory()
    MetadataClaimFactory()
    RelationFactory()
    opts = model._meta
    changelist = admin_client_logged_in.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    assert changelist.status_code == 200
    add = admin_client_logged_in.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
    assert add.status_code == 200


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
