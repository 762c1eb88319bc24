from commitments.models import Relation
from tests.web.sample import more_documents


def test_a_provision_has_a_permanent_page_with_its_citation_and_tags(client, kb):
    provision = kb.concept_provisions["4.5"]
    assert provision.get_absolute_url() == f"/provisions/{provision.pk}/"
    response = client.get(provision.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 id="provision-title">MC.DOC/2/05, para. 4.5</h1>' in html
    assert (
        "OSCE, MC.DOC/2/05, Border Security and Management Concept (Ljubljana, 6 December 2005), para. 4.5"
        in html
    )
    assert f"http://testserver/provisions/{provision.pk}/" in html
    assert 'href="/documents/mc-doc-2-05/#p-4.5"' in html
    assert '<a href="/categories/illegal/">Illegal migration</a>' in html
    assert '<a href="/dimensions/politico-military/">Politico-military dimension</a>' in html


def test_a_provision_page_shows_its_lineage_both_ways(client, kb):
    later = client.get(kb.athens_workers.get_absolute_url())
    assert [r.target_provision for r in later.context["page"].builds_on] == [kb.helsinki_workers]
    assert f'href="{kb.helsinki_workers.get_absolute_url()}"' in later.content.decode()
    earlier = client.get(kb.helsinki_workers.get_absolute_url())
    assert [r.source_provision for r in earlier.context["page"].followed_by] == [kb.athens_workers]
    assert "reaffirms" in earlier.content.decode()


def test_lineage_from_a_draft_is_not_shown(client, kb):
    Relation.objects.create(
        kind="reaffirms",
        source_document=kb.draft,
        source_provision=kb.draft_provision,
        target_document=kb.helsinki,
        target_provision=kb.helsinki_workers,
    )
    page = client.get(kb.helsinki_workers.get_absolute_url()).context["page"]
    assert [r.source_provision for r in page.followed_by] == [kb.athens_workers]


def test_related_provisions_share_a_category_and_are_published(client, kb):
    related = client.get(kb.helsinki_workers.get_absolute_url()).context["page"].related
    assert related == [kb.athens_workers]  # the draft's labour provision is left out
    concept_related = client.get(kb.concept_provisions["4.5"].get_absolute_url()).context["page"].related
    assert {p.document_id for p in concept_related} == {kb.concept.pk}
    assert kb.concept_provisions["4.5"] not in concept_related


def test_a_draft_provision_has_no_page(client, kb):
    assert client.get(kb.draft_provision.get_absolute_url()).status_code == 404


def test_a_provision_page_costs_the_same_queries_however_many_relatives(client, kb, queries):
    url = kb.concept_provisions["4.5"].get_absolute_url()
    _, before = queries(client, url)
    more_documents(n=3)
    _, after = queries(client, url)
    # The provision, its document, tags and their provenance, lineage, related provisions, the
    # paragraphs around it and its chapeau (one query), and the dataset version its citation names.
    assert before == after <= 11
