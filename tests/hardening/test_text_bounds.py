"""Text sources are bounded like PDFs: size, longest line, provisions, a provision's length and
parse time, each refused on the command line and in the admin with the setting that sets the
limit, nothing saved; and a text as large as the reported ones parses within the time limit."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from commitments.models import Provision
from documents.models import Document, MetadataClaim
from importing.corpus import CORPUS_DIR
from importing.sources import parse_source

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
MC_DOC_2_05 = CORPUS_DIR / "004_d74716776d70ede2.txt"  # 15,755 bytes, 59 provisions
STUDY = CORPUS_DIR / "001_03edc29357d149f7.txt"
_SEED_LINES = MC_DOC_2_05.read_text(encoding="utf-8").split("\n")
_FIRST_LONG_LINE = next(n for n, line in enumerate(_SEED_LINES, start=1) if len(line) > 80)

# (case, seed file, settings, the words of the refusal)
CASES = {
    "size": (MC_DOC_2_05, {"IMPORT_TEXT_MAX_BYTES": 1000},
             "the text is 15,755 bytes, over the limit of 1,000 for a text source (IMPORT_TEXT_MAX_BYTES)"),
    "line": (MC_DOC_2_05, {"IMPORT_TEXT_MAX_LINE_CHARS": 80},
             f"line {_FIRST_LONG_LINE} is {len(_SEED_LINES[_FIRST_LONG_LINE - 1])} characters long, "
             "over the limit of 80 (IMPORT_TEXT_MAX_LINE_CHARS)"),
    "provisions": (MC_DOC_2_05, {"IMPORT_MAX_PROVISIONS": 10},
                   "the source has 59 provisions, over the limit of 10 (IMPORT_MAX_PROVISIONS)"),
    "provision length": (MC_DOC_2_05, {"IMPORT_MAX_PROVISION_CHARS": 300},
                         "characters long, over the limit of 300 (IMPORT_MAX_PROVISION_CHARS)"),
    "time": (MC_DOC_2_05, {"IMPORT_TEXT_TIMEOUT_SECONDS": 0},
             "parsing the text took longer than 0 seconds (IMPORT_TEXT_TIMEOUT_SECONDS)"),
    "time of the study": (STUDY, {"IMPORT_TEXT_TIMEOUT_SECONDS": 0},
                          "parsing the text took longer than 0 seconds (IMPORT_TEXT_TIMEOUT_SECONDS)"),
}  # fmt: skip


@pytest.fixture(autouse=True)
def own_storage(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.IMPORT_STAGING_DIR = tmp_path / "staging"


def _nothing_written():
    assert (Document.objects.count(), Provision.objects.count(), MetadataClaim.objects.count()) == (0, 0, 0)
    for directory in (Path(django_settings.MEDIA_ROOT), Path(django_settings.IMPORT_STAGING_DIR)):
        files = [p for p in directory.rglob("*") if p.is_file()] if directory.exists() else []
        assert files == [], directory


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_command_line_refuses_a_text_past_a_limit_naming_it(settings, tmp_path, case):
    seed, limits, words = CASES[case]
    for name, value in limits.items():
        setattr(settings, name, value)
    path = tmp_path / seed.name
    path.write_bytes(seed.read_bytes())
    with pytest.raises(CommandError) as refusal:
        call_command("import_source", str(path), "--accept-warnings")
    message = str(refusal.value)
    assert message.startswith(f"{path}: ") and "\n" not in message
    assert words in message
    _nothing_written()


def test_the_refusal_of_the_command_line_is_one_line_without_traceback(tmp_path):
    path = tmp_path / "decision.txt"
    path.write_bytes(MC_DOC_2_05.read_bytes())
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "osce_kb.settings", "IMPORT_TEXT_MAX_LINE_CHARS": "80"}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    done = subprocess.run(
        [sys.executable, "manage.py", "import_source", str(path), "--dry-run"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"CommandError: {path}: line {_FIRST_LONG_LINE} is {len(_SEED_LINES[_FIRST_LONG_LINE - 1])} "
        "characters long, over the limit of 80 (IMPORT_TEXT_MAX_LINE_CHARS)"
    ]


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_admin_upload_refuses_a_text_past_a_limit_with_a_form_error(
    settings, client, django_user_model, case
):
    seed, limits, words = CASES[case]
    curator = django_user_model.objects.create_superuser("curator", "c@example.org", "a-long-password-1")
    client.force_login(curator)
    for name, value in limits.items():
        setattr(settings, name, value)
    response = client.post(
        reverse("admin:documents_document_import"),
        {"source": SimpleUploadedFile("decision.txt", seed.read_bytes(), content_type="text/plain")},
    )
    assert response.status_code == 200
    errors = re.findall(r'<ul class="errorlist[^>]*>(.*?)</ul>', response.content.decode(), re.S)
    reason = re.sub(r"<[^>]+>", "", " ".join(errors)).replace("&#x27;", "'")
    assert "decision.txt" in reason and words in reason, reason
    _nothing_written()


def _number_mid_line(lines: int) -> str:
    """The reported shape: a number mid-line on every line (3.4 MB in 200,000 lines). Numbers
    past 9999 are not provision numbers, so all lines after it are provision 9999's text."""
    head = ["MC.DEC/99/99", "", "DECISION ON MIGRATION", "", "1. The participating States agree."]
    body = [
        f"On {n if n < 10_000 else n % 1000}. {(n if n < 10_000 else n % 1000) + 1}. Act"
        for n in range(1, lines)
    ]
    return "\n".join(head + body)


def test_a_text_of_300_000_lines_with_a_number_mid_line_parses_within_the_time_limit(settings):
    # 4.3 MB, under the size limit: a parse that copies what it has built at every line needs
    # well over the default IMPORT_TEXT_TIMEOUT_SECONDS (60 s) here and is refused; a linear one
    # takes seconds.
    settings.IMPORT_MAX_PROVISIONS = 20_000
    settings.IMPORT_MAX_PROVISION_CHARS = 10_000_000
    text = _number_mid_line(300_000)
    assert len(text.encode()) < django_settings.IMPORT_TEXT_MAX_BYTES
    provisions = parse_source(text.encode(), name="mid-line.txt", format="text").document.provisions
    assert [p.label for p in provisions] == [str(n) for n in range(1, 10_000)]
    assert provisions[41].text == "Act On 42."
    last = provisions[-1].text
    assert last.startswith("Act On 9999. 10000. Act On 0. 1. Act On 1. 2. Act")
    assert last.endswith("On 999. 1000. Act")
    assert last.count("Act") == 300_000 - 9_999 + 1
