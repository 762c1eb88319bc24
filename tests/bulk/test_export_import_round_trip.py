"""The published corpus exported and imported into an empty database is the same corpus."""

import datetime
import io
import json
import zipfile

import pytest
from django.core.management import CommandError, call_command

from commitments.models import Provision, Relation
from documents.models import Document, FieldDecision, MetadataClaim
from field_operations.models import FieldOfWorkScope, FieldOperation
from operations.bulk.export import corpus_tables, export_corpus
from operations.bulk.restore import ExportRejected, read_export, restore_corpus
from tests.factories import DocumentFactory, ProvisionFactory

pytestmark = pytest.mark.django_db

SUFFIX = {"json": "json", "csv": "zip"}


def _empty_the_database():
    Document.objects.all().delete()
    FieldOperation.objects.all().delete()
    FieldOfWorkScope.objects.all().delete()
    assert not Provision.objects.exists() and not Relation.objects.exists()
    assert not MetadataClaim.objects.exists()


@pytest.mark.parametrize("format", ["json", "csv"])
def test_an_export_imported_into_an_empty_database_reproduces_the_corpus(api_data, tmp_path, format):
    before = corpus_tables()
    out = tmp_path / f"corpus.{SUFFIX[format]}"
    export_corpus(format=format, out=out)
    _empty_the_database()

    restore_corpus(read_export(out))

    assert corpus_tables() == before
    # Ids are kept, so permanent URLs still point at the same provisions.
    assert Provision.objects.get(pk=api_data.border_45.pk).label == "4.5"
    # New rows get ids after the imported ones.
    fresh = DocumentFactory()
    assert fresh.pk > max(row["id"] for row in before["documents"])
    assert ProvisionFactory(document=fresh).pk > api_data.border_45.pk


@pytest.mark.parametrize("format", ["json", "csv"])
def test_the_bundled_corpus_survives_the_round_trip(corpus, tmp_path, format):
    before = corpus_tables()
    assert len(before["documents"]) == Document.objects.published().count()
    assert any(p["quoted_in"] for p in before["provisions"])  # quotations and their sources
    assert before["relations"] and before["claims"] and before["fields_of_work"]
    assert (
        len(before["field_operations"]) == 12 and before["operation_claims"] and before["operation_mentions"]
    )
    assert before["field_of_work_scopes"] and before["operation_aliases"]
    out = tmp_path / f"corpus.{SUFFIX[format]}"
    export_corpus(format=format, out=out)
    _empty_the_database()

    restore_corpus(read_export(out))

    assert corpus_tables() == before
    study = Document.objects.get(kind="study")
    assert study.outgoing_relations.count() == sum(
        r["source_document"] == study.slug for r in before["relations"]
    )


def test_the_export_holds_only_what_is_published(api_data):
    tables = corpus_tables()
    assert api_data.draft.slug not in {d["slug"] for d in tables["documents"]}
    assert "Secret migration text." not in {p["text"] for p in tables["provisions"]}
    assert len(tables["relations"]) == 2  # not the draft's link
    assert "Leaked" not in {c["value"] for c in tables["claims"]}  # not the draft's claim
    assert {p["document"] for p in tables["provisions"]} == {d["slug"] for d in tables["documents"]}


def test_the_export_carries_tags_relations_and_provenance(api_data):
    tables = corpus_tables()
    (para,) = [p for p in tables["provisions"] if p["id"] == api_data.border_45.pk]
    assert para["dimensions"] == ["politico-military", "human"]
    assert para["categories"] == ["illegal", "forced"]
    assert para["citation"].endswith("(Ljubljana, 6 December 2005), para. 4.5")
    assert para["url"] == f"/provisions/{api_data.border_45.pk}/"
    (cites,) = [r for r in tables["relations"] if r["kind"] == "cites"]
    assert cites["source_document"] == "mc-dec-5-09"
    assert cites["target_provision"] == api_data.border_45.pk
    assert {(c["value"], c["source_document"]) for c in tables["claims"]} == {
        ("2009-12-04", None),
        ("2009-12-02", "mc-doc-2-05"),
    }
    assert [c["slug"] for c in tables["categories"]] == [
        "labour",
        "human",
        "environmental",
        "illegal",
        "forced",
    ]


def test_the_csv_zip_is_one_table_per_file_with_a_readme(api_data, tmp_path):
    out = tmp_path / "corpus.zip"
    export_corpus(format="csv", out=out)
    with zipfile.ZipFile(out) as archive:
        assert set(archive.namelist()) == {
            "manifest.json",
            "README.txt",
            *(f"{t}.csv" for t in corpus_tables()),
        }
        provisions = archive.read("provisions.csv").decode()
        manifest = json.loads(archive.read("manifest.json"))
        readme = archive.read("README.txt").decode()
    header, *rows = provisions.splitlines()
    assert header.startswith("id,document,position,label,heading,text,is_commitment,")
    assert len(rows) == Provision.objects.published().count() == manifest["counts"]["provisions"]
    assert f"{api_data.border_45.pk},mc-doc-2-05,1,4.5," in provisions
    assert ",politico-military;human,illegal;forced," in provisions
    assert "quoted_in: for a quotation" in readme


def test_the_commands_export_and_refuse_to_import_over_a_corpus(api_data, tmp_path, capsys):
    out = tmp_path / "corpus.json"
    call_command("export_corpus", str(out), "--format", "json")
    assert "Wrote" in capsys.readouterr().out
    count = Document.objects.count()
    with pytest.raises(CommandError, match="Nothing was imported: The database already holds documents"):
        call_command("import_corpus_export", str(out))
    assert Document.objects.count() == count

    _empty_the_database()
    call_command("import_corpus_export", str(out))
    assert "Imported" in capsys.readouterr().out
    assert Document.objects.published().count() == count - 1  # the draft was never exported


def test_export_to_a_missing_directory_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="is not a directory"):
        call_command("export_corpus", str(tmp_path / "missing" / "corpus.json"))


def test_a_bad_export_is_refused_whole(api_data, tmp_path):
    out = tmp_path / "corpus.json"
    export_corpus(format="json", out=out)
    data = json.loads(out.read_text())
    data["provisions"][-1]["categories"] = ["smuggling"]
    out.write_text(json.dumps(data))
    _empty_the_database()
    with pytest.raises(ExportRejected, match=r"provisions row \d+: unknown category 'smuggling'"):
        restore_corpus(read_export(out))
    assert not Document.objects.exists()
    assert not Provision.objects.exists()


@pytest.mark.parametrize(
    "content, message",
    [
        (b"not json at all", "cannot be read as a corpus export"),
        (b"[1, 2]", "the JSON is not an object"),
        (b'{"format": "something-else", "version": 1}', "not a corpus export"),
        (b'{"format": "osce-migration-commitments-corpus", "version": 99}', "version 99"),
    ],
)
def test_files_that_are_not_exports_are_refused_with_the_reason(tmp_path, content, message):
    path = tmp_path / "upload.json"
    path.write_bytes(content)
    with pytest.raises(ExportRejected, match=message):
        read_export(path)


def test_a_csv_cell_of_the_wrong_type_is_named(api_data, tmp_path):
    out = tmp_path / "corpus.zip"
    export_corpus(format="csv", out=out)
    broken = tmp_path / "broken.zip"
    with zipfile.ZipFile(out) as source, zipfile.ZipFile(broken, "w") as target:
        for name in source.namelist():
            data = source.read(name).decode()
            if name == "provisions.csv":
                data = data.replace(",true,", ",perhaps,", 1)
            target.writestr(name, data)
    with pytest.raises(ExportRejected, match="provisions.csv line 2: is_commitment must be true or false"):
        read_export(broken)


def _decided_and_dated(api_data, django_user_model):
    """A conflict decided by a named curator, and rows created long before the export."""
    curator = django_user_model.objects.create_user("anna.curator", password="a-long-password-1")
    FieldDecision.objects.create(
        document=api_data.athens,
        field="date",
        value="2009-12-04",
        note="The OSCE's own text.",
        decided_by=curator,
    )
    long_ago = datetime.datetime(2021, 3, 4, 5, 6, 7, 890123, tzinfo=datetime.UTC)
    Document.objects.filter(pk=api_data.athens.pk).update(created_at=long_ago, updated_at=long_ago)
    Provision.objects.filter(pk=api_data.border_45.pk).update(created_at=long_ago)
    return curator, long_ago


@pytest.mark.parametrize("format", ["json", "csv"])
def test_the_round_trip_keeps_when_rows_were_made_and_who_decided_each_conflict(
    api_data, django_user_model, tmp_path, format
):
    curator, long_ago = _decided_and_dated(api_data, django_user_model)
    out = tmp_path / f"corpus.{SUFFIX[format]}"
    export_corpus(format=format, out=out)
    _empty_the_database()

    restore_corpus(read_export(out))

    athens = Document.objects.get(pk=api_data.athens.pk)
    assert (athens.created_at, athens.updated_at) == (long_ago, long_ago)
    assert Provision.objects.get(pk=api_data.border_45.pk).created_at == long_ago
    decision = FieldDecision.objects.get(document=athens, field="date")
    assert (decision.decided_by, decision.note) == (curator, "The OSCE's own text.")


def test_the_import_says_what_it_does_not_keep(api_data, django_user_model, tmp_path):
    curator, _ = _decided_and_dated(api_data, django_user_model)
    Document.objects.filter(pk=api_data.athens.pk).update(
        source_filename="athens.txt", source_sha256="0" * 64
    )
    out = tmp_path / "corpus.json"
    export_corpus(format="json", out=out)
    _empty_the_database()
    curator.delete()  # another database: the curator has no account there

    report = io.StringIO()
    call_command("import_corpus_export", str(out), stdout=report)

    lines = report.getvalue().splitlines()
    assert "Not kept: the source files of 1 document (the export names them and their checksums; " in (
        "\n".join(lines)
    )
    assert (
        "Not kept: who decided 1 conflict(s): anna.curator has no account here "
        "(the decisions, their notes and times are kept)." in lines
    )
    assert FieldDecision.objects.get(field="date").decided_by is None
