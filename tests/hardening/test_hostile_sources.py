"""Hostile source files, through the command line and through the admin upload: each is
refused with its reason, the process goes on serving, and no row and no file is left."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from commitments.models import Provision
from documents.models import Document, MetadataClaim
from tests.hardening.hostile_files import HOSTILE_FILES

pytestmark = pytest.mark.django_db
CASES = sorted(HOSTILE_FILES)


@pytest.fixture(autouse=True)
def own_storage(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.IMPORT_STAGING_DIR = tmp_path / "staging"
    # A 400 MB compression bomb must meet the memory cap, not merely fit under it.
    settings.IMPORT_PDF_MEMORY_MB = 256


def _nothing_written():
    assert (Document.objects.count(), Provision.objects.count(), MetadataClaim.objects.count()) == (0, 0, 0)
    for directory in (Path(settings.MEDIA_ROOT), Path(settings.IMPORT_STAGING_DIR)):
        files = [p for p in directory.rglob("*") if p.is_file()] if directory.exists() else []
        assert files == [], directory


@pytest.mark.parametrize("case", CASES)
def test_the_command_line_refuses_a_hostile_file_with_its_reason(tmp_path, case):
    name, content, words = HOSTILE_FILES[case]
    path = tmp_path / name
    path.write_bytes(content())
    with pytest.raises(CommandError) as refusal:
        call_command("import_source", str(path))
    message = str(refusal.value)
    assert message.startswith(f"{path}: ") and len(message) > len(f"{path}: ") + 10
    assert words in message
    _nothing_written()


@pytest.mark.parametrize("case", CASES)
def test_the_admin_upload_refuses_a_hostile_file_with_its_reason(client, django_user_model, case):
    name, content, _ = HOSTILE_FILES[case]
    curator = django_user_model.objects.create_superuser("curator", "c@example.org", "a-long-password-1")
    client.force_login(curator)
    response = client.post(
        reverse("admin:documents_document_import"), {"source": SimpleUploadedFile(name, content())}
    )
    assert response.status_code == 200
    errors = re.findall(r'<ul class="errorlist[^>]*>(.*?)</ul>', response.content.decode(), re.S)
    assert errors, "the form shows why the file was refused"
    reason = re.sub(r"<[^>]+>", "", " ".join(errors))
    # Django's own check answers an empty upload before ours can name the file.
    assert (name in reason and len(reason) > len(name) + 20) or reason == "The submitted file is empty.", (
        reason
    )
    _nothing_written()
    assert client.get(reverse("admin:index")).status_code == 200  # the worker goes on serving
