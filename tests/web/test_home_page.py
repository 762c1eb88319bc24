from django.urls import reverse

from commitments.models import MigrationCategory, Provision
from documents.models import Document
from tests.web.sample import more_documents


def test_home_says_what_the_knowledge_base_holds(client, kb):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    summary = response.context["summary"]
    assert summary.documents == Document.objects.published().count()
    assert summary.provisions == Provision.objects.published().count()
    assert (summary.first_year, summary.last_year) == (1975, 2016)
    html = response.content.decode()
    assert 'role="search"' in html and 'action="/search/"' in html
    assert "1975–2016" in html


def test_home_offers_the_five_categories_and_three_dimensions_with_their_counts(client, kb):
    response = client.get(reverse("home"))
    categories = {c.slug: c.provision_count for c in response.context["categories"]}
    assert list(categories) == ["labour", "human", "environmental", "illegal", "forced"]
    # Helsinki and Athens; the draft's labour provision is not counted.
    assert categories["labour"] == 2
    assert categories["illegal"] == 5
    dimensions = [d.slug for d in response.context["dimensions"]]
    assert dimensions == ["politico-military", "economic-environmental", "human"]
    html = response.content.decode()
    for category in MigrationCategory.objects.all():
        assert f'href="{category.get_absolute_url()}"' in html


def test_home_lists_the_most_recent_published_documents_first(client, kb):
    documents = client.get(reverse("home")).context["documents"]
    assert documents[0] == kb.study
    assert kb.draft not in documents
    assert [d.date for d in documents] == sorted((d.date for d in documents), reverse=True)


def test_home_costs_the_same_queries_however_much_it_holds(client, kb, queries):
    _, before = queries(client, reverse("home"))
    more_documents()
    _, after = queries(client, reverse("home"))
    assert before == after <= 8


def test_home_on_the_bundled_corpus_counts_what_is_published(client, corpus, queries):
    response, n = queries(client, reverse("home"))
    summary = response.context["summary"]
    assert summary.documents == Document.objects.published().count()
    assert summary.commitments == Provision.objects.published().filter(is_commitment=True).count()
    assert summary.first_year == 1973  # the Final Recommendations of the Helsinki Consultations
    for category in response.context["categories"]:
        assert category.provision_count == Provision.objects.published().in_category(category.slug).count()
    assert "Helsinki Final Act" not in [d.title for d in response.context["documents"]]  # only the newest
    assert n <= 8
