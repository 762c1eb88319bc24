"""A curator reads the importer's warnings before confirming an import (the preview) and after
it (the admin's list of importer warnings, by kind and source)."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from importing.models import ImportWarning

pytestmark = pytest.mark.django_db
STUDY = Path(settings.BASE_DIR) / "fixtures" / "corpus" / "001_03edc29357d149f7.txt"


@pytest.fixture(autouse=True)
def own_storage(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.IMPORT_STAGING_DIR = tmp_path / "staging"


def test_the_preview_of_the_study_shows_its_warnings_and_its_passages(curator_client):
    response = curator_client.post(
        reverse("admin:documents_document_import"),
        {"source": SimpleUploadedFile("study.txt", STUDY.read_bytes()), "format": "study"},
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    preview = curator_client.get(response["Location"]).content.decode()
    warnings = preview[preview.index('id="import-warnings"') :]
    assert "footnote 35: OSCE. 16 JUNE 2009, OP. CIT. points back to no earlier citation" in warnings
    assert "footnote 44: the quotation “assisting the participating States" in warnings
    assert "§6.1 ¶2" in preview
    assert not ImportWarning.objects.exists(), "the preview writes nothing"


def test_the_warnings_list_filters_by_kind(curator_client, corpus):
    url = reverse("admin:importing_importwarning_changelist")
    html = curator_client.get(url, {"kind__exact": "dangling_reference"}).content.decode()
    assert "footnote 35" in html and "footnote 103" in html
    assert "footnote 44" not in html
    assert "Back-reference (OP. CIT., IBID.) pointing nowhere" in curator_client.get(url).content.decode()
