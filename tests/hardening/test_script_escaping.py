"""Markup in titles, provision text and queries is shown as text everywhere it appears."""

import datetime

import pytest
from django.core.cache import cache

from tests.factories import DocumentFactory, ProvisionFactory

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('kb')</script>"
ATTRIBUTE = '"><img src=x onerror=alert(1)>'


@pytest.fixture
def hostile(whoosh_index):
    document = DocumentFactory(
        symbol="MC.DEC/98/99",
        slug="mc-dec-98-99",
        title=f"Decision on smuggling {SCRIPT}",
        place=ATTRIBUTE,
        date=datetime.date(2009, 12, 4),
    )
    provision = ProvisionFactory(
        document=document,
        label="1",
        heading=f"Chapter {ATTRIBUTE}",
        text=f"The participating States will combat smuggling {SCRIPT} and trafficking {ATTRIBUTE}.",
    )
    whoosh_index.rebuild()
    return provision


def _assert_inert(html: str):
    assert "<script>alert" not in html
    assert "<img src=x" not in html


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/search/?q=smuggling",
        "/search/?q=%3Cscript%3Ealert(%27kb%27)%3C/script%3E",
        "/search/?q=%22%3E%3Cimg+src%3Dx+onerror%3Dalert(1)%3E",
        "/documents/",
        "/documents/mc-dec-98-99/",
        "/timeline/",
    ],
)
def test_public_pages_escape_markup(client, hostile, path):
    response = client.get(path)
    assert response.status_code == 200
    _assert_inert(response.content.decode())


def test_the_provision_page_escapes_markup(client, hostile):
    response = client.get(hostile.get_absolute_url())
    assert response.status_code == 200
    _assert_inert(response.content.decode())


def test_search_snippets_escape_markup_before_marking_matches(client, hostile):
    from search import SearchRequest, search_provisions

    results = search_provisions(SearchRequest(query="smuggling", with_snippets=True))
    highlight = results.hits[0].highlight
    assert "<mark>" in highlight
    assert "&lt;script&gt;" in highlight
    _assert_inert(highlight)


def test_api_returns_markup_as_json_text_never_as_html(client, hostile):
    cache.clear()
    response = client.get("/api/search/?q=smuggling", HTTP_ACCEPT="application/json")
    assert response["Content-Type"].startswith("application/json")
    hit = response.json()["results"][0]
    assert SCRIPT in hit["text"]  # data, not markup: JSON consumers get the text as written
    _assert_inert(hit["highlight"])


@pytest.mark.parametrize(
    "path", ["/export/provisions.csv?q=smuggling", "/export/provisions.json?q=smuggling"]
)
def test_exports_are_never_served_as_html(client, hostile, path):
    response = client.get(path)
    assert response.status_code == 200
    assert not response["Content-Type"].startswith("text/html")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_admin_escapes_markup(admin_client_logged_in, hostile):
    for path in (
        "/admin/documents/document/",
        f"/admin/documents/document/{hostile.document.pk}/change/",
        "/admin/commitments/provision/",
        f"/admin/commitments/provision/{hostile.pk}/change/",
    ):
        response = admin_client_logged_in.get(path)
        assert response.status_code == 200, path
        _assert_inert(response.content.decode())
