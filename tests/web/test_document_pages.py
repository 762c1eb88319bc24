from django.core.files.base import ContentFile
from django.urls import reverse

from tests.factories import DocumentFactory
from tests.web.sample import more_documents

CITATION = "OSCE, MC.DOC/2/05, Border Security and Management Concept (Ljubljana, 6 December 2005), para. 4.5"


def test_the_documents_list_shows_published_documents_newest_first(client, kb):
    response = client.get(reverse("document-list"))
    documents = list(response.context["documents"])
    assert documents == [kb.study, kb.athens, kb.concept, kb.helsinki]
    assert documents[2].provision_count == 5


def test_the_documents_list_filters_by_kind_body_years_and_category(client, kb):
    def listed(**params):
        return set(client.get(reverse("document-list"), params).context["documents"])

    assert listed(kind="mc_document") == {kb.concept}
    assert listed(body="summit") == {kb.helsinki}
    assert listed(year_from="2005", year_to="2009") == {kb.concept, kb.athens}
    assert listed(category="labour") == {kb.helsinki, kb.athens}
    assert listed(category="labour", year_from="2000") == {kb.athens}


def test_the_documents_list_sorts_by_date_and_symbol(client, kb):
    def order(sort):
        return list(client.get(reverse("document-list"), {"sort": sort}).context["documents"])

    assert order("date") == [kb.helsinki, kb.concept, kb.athens, kb.study]
    by_symbol = [d.symbol for d in order("symbol") if d.symbol]
    assert by_symbol == ["MC.DEC/5/09", "MC.DOC/2/05"]
    assert [d.symbol for d in order("-symbol") if d.symbol] == ["MC.DOC/2/05", "MC.DEC/5/09"]


def test_the_documents_list_costs_the_same_queries_however_long(client, kb, queries):
    _, before = queries(client, reverse("document-list"))
    more_documents(n=6)
    _, after = queries(client, reverse("document-list"))
    assert before == after <= 6


def test_a_document_page_shows_its_metadata_and_every_provision_with_an_anchor(client, kb):
    response = client.get(kb.concept.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 id="document-title">Border Security and Management Concept</h1>' in html
    assert '<dd><time datetime="2005-12-06">6 December 2005</time></dd>' in html
    assert "<dd>Ljubljana</dd>" in html
    for anchor in ("p-1", "p-2", "p-4", "p-4.5", "p-annex-c.2-v"):
        assert f'id="{anchor}"' in html
    assert html.index('id="p-4"') < html.index('id="p-4.5"') < html.index('id="p-annex-c.2-v"')
    assert "Interpretative statement by Georgia" in html


def test_a_document_page_has_a_table_of_contents_from_its_headings(client, kb):
    response = client.get(kb.concept.get_absolute_url())
    sections = response.context["page"].sections
    assert [s.heading for s in sections] == [
        "Chapter I: The OSCE participating States’ commitments",
        "Chapter II: Main objectives of co-operation",
        "Annex: C. Possible OSCE contributions",
    ]
    html = response.content.decode()
    for section in sections:
        assert f'<li><a href="#{section.anchor}">{section.heading}</a>' in html
        assert f'id="{section.anchor}"' in html
    assert [p.label for p in sections[1].provisions] == ["4", "4.5"]


def test_every_provision_offers_its_citation_to_copy(client, kb):
    html = client.get(kb.concept.get_absolute_url()).content.decode()
    # Selectable text without script; the script adds a copy button from data-citation.
    assert f'data-citation="{CITATION}"' in html
    assert f'<p class="cite__text">{CITATION}</p>' in html


def test_a_document_page_shows_what_it_cites_and_what_cites_it(client, kb):
    concept = client.get(kb.concept.get_absolute_url())
    cited_by = concept.context["page"].cited_by
    assert [r.source_document for r in cited_by] == [kb.study]  # not the draft
    assert "footnote 9" in concept.content.decode()
    study = client.get(kb.study.get_absolute_url())
    assert [r.target_document for r in study.context["page"].cites] == [kb.concept]
    athens = client.get(kb.athens.get_absolute_url()).content.decode()
    assert f'href="{kb.helsinki.get_absolute_url()}#p-1"' in athens


def test_disagreeing_sources_are_shown_side_by_side_with_their_sources(client, kb):
    response = client.get(kb.athens.get_absolute_url())
    (conflict,) = response.context["page"].conflicts
    assert conflict.label == "Date"
    assert [v.display for v in conflict.values] == ["4 December 2009", "2 December 2009"]
    html = response.content.decode()
    assert "Where the sources disagree" in html
    assert "The document itself" in html
    assert f'<a href="{kb.study.get_absolute_url()}">' in html and "footnote 14" in html
    assert "undecided" in html


def test_a_document_without_disagreement_shows_no_conflict_section(client, kb):
    html = client.get(kb.concept.get_absolute_url()).content.decode()
    assert "Where the sources disagree" not in html


def test_the_source_file_is_downloaded_under_a_name_that_says_what_it_is(client, kb, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    kb.concept.source_file.save("upload.txt", ContentFile(b"BORDER SECURITY AND MANAGEMENT CONCEPT\n"))
    kb.concept.source_filename = "004_d74716776d70ede2.txt"
    kb.concept.save()
    html = client.get(kb.concept.get_absolute_url()).content.decode()
    url = reverse("document-source", args=[kb.concept.slug])
    assert f'href="{url}"' in html
    response = client.get(url)
    assert response.status_code == 200
    # Not the hash-like name the corpus file has: the symbol and title a reader recognises.
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="MC.DOC-2-05 Border Security and Management Concept.txt"'
    )
    assert "MC.DOC-2-05 Border Security and Management Concept.txt" in html
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"BORDER SECURITY")


def test_a_document_page_costs_the_same_queries_however_long_the_document(client, kb, queries):
    _, before = queries(client, kb.concept.get_absolute_url())
    (bigger,) = more_documents(n=1, provisions=40)
    _, after = queries(client, bigger.get_absolute_url())
    assert before == after <= 11  # one of them the quotations of its words held elsewhere


def test_draft_documents_have_no_page(client, kb):
    assert client.get(kb.draft.get_absolute_url()).status_code == 404
    draft = DocumentFactory(status="draft")
    assert client.get(reverse("document-source", args=[draft.slug])).status_code == 404


def test_on_the_corpus_mc_doc_2_05_reads_whole_with_its_contents_and_anchors(client, corpus, queries):
    from commitments.models import Provision

    response, n = queries(client, "/documents/mc-doc-2-05/")
    assert response.status_code == 200
    assert n <= 11
    page = response.context["page"]
    assert page.provision_count == Provision.objects.filter(document__symbol="MC.DOC/2/05").count()
    titles = [s.title for s in page.sections]
    assert titles[:2] == [
        "Chapter I: The OSCE participating States’ commitments",
        "Chapter II: Main objectives of co-operation",
    ]
    assert (
        "Annex: Possible OSCE contributions › C. Possible specialized assistance in the following fields"
        in titles
    )
    html = response.content.decode()
    for anchor in ("p-1", "p-2.1", "p-4.5", "p-17", "p-annex-a.1", "p-annex-c.2-v"):
        assert f'id="{anchor}"' in html
    assert f'data-citation="{CITATION}"' in html
    assert "Interpretative Statement under Paragraph 79" in html


def test_on_the_corpus_footnote_9_is_decision_2_05_and_not_a_second_title_of_mc_doc_2_05(client, corpus):
    response = client.get("/documents/mc-doc-2-05/")
    assert response.context["page"].conflicts == []
    assert not any(r.source_document.kind == "study" for r in response.context["page"].cited_by)
    decision = client.get("/documents/mc-dec-2-05/")
    assert decision.context["page"].document.title == "Migration"
    assert any(r.source_document.kind == "study" for r in decision.context["page"].cited_by)


def test_on_the_corpus_mc_dec_5_09_shows_both_dates_with_their_sources(client, corpus):
    response = client.get("/documents/mc-dec-5-09/")
    (conflict,) = response.context["page"].conflicts
    values = {v.display: [c.source_locator for c in v.claims] for v in conflict.values}
    assert values == {"4 December 2009": ["section “Decision No. 5/09”"], "2 December 2009": ["footnote 11"]}


def test_on_the_corpus_the_documents_list_filters_by_category(client, corpus):
    from documents.models import Document

    listed = set(client.get("/documents/", {"category": "forced"}).context["documents"])
    expected = set(Document.objects.published().filter(provisions__categories__slug="forced").distinct())
    assert listed == expected and len(listed) > 1


def test_a_category_filter_does_not_multiply_provision_counts(client, kb):
    (athens,) = client.get(
        reverse("document-list"), {"category": ["labour", "human"], "year_from": "2009"}
    ).context["documents"]
    assert athens.provision_count == 1
    (concept,) = client.get(reverse("document-list"), {"dimension": "politico-military"}).context["documents"]
    assert concept.provision_count == 5
