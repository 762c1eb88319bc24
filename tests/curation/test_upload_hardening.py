"""Hostile uploads are refused with a clear form error and leave no file and no row behind."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.test import Client
from django.urls import reverse

from commitments.models import Provision
from documents.models import Document

pytestmark = pytest.mark.django_db
IMPORT = reverse("admin:documents_document_import")
TEXT = (
    b"DECISION ON MIGRATION\n\n"
    b"1. The participating States will facilitate legal migration.\n\n2. They will combat trafficking.\n"
)
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'
PNG_THEN_HTML = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + HTML


@pytest.fixture(autouse=True)
def own_storage(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.IMPORT_STAGING_DIR = tmp_path / "staging"


def _nothing_left_behind():
    assert not Document.objects.exists() and not Provision.objects.exists()
    for directory in (settings.MEDIA_ROOT, settings.IMPORT_STAGING_DIR):
        assert not [p for p in Path(directory).rglob("*") if p.is_file()], directory


def _refused(response, message: str):
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="errorlist' in page
    assert message in page, page[page.find("errorlist") - 200 : page.find("errorlist") + 600]
    _nothing_left_behind()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("decision.pdf", HTML, "“decision.pdf” is named .pdf but is an HTML page, not PDF"),
        ("diagram.pdf", SVG, "“diagram.pdf” is named .pdf but is an SVG image, not PDF"),
        ("scan.pdf", PNG_THEN_HTML, "“scan.pdf” is named .pdf but is a PNG image, not PDF"),
        ("notes.txt", PNG_THEN_HTML, "“notes.txt” is named .txt but is a PNG image, not plain text"),
        ("page.txt", b"\n  " + HTML, "“page.txt” is named .txt but is an HTML page, not plain text"),
        ("concept.txt", b"%PDF-1.7\n...", "“concept.txt” is named .txt but is a PDF, not plain text"),
        ("page.html", HTML, "“page.html”: only .pdf and .txt files can be imported."),
        ("empty.txt", b"", "The submitted file is empty."),
    ],
)
def test_a_file_that_is_not_what_its_name_says_is_refused(curator_client, name, content, message):
    _refused(curator_client.post(IMPORT, {"source": SimpleUploadedFile(name, content)}), message)


def test_a_file_over_the_size_limit_is_refused(curator_client, settings):
    settings.IMPORT_MAX_UPLOAD_BYTES = 1024
    big = SimpleUploadedFile("long.txt", TEXT * 100)
    size = filesizeformat(len(TEXT * 100))
    _refused(curator_client.post(IMPORT, {"source": big}), f"“long.txt” is {size}; the limit is 1.0\xa0KB.")


def _raw_upload(client: Client, filename: str, content: bytes = TEXT):
    """Post a file under ``filename`` exactly, as a hostile client could (the test client strips paths)."""
    client.get(IMPORT)
    token = client.cookies["csrftoken"].value
    boundary = "----osce-kb-boundary"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n{token}\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="format"\r\n\r\ntext\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="source"; filename="{filename}"\r\n'
            "Content-Type: text/plain\r\n\r\n"
        ).encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return client.generic("POST", IMPORT, body, content_type=f"multipart/form-data; boundary={boundary}")


@pytest.fixture
def csrf_checking_curator(curator):
    client = Client(enforce_csrf_checks=True)
    client.force_login(curator)
    return client


@pytest.mark.parametrize(
    ("filename", "message"),
    [
        ("../../../etc/cron.d/evil.txt", "contains a folder path; upload the file under a plain name."),
        ("..\\..\\windows\\evil.txt", "contains a folder path; upload the file under a plain name."),
        ("..", "contains a folder path; upload the file under a plain name."),
        (
            "a" * 996 + ".txt",
            "The file name is too long to read (near 1,000 characters); rename the file to at most 200.",
        ),
        ("a" * 300 + ".txt", "The file name is 304 characters long; rename the file to at most 200."),
        (".htaccess.txt", "is not a usable file name; rename the file."),
    ],
)
def test_a_hostile_file_name_is_refused(csrf_checking_curator, filename, message):
    _refused(_raw_upload(csrf_checking_curator, filename), message)


def test_the_upload_form_still_checks_the_csrf_token(curator):
    client = Client(enforce_csrf_checks=True)
    client.force_login(curator)
    response = client.post(IMPORT, {"source": SimpleUploadedFile("statement.txt", TEXT), "format": "text"})
    assert response.status_code == 403
    _nothing_left_behind()


def test_a_plain_file_under_a_plain_name_passes_the_checks(csrf_checking_curator):
    concept = Path(settings.BASE_DIR) / "fixtures" / "corpus" / "004_d74716776d70ede2.txt"
    response = _raw_upload(csrf_checking_curator, "concept.txt", concept.read_bytes())
    page = response.content.decode()
    assert response.status_code == 302, page[page.find("errorlist") : page.find("errorlist") + 500]
    assert not Document.objects.exists(), "only the confirmation writes"


def test_a_reviewer_cannot_upload(reviewer_client):
    response = reviewer_client.post(IMPORT, {"source": SimpleUploadedFile("statement.txt", TEXT)})
    assert response.status_code == 403
    _nothing_left_behind()
