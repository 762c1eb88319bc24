"""Importing a source in the admin: upload, check the preview, confirm; re-import shows the diff first."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from commitments.models import Provision, TagSuggestion
from documents.models import Document, PublicationStatus

pytestmark = pytest.mark.django_db
CONCEPT = Path(settings.BASE_DIR) / "fixtures" / "corpus" / "004_d74716776d70ede2.txt"
IMPORT = reverse("admin:documents_document_import")


@pytest.fixture(autouse=True)
def own_storage(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.IMPORT_STAGING_DIR = tmp_path / "staging"
    return tmp_path


def _files(directory: Path) -> list[Path]:
    return [p for p in directory.rglob("*") if p.is_file()] if directory.exists() else []


def _upload(client, data: bytes, name: str, url: str = IMPORT, **fields):
    return client.post(url, {"source": SimpleUploadedFile(name, data), **fields})


def test_upload_preview_confirm_imports_mc_doc_2_05(curator_client, curator):
    response = _upload(
        curator_client, CONCEPT.read_bytes(), "border-concept.txt", format="text", symbol="MC.DOC/2/05"
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    preview_url = response["Location"]

    preview = curator_client.get(preview_url).content.decode()
    assert "59 provisions to add" in preview
    assert "Annex C.2(v)" in preview
    assert "To promote dignified treatment of all individuals wanting to cross borders" in preview
    assert "Border Security and Management Concept" in preview
    assert not Document.objects.exists(), "the preview writes nothing"
    staged = sorted(p.name.split(".", 1)[1] for p in _files(Path(settings.IMPORT_STAGING_DIR)))
    assert staged == ["parsed.json", "upload"], "the upload is staged with its parse"

    confirmed = curator_client.post(preview_url, {"new_documents": "published", "_confirm": "1"})
    assert confirmed.status_code == 302
    concept = Document.objects.get(symbol="MC.DOC/2/05")
    assert confirmed["Location"] == reverse("admin:documents_document_change", args=[concept.pk])
    labels = list(concept.provisions.values_list("label", flat=True))
    assert len(labels) == 59 and labels[:3] == ["1", "2", "2.1"] and labels[-1] == "Annex C.3(v)"
    assert concept.status == PublicationStatus.PUBLISHED
    assert concept.history.earliest().history_user == curator

    # The stored file has a generated name; the client's name is only recorded.
    assert concept.source_filename == "border-concept.txt"
    assert "border-concept" not in concept.source_file.name
    assert concept.source_file.name.startswith("sources/") and concept.source_file.name.endswith(".txt")
    assert _files(Path(settings.IMPORT_STAGING_DIR)) == []
    # The classifier has looked at the new provisions.
    assert TagSuggestion.objects.filter(provision__document=concept).exists()


def test_a_new_import_can_stay_in_draft(curator_client, client):
    response = _upload(
        curator_client, CONCEPT.read_bytes(), "concept.txt", format="text", symbol="MC.DOC/2/05"
    )
    curator_client.post(response["Location"], {"new_documents": "draft", "_confirm": "1"})
    concept = Document.objects.get(symbol="MC.DOC/2/05")
    assert concept.status == PublicationStatus.DRAFT
    assert client.get(concept.get_absolute_url()).status_code == 404


def _edited_concept() -> bytes:
    text = CONCEPT.read_text(encoding="utf-8")
    text = text.replace("4.5 To promote dignified treatment", "4.5 To promote humane treatment")
    text = text.replace(
        "4.8 To ensure the security of the international transport circuit for supply of \n\ncommodities. \n",
        "",
    )
    text = text.replace(
        "Co-operation, on a \nvoluntary basis. \n",
        "Co-operation, on a \nvoluntary basis. \n\n18. The participating States will review this Concept. \n",
    )
    return text.encode("utf-8")


def test_reimport_shows_added_changed_and_removed_provisions_before_writing(curator_client, corpus):
    concept = corpus.document("MC.DOC/2/05")
    provision_45 = concept.provisions.get(label="4.5")
    before = list(concept.provisions.values_list("label", "text"))

    url = reverse("admin:documents_document_reimport", args=[concept.pk])
    assert (
        "Re-import"
        in curator_client.get(reverse("admin:documents_document_change", args=[concept.pk])).content.decode()
    )
    response = _upload(curator_client, _edited_concept(), "concept-rev.txt", url=url, format="text")
    assert response.status_code == 302, response.content.decode()[-3000:]
    preview = curator_client.get(response["Location"]).content.decode()

    assert '<tr class="changed">\n              <td>4.5</td>' in preview
    assert "<del>dignified</del>" in preview and "<ins>humane</ins>" in preview
    assert '<tr class="added">\n              <td>18</td>' in preview
    assert "<strong>To remove:</strong> 4.8" in preview
    assert list(concept.provisions.values_list("label", "text")) == before, (
        "nothing written before confirming"
    )

    curator_client.post(response["Location"], {"new_documents": "published", "_confirm": "1"})
    provision_45.refresh_from_db()
    assert provision_45.text.startswith("To promote humane treatment")
    labels = set(concept.provisions.values_list("label", flat=True))
    assert "18" in labels and "4.8" not in labels


def test_reimport_preview_and_report_show_what_curators_changed_that_the_import_keeps(curator_client, corpus):
    concept = corpus.document("MC.DOC/2/05")
    corrected = concept.provisions.get(label="4.5")
    corrected.text = "To promote dignified and humane treatment of all persons (a curator's correction)."
    corrected.save()
    concept.provisions.get(label="4.6").delete()
    url = reverse("admin:documents_document_reimport", args=[concept.pk])

    response = _upload(curator_client, _edited_concept(), "concept-rev.txt", url=url, format="text")
    preview = curator_client.get(response["Location"]).content.decode()

    warning_45 = (
        "MC.DOC/2/05 4.5: the source changed its text, and so did a curator: the curator&#x27;s text kept"
    )
    assert "Curators' changes the source disputes" in preview
    assert warning_45 in preview
    assert '<tr class="stays-deleted">\n              <td>4.6</td>' in preview
    assert "<strong>To remove:</strong> 4.8" in preview

    confirmed = curator_client.post(
        response["Location"], {"new_documents": "published", "_confirm": "1"}, follow=True
    )
    corrected.refresh_from_db()
    assert corrected.text.endswith("(a curator's correction).")
    assert not concept.provisions.filter(label="4.6").exists()
    assert "Kept as a curator left it: " + warning_45 in confirmed.content.decode()


def test_cancelling_a_preview_deletes_the_upload_and_writes_nothing(curator_client):
    response = _upload(
        curator_client, CONCEPT.read_bytes(), "concept.txt", format="text", symbol="MC.DOC/2/05"
    )
    cancelled = curator_client.post(response["Location"], {"_cancel": "1"})
    assert cancelled.status_code == 302
    assert not Document.objects.exists()
    assert _files(Path(settings.IMPORT_STAGING_DIR)) == []
    assert curator_client.get(response["Location"]).status_code == 404


def test_an_importer_error_is_shown_in_the_form_and_nothing_is_written(curator_client):
    utf16 = "1. The participating States will co-operate.".encode("utf-16")
    response = _upload(curator_client, utf16, "statement.txt", format="text", symbol="MC.DEC/9/99")
    assert response.status_code == 200
    page = response.content.decode()
    assert "statement.txt: " in page and "UTF-16" in page
    assert not Document.objects.exists() and not Provision.objects.exists()
    assert _files(Path(settings.IMPORT_STAGING_DIR)) == [] and _files(Path(settings.MEDIA_ROOT)) == []


def test_reimporting_another_documents_source_is_refused(curator_client, corpus):
    study = corpus.source_document("001_03edc29357d149f7.txt")
    url = reverse("admin:documents_document_reimport", args=[study.pk])
    response = _upload(curator_client, CONCEPT.read_bytes(), "concept.txt", url=url, format="text")
    assert response.status_code == 200
    assert "this file is the source of" in response.content.decode()


def test_a_preview_belongs_to_the_session_that_uploaded_it(curator_client, django_user_model):
    response = _upload(
        curator_client, CONCEPT.read_bytes(), "concept.txt", format="text", symbol="MC.DOC/2/05"
    )
    other = Client()
    other.force_login(
        django_user_model.objects.create_superuser("other", "o@example.org", "a-long-password-1")
    )
    assert other.get(response["Location"]).status_code == 404
    assert other.post(response["Location"], {"new_documents": "published"}).status_code == 404
    assert not Document.objects.exists()


def test_an_upload_is_parsed_once_from_upload_to_confirmation(curator_client, monkeypatch):
    import curation.admin.imports

    calls = []
    real = curation.admin.imports.parse_source

    def counting(*args, **kwargs):
        calls.append(kwargs["name"])
        return real(*args, **kwargs)

    monkeypatch.setattr(curation.admin.imports, "parse_source", counting)
    import importing.service
    import importing.sources

    monkeypatch.setattr(importing.service, "parse_source", counting)
    monkeypatch.setattr(importing.sources, "parse_source", counting)
    response = _upload(
        curator_client, CONCEPT.read_bytes(), "concept.txt", format="text", symbol="MC.DOC/2/05"
    )
    preview_url = response["Location"]
    assert "59 provisions to add" in curator_client.get(preview_url).content.decode()
    confirmed = curator_client.post(preview_url, {"new_documents": "published", "_confirm": "1"})
    assert confirmed.status_code == 302
    assert Document.objects.get(symbol="MC.DOC/2/05").provisions.count() == 59
    assert calls == ["concept.txt"]
