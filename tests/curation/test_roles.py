"""Roles: a Curator edits the knowledge base but not users; a Reviewer only reads."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from commitments.models import MigrationCategory, TagSuggestion
from commitments.suggestions import suggest_tags
from tests.curation.conftest import run_action
from tests.factories import DocumentFactory, MetadataClaimFactory, ProvisionFactory

pytestmark = pytest.mark.django_db
# importing: the importer warnings; field_operations: the operations and their claims
KNOWLEDGE_BASE = {"documents", "commitments", "field_operations", "importing"}


def test_the_data_migration_creates_both_roles_with_their_permissions():
    curator = set(Group.objects.get(name="Curator").permissions.all())
    reviewer = set(Group.objects.get(name="Reviewer").permissions.all())
    knowledge_base = set(Permission.objects.filter(content_type__app_label__in=KNOWLEDGE_BASE))
    assert curator == knowledge_base
    assert reviewer == {p for p in knowledge_base if p.codename.startswith("view_")}
    assert {"view_provision", "view_historicalprovision", "view_tagsuggestion"} <= {
        p.codename for p in reviewer
    }


def test_a_curator_edits_provisions_and_tags(curator_client):
    provision = ProvisionFactory()
    labour = MigrationCategory.objects.get(slug="labour")
    changelist = reverse("admin:commitments_provision_changelist")
    response = run_action(
        curator_client,
        changelist,
        "add_tags_action",
        [provision],
        apply="1",
        categories=[labour.pk],
        basis="migrant workers",
    )
    assert response.status_code == 302
    assert list(provision.categories.all()) == [labour]
    assert curator_client.get(reverse("admin:documents_document_add")).status_code == 200


def test_a_curator_cannot_manage_users_or_groups(curator_client, reviewer):
    assert curator_client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert curator_client.get(reverse("admin:auth_user_change", args=[reviewer.pk])).status_code == 403
    assert curator_client.get(reverse("admin:auth_group_changelist")).status_code == 403
    response = curator_client.post(
        reverse("admin:auth_user_add"),
        {"username": "mallory", "password1": "x-Long-pass-1", "password2": "x-Long-pass-1"},
    )
    assert response.status_code == 403


def test_a_reviewer_reads_every_curation_page(reviewer_client):
    provision = ProvisionFactory()
    document = provision.document
    for url in [
        reverse("admin:commitments_provision_changelist"),
        reverse("admin:commitments_provision_change", args=[provision.pk]),
        reverse("admin:commitments_provision_history", args=[provision.pk]),
        reverse("admin:documents_document_change", args=[document.pk]),
        reverse("admin:documents_document_conflicts"),
        reverse("admin:commitments_tagsuggestion_changelist"),
    ]:
        assert reviewer_client.get(url).status_code == 200, url


def test_a_reviewer_changes_nothing(reviewer_client):
    provision = ProvisionFactory(text="The participating States will address climate change and migration.")
    labour = MigrationCategory.objects.get(slug="labour")
    original = provision.history.latest()

    page = reviewer_client.get(
        reverse("admin:commitments_provision_change", args=[provision.pk])
    ).content.decode()
    assert 'name="_save"' not in page
    changelist = reviewer_client.get(reverse("admin:commitments_provision_changelist")).content.decode()
    assert "add_tags_action" not in changelist

    edit = reviewer_client.post(
        reverse("admin:commitments_provision_change", args=[provision.pk]), {"text": "Changed", "label": "1"}
    )
    assert edit.status_code == 403
    run_action(
        reviewer_client,
        reverse("admin:commitments_provision_changelist"),
        "add_tags_action",
        [provision],
        apply="1",
        categories=[labour.pk],
    )
    assert not provision.categories.exists()

    suggest_tags(provisions=provision.__class__.objects.all())
    run_action(
        reviewer_client,
        reverse("admin:commitments_tagsuggestion_changelist"),
        "accept_selected",
        TagSuggestion.objects.all(),
    )
    assert TagSuggestion.objects.pending().count() == TagSuggestion.objects.count() > 0

    history = reviewer_client.get(reverse("admin:commitments_provision_history", args=[provision.pk]))
    assert "Revert to this version" not in history.content.decode()
    revert = reverse("admin:commitments_provision_revert", args=[provision.pk, original.history_id])
    assert reviewer_client.post(revert).status_code == 403

    provision.refresh_from_db()
    assert provision.text.startswith("The participating States")


def test_a_reviewer_sees_conflicts_but_cannot_decide_them(reviewer_client):
    document = DocumentFactory()
    MetadataClaimFactory(document=document, field="date", value="2009-12-04")
    MetadataClaimFactory(document=document, field="date", value="2009-12-02")
    page = reviewer_client.get(reverse("admin:documents_document_conflicts")).content.decode()
    assert "2009-12-02" in page and "Decide</a>" not in page
    resolve = reverse("admin:documents_document_resolve_conflict", args=[document.pk, "date"])
    assert reviewer_client.post(resolve, {"choice": "1"}).status_code == 403
    assert not document.field_decisions.exists()


def test_staff_without_a_role_sees_nothing_of_the_knowledge_base(client, django_user_model):
    user = django_user_model.objects.create_user("nobody", password="a-long-password-1", is_staff=True)
    client.force_login(user)
    assert client.get(reverse("admin:commitments_provision_changelist")).status_code == 403
    assert client.get(reverse("admin:documents_document_conflicts")).status_code == 403


def test_migrate_refreshes_the_roles_that_exist_and_recreates_none():
    from django.core.management import call_command

    curator = Group.objects.get(name="Curator")
    curator.permissions.clear()
    Group.objects.filter(name="Reviewer").delete()

    call_command("migrate", verbosity=0)

    knowledge_base = set(Permission.objects.filter(content_type__app_label__in=KNOWLEDGE_BASE))
    assert set(curator.permissions.all()) == knowledge_base
    assert not Group.objects.filter(name="Reviewer").exists()
