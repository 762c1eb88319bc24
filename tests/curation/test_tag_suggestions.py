"""Suggestions: the classifier proposes, curators accept or reject, per provision or in bulk."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from commitments.models import MigrationCategory, SuggestionStatus, TagSuggestion
from commitments.suggestions import suggest_tags
from tests.curation.conftest import run_action
from tests.factories import ProvisionFactory

pytestmark = pytest.mark.django_db

# As the study (4.1.3) reports MC.DEC/5/09: about migration, so environmental migration fits
# (climate change alone, in a text not about migration, is no evidence of it).
CLIMATE = (
    "The Permanent Council will help assess the possible impact of environmental degradation on "
    "migratory pressures, which climate change may magnify."
)
TRAFFICKING = "The participating States will combat illegal migration and trafficking in human beings."


def _suggested(provision) -> dict[str, TagSuggestion]:
    return {s.tag.slug: s for s in provision.tag_suggestions.filter(category__isnull=False)}


def test_suggestions_carry_confidence_and_trigger_words_for_untagged_provisions():
    provision = ProvisionFactory(text=CLIMATE)
    tagged = ProvisionFactory(text=TRAFFICKING)
    tagged.categories.add(MigrationCategory.objects.get(slug="illegal"))

    suggest_tags(provisions=provision.__class__.objects.all())

    suggestion = _suggested(provision)["environmental"]
    assert suggestion.status == SuggestionStatus.PENDING
    assert 0.5 < suggestion.confidence < 1
    assert "climate change" in suggestion.triggers
    assert not _suggested(tagged), "a provision with a category gets no category suggestion"


def test_the_provision_list_shows_pending_suggestions_with_their_words(curator_client):
    provision = ProvisionFactory(text=CLIMATE)
    out = io.StringIO()
    call_command("suggest_tags", stdout=out)
    assert "suggestions pending" in out.getvalue()
    response = curator_client.get(
        reverse("admin:commitments_provision_changelist"), {"suggestions": "pending"}
    )
    page = response.content.decode()
    assert str(provision) in page
    assert "Environmental migration 0." in page and "climate change" in page


def test_a_curator_accepts_one_suggestion_on_the_provision_page(curator_client, curator):
    provision = ProvisionFactory(text=CLIMATE)
    suggest_tags(provisions=provision.__class__.objects.filter(pk=provision.pk))
    suggestions = list(provision.tag_suggestions.order_by("id"))
    environmental = next(s for s in suggestions if s.category and s.category.slug == "environmental")

    page = curator_client.get(reverse("admin:commitments_provision_change", args=[provision.pk]))
    assert "climate change" in page.content.decode()
    data = {
        "document": provision.document.pk,
        "position": provision.position,
        "label": provision.label,
        "heading": provision.heading,
        "text": provision.text,
        "is_commitment": "on",
        "origin": provision.origin,
        "tag_suggestions-TOTAL_FORMS": str(len(suggestions)),
        "tag_suggestions-INITIAL_FORMS": str(len(suggestions)),
    }
    for i, suggestion in enumerate(suggestions):
        data[f"tag_suggestions-{i}-id"] = suggestion.pk
        data[f"tag_suggestions-{i}-provision"] = provision.pk
        data[f"tag_suggestions-{i}-decision"] = "accept" if suggestion == environmental else ""
    response = curator_client.post(reverse("admin:commitments_provision_change", args=[provision.pk]), data)
    assert response.status_code == 302, response.content.decode()[-3000:]

    environmental.refresh_from_db()
    assert environmental.status == SuggestionStatus.ACCEPTED
    assert environmental.decided_by == curator and environmental.decided_at is not None
    assert list(provision.categories.values_list("slug", flat=True)) == ["environmental"]
    others = provision.tag_suggestions.exclude(pk=environmental.pk)
    assert set(others.values_list("status", flat=True)) <= {SuggestionStatus.PENDING}


def test_curators_accept_suggestions_in_bulk_from_the_suggestion_list(curator_client):
    climate, trafficking = ProvisionFactory(text=CLIMATE), ProvisionFactory(text=TRAFFICKING)
    suggest_tags(provisions=climate.__class__.objects.all())
    chosen = TagSuggestion.objects.filter(category__isnull=False)

    response = run_action(
        curator_client, reverse("admin:commitments_tagsuggestion_changelist"), "accept_selected", chosen
    )
    assert response.status_code == 302
    assert list(climate.categories.values_list("slug", flat=True)) == ["environmental"]
    assert list(trafficking.categories.values_list("slug", flat=True)) == ["illegal"]
    assert not TagSuggestion.objects.filter(category__isnull=False).pending().exists()


def test_a_rejected_suggestion_is_not_proposed_again(curator_client):
    provision = ProvisionFactory(text=CLIMATE)
    suggest_tags(provisions=provision.__class__.objects.all())
    run_action(
        curator_client,
        reverse("admin:commitments_provision_changelist"),
        "reject_provision_suggestions",
        [provision],
    )
    assert not provision.tag_suggestions.pending().exists()
    assert not provision.categories.exists() and not provision.dimensions.exists()

    run = suggest_tags(provisions=provision.__class__.objects.all())
    assert run.proposed == 0
    assert not provision.tag_suggestions.pending().exists()


def test_suggestions_the_classifier_no_longer_makes_are_withdrawn():
    provision = ProvisionFactory(text=CLIMATE)
    suggest_tags(provisions=provision.__class__.objects.all())
    provision.text = "The participating States will meet again in Vienna."
    provision.save()
    run = suggest_tags(provisions=provision.__class__.objects.all())
    assert run.withdrawn >= 1
    assert not provision.tag_suggestions.exists()
