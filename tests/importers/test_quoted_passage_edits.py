"""A re-import of a quoting source keeps what a curator corrected in a quoted passage's words
(the study's passages, on the bundled corpus)."""

import pytest

from commitments.quotations import Quotation
from documents.models import PublicationStatus
from importing.corpus import CORPUS_DIR
from importing.service import import_file

pytestmark = pytest.mark.django_db

STUDY = CORPUS_DIR / "001_03edc29357d149f7.txt"


def test_a_passage_a_curator_corrected_keeps_its_words_when_its_source_is_imported_again(corpus):
    study = corpus.source_document(STUDY.name)
    quotation = Quotation.objects.filter(quoting_document=study, passage__isnull=False).order_by("pk").first()
    passage = quotation.passage
    corrected = passage.text + " [corrected by a curator]"
    passage.text = corrected
    passage.save()

    report = import_file(
        STUDY.read_bytes(), name=STUDY.name, keep_file=False, new_documents=PublicationStatus.PUBLISHED
    ).report

    passage.refresh_from_db()
    quotation.refresh_from_db()
    assert passage.text == corrected
    assert quotation.passage_id == passage.pk
    assert report.quotations_changed == 0
