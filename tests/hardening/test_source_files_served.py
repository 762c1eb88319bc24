"""A stored source is what its content is, and is downloaded, never rendered: the command line
sniffs a file as the admin's upload does, keeps a PDF as .pdf whatever its name, and (under
DEBUG) the media files are served as attachments."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from documents.models import Document
from osce_kb.media import serve_media_as_attachment
from tests.importers.pdf_samples import osce_pdf
from web.views.documents import source_download_name

pytestmark = pytest.mark.django_db
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>\n"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def test_an_html_page_with_a_pdf_inside_is_refused_on_the_command_line(tmp_path):
    path = tmp_path / "decision.html"
    path.write_bytes(HTML + osce_pdf())  # %PDF- within the first kilobyte: a PDF reader opens it
    with pytest.raises(CommandError) as refusal:
        call_command("import_source", str(path))
    assert str(refusal.value) == (
        f"{path}: the file is an HTML page; only PDF and plain-text sources can be imported"
    )
    assert Document.objects.count() == 0


def test_a_pdf_named_html_is_stored_and_downloaded_as_a_pdf(tmp_path, media_root):
    path = tmp_path / "decision.html"
    path.write_bytes(osce_pdf() + HTML)
    call_command("import_source", str(path), "--accept-warnings", stdout=StringIO())
    document = Document.objects.get(symbol="MC.DOC/2/05")
    assert document.source_filename == "decision.html"
    assert document.source_file.name.endswith(".pdf")
    assert [p.suffix for p in media_root.rglob("*") if p.is_file()] == [".pdf"]
    assert source_download_name(document).endswith(".pdf")


def test_media_files_are_served_as_attachments(media_root):
    (media_root / "sources").mkdir(parents=True)
    (media_root / "sources" / "page.txt").write_bytes(HTML)
    response = serve_media_as_attachment(RequestFactory().get("/media/sources/page.txt"), "sources/page.txt")
    assert response.status_code == 200
    assert response["Content-Disposition"] == "attachment"
