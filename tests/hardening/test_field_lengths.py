"""Values too long for their column, and a label used twice, are dealt with before the save:
a descriptive value is cut with a warning naming the field, an identifying one is refused
naming it. Whatever the database still refuses ends as one line, never a traceback, and a
failed import leaves no row, no staged file and no stored source file behind."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from commitments.models import Provision, ProvisionOrigin
from documents.models import Document
from importing.errors import ImportRejected
from importing.service import import_file
from importing.sources import parse_source
from tests.factories import DocumentFactory, ProvisionFactory, StudyFactory

pytestmark = pytest.mark.django_db

LONG_TITLE = "VERY LONG TITLE WORD " * 30  # 629 characters, over the title's 500
LONG_SYMBOL = "MC.DEC/" + "1/" * 45 + "99"  # 99 characters, over the symbol's 80


def _text(*, symbol="MC.DEC/9/99", title="BORDER CO-OPERATION", body=None) -> bytes:
    body = body or (
        "1. The participating States will co-operate at borders.\n\n"
        "2. The participating States will share information.\n"
    )
    return f"{symbol}\n\nDECISION No. 9/99\n{title}\n\n{body}".encode()


REPEATED_LABELS = (
    "1. The participating States will do one thing.\n\n"
    "ANNEX\n\n1. The participating States will do it again.\n\n"
    "ANNEX\n\n1. The participating States will do it once more.\n"
)


@pytest.fixture(autouse=True)
def own_storage(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.IMPORT_STAGING_DIR = tmp_path / "staging"


def _files(directory) -> list[Path]:
    directory = Path(directory)
    return [p for p in directory.rglob("*") if p.is_file()] if directory.exists() else []


def _nothing_left(documents_before: int = 0):
    assert Document.objects.count() == documents_before
    assert _files(settings.MEDIA_ROOT) == []
    assert _files(settings.IMPORT_STAGING_DIR) == []


def _source(tmp_path, data: bytes) -> Path:
    path = tmp_path / "decision.txt"
    path.write_bytes(data)
    return path


def test_a_title_over_its_column_is_cut_with_a_warning_naming_the_field(tmp_path, capsys):
    call_command("import_source", str(_source(tmp_path, _text(title=LONG_TITLE))))
    document = Document.objects.get(symbol="MC.DEC/9/99")
    assert len(document.title) == 500
    assert document.title.startswith("Very Long Title Word Very Long")
    output = capsys.readouterr().out
    assert "title is 629 characters long, over the limit of 500: it was cut" in output


def test_a_place_over_its_column_is_cut_with_a_warning():
    result = import_file(_text(), name="decision.txt", metadata={"place": "Ljubljana " * 13})
    assert len(Document.objects.get(pk=result.report.document_id).place) == 120
    assert any("place is 130 characters long, over the limit of 120" in w for w in result.report.warnings)


def test_a_symbol_over_its_column_is_refused_naming_the_field(tmp_path):
    path = _source(tmp_path, _text(symbol="MINISTERIAL COUNCIL"))
    with pytest.raises(CommandError) as refusal:
        call_command("import_source", str(path), "--symbol", LONG_SYMBOL)
    assert str(refusal.value) == (
        f"{path}: the symbol is 99 characters long, over the limit of 80; a symbol is not cut, "
        "since it is what the document is known by"
    )
    _nothing_left()


def test_a_label_used_twice_in_one_document_is_refused_naming_the_label(tmp_path):
    path = _source(tmp_path, _text(body=REPEATED_LABELS))
    with pytest.raises(CommandError) as refusal:
        call_command("import_source", str(path))
    assert str(refusal.value) == (
        f"{path}: MC.DEC/9/99 has two provisions labelled “Annex 1” (the 2nd and the 3rd); "
        "a label must name one provision"
    )
    _nothing_left()


def test_a_dry_run_says_the_same_as_the_import(tmp_path):
    path = _source(tmp_path, _text(body=REPEATED_LABELS))
    with pytest.raises(CommandError, match="two provisions labelled “Annex 1”"):
        call_command("import_source", str(path), "--dry-run")


def test_what_the_database_still_refuses_is_one_line_and_leaves_no_source_file(tmp_path):
    # A label the document's quotations already hold: the checks on the parse cannot see it.
    document = DocumentFactory(symbol="MC.DEC/9/99", title="Border co-operation")
    ProvisionFactory(document=document, label="1", origin=ProvisionOrigin.QUOTATION, quoted_in=StudyFactory())
    path = _source(tmp_path, _text())
    with pytest.raises(CommandError) as refusal:
        call_command("import_source", str(path))
    message = str(refusal.value)
    assert message.startswith(f"{path}: the database refused the import: ")
    assert "\n" not in message and "Traceback" not in message
    assert _files(settings.MEDIA_ROOT) == []
    assert Provision.objects.filter(document=document).count() == 1


@pytest.fixture
def curator_client(client, django_user_model):
    curator = django_user_model.objects.create_superuser("curator", "c@example.org", "a-long-password-1")
    client.force_login(curator)
    return client


def _errors(response) -> str:
    found = re.findall(r'<ul class="errorlist[^>]*>(.*?)</ul>', response.content.decode(), re.S)
    return re.sub(r"<[^>]+>", "", " ".join(found))


def test_the_admin_upload_refuses_a_repeated_label_before_the_preview(curator_client):
    upload = SimpleUploadedFile("decision.txt", _text(body=REPEATED_LABELS))
    response = curator_client.post(reverse("admin:documents_document_import"), {"source": upload})
    assert response.status_code == 200
    assert "decision.txt: MC.DEC/9/99 has two provisions labelled “Annex 1”" in _errors(response)
    _nothing_left()


def _stage_and_confirm(client, data: bytes):
    upload = SimpleUploadedFile("decision.txt", data)
    staged = client.post(reverse("admin:documents_document_import"), {"source": upload})
    assert staged.status_code == 302, _errors(staged)
    return client.post(staged["Location"], {"new_documents": "draft"}, follow=True)


def test_a_confirmation_the_database_refuses_is_a_message_not_a_500(curator_client):
    document = DocumentFactory(symbol="MC.DEC/9/99", title="Border co-operation")
    ProvisionFactory(document=document, label="1", origin=ProvisionOrigin.QUOTATION, quoted_in=StudyFactory())
    response = _stage_and_confirm(curator_client, _text())
    assert response.status_code == 200
    shown = [str(m) for m in response.context["messages"]]
    assert any(m.startswith("decision.txt: the database refused the import: ") for m in shown), shown
    _nothing_left(documents_before=2)


def test_a_staged_parse_is_checked_again_at_the_confirmation(curator_client):
    # A parse staged before a limit existed, or edited on disk, meets the same checks.
    upload = SimpleUploadedFile("decision.txt", _text())
    staged = curator_client.post(reverse("admin:documents_document_import"), {"source": upload})
    location = staged["Location"]
    parsed_file = next(Path(settings.IMPORT_STAGING_DIR).glob("*.parsed.json"))
    parsed_file.write_text(parsed_file.read_text().replace('"MC.DEC/9/99"', f'"{LONG_SYMBOL}"'))
    response = curator_client.post(location, {"new_documents": "draft"}, follow=True)
    assert response.status_code == 200
    shown = " ".join(str(m) for m in response.context["messages"])
    assert "the symbol is 99 characters long, over the limit of 80" in shown
    _nothing_left()


def test_parsing_alone_refuses_and_cuts():
    with pytest.raises(ImportRejected, match="two provisions labelled “Annex 1”"):
        parse_source(_text(body=REPEATED_LABELS), name="decision.txt")
    parsed = parse_source(_text(title=LONG_TITLE), name="decision.txt")
    assert len(parsed.document.title) == 500
