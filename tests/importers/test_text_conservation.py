"""Every word of a source is accounted for; what the importer cannot place is a warning with its
page, and the command line refuses to import it unless told to."""

import json
import shutil
import subprocess
from collections import Counter
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from documents.models import Document
from importing.corpus import CORPUS_DIR
from importing.parsers.lines import SHARES
from importing.parsers.pdf import extract_pages, parse_pdf
from importing.parsers.plain_text import parse_plain_text
from tests.curation.conftest import _staff_in
from tests.importers.layout_generator import Layout, Para, Sample, render
from tests.importers.pdf_samples import osce_pdf

SEED = CORPUS_DIR / "004_d74716776d70ede2.txt"

# A text whose first chapter has a paragraph and no numbered provision under it.
STRAY = """MC.DEC/9/99

DECISION ON MIGRATION

Chapter I: General

The participating States meet every year in Vienna.

Chapter II: Measures

1. The participating States will co-operate.

- 2 - MC.DEC/9/99
6 December 2005

2. The participating States will report.

Chapter III: Review

The Chairmanship will review this decision in the spring.

3. The Permanent Council will follow it up.
"""


def test_every_word_of_mc_doc_2_05_is_in_one_share():
    text = SEED.read_text(encoding="utf-8")
    source = parse_plain_text(text, name=SEED.name, sha256="")
    shares = source.text_shares
    assert list(shares) == list(SHARES)
    assert sum(shares.values()) == len(text.split()) == 2154
    assert shares["unassigned"] == 0
    assert shares["page_furniture"] == 8  # "- 2 - MC.DOC/2/05 / 6 December 2005 / Annex"
    assert shares["attachments"] > 100 and shares["provisions"] > 1800
    assert source.warnings == []


def test_body_text_assigned_to_nothing_is_a_warning_naming_its_page():
    source = parse_plain_text(STRAY, name="stray.txt", sha256="")
    assert [p.label for p in source.document.provisions] == ["1", "2", "3"]
    assert source.text_shares["unassigned"] == 8
    assert source.warnings == [
        "page 1: 8 words of body text assigned to nothing: “The participating States meet every year in "
        "Vienna.”"
    ]
    # The third chapter's opening sentence is followed by paragraph 3: it introduces it.
    assert source.text_shares["introductory"] == 9


def test_the_command_line_refuses_lost_text_unless_told(tmp_path, db):
    path = tmp_path / "stray.txt"
    path.write_text(STRAY, encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("import_source", str(path))
    assert str(error.value) == (
        f"{path}: 8 words of body text would be assigned to nothing (page 1: 8 words of body text assigned "
        "to nothing: “The participating States meet every year in Vienna.”); check with --dry-run, or "
        "import anyway with --accept-warnings"
    )
    assert not Document.objects.exists()
    out = StringIO()
    call_command("import_source", str(path), "--dry-run", stdout=out)
    assert "8 assigned to nothing" in out.getvalue()
    assert "warning: page 1: 8 words of body text assigned to nothing" in out.getvalue()
    assert not Document.objects.exists()
    report = StringIO()
    call_command("import_source", str(path), "--accept-warnings", "--json", stdout=report)
    data = json.loads(report.getvalue())
    assert data["text_shares"]["unassigned"] == 8
    assert data["warnings"][0].startswith("page 1: 8 words")
    assert Document.objects.get().provisions.count() == 3


def test_the_admin_preview_shows_the_text_assigned_to_nothing_before_the_curator_confirms(
    client, django_user_model, settings, tmp_path
):
    settings.IMPORT_STAGING_DIR = tmp_path / "staging"
    client.force_login(_staff_in(django_user_model, "carla", "Curator"))
    upload = SimpleUploadedFile("stray.txt", STRAY.encode("utf-8"))
    response = client.post(reverse("admin:documents_document_import"), {"source": upload, "format": "text"})
    assert response.status_code == 302, response.content.decode()[-2000:]
    preview = client.get(response["Location"]).content.decode()
    shares = preview[preview.index('id="import-text-shares"') :]
    assert '<p class="errornote">8 words of body text would be assigned to nothing' in shares
    assert "page 1: 8 words of body text assigned to nothing: “The participating States meet" in preview
    assert not Document.objects.exists(), "nothing is written before the curator confirms"


def test_a_gap_in_the_numbering_is_a_warning():
    text = (
        "DECISION ON MIGRATION\n\n1. The States will act.\n\n2. The States will report.\n\n"
        "4. The States will meet.\n"
    )
    source = parse_plain_text(text, name="gap.txt", sha256="")
    assert [p.label for p in source.document.provisions] == ["1", "2", "4"]
    assert source.warnings == ["page 1: the numbering jumps from 2 to 4"]


def test_a_step_backwards_in_the_numbering_is_a_warning():
    text = (
        "DECISION ON MIGRATION\n\n1. The States will act.\n\n2. The States will report.\n\n"
        "3. The States will meet.\n\n2. The States will meet again.\n"
    )
    source = parse_plain_text(text, name="back.txt", sha256="")
    assert [p.label for p in source.document.provisions] == ["1", "2", "3"]
    assert source.warnings == ["page 1: a paragraph numbered 2 after 3 was read as text"]


def test_a_pdf_paragraph_under_no_number_is_named_by_its_page():
    sample = Sample(
        name="stray",
        paras=[
            Para("meta-right", "MC.DEC/9/99"),
            Para("meta-right", "6 December 2005"),
            Para("title", "DECISION ON MIGRATION"),
            Para("heading-left", "Chapter I: General"),
            Para("numbered", "The participating States will co-operate.", label="1."),
            Para("heading-left", "Chapter II: Review", new_page=True),
            Para("text", "The Chairmanship will review this decision in the spring of every year."),
            Para("heading-left", "Chapter III: Follow-up"),
            Para("numbered", "The Permanent Council will follow it up.", label="2."),
        ],
        expected=[],
    )
    layout = Layout(producer="reportlab", annex_new_page=True)
    layout_pdf = render(sample, layout)
    source = parse_pdf(layout_pdf, name="stray.pdf", sha256="")
    assert [p.label for p in source.document.provisions] == ["1", "2"]
    assert source.text_shares["unassigned"] == 12
    assert source.warnings == [
        "page 2: 12 words of body text assigned to nothing: “The Chairmanship will review this decision in "
        "the spring of every year.”"
    ]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (installed by .ci/run)")
def test_the_pdf_reader_keeps_every_character_pdftotext_finds():
    data = osce_pdf()
    ours = Counter(
        c for page in extract_pages(data).pages for run in page["runs"] for c in run[4] if c.isalnum()
    )
    theirs = subprocess.run(["pdftotext", "-q", "-", "-"], input=data, capture_output=True, check=True).stdout
    assert ours == Counter(c for c in theirs.decode("utf-8") if c.isalnum())
    parsed = parse_pdf(data, name="mc-doc-2-05.pdf", sha256="")
    assert parsed.text_shares["unassigned"] == 0
    assert parsed.text_shares["metadata"] > 0 and parsed.text_shares["page_furniture"] > 0
