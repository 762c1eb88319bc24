"""`manage.py import_source`: dry runs, re-imports, in-place updates, all-or-nothing saves."""

import json

import pytest
from django.core.management import call_command
from django.db import IntegrityError

from commitments.models import Provision
from documents.models import Document
from importing.corpus import CORPUS_DIR
from importing.diff import diff_provisions
from importing.parsed import ParsedDocument, ParsedProvision, ParsedSource
from importing.save import save_parsed_source
from importing.sources import parse_source

pytestmark = pytest.mark.django_db

SEED = CORPUS_DIR / "004_d74716776d70ede2.txt"


def run(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("import_source", *[str(a) for a in args], stdout=out)
    return out.getvalue()


def test_dry_run_json_prints_the_parsed_document_and_writes_nothing():
    data = json.loads(run(SEED, "--dry-run", "--json"))
    document = data["document"]
    assert (document["symbol"], document["title"], document["date"]) == (
        "MC.DOC/2/05", "Border Security and Management Concept", "2005-12-06",
    )  # fmt: skip
    assert len(document["provisions"]) == 59
    assert document["provisions"][8] == {
        "label": "4.1",
        "heading": "Chapter II: Main objectives of co-operation",
        "text": document["provisions"][8]["text"],
        "is_commitment": True,
        "preamble": False,
        "origin": "full_text",
        "quoted_locator": "",
        "categories": [],
        "footnotes": [],
    }
    assert document["attachments"][0]["title"].startswith("Interpretative Statement")
    assert Document.objects.count() == 0


def test_the_format_is_guessed_from_the_content():
    assert (
        json.loads(run(CORPUS_DIR / "001_03edc29357d149f7.txt", "--dry-run", "--json"))["format"] == "study"
    )
    assert (
        json.loads(run(CORPUS_DIR / "002_b7c76157a081b585.txt", "--dry-run", "--json"))["format"]
        == "osce-page"
    )
    assert json.loads(run(SEED, "--dry-run", "--json"))["format"] == "text"


def test_reimporting_an_unchanged_source_changes_nothing():
    first = run(SEED)
    assert "59 provisions added" in first
    ids = list(Provision.objects.order_by("position").values_list("pk", flat=True))
    history = Provision.history.count(), Document.history.count()
    assert "unchanged: nothing to do" in run(SEED)
    assert list(Provision.objects.order_by("position").values_list("pk", flat=True)) == ids
    assert (Provision.history.count(), Document.history.count()) == history


def test_a_changed_source_updates_its_provisions_in_place(tmp_path):
    run(SEED)
    before = {p.label: p.pk for p in Provision.objects.all()}
    text = SEED.read_text(encoding="utf-8")
    text = text.replace(
        "To promote dignified treatment of all individuals", "To ensure dignified treatment of all persons"
    )
    text = text.replace(
        "17. The provisions of this Concept will be shared", "17. This Concept will be shared"
    )
    text = text.replace(
        " POSSIBLE OSCE CONTRIBUTIONS",
        "18. The participating States will review this Concept.\n POSSIBLE OSCE CONTRIBUTIONS",
    )
    text = text.replace(
        "(vii) Enhancement of co-operation aimed at preventing and countering the threat of", ""
    )
    text = text.replace("illicit trafficking in drugs.", "")
    changed = tmp_path / "mc-doc-2-05-revised.txt"
    changed.write_text(text, encoding="utf-8")

    preview = diff_provisions(parse_source(changed.read_bytes(), name=changed.name))["MC.DOC/2/05"]
    assert (preview.added, preview.changed, preview.removed) == (["18"], ["4.5", "17"], ["Annex C.1(vii)"])

    out = run(changed)
    assert "1 provision added, 2 provisions changed, 1 provision removed" in out
    after = {p.label: p.pk for p in Provision.objects.all()}
    assert set(after) == (set(before) - {"Annex C.1(vii)"}) | {"18"}
    assert all(after[label] == pk for label, pk in before.items() if label in after)
    assert Provision.objects.get(label="4.5").text.startswith("To ensure dignified treatment of all persons")
    labels = list(Provision.objects.order_by("position").values_list("label", flat=True))
    assert labels[labels.index("17") + 1] == "18"


def test_a_curators_commitment_flag_survives_a_reimport_of_unchanged_text():
    run(SEED)
    Provision.objects.filter(label="7").update(is_commitment=True)
    run(SEED)
    assert Provision.objects.get(label="7").is_commitment


def test_an_import_that_fails_part_way_writes_nothing():
    source = parse_source(SEED.read_bytes(), name=SEED.name)
    broken = ParsedDocument(
        title="Helsinki Final Act",
        kind="final_act",
        provisions=[ParsedProvision(label="quoted", text="one", origin="quotation")] * 2,
    )
    failing = ParsedSource(name="broken", format="text", sha256="", document=source.document, cited=[broken])
    with pytest.raises(IntegrityError):
        save_parsed_source(failing)
    assert (Document.objects.count(), Provision.objects.count()) == (0, 0)


def test_json_report_of_a_real_import():
    report = json.loads(run(SEED, "--json"))
    assert report["changed"] is True
    assert report["totals"]["provisions_added"] == 59
    assert report["conflicts"] == {}


def test_the_same_file_is_the_same_document_whatever_metadata_came_with_it():
    study = CORPUS_DIR / "001_03edc29357d149f7.txt"
    from importing.service import import_file

    import_file(study.read_bytes(), name=study.name, metadata={"title": "Migration – a new challenge?"})
    import_file(study.read_bytes(), name="renamed-study.txt")
    assert Document.objects.filter(kind="study").count() == 1
    assert "title" in Document.objects.get(kind="study").conflicting_fields()
