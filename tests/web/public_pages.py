"""Every public answer of the site, for tests that read the site as an anonymous visitor does:
pages, search, exports, feeds, downloads and the API, with the text of each answer."""

import io
import json
import zipfile
from collections.abc import Iterator
from urllib.parse import quote

from commitments.models import Provision
from documents.models import Document
from field_operations.models import FieldOperation

FIXED_URLS = [
    "/",
    "/documents/",
    "/categories/",
    "/dimensions/",
    "/timeline/",
    "/matrix/",
    "/about/",
    "/coverage/",
    "/lineage/",
    "/operations/",
    "/data/",
    "/data/corpus.json",
    "/data/corpus-csv.zip",
    "/export/provisions.csv",
    "/export/provisions.json",
    "/export/documents.csv",
    "/export/documents.json",
    "/cite/provisions.bib",
    "/feeds/provisions.atom",
    "/feeds/documents.atom",
    "/api/documents/?page_size=100",
    "/api/provisions/?page_size=100",
    "/api/relations/?page_size=100",
]


def _text(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("application/zip"):
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return "\n".join(archive.read(name).decode("utf-8") for name in archive.namelist())
    if response.get("Content-Type", "").startswith("application/json"):
        # Compare words, not JSON escapes.
        return json.dumps(json.loads(body), ensure_ascii=False)
    return body.decode("utf-8")


def public_answers(client, *, queries: list[str] = ()) -> Iterator[tuple[str, int, str]]:
    """``(url, status, text)`` for every public URL: the fixed ones, the page of every document
    and provision in the database (drafts too, which answer 404), their API records and
    citations, and a search (page, API and export) for each of ``queries``. Every answer is a
    200 or a 404, or the crawl fails (set ``settings.API_THROTTLE_ANON_RATE`` high enough)."""
    urls = list(FIXED_URLS)
    for document in Document.objects.order_by("pk"):
        urls += [
            document.get_absolute_url(),
            f"/documents/{document.slug}/cite.ris",
            f"/api/documents/{document.symbol or document.slug}/",
        ]
    urls += [
        f"/operations/{slug}/"
        for slug in FieldOperation.objects.order_by("pk").values_list("slug", flat=True)
    ]
    urls += [f"/lineage/{slug}/" for slug in Document.objects.order_by("pk").values_list("slug", flat=True)]
    for pk in Provision.objects.order_by("pk").values_list("pk", flat=True):
        urls += [f"/provisions/{pk}/", f"/api/provisions/{pk}/"]
    for query in queries:
        urls += [
            f"/search/?q={quote(query)}",
            f"/api/search/?q={quote(query)}",
            f"/export/provisions.csv?q={quote(query)}",
        ]
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 404), f"{url} answered {response.status_code}"
        yield url, response.status_code, _text(response) if response.status_code == 200 else ""
