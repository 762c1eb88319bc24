"""A source is the document it is by its symbol, its own file or its official URL; one that
only resembles a stored document is a question, never a takeover."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from documents.models import Document
from importing.identity import SameDocumentQuestion
from importing.service import import_file

pytestmark = pytest.mark.django_db

BORDER_MANAGEMENT = (
    b"BORDER MANAGEMENT\n\n"
    b"1. The participating States will exchange information on border crossings.\n\n"
    b"2. They will train border guards in human rights.\n"
)


def _border_page():
    page = Document.objects.get(title="Border management")
    return page, sorted(page.provisions.values_list("pk", "text"))


def test_a_text_with_the_title_of_a_published_page_does_not_replace_it(corpus, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    page, provisions = _border_page()
    assert len(provisions) > 10
    path = tmp_path / "border-management.txt"
    path.write_bytes(BORDER_MANAGEMENT)

    with pytest.raises(CommandError, match=r"describes the stored document “Border management”.*--replace"):
        call_command("import_source", str(path), "--format", "text", stdout=io.StringIO())
    assert _border_page() == (page, provisions)
    with pytest.raises(SameDocumentQuestion):
        import_file(BORDER_MANAGEMENT, name="border-management.txt", format="text")
    assert _border_page() == (page, provisions)


def test_with_replace_the_curator_answers_that_it_is_the_same_document(corpus, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    page, _ = _border_page()
    path = tmp_path / "border-management.txt"
    path.write_bytes(BORDER_MANAGEMENT)
    call_command("import_source", str(path), "--format", "text", "--replace", stdout=io.StringIO())
    assert page.provisions.count() == 2


def test_a_symbol_or_the_same_file_identifies_without_a_question(corpus, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    first = import_file(b"MIGRANT WORKERS\n\n1. They will be treated fairly.\n", name="a.txt", format="text")
    again = import_file(b"MIGRANT WORKERS\n\n1. They will be treated fairly.\n", name="a.txt", format="text")
    assert again.report.document_id == first.report.document_id
    concept = Document.objects.get(symbol="MC.DOC/2/05")
    by_symbol = import_file(
        b"BORDER SECURITY\n\n1. A new text.\n", name="b.txt", format="text", symbol="MC.DOC/2/05"
    )
    assert by_symbol.report.document_id == concept.pk
