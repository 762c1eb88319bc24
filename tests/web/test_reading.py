"""Reading a provision: a sub-paragraph with its chapeau, the paragraphs before and after it,
and a favicon on every page."""

from django.urls import reverse

from commitments.models import parent_label


def test_sub_paragraphs_know_the_paragraph_they_continue():
    assert parent_label("4.3") == "4"
    assert parent_label("2.1.1") == "2.1"
    assert parent_label("Annex C.1(i)") == "Annex C.1"
    assert parent_label("12(a)") == "12"
    assert parent_label("4") == ""
    assert parent_label("quotation-3") == ""  # a passage known only from a quotation


def test_a_sub_paragraph_s_page_shows_its_chapeau(client, corpus):
    document = corpus.document("MC.DOC/2/05")
    provision = document.provisions.get(label="4.3")
    html = client.get(provision.get_absolute_url()).content.decode()
    chapeau = document.provisions.get(label="4")
    assert f'Under <a href="{chapeau.get_absolute_url()}">para. 4</a>:' in html
    assert "with a view to achieving the following aims:" in html
    assert html.index("with a view to achieving") < html.index("To prevent and repress transnational")
    annex = document.provisions.get(label="Annex C.1(i)")
    html = client.get(annex.get_absolute_url()).content.decode()
    assert f'<a href="{document.provisions.get(label="Annex C.1").get_absolute_url()}">Annex C.1</a>' in html


def test_a_first_level_paragraph_has_no_chapeau(client, corpus):
    provision = corpus.document("MC.DOC/2/05").provisions.get(label="4")
    assert client.get(provision.get_absolute_url()).context["page"].chapeau is None


def test_a_provision_page_leads_to_the_paragraphs_before_and_after(client, corpus):
    document = corpus.document("MC.DOC/2/05")
    html = client.get(document.provisions.get(label="4.3").get_absolute_url()).content.decode()
    before, after = document.provisions.get(label="4.2"), document.provisions.get(label="4.4")
    assert f'<a href="{before.get_absolute_url()}" rel="prev">← Previous: para. 4.2</a>' in html
    assert f'<a href="{after.get_absolute_url()}" rel="next">Next: para. 4.4 →</a>' in html
    first = document.provisions.order_by("position", "pk").first()
    page = client.get(first.get_absolute_url()).context["page"]
    assert page.previous is None and page.next.label == "2"


def test_every_page_has_a_favicon_served_from_the_project(client, db):
    html = client.get("/").content.decode()
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"] == "/static/favicon.ico"
    assert reverse("about") in html


def test_a_sub_paragraph_s_hit_shows_its_chapeau(client, corpus_index):
    query = '"prevent and repress transnational organized crime"'
    html = client.get("/search/", {"q": query}).content.decode()
    hit = html[html.index('class="hits"') :]
    assert '<p class="hit__chapeau muted">Under para. 4: The participating States will promote' in hit
