"""Importing a source by URL, from a server the test starts on 127.0.0.1, and every refusal."""

import contextlib
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from documents.models import Document
from importing.corpus import CORPUS_DIR
from tests.curation.conftest import _staff_in
from tests.importers.pdf_samples import osce_pdf

pytestmark = pytest.mark.django_db

SEED_TEXT = (CORPUS_DIR / "004_d74716776d70ede2.txt").read_bytes()


class _Handler(BaseHTTPRequestHandler):
    pdf = b""
    routes: dict = {}

    def do_GET(self):  # noqa: N802 - the name http.server calls
        route = self.routes.get(self.path.split("?")[0])
        if route is None:
            self.send_error(404)
            return
        status, headers, body, delay = route
        if delay:
            time.sleep(delay)
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        if "Content-Length" not in headers and "X-Unsized" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)
        if "X-Unsized" in headers:
            self.close_connection = True

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    pdf = osce_pdf()
    _Handler.routes = {
        "/docs/mc-doc-2-05.pdf": (200, {"Content-Type": "application/pdf"}, pdf, 0),
        "/concept.txt": (200, {"Content-Type": "text/plain; charset=utf-8"}, SEED_TEXT, 0),
        "/download": (200, {"Content-Type": "application/pdf"}, pdf, 0),
        "/moved": (302, {"Location": "/docs/mc-doc-2-05.pdf"}, b"", 0),
        "/loop": (302, {"Location": "/loop"}, b"", 0),
        "/elsewhere": (302, {"Location": "ftp://127.0.0.1/x.pdf"}, b"", 0),
        "/page.html": (200, {"Content-Type": "text/html"}, b"<!doctype html><html><body>hi</body></html>", 0),
        "/fake.pdf": (200, {"Content-Type": "application/pdf"}, SEED_TEXT, 0),
        "/claims-text": (200, {"Content-Type": "text/plain"}, pdf, 0),
        "/image.txt": (200, {"Content-Type": "text/plain"}, b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, 0),
        "/huge.pdf": (200, {"Content-Type": "application/pdf", "Content-Length": str(10**9)}, b"%PDF-", 0),
        "/slow.pdf": (200, {"Content-Type": "application/pdf"}, pdf, 3),
        "/gone.pdf": (410, {}, b"", 0),
        "/unsized.pdf": (200, {"Content-Type": "application/pdf", "X-Unsized": "1"}, pdf, 0),
    }
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def curator_client(client, django_user_model):
    client.force_login(_staff_in(django_user_model, "carla", "Curator"))
    return client


@pytest.fixture
def loopback_allowed(settings, tmp_path):
    settings.IMPORT_URL_ALLOW_PRIVATE_ADDRESSES = True
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.IMPORT_STAGING_DIR = tmp_path / "staging"


def refused(url: str, *args) -> str:
    with pytest.raises(CommandError) as error:
        call_command("import_source", url, *args)
    message = str(error.value)
    assert message.startswith(f"{url}: ")
    assert "\n" not in message
    assert not Document.objects.exists()
    return message


def test_a_pdf_by_url_is_imported_and_its_url_shown_as_the_official_text(server, loopback_allowed, client):
    url = f"{server}/docs/mc-doc-2-05.pdf"
    call_command("import_source", url, "--publish")  # imports are drafts until published
    document = Document.objects.get(symbol="MC.DOC/2/05")
    assert document.provisions.count() == 59
    assert document.source_url == url
    assert document.source_filename == "mc-doc-2-05.pdf"
    assert document.claims.get(field="source_url").source_locator == "the URL the source was fetched from"
    page = client.get(document.get_absolute_url()).content.decode()
    assert "<dt>Official text</dt>" in page
    assert f'href="{url}" rel="external noopener">' in page


def test_redirects_are_followed_and_the_name_comes_from_the_content(server, loopback_allowed):
    call_command("import_source", f"{server}/moved")
    assert Document.objects.get(symbol="MC.DOC/2/05").source_url == f"{server}/moved"
    Document.objects.all().delete()
    call_command("import_source", f"{server}/download")
    assert Document.objects.get().source_filename == "download.pdf"


def test_plain_text_by_url_with_a_dry_run_writes_nothing(server, loopback_allowed):
    from io import StringIO

    out = StringIO()
    call_command("import_source", f"{server}/concept.txt", "--dry-run", stdout=out)
    assert "MC.DOC/2/05, 59 provisions" in out.getvalue()
    assert "0 assigned to nothing" in out.getvalue()
    assert not Document.objects.exists()


def test_loopback_is_refused_unless_the_setting_allows_it(server):
    message = refused(f"{server}/docs/mc-doc-2-05.pdf")
    assert "is at 127.0.0.1, a loopback, private or link-local address" in message
    assert "IMPORT_URL_ALLOW_PRIVATE_ADDRESSES" in message


@pytest.mark.parametrize(
    "url", ["http://10.1.2.3/x.pdf", "http://169.254.169.254/latest/meta-data", "http://[::1]/x.pdf",
            "http://192.168.0.10/x.pdf", "http://0.0.0.0/x.pdf"],
)  # fmt: skip
def test_private_and_link_local_addresses_are_refused_before_connecting(url):
    assert "cannot be fetched" in refused(url) or "loopback, private or link-local" in refused(url)


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://127.0.0.1/x.pdf", "only http and https URLs can be imported, not ftp"),
        ("file:///etc/passwd", "only http and https URLs can be imported, not file"),
        ("http://user:secret@127.0.0.1/x.pdf", "carries a user name or password"),
        ("http://", "the URL names no host"),
    ],
)
def test_urls_that_are_not_http_are_refused(url, reason):
    assert reason in refused(url)


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/loop", "redirects more than 3 times (IMPORT_URL_MAX_REDIRECTS)"),
        ("/elsewhere", "only http and https URLs can be imported, not ftp"),
        ("/page.html", "the URL gives an HTML page; only PDF and plain-text sources can be imported"),
        ("/fake.pdf", "the URL claims a PDF (Content-Type application/pdf, name fake.pdf) but gives text"),
        ("/claims-text", "the URL claims text/plain but gives a PDF"),
        ("/image.txt", "the URL gives a PNG image"),
        ("/huge.pdf", "the file at the URL is 953.7 MB; the limit is 50.0 MB (IMPORT_MAX_UPLOAD_BYTES)"),
        ("/gone.pdf", "the server answered 410 instead of the file"),
        ("/missing.pdf", "the server answered 404 instead of the file"),
    ],
)
def test_what_a_url_gives_is_checked(server, loopback_allowed, path, reason):
    assert reason in refused(f"{server}{path}")


def test_a_body_over_the_size_limit_is_refused_while_reading(server, loopback_allowed, settings):
    settings.IMPORT_MAX_UPLOAD_BYTES = 2000
    # Declared too large, or found too large while reading a body of no declared length.
    assert "is 32.8 KB; the limit is 2.0 KB (IMPORT_MAX_UPLOAD_BYTES)" in refused(
        f"{server}/docs/mc-doc-2-05.pdf"
    )
    assert "is more than 2.0 KB; the limit is 2.0 KB" in refused(f"{server}/unsized.pdf")


def test_a_slow_server_is_given_up_on(server, loopback_allowed, settings):
    settings.IMPORT_URL_TIMEOUT_SECONDS = 1
    assert "took longer than 1 seconds (IMPORT_URL_TIMEOUT_SECONDS)" in refused(f"{server}/slow.pdf")


def test_the_admin_imports_from_a_url_beside_the_upload(server, loopback_allowed, curator_client):
    url = f"{server}/docs/mc-doc-2-05.pdf"
    response = curator_client.post(reverse("admin:documents_document_import"), {"url": url})
    assert response.status_code == 302, response.content.decode()[-2000:]
    preview = curator_client.get(response["Location"]).content.decode()
    assert "59 provisions to add" in preview
    assert "Where the words of the source went" in preview
    assert not Document.objects.exists()
    curator_client.post(response["Location"], {"new_documents": "published", "_confirm": "1"})
    assert Document.objects.get(symbol="MC.DOC/2/05").source_url == url


def test_the_admin_refuses_a_file_and_a_url_together_and_names_a_refused_url(
    server, loopback_allowed, curator_client
):
    page = reverse("admin:documents_document_import")
    both = curator_client.post(
        page, {"url": f"{server}/concept.txt", "source": SimpleUploadedFile("c.txt", SEED_TEXT)}
    )
    assert "Give a file or a URL, not both." in both.content.decode()
    bad = curator_client.post(page, {"url": f"{server}/page.html"})
    assert f"{server}/page.html: the URL gives an HTML page" in bad.content.decode()
    assert not Document.objects.exists()
