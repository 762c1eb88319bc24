"""Draft and published: curators publish and withdraw; the public sees only published documents."""

import pytest
from django.urls import reverse

from documents.models import PublicationStatus
from search import SearchRequest, search_provisions
from tests.curation.conftest import run_action
from tests.factories import DocumentFactory, ProvisionFactory

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:documents_document_changelist")


def test_publishing_a_draft_shows_it_to_the_public(curator_client, client, curator):
    draft = DocumentFactory(status=PublicationStatus.DRAFT)
    provision = ProvisionFactory(document=draft, text="Circular migration and remittances.")
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert search_provisions(SearchRequest(query="remittances")).total == 0

    response = run_action(curator_client, CHANGELIST, "publish", [draft])
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == PublicationStatus.PUBLISHED
    assert draft.history.latest().history_user == curator
    assert client.get(draft.get_absolute_url()).status_code == 200
    assert client.get(provision.get_absolute_url()).status_code == 200
    assert search_provisions(SearchRequest(query="remittances")).total == 1


def test_withdrawing_to_draft_hides_the_document_and_its_provisions(curator_client, client):
    document = DocumentFactory()
    provision = ProvisionFactory(document=document, text="Circular migration and remittances.")
    run_action(curator_client, CHANGELIST, "unpublish", [document])
    document.refresh_from_db()
    assert document.status == PublicationStatus.DRAFT
    assert client.get(document.get_absolute_url()).status_code == 404
    assert client.get(provision.get_absolute_url()).status_code == 404
    assert search_provisions(SearchRequest(query="remittances")).total == 0


def test_the_document_list_filters_by_status(curator_client):
    draft = DocumentFactory(status=PublicationStatus.DRAFT)
    DocumentFactory()
    response = curator_client.get(CHANGELIST, {"status__exact": "draft"})
    assert [d.pk for d in response.context["cl"].result_list] == [draft.pk]


def test_what_a_source_states_counts_only_while_it_is_published(curator_client, client):
    from tests.factories import MetadataClaimFactory

    document = DocumentFactory(place="")
    study = DocumentFactory(status=PublicationStatus.DRAFT, symbol="", title="A study")
    page = DocumentFactory(symbol="", title="A web page")
    MetadataClaimFactory(document=document, field="place", value="Munich", source_document=study)
    MetadataClaimFactory(document=document, field="place", value="Vienna", source_document=page)
    from importing.save import apply_claims

    apply_claims(document)
    assert document.place == "Vienna"  # the draft study's earlier claim does not count

    run_action(curator_client, CHANGELIST, "publish", [study])
    document.refresh_from_db()
    assert document.place == "Munich"
    assert "Munich" in client.get(document.get_absolute_url()).content.decode()

    run_action(curator_client, CHANGELIST, "unpublish", [study])
    document.refresh_from_db()
    assert document.place == "Vienna"
    assert "Munich" not in client.get(document.get_absolute_url()).content.decode()
