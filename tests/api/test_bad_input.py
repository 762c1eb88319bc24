"""Bad parameters get a 400 naming each one, unknown objects a 404, and nothing a 500."""

import pytest

pytestmark = pytest.mark.django_db

LISTS = ["/api/documents/", "/api/provisions/", "/api/relations/", "/api/dimensions/", "/api/categories/"]
SEARCH = "/api/search/"


def _errors(response):
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["detail"].startswith("Invalid query parameter(s): ")
    return body["errors"]


@pytest.mark.parametrize("url", [*LISTS, SEARCH])
@pytest.mark.parametrize("page", ["0", "-1", "abc", "1.5", "10001", ""])
def test_a_bad_page_is_named(client, api_data, url, page):
    assert "page" in _errors(client.get(url, {"page": page}))


@pytest.mark.parametrize("url", [*LISTS, SEARCH])
@pytest.mark.parametrize("size", ["0", "101", "many"])
def test_page_size_is_bounded(client, api_data, url, size):
    assert "1 to 100" in _errors(client.get(url, {"page_size": size}))["page_size"][0] or size == "many"


@pytest.mark.parametrize("url", ["/api/documents/", "/api/provisions/", SEARCH])
def test_every_wrong_parameter_is_named_at_once(client, api_data, url):
    errors = _errors(client.get(url, {"year_from": "abc", "year_to": "99999", "page": "0"}))
    assert set(errors) == {"year_from", "year_to", "page"}
    assert errors["year_from"] == ["Enter a whole number."]


@pytest.mark.parametrize(
    "url, params, name",
    [
        ("/api/provisions/", {"category": "smuggling"}, "category"),
        ("/api/provisions/", {"dimension": "fourth"}, "dimension"),
        ("/api/provisions/", {"kind": "novel"}, "kind"),
        ("/api/provisions/", {"body": "nobody"}, "body"),
        ("/api/provisions/", {"document": "pc-dec-999"}, "document"),  # unpublished
        ("/api/provisions/", {"document": "PC.DEC/999"}, "document"),  # unpublished, by symbol
        ("/api/documents/", {"category": "smuggling"}, "category"),
        ("/api/relations/", {"kind": "contradicts"}, "kind"),
        ("/api/relations/", {"source": "no-such-document"}, "source"),
        (SEARCH, {"category": "smuggling"}, "category"),
        (SEARCH, {"order": "sideways"}, "order"),
        (SEARCH, {"q": "migration\x00"}, "q"),
        ("/api/provisions/", {"document": "mc-doc-2-05\x00"}, "document"),
    ],
)
def test_values_no_filter_knows_are_refused(client, api_data, url, params, name):
    assert name in _errors(client.get(url, params))


@pytest.mark.parametrize(
    "url", [*LISTS, SEARCH, "/api/documents/mc.doc/2/05/", "/api/provisions/1/", "/api/dimensions/human/"]
)
def test_unknown_parameters_are_refused_with_the_known_ones_listed(client, api_data, url):
    errors = _errors(client.get(url, {"categroy": "forced"}))
    assert list(errors) == ["categroy"]
    assert "Known parameters:" in errors["categroy"][0]


def test_detail_endpoints_take_no_paging(client, api_data):
    assert "page" in _errors(client.get("/api/documents/mc.doc/2/05/", {"page": "2"}))


@pytest.mark.parametrize(
    "path",
    [
        "/api/documents/%00/",
        "/api/documents/" + "a" * 5000 + "/",
        "/api/documents/../../etc/passwd/",
        "/api/provisions/99999999999999999999999999/",
        "/api/relations/9223372036854775808/",
        "/api/dimensions/fourth/",
        "/api/nothing-here/",
    ],
)
def test_unknown_objects_are_404_never_500(client, api_data, path):
    response = client.get(path)
    assert response.status_code == 404


def test_the_api_is_read_only(client, api_data):
    response = client.post("/api/documents/", {"title": "New"})
    assert response.status_code == 405
    assert response.json()["detail"]
    assert client.delete(f"/api/provisions/{api_data.border_45.pk}/").status_code == 405


@pytest.mark.parametrize("path", ["/api/categories/%C2%84/", "/api/dimensions/a%0Ab/", "/api/nothing/here/"])
def test_paths_no_route_matches_answer_json_too(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.json()["detail"].startswith("No such API endpoint")


def test_a_missing_trailing_slash_is_still_redirected(client):
    response = client.get("/api/documents")
    assert response.status_code == 301
    assert response["Location"] == "/api/documents/"


@pytest.mark.parametrize("value", ["null", "maybe", "2"])
def test_a_yes_or_no_filter_takes_only_yes_or_no(client, api_data, value):
    errors = _errors(client.get("/api/provisions/", {"commitments_only": value}))
    assert errors["commitments_only"] == ["Enter true or false."]
