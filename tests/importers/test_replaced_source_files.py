"""A re-import keeps one source file per document: the file it replaces leaves the media
storage once the import has committed (it used to stay there, named by no row)."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from documents.models import Document
from importing.corpus import CORPUS_DIR

pytestmark = pytest.mark.django_db
SEED = CORPUS_DIR / "004_d74716776d70ede2.txt"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _stored_files(media_root: Path) -> list[bytes]:
    return [p.read_bytes() for p in media_root.rglob("*") if p.is_file()]


def test_a_revised_source_replaces_the_stored_file_of_its_document(
    tmp_path, media_root, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_source", str(SEED), stdout=StringIO())
    assert _stored_files(media_root) == [SEED.read_bytes()]
    revised = tmp_path / "mc-doc-2-05-revised.txt"
    revised.write_text(SEED.read_text(encoding="utf-8").replace("dignified", "humane"), encoding="utf-8")

    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_source", str(revised), stdout=StringIO())
    assert _stored_files(media_root) == [revised.read_bytes()]
    document = Document.objects.get(symbol="MC.DOC/2/05")
    assert document.source_file.read() == revised.read_bytes()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_source", str(revised), stdout=StringIO())  # unchanged: nothing to replace
    assert _stored_files(media_root) == [revised.read_bytes()]
