"""What a curator is protected from by default: imports arrive as drafts, dates outside
1973–today and missing places are warned about, and warnings stay readable after the import."""

import datetime
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from documents.models import Document, PublicationStatus
from importing.checks import metadata_warnings
from importing.corpus import load_corpus
from importing.models import ImportWarning
from importing.service import import_file
from importing.sources import parse_source

pytestmark = pytest.mark.django_db
CONCEPT = Path(settings.BASE_DIR) / "fixtures" / "corpus" / "004_d74716776d70ede2.txt"
TODAY = datetime.date(2026, 12, 3)
NO_PLACE = (
    "MC.DOC/2/05: no place of adoption or publication; add it (e.g. from the document's title page) "
    "before publishing"
)


@pytest.fixture(autouse=True)
def own_storage(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _parse(**metadata):
    return parse_source(CONCEPT.read_bytes(), name=CONCEPT.name, symbol="MC.DOC/2/05", metadata=metadata)


def test_an_import_creates_drafts_unless_asked_to_publish(tmp_path):
    import_file(CONCEPT.read_bytes(), name=CONCEPT.name, symbol="MC.DOC/2/05")
    assert Document.objects.get(symbol="MC.DOC/2/05").status == PublicationStatus.DRAFT


def test_the_command_line_imports_drafts_and_says_so_or_publishes_when_told(tmp_path):
    out = StringIO()
    call_command("import_source", str(CONCEPT), "--symbol", "MC.DOC/2/05", stdout=out)
    assert Document.objects.get(symbol="MC.DOC/2/05").status == PublicationStatus.DRAFT
    assert "the new document is a draft: publish it in the admin, or import with --publish" in out.getvalue()
    assert "59 provisions" in out.getvalue()
    Document.objects.all().delete()
    call_command("import_source", str(CONCEPT), "--symbol", "MC.DOC/2/05", "--publish", stdout=StringIO())
    assert Document.objects.get(symbol="MC.DOC/2/05").status == PublicationStatus.PUBLISHED


def test_the_bundled_corpus_is_published():
    load_corpus(keep_files=False)
    assert not Document.objects.filter(status=PublicationStatus.DRAFT).exists()


def test_the_admin_s_import_offers_draft_first(curator_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = {
        "source": SimpleUploadedFile("concept.txt", CONCEPT.read_bytes()),
        "format": "text",
        "symbol": "MC.DOC/2/05",
    }
    preview = curator_client.get(
        curator_client.post(reverse("admin:documents_document_import"), upload)["Location"]
    )
    assert '<option value="draft" selected>Draft</option>' in preview.content.decode()


@pytest.mark.parametrize(
    ("date", "warned"),
    [
        ("2099-01-01", True),
        ("1960", True),
        ("1972-12", True),
        ("1973", False),
        ("2005-12-06", False),
        ("2026-12-04", True),
    ],
)
def test_a_date_outside_1973_to_today_is_warned_about(date, warned):
    parsed = _parse(date=date, place="Ljubljana")
    warnings = [w for w in metadata_warnings(parsed, today=TODAY) if "outside" in w]
    assert bool(warnings) == warned
    if warned:
        assert warnings == [
            f"MC.DOC/2/05: the date {parsed.document.date.display()} is outside 1973–2026, "
            "the years of CSCE and OSCE documents; check it before publishing"
        ]


def test_a_missing_place_is_warned_about_but_not_for_a_web_page():
    assert metadata_warnings(_parse(place="Ljubljana"), today=TODAY) == []
    assert metadata_warnings(_parse(), today=TODAY) == [NO_PLACE]
    page = Path(settings.BASE_DIR) / "fixtures" / "corpus" / "003_6b266ac1d7d58aa9.txt"
    parsed = parse_source(page.read_bytes(), name=page.name, format="osce-page")
    assert not [w for w in parsed.warnings if "no place" in w]


def test_warnings_reach_the_preview_and_stay_with_the_document_until_the_next_import(curator_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = {
        "source": SimpleUploadedFile("concept.txt", CONCEPT.read_bytes()),
        "format": "text",
        "symbol": "MC.DOC/2/05",
    }
    preview = curator_client.get(
        curator_client.post(reverse("admin:documents_document_import"), upload)["Location"]
    )
    assert "no place of adoption or publication" in preview.content.decode()

    import_file(CONCEPT.read_bytes(), name="concept.txt", symbol="MC.DOC/2/05")
    document = Document.objects.get(symbol="MC.DOC/2/05")
    assert [w.message for w in ImportWarning.objects.filter(document=document)] == [NO_PLACE]
    page = curator_client.get(reverse("admin:importing_importwarning_changelist")).content.decode()
    assert "no place of adoption or publication" in page
    import_file(
        CONCEPT.read_bytes(), name="concept.txt", symbol="MC.DOC/2/05", metadata={"place": "Ljubljana"}
    )
    assert not ImportWarning.objects.filter(document=document).exists()
