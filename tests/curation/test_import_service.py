"""One import service: the admin, ``import_source`` and ``load_corpus`` store a file the same way."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from commitments.models import TagSuggestion
from documents.models import Document, PublicationStatus
from importing.corpus import load_corpus
from importing.service import import_file

pytestmark = pytest.mark.django_db
CORPUS = Path(settings.BASE_DIR) / "fixtures" / "corpus"
CONCEPT = CORPUS / "004_d74716776d70ede2.txt"


@pytest.fixture(autouse=True)
def own_storage(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.IMPORT_STAGING_DIR = tmp_path / "staging"


def _stored() -> dict:
    """What an import left, without ids: documents, provisions and suggestions."""
    return {
        "documents": sorted(Document.objects.values_list("symbol", "title", "status", "source_filename")),
        "provisions": sorted(
            (p.document.symbol, p.label, p.text, p.is_commitment)
            for p in Document.objects.get(symbol="MC.DOC/2/05").provisions.all()
        ),
        "suggestions": sorted(
            (s.provision.label, s.dimension_id or 0, s.category_id or 0, round(s.confidence, 6), s.status)
            for s in TagSuggestion.objects.select_related("provision")
        ),
    }


def test_the_command_line_and_the_admin_store_the_same_for_the_same_file(curator_client, tmp_path):
    named = tmp_path / "concept.txt"
    named.write_bytes(CONCEPT.read_bytes())
    call_command("import_source", str(named), "--format", "text", "--symbol", "MC.DOC/2/05", stdout=None)
    from_command_line = _stored()
    assert from_command_line["suggestions"], "the command line proposes tags, as the admin does"
    Document.objects.all().delete()

    upload = {"source": SimpleUploadedFile("concept.txt", CONCEPT.read_bytes()), "format": "text"}
    preview_url = curator_client.post(
        reverse("admin:documents_document_import"), {**upload, "symbol": "MC.DOC/2/05"}
    )["Location"]
    curator_client.post(preview_url, {"new_documents": "draft", "_confirm": "1"})
    assert _stored() == from_command_line


def test_the_corpus_loader_proposes_tags_for_what_it_stores(tmp_path):
    # Without the editors' decisions (every bundled provision has one, and a decided
    # provision gets no suggestion), the loader proposes tags as the admin's import does.
    load_corpus(keep_files=False, curation_directory=tmp_path)
    concept = Document.objects.get(symbol="MC.DOC/2/05")
    assert TagSuggestion.objects.filter(provision__document=concept).exists()


def test_the_corpus_loader_proposes_nothing_for_what_the_editors_decided():
    load_corpus(keep_files=False)
    assert not TagSuggestion.objects.filter(provision__curation__isnull=False).exists()


def test_documents_an_import_creates_take_the_status_asked_for_and_existing_ones_keep_theirs():
    data = CONCEPT.read_bytes()
    first = import_file(data, name="concept.txt", symbol="MC.DOC/2/05", new_documents=PublicationStatus.DRAFT)
    concept = Document.objects.get(pk=first.report.document_id)
    assert concept.status == PublicationStatus.DRAFT
    concept.status = PublicationStatus.PUBLISHED
    concept.save()
    again = import_file(data, name="concept.txt", symbol="MC.DOC/2/05", new_documents=PublicationStatus.DRAFT)
    assert not again.report.has_changes and again.report.summary() == "nothing changed"
    assert Document.objects.get(pk=concept.pk).status == PublicationStatus.PUBLISHED


def test_the_report_says_what_changed_in_words_with_plurals_that_agree():
    report = import_file(CONCEPT.read_bytes(), name="concept.txt", symbol="MC.DOC/2/05").report
    assert report.summary() == "1 document created, 59 provisions added, 5 metadata claims added"
