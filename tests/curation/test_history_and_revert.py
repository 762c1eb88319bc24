"""History: every change recorded with who, when and a diff; a version is put back after the
curator has seen what the revert changes and said why."""

import pytest
from django.urls import reverse

from commitments.models import MigrationCategory, Provision, Relation
from documents.models import Document
from tests.factories import DocumentFactory, ProvisionFactory, RelationFactory

pytestmark = pytest.mark.django_db

OLD_TEXT = (
    "The participating States will promote dignified treatment of all individuals wanting to cross "
    "borders, in conformity with relevant national legal frameworks, international law, in particular "
    "human rights, refugee and humanitarian law, and relevant OSCE commitments."
)


def _edit_provision(client, provision, **changes):
    data = {
        "document": provision.document.pk,
        "position": provision.position,
        "label": provision.label,
        "heading": provision.heading,
        "text": provision.text,
        "is_commitment": "on",
        "origin": provision.origin,
        "categories": [c.pk for c in provision.categories.all()],
        "tag_suggestions-TOTAL_FORMS": "0",
        "tag_suggestions-INITIAL_FORMS": "0",
        **changes,
    }
    response = client.post(reverse("admin:commitments_provision_change", args=[provision.pk]), data)
    assert response.status_code == 302, response.content.decode()[-2000:]


def _history_page(client, model, pk) -> str:
    opts = model._meta
    return client.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[pk])
    ).content.decode()


def _revert_url(model, record) -> str:
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_revert", args=[record.id, record.history_id])


def _revert(client, model, record, reason="The edit garbled the text."):
    return client.post(_revert_url(model, record), {"reason": reason})


def test_an_edit_shows_in_history_with_who_and_a_word_diff(curator_client, curator):
    provision = ProvisionFactory(text=OLD_TEXT)
    _edit_provision(curator_client, provision, text=OLD_TEXT.replace("dignified", "humane"))

    latest = provision.history.latest()
    assert latest.history_user == curator
    page = _history_page(curator_client, Provision, provision.pk)
    assert "<del>dignified</del>" in page and "<ins>humane</ins>" in page
    assert "carla" in page
    assert "Revert to this version…" in page


def test_a_revert_reverts_text_and_tags_and_is_itself_recorded(curator_client, curator):
    forced = MigrationCategory.objects.get(slug="forced")
    provision = ProvisionFactory(text=OLD_TEXT)
    provision.categories.add(forced)
    original = provision.history.latest()

    _edit_provision(curator_client, provision, text="Garbled by a mistaken edit.", categories=[])
    provision.refresh_from_db()
    assert provision.text == "Garbled by a mistaken edit." and not provision.categories.exists()

    response = _revert(curator_client, Provision, original)
    assert response.status_code == 302
    provision.refresh_from_db()
    assert provision.text == OLD_TEXT
    assert list(provision.categories.all()) == [forced]
    revert = provision.history.latest()
    assert revert.history_user == curator
    assert revert.history_change_reason.startswith("Reverted to the version of")
    assert revert.history_change_reason.endswith(": The edit garbled the text.")


def test_a_deleted_provision_comes_back_from_its_history(curator_client):
    provision = ProvisionFactory(text=OLD_TEXT, label="4.5")
    pk = provision.pk
    deleted = reverse("admin:commitments_provision_delete", args=[pk])
    assert curator_client.post(deleted, {"post": "yes"}).status_code == 302
    assert not Provision.objects.filter(pk=pk).exists()

    page = _history_page(curator_client, Provision, pk)
    assert "Revert to this version" in page
    last = Provision.history.filter(id=pk).latest()
    assert _revert(curator_client, Provision, last).status_code == 302
    assert Provision.objects.get(pk=pk).label == "4.5"


def test_a_revert_that_would_clash_is_refused_with_a_reason(curator_client):
    provision = ProvisionFactory(label="7")
    first = provision.history.latest()
    _edit_provision(curator_client, provision, label="8")
    ProvisionFactory(document=provision.document, label="7")

    response = _revert(curator_client, Provision, first)
    assert response.status_code == 302
    provision.refresh_from_db()
    assert provision.label == "8"
    page = curator_client.get(response["Location"]).content.decode()
    assert "Could not revert: This document already has a provision with this label." in page


def test_document_and_relation_changes_are_revertible_too(curator_client):
    document = DocumentFactory(title="Migration Management")
    first = document.history.latest()
    document.title = "Mistyped"
    document.save()
    _revert(curator_client, Document, first)
    document.refresh_from_db()
    assert document.title == "Migration Management"

    relation = RelationFactory(kind="reaffirms")
    first = relation.history.latest()
    relation.kind = "supersedes"
    relation.save()
    _revert(curator_client, Relation, first)
    relation.refresh_from_db()
    assert relation.kind == "reaffirms"


def test_a_revert_shows_what_it_would_change_and_asks_why_before_it_changes_anything(curator_client):
    provision = ProvisionFactory(text=OLD_TEXT)
    original = provision.history.latest()
    _edit_provision(curator_client, provision, text="Garbled by a mistaken edit.")
    url = _revert_url(Provision, original)

    page = curator_client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "<caption>What the revert changes</caption>" in html
    assert "<td>Garbled by a mistaken edit.</td>" in html and f"<td>{OLD_TEXT}</td>" in html
    assert 'name="reason"' in html
    provision.refresh_from_db()
    assert provision.text == "Garbled by a mistaken edit."

    refused = curator_client.post(url, {"reason": "  "})
    assert refused.status_code == 200 and "This field is required." in refused.content.decode()
    provision.refresh_from_db()
    assert provision.text == "Garbled by a mistaken edit."
    assert curator_client.put(url).status_code == 405


def test_reverting_an_accepted_suggestion_s_tag_puts_the_suggestion_back_to_pending(curator_client, curator):
    from commitments.models import SuggestionStatus, TagSuggestion
    from curation.tagging import accept_suggestions

    illegal = MigrationCategory.objects.get(slug="illegal")
    provision = ProvisionFactory(text=OLD_TEXT)
    before = provision.history.latest()
    suggestion = TagSuggestion.objects.create(provision=provision, category=illegal, confidence=0.9)
    accept_suggestions(suggestions=[suggestion], user=curator)
    assert list(provision.categories.all()) == [illegal]

    html = curator_client.get(_revert_url(Provision, before)).content.decode()
    assert "back to <strong>pending</strong>" in html and "Illegal migration (0.90)" in html
    assert _revert(curator_client, Provision, before, reason="The tag was wrong.").status_code == 302
    assert not provision.categories.exists()
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.decided_by, suggestion.decided_at) == (
        SuggestionStatus.PENDING,
        None,
        None,
    )


def test_a_revert_keeps_the_record_of_why_each_tag_is_there(curator_client, curator):
    from commitments.tag_decisions import Decider, record_tag

    forced = MigrationCategory.objects.get(slug="forced")
    illegal = MigrationCategory.objects.get(slug="illegal")
    provision = ProvisionFactory(text=OLD_TEXT)
    record_tag(provision, forced, basis="the study's 4.1.5 quotes it", decider=Decider.for_user(curator))
    with_forced = provision.history.latest()
    provision.categories.remove(forced)
    provision.tag_decisions.all().delete()
    record_tag(provision, illegal, basis="a mistaken tag", decider=Decider.for_user(curator))

    assert _revert(curator_client, Provision, with_forced, reason="Illegal was wrong.").status_code == 302
    assert list(provision.categories.all()) == [forced]
    (decision,) = provision.tag_decisions.all()
    assert decision.category == forced
    assert decision.curator == "carla"
    assert decision.basis.startswith("restored by a revert: Reverted to the version of")
    assert decision.basis.endswith("Illegal was wrong.")
