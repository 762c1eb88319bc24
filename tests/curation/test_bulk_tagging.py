"""Tagging provisions in bulk from the admin list, and finding them with its filters."""

import datetime

import pytest
from django.urls import reverse

from commitments.models import Dimension, MigrationCategory, Provision
from tests.curation.conftest import run_action
from tests.factories import DocumentFactory, ProvisionFactory

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:commitments_provision_changelist")


@pytest.fixture
def taxonomy():
    return {
        "human": Dimension.objects.get(slug="human"),
        "economic": Dimension.objects.get(slug="economic-environmental"),
        "labour": MigrationCategory.objects.get(slug="labour"),
        "forced": MigrationCategory.objects.get(slug="forced"),
    }


def test_the_add_tags_action_asks_which_tags_then_adds_them_to_every_selected_provision(
    curator_client, taxonomy
):
    chosen = ProvisionFactory.create_batch(3)
    other = ProvisionFactory()

    form = run_action(curator_client, CHANGELIST, "add_tags_action", chosen)
    assert form.status_code == 200
    assert "Add tags to provisions" in form.content.decode()

    response = run_action(
        curator_client,
        CHANGELIST,
        "add_tags_action",
        chosen,
        apply="1",
        dimensions=[taxonomy["economic"].pk],
        categories=[taxonomy["labour"].pk],
        basis="remittances of migrant workers",
    )
    assert response.status_code == 302
    for provision in chosen:
        assert list(provision.dimensions.all()) == [taxonomy["economic"]]
        assert list(provision.categories.all()) == [taxonomy["labour"]]
    assert not other.categories.exists()


def test_every_tag_added_in_bulk_records_who_when_and_the_basis_given(curator_client, taxonomy):
    provision = ProvisionFactory()
    run_action(
        curator_client,
        CHANGELIST,
        "add_tags_action",
        [provision],
        apply="1",
        categories=[taxonomy["forced"].pk],
        basis="protection of refugees",
    )
    decision = provision.tag_decisions.get()
    assert (decision.category, decision.curator, decision.basis) == (
        taxonomy["forced"],
        "carla",
        "protection of refugees",
    )
    assert decision.get_origin_display() == "tagged by the editors"
    assert provision.curation.source == "admin"


def test_adding_tags_without_a_basis_asks_for_one_and_changes_nothing(curator_client, taxonomy):
    provision = ProvisionFactory()
    response = run_action(
        curator_client,
        CHANGELIST,
        "add_tags_action",
        [provision],
        apply="1",
        categories=[taxonomy["forced"].pk],
    )
    assert response.status_code == 200
    assert "Say in one line why these provisions carry these tags." in response.content.decode()
    assert not provision.categories.exists() and not provision.tag_decisions.exists()


def test_bulk_tagging_is_recorded_in_each_provisions_history_with_the_curator(
    curator_client, curator, taxonomy
):
    provision = ProvisionFactory()
    run_action(
        curator_client,
        CHANGELIST,
        "add_tags_action",
        [provision],
        apply="1",
        categories=[taxonomy["forced"].pk],
        basis="refugees",
    )
    latest = provision.history.latest()
    assert latest.history_user == curator
    assert [row.migrationcategory for row in latest.categories.all()] == [taxonomy["forced"]]


def test_the_remove_tags_action_takes_only_the_chosen_tags_off(curator_client, taxonomy):
    provisions = ProvisionFactory.create_batch(2)
    for provision in provisions:
        provision.categories.add(taxonomy["labour"], taxonomy["forced"])
    run_action(
        curator_client,
        CHANGELIST,
        "remove_tags_action",
        provisions,
        apply="1",
        categories=[taxonomy["labour"].pk],
    )
    for provision in provisions:
        assert list(provision.categories.all()) == [taxonomy["forced"]]


def test_tagging_without_choosing_a_tag_explains_itself_and_changes_nothing(curator_client):
    provision = ProvisionFactory()
    response = run_action(curator_client, CHANGELIST, "add_tags_action", [provision], apply="1")
    assert response.status_code == 200
    assert "Choose at least one dimension or migration category." in response.content.decode()
    assert not provision.categories.exists() and not provision.dimensions.exists()


def _listed(client, **params) -> set[int]:
    response = client.get(CHANGELIST, params)
    assert response.status_code == 200
    return {p.pk for p in response.context["cl"].result_list}


def test_list_filters_find_untagged_by_category_dimension_document_and_year(curator_client, taxonomy):
    old = DocumentFactory(date=datetime.date(1975, 8, 1))
    new = DocumentFactory(date=datetime.date(2009, 12, 4))
    untagged = ProvisionFactory(document=old)
    labour = ProvisionFactory(document=new)
    labour.categories.add(taxonomy["labour"])
    human = ProvisionFactory(document=new)
    human.dimensions.add(taxonomy["human"])

    assert _listed(curator_client, tagging="untagged") == {untagged.pk}
    assert _listed(curator_client, tagging="no-category") == {untagged.pk, human.pk}
    assert _listed(curator_client, categories__id__exact=taxonomy["labour"].pk) == {labour.pk}
    assert _listed(curator_client, dimensions__id__exact=taxonomy["human"].pk) == {human.pk}
    assert _listed(curator_client, document__id__exact=old.pk) == {untagged.pk}
    assert _listed(curator_client, year="2009") == {labour.pk, human.pk}
    assert _listed(curator_client, year="1975") == {untagged.pk}


def test_a_citation_typed_in_the_search_box_finds_the_provision(curator_client):
    document = DocumentFactory(symbol="MC.DOC/2/05")
    wanted = ProvisionFactory(document=document, label="4.5")
    ProvisionFactory(document=document, label="4.6")
    assert _listed(curator_client, q="mc.doc/2/05 para. 4.5") == {wanted.pk}


def test_the_year_filter_ignores_a_garbled_year(curator_client):
    ProvisionFactory()
    assert _listed(curator_client, year="19x5") == set()
    assert Provision.objects.count() == 1
