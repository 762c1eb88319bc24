"""Draft documents stay out of every public page and export."""

import pytest


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/search/",
        "/search/?q=migrant",
        "/search/?q=draftword",
        "/search/?category=labour",
        "/documents/",
        "/documents/mc-doc-2-05/",
        "/categories/labour/",
        "/dimensions/human/",
        "/export/provisions.csv",
        "/export/provisions.json?q=migrant",
        "/export/documents.csv",
    ],
)
def test_no_public_page_shows_a_draft(client, kb, whoosh_index, url):
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode()
    assert response.status_code == 200
    assert "Confidential" not in text
    assert "Unpublished draft" not in text
    assert "PC.DEC/9999" not in text


def test_counts_leave_drafts_out(client, kb):
    timeline = client.get("/timeline/").context["timeline"]
    assert 2011 not in {year for year, *_ in timeline.rows()}
    matrix = client.get("/matrix/").context["matrix"]
    human_labour = next(
        n for row in matrix.rows if row.dimension.slug == "human" for c, n in row.cells if c.slug == "labour"
    )
    assert human_labour == 1  # Athens only; the draft is human × labour too
