"""Every bad input gets one clear error naming the file and the reason, and leaves no rows."""

import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command

from commitments.models import Provision
from documents.models import Document, MetadataClaim
from importing.corpus import CORPUS_DIR
from tests.importers.pdf_samples import encrypted_pdf, many_pages_pdf, osce_pdf, scanned_pdf

pytestmark = pytest.mark.django_db

SEED_TEXT = (CORPUS_DIR / "004_d74716776d70ede2.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def good_pdf():
    return osce_pdf()


def rejected(path, *args) -> str:
    with pytest.raises(CommandError) as error:
        call_command("import_source", str(path), *args)
    message = str(error.value)
    assert message.startswith(f"{path}: ")
    assert (Document.objects.count(), Provision.objects.count(), MetadataClaim.objects.count()) == (0, 0, 0)
    return message


def test_an_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert "the file is empty" in rejected(path)


def test_a_file_of_blank_lines_is_empty_too(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_bytes(b"\n  \n\t\n")
    assert "the file is empty" in rejected(path)


def test_a_text_file_named_pdf(tmp_path):
    path = tmp_path / "decision.pdf"
    path.write_text(SEED_TEXT, encoding="utf-8")
    assert "named .pdf but is not a PDF" in rejected(path)


def test_a_text_file_imported_as_pdf(tmp_path):
    path = tmp_path / "decision.txt"
    path.write_text(SEED_TEXT, encoding="utf-8")
    assert "not a PDF" in rejected(path, "--format", "pdf")


def test_a_truncated_pdf(tmp_path, good_pdf):
    path = tmp_path / "truncated.pdf"
    path.write_bytes(good_pdf[: len(good_pdf) // 2])
    assert "truncated" in rejected(path)


def test_a_malformed_pdf(tmp_path):
    path = tmp_path / "malformed.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> garbage\ntrailer\n%%EOF\n")
    assert "damaged" in rejected(path)


def test_an_encrypted_pdf(tmp_path):
    path = tmp_path / "encrypted.pdf"
    path.write_bytes(encrypted_pdf())
    assert "encrypted and needs a password" in rejected(path)


def test_a_scanned_pdf_without_text_layer(tmp_path):
    path = tmp_path / "scanned.pdf"
    path.write_bytes(scanned_pdf())
    assert "no text layer" in rejected(path)


def test_a_pdf_of_thousands_of_pages(tmp_path):
    path = tmp_path / "thousands.pdf"
    path.write_bytes(many_pages_pdf(django_settings.IMPORT_PDF_MAX_PAGES + 500))
    assert f"over the limit of {django_settings.IMPORT_PDF_MAX_PAGES:,}" in rejected(path)


def test_a_pdf_that_takes_too_long(tmp_path, good_pdf, settings):
    settings.IMPORT_PDF_TIMEOUT_SECONDS = 0.01
    path = tmp_path / "slow.pdf"
    path.write_bytes(good_pdf)
    assert "took longer than 0.01 seconds (IMPORT_PDF_TIMEOUT_SECONDS)" in rejected(path)


def test_a_pdf_that_needs_too_much_memory(tmp_path, good_pdf, settings):
    settings.IMPORT_PDF_MEMORY_MB = 20
    path = tmp_path / "hungry.pdf"
    path.write_bytes(good_pdf)
    assert "needs more memory than 20 MB (IMPORT_PDF_MEMORY_MB)" in rejected(path)


def test_a_file_over_the_size_limit(tmp_path, settings):
    settings.IMPORT_MAX_UPLOAD_BYTES = 1000
    path = tmp_path / "large.txt"
    path.write_text(SEED_TEXT, encoding="utf-8")
    assert "over the limit of 1,000 (IMPORT_MAX_UPLOAD_BYTES)" in rejected(path)


@pytest.mark.parametrize(
    ("encoding", "reason"),
    [
        ("utf-16", "UTF-16 (little-endian byte-order mark)"),
        ("utf-16-be", "UTF-16 without byte-order mark"),
        ("cp1252", "not UTF-8 (byte 0x92 at offset 149"),
        ("utf-8-sig", "UTF-8 with a byte-order mark"),
    ],
)
def test_a_file_in_the_wrong_encoding(tmp_path, encoding, reason):
    path = tmp_path / f"decision-{encoding}.txt"
    path.write_bytes(SEED_TEXT.encode(encoding))
    assert reason in rejected(path)


def test_a_file_in_latin_1(tmp_path):
    path = tmp_path / "declaration.txt"
    path.write_bytes("DÉCLARATION\n\n1. Les États participants coopéreront.\n".encode("latin-1"))
    assert "not UTF-8 (byte 0xC9 at offset 1, probably Latin-1 or Windows-1252)" in rejected(path)


def test_a_file_with_nul_bytes(tmp_path):
    path = tmp_path / "nul.txt"
    path.write_bytes(SEED_TEXT.encode("utf-8")[:500] + b"\x00\x00binary" + SEED_TEXT.encode("utf-8")[500:])
    assert "contains NUL bytes (first at offset 500)" in rejected(path)


def test_a_missing_file(tmp_path):
    assert "cannot be read (No such file or directory)" in rejected(tmp_path / "missing.txt")


def test_text_without_provisions(tmp_path):
    path = tmp_path / "prose.txt"
    path.write_text("A LETTER\n\nDear colleagues, we write about migration.\n", encoding="utf-8")
    assert "no numbered provisions were found" in rejected(path, "--format", "text")


def test_a_text_that_is_another_document_than_its_symbol(tmp_path):
    path = tmp_path / "mc-doc.txt"
    path.write_text(SEED_TEXT, encoding="utf-8")
    assert "the text is MC.DOC/2/05, not MC.DEC/5/09" in rejected(path, "--symbol", "MC.DEC/5/09")


def test_the_command_line_exits_non_zero_with_one_line_on_stderr(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    result = subprocess.run(
        [sys.executable, "manage.py", "import_source", str(path)],
        capture_output=True,
        text=True,
        check=False,
        env={**__import__("os").environ, "DJANGO_SETTINGS_MODULE": "osce_kb.test_settings"},
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert f"CommandError: {path}: the file is empty" in result.stderr
    assert "Traceback" not in result.stderr
