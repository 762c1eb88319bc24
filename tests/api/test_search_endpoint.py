import pytest

pytestmark = pytest.mark.django_db

RESULT_KEYS = {"id", "url", "document", "label", "heading", "text", "highlight", "dimensions", "categories"}
RESULT_KEYS |= {"text_truncated"}


@pytest.fixture
def indexed(api_data, whoosh_index):
    """The API test corpus, draft included, searchable through the real search backend."""
    return api_data


def _search(client, query):
    response = client.get(f"/api/search/?{query}")
    assert response.status_code == 200, response.content
    return response.json()


def _hits(body):
    return [(r["document"]["symbol"] or "Helsinki", r["label"]) for r in body["results"]]


def test_answers_exactly_the_documented_shape(client, indexed):
    body = _search(client, "q=workers")
    assert set(body) == {"count", "results", "facets", "suggestion", "notes"}
    assert set(body["facets"]) == {"dimension", "category", "year", "kind"}
    assert body["results"]
    for result in body["results"]:
        assert set(result) == RESULT_KEYS
        assert set(result["document"]) == {"symbol", "title", "kind", "date", "year"}
    assert body["suggestion"] is None or isinstance(body["suggestion"], str)


def test_an_overlong_query_is_cut_and_the_answer_says_so(client, indexed):
    cut = _search(client, "q=" + "workers " * 100)
    assert cut["notes"][0] == "The query was cut to its first 500 characters."
    assert cut["count"] == _search(client, "q=workers")["count"] > 0
    assert _search(client, "q=workers")["notes"] == []


def test_facets_count_all_matches_not_just_the_page(client, indexed):
    body = _search(client, "q=illegal&page_size=1")
    assert body["count"] == 2
    assert len(body["results"]) == 1
    assert body["facets"] == {
        "dimension": {"politico-military": 2, "human": 1},
        "category": {"illegal": 2, "forced": 1},
        "year": {"2005": 2},
        "kind": {"mc_document": 2},
    }


def test_provisions_of_unpublished_documents_are_never_found(client, indexed):
    body = _search(client, "q=secret")
    assert body["count"] == 0
    assert body["results"] == []
    assert indexed.draft.title not in str(_search(client, "q=migration").values())


def test_result_carries_its_document_and_tags(client, indexed):
    (result,) = _search(client, "q=families")["results"]
    assert result["id"] == indexed.athens_1.pk
    assert result["url"] == f"http://testserver/provisions/{indexed.athens_1.pk}/"
    assert result["document"] == {
        "symbol": "MC.DEC/5/09",
        "title": "Migration Management",
        "kind": "mc_decision",
        "date": "2009-12-02",
        "year": 2009,
    }
    assert result["dimensions"] == ["economic-environmental", "human"]
    assert result["categories"] == ["labour", "human"]
    assert "<mark>families</mark>" in result["highlight"]


def test_highlight_is_escaped_before_it_is_marked(client, indexed):
    (result,) = _search(client, "q=routes")["results"]
    assert "<script>" not in result["highlight"]
    assert "&lt;script&gt;" in result["highlight"]
    assert "<mark>routes</mark>" in result["highlight"]
    assert result["text"].startswith("Exchange of information on <script>")  # the text itself is data


def test_a_symbol_finds_its_document_in_any_case(client, indexed):
    body = _search(client, "q=mc.doc/2/05&order=date")
    assert sorted(_hits(body)) == [
        ("MC.DOC/2/05", "1"),
        ("MC.DOC/2/05", "4.5"),
        ("MC.DOC/2/05", "Annex C.2(v)"),
    ]


@pytest.mark.parametrize(
    "filters, expected",
    [
        ("category=illegal", {("MC.DOC/2/05", "4.5"), ("MC.DOC/2/05", "Annex C.2(v)")}),
        (
            "category=labour&category=forced",
            {("Helsinki", "1"), ("MC.DOC/2/05", "4.5"), ("MC.DEC/5/09", "1")},
        ),
        ("dimension=economic-environmental", {("Helsinki", "1"), ("MC.DEC/5/09", "1")}),
        ("year_to=1999", {("Helsinki", "1")}),
        (
            "year_from=2000&year_to=2005",
            {("MC.DOC/2/05", "1"), ("MC.DOC/2/05", "4.5"), ("MC.DOC/2/05", "Annex C.2(v)")},
        ),
        ("kind=final_act", {("Helsinki", "1")}),
        ("body=summit", {("Helsinki", "1")}),
        (
            "document=mc-doc-2-05&commitments_only=true",
            {("MC.DOC/2/05", "4.5"), ("MC.DOC/2/05", "Annex C.2(v)")},
        ),
    ],
)
def test_filters_are_the_same_as_the_pages(client, indexed, filters, expected):
    query = "q=migration OR borders OR workers"
    assert set(_hits(_search(client, f"{query}&{filters}"))) == expected


def test_an_empty_query_browses_everything_the_filters_let_through(client, indexed):
    body = _search(client, "category=labour")
    assert set(_hits(body)) == {("Helsinki", "1"), ("MC.DEC/5/09", "1")}


def test_date_order_and_pages(client, indexed):
    oldest_first = _hits(_search(client, "q=participating&order=date"))
    newest_first = _hits(_search(client, "q=participating&order=-date"))
    assert oldest_first[0] == ("Helsinki", "1")
    assert newest_first[0] == ("MC.DEC/5/09", "1")
    second = _search(client, "q=participating&order=date&page_size=1&page=2")
    assert second["count"] == len(oldest_first)
    assert _hits(second) == [oldest_first[1]]
    past_the_end = _search(client, "q=participating&page=50")
    assert past_the_end["results"] == []
    assert past_the_end["count"] == len(oldest_first)
