"""Where every tag comes from, as researchers and curators see it, and how suggestions count in filters."""

import pytest
from django.urls import reverse

from commitments.models import Dimension, SuggestionStatus, TagSuggestion
from commitments.suggestions import suggest_tags
from curation.tagging import accept_suggestions
from tests.factories import ProvisionFactory

SMUGGLING = "Combating the smuggling of migrants and trafficking in human beings across borders."


def test_a_curated_tag_says_the_editors_gave_it_when_and_on_what_basis(client, corpus):
    para = corpus.document("MC.DOC/2/05").provisions.get(label="4.5")
    page = client.get(para.get_absolute_url()).content.decode()
    assert (
        'Forced migration</a> <span class="muted">— tagged by the editors (KB editors, 3 December 2026)'
        in page
    )
    assert "the study&#x27;s 4.1.5 quotes it: dignified treatment of all individuals" in page
    assert "Suggested automatically" not in page


def test_a_curated_provision_without_category_says_the_editors_found_none(client, corpus):
    para = corpus.document("MC.DOC/2/05").provisions.get(label="4.4")
    page = client.get(para.get_absolute_url()).content.decode()
    assert "None: the editors found no migration category in it" in page


@pytest.mark.django_db
def test_a_pending_suggestion_is_shown_apart_and_not_counted_by_the_filters(client):
    provision = ProvisionFactory(text=SMUGGLING)
    suggest_tags(provisions=provision.__class__.objects.all())
    assert provision.tag_suggestions.filter(category__slug="illegal").exists()
    assert not provision.categories.exists()

    page = client.get(provision.get_absolute_url()).content.decode()
    assert "Suggested automatically" in page
    assert "Not yet reviewed by the editors, and not counted by the filters" in page
    assert 'Illegal migration</a> <span class="muted">— suggested automatically, confidence 0.' in page
    assert "from the words “smuggling of migrants”" in page

    listed = client.get("/api/provisions/", {"category": "illegal"}).json()
    assert listed["count"] == 0


@pytest.mark.django_db
def test_with_the_setting_on_public_filters_also_find_pending_suggestions(client, settings):
    settings.PUBLIC_FILTERS_INCLUDE_SUGGESTIONS = True
    provision = ProvisionFactory(text=SMUGGLING)
    ProvisionFactory(text="The participating States will meet in Vienna.")
    suggest_tags(provisions=provision.__class__.objects.all())

    listed = client.get("/api/provisions/", {"category": "illegal"}).json()
    assert [p["id"] for p in listed["results"]] == [provision.pk]
    page = client.get(provision.get_absolute_url()).content.decode()
    assert "Not yet reviewed by the editors:" in page  # and counted: the page does not say otherwise


@pytest.mark.django_db
def test_the_search_index_counts_suggestions_only_with_the_setting_on(client, settings, whoosh_index):
    provision = ProvisionFactory(text=SMUGGLING)
    suggest_tags(provisions=provision.__class__.objects.all())
    whoosh_index.rebuild()
    found = client.get("/api/search/", {"q": "smuggling", "category": "illegal"}).json()
    assert found["count"] == 0

    settings.PUBLIC_FILTERS_INCLUDE_SUGGESTIONS = True
    whoosh_index.rebuild()
    found = client.get("/api/search/", {"q": "smuggling", "category": "illegal"}).json()
    assert [hit["id"] for hit in found["results"]] == [provision.pk]


@pytest.mark.django_db
def test_an_accepted_suggestion_becomes_a_tag_that_says_it_was_suggested(client, django_user_model):
    curator = django_user_model.objects.create_user("carla", "c@example.org", "a-long-password-1")
    provision = ProvisionFactory(text=SMUGGLING)
    suggest_tags(provisions=provision.__class__.objects.all())
    accept_suggestions(suggestions=TagSuggestion.objects.filter(category__slug="illegal"), user=curator)

    decision = provision.tag_decisions.get(category__slug="illegal")
    assert (decision.origin, decision.curator) == ("accepted", "carla")
    assert decision.suggestion.status == SuggestionStatus.ACCEPTED
    assert "smuggling of migrants" in decision.basis
    page = client.get(provision.get_absolute_url()).content.decode()
    assert (
        'Illegal migration</a> <span class="muted">— suggested automatically, accepted by the editors (carla'
        in page
    )


@pytest.mark.django_db
def test_the_admin_shows_why_a_provision_carries_each_tag(admin_client_logged_in):
    provision = ProvisionFactory(text=SMUGGLING)
    from commitments.tag_decisions import Decider, record_tag

    record_tag(
        provision,
        Dimension.objects.get(slug="politico-military"),
        basis="smuggling and trafficking across borders",
        decider=Decider(curator="carla", at=provision.created_at),
    )
    page = admin_client_logged_in.get(reverse("admin:commitments_provision_change", args=[provision.pk]))
    html = page.content.decode()
    assert "Why it carries its tags" in html
    assert "<strong>Politico-military dimension</strong>: tagged by the editors by carla on" in html
    assert "smuggling and trafficking across borders" in html


@pytest.mark.django_db
def test_tags_added_on_the_admin_form_need_a_basis_and_keep_it(admin_client_logged_in):
    provision = ProvisionFactory(text=SMUGGLING)
    url = reverse("admin:commitments_provision_change", args=[provision.pk])
    human = Dimension.objects.get(slug="human")
    form = {
        "document": provision.document.pk,
        "position": provision.position,
        "label": provision.label,
        "heading": "",
        "text": provision.text,
        "is_commitment": "on",
        "dimensions": [human.pk],
        "origin": "full_text",
        "quoted_locator": "",
        "tag_suggestions-TOTAL_FORMS": "0",
        "tag_suggestions-INITIAL_FORMS": "0",
    }
    refused = admin_client_logged_in.post(url, form)
    assert refused.status_code == 200
    assert "Say in one line why this provision carries the tags you add." in refused.content.decode()
    assert not provision.dimensions.exists()

    saved = admin_client_logged_in.post(url, {**form, "tag_basis": "victims of smuggling"})
    assert saved.status_code == 302
    decision = provision.tag_decisions.get()
    assert (decision.dimension, decision.basis, decision.curator) == (human, "victims of smuggling", "admin")
