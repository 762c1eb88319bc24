"""Deleting a source takes what only it stated with it, and its file can be imported again."""

import pytest

from commitments.models import Provision, ProvisionOrigin
from documents.models import Document, PublicationStatus
from importing.corpus import CORPUS_DIR, corpus_entries
from importing.service import import_file

pytestmark = pytest.mark.django_db


def test_deleting_a_source_leaves_none_of_its_quotations_and_its_file_imports_again(
    corpus, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    study = Document.objects.get(kind="study")
    quoted = Provision.objects.filter(quoted_in=study).count()
    assert quoted > 20
    passages = Provision.objects.filter(origin=ProvisionOrigin.QUOTATION).count()

    study.delete()
    assert Provision.objects.filter(origin=ProvisionOrigin.QUOTATION, quoted_in__isnull=True).count() == 0
    assert Provision.objects.filter(origin=ProvisionOrigin.QUOTATION).count() == passages - quoted

    entry = next(e for e in corpus_entries() if e.format == "study")
    result = import_file(
        (CORPUS_DIR / entry.file).read_bytes(),
        name=entry.file,
        format=entry.format,
        metadata=dict(entry.metadata),
        new_documents=PublicationStatus.PUBLISHED,
    )
    again = Document.objects.get(pk=result.report.document_id)
    assert again.kind == "study"
    assert Provision.objects.filter(quoted_in=again).count() == quoted
