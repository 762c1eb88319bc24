"""The OpenAPI schema describes every parameter, and the documentation pages load nothing remote."""

import re

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db

OPERATIONS = {
    "/api/documents/",
    "/api/documents/{ref}/",
    "/api/provisions/",
    "/api/provisions/{id}/",
    "/api/dimensions/",
    "/api/dimensions/{slug}/",
    "/api/categories/",
    "/api/categories/{slug}/",
    "/api/relations/",
    "/api/relations/{id}/",
    "/api/operations/",
    "/api/operations/{slug}/",
    "/api/search/",
}


@pytest.fixture
def schema(client):
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200
    return response.json()


def test_the_schema_is_openapi_3_and_covers_every_endpoint(schema):
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == OPERATIONS
    assert all(set(ops) == {"get"} for ops in schema["paths"].values())


def test_every_parameter_is_described(schema):
    for path, operations in schema["paths"].items():
        for parameter in operations["get"]["parameters"]:
            assert parameter.get("description", "").strip(), f"{path} {parameter['name']}"


def test_every_operation_documents_its_error_answers(schema):
    for path, operations in schema["paths"].items():
        responses = operations["get"]["responses"]
        assert {"200", "400", "404", "429"} <= set(responses), path
        assert responses["400"]["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/Error"
        }


def test_search_parameters_are_those_of_the_issue_and_the_shared_filters(schema):
    names = {p["name"] for p in schema["paths"]["/api/search/"]["get"]["parameters"]}
    assert names == {
        "q",
        "dimension",
        "category",
        "year_from",
        "year_to",
        "kind",
        "body",
        "document",
        "commitments_only",
        "order",
        "page",
        "page_size",
    }


def test_bounds_and_choices_are_in_the_schema(schema):
    parameters = {p["name"]: p["schema"] for p in schema["paths"]["/api/provisions/"]["get"]["parameters"]}
    assert parameters["year_from"] == {"type": "integer", "minimum": 1900, "maximum": 2100}
    assert parameters["page_size"]["maximum"] == 100
    assert parameters["category"]["items"]["enum"] == [
        "labour",
        "human",
        "environmental",
        "illegal",
        "forced",
    ]
    assert "mc_decision" in parameters["kind"]["items"]["enum"]


def _local_assets(html: str) -> list[str]:
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert urls
    for url in urls:
        assert url.startswith("/"), url
        assert not url.startswith("//"), url
    return urls


def test_the_documentation_page_loads_only_local_assets(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "googleapis" not in html and "cdn" not in html.lower()
    for url in _local_assets(html):
        if url.startswith("/static/"):
            assert finders.find(url.removeprefix("/static/")), url


def test_the_swagger_page_script_is_served_by_the_site(client):
    html = client.get("/api/docs/").content.decode()
    (script,) = [u for u in re.findall(r'<script src="([^"]+)"', html) if not u.startswith("/static/")]
    response = client.get(script)
    assert response.status_code == 200
    assert "SwaggerUIBundle" in response.content.decode()
    assert '"/api/schema/"' in response.content.decode()
    assert '"validatorUrl": null' in response.content.decode()


def test_api_root_lists_every_collection(client):
    body = client.get("/api/").json()
    assert body["documents"] == "http://testserver/api/documents/"
    assert body["search"] == "http://testserver/api/search/"
    assert body["docs"] == "http://testserver/api/docs/"


def test_the_browsable_api_renders_for_a_browser(client, api_data):
    response = client.get("/api/provisions/?category=labour", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "The participating States will deal with problems" in response.content.decode()


def test_the_documentation_page_may_style_inline_but_never_script_inline(client):
    policy = client.get("/api/docs/")["Content-Security-Policy"]
    assert "script-src 'self';" in policy
    assert "style-src 'self' 'unsafe-inline'" in policy
    assert "style-src 'self';" in client.get("/api/documents/")["Content-Security-Policy"]
