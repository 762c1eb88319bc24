import io
import tarfile

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from commitments.models import MigrationCategory, Provision
from curation.models import LoginAttempt
from documents.models import Document
from operations.backup import BackupError, create_backup, restore_backup, row_counts
from osce_kb.db import refresh_planner_statistics
from tests.factories import MetadataClaimFactory, ProvisionFactory, RelationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _some_content():
    provision = ProvisionFactory(label="4.5", text="To promote dignified treatment of all individuals.")
    provision.categories.add(MigrationCategory.objects.get(slug="illegal"))
    provision.document.source_file.save("mc-doc-2-05.txt", ContentFile(b"BORDER SECURITY"), save=True)
    MetadataClaimFactory(document=provision.document)
    RelationFactory(target_document=provision.document)
    return provision


def test_backup_and_restore_round_trip_rows_and_files(tmp_path, media_root):
    provision = _some_content()
    stored_name = provision.document.source_file.name
    before = row_counts()
    archive = tmp_path / "kb.tar.gz"

    manifest = create_backup(destination=archive)
    assert manifest.row_counts == before
    assert "database.json" in manifest.checksums
    assert f"media/{stored_name}" in manifest.checksums

    Document.objects.all().delete()
    (media_root / stored_name).unlink()
    assert Provision.objects.count() == 0

    restore_backup(source=archive)
    restored = Provision.objects.get(pk=provision.pk)
    assert restored.text == provision.text
    assert list(restored.categories.values_list("slug", flat=True)) == ["illegal"]
    assert (media_root / stored_name).read_bytes() == b"BORDER SECURITY"
    assert _without_history(row_counts()) == _without_history(before)


def _planner_row_estimate(table: str) -> int | None:
    """How many rows the query planner believes ``table`` holds, by its last statistics."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
        else:
            cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = %s", [table])
        row = cursor.fetchone()
    return int(float(str(row[0]).split()[0])) if row else None


def test_a_restore_leaves_the_planner_statistics_of_the_restored_rows(tmp_path, media_root):
    _some_content()
    archive = tmp_path / "kb.tar.gz"
    create_backup(destination=archive)
    Document.objects.all().delete()
    refresh_planner_statistics()
    assert not _planner_row_estimate("commitments_provision")

    restore_backup(source=archive)
    assert _planner_row_estimate("commitments_provision") == Provision.objects.count() > 0
    assert _planner_row_estimate("documents_document") == Document.objects.count() > 0


def test_restore_refuses_a_database_that_holds_documents(tmp_path, media_root):
    _some_content()
    archive = tmp_path / "kb.tar.gz"
    create_backup(destination=archive)
    with pytest.raises(BackupError, match="already holds documents"):
        restore_backup(source=archive)


def test_a_damaged_archive_is_refused_before_anything_is_written(tmp_path, media_root):
    _some_content()
    archive = tmp_path / "kb.tar.gz"
    create_backup(destination=archive)
    Document.objects.all().delete()

    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member) if member.isfile() else None
            if member.name == "database.json":
                content = data.read().replace(b"dignified", b"DIGNIFIED")
                member.size = len(content)
                data = io.BytesIO(content)
            target.addfile(member, data)

    with pytest.raises(CommandError, match="does not match its checksum"):
        call_command("restore_backup", str(damaged))
    assert Document.objects.count() == 0


def test_a_file_that_is_not_an_archive_is_refused(tmp_path):
    bogus = tmp_path / "bogus.tar.gz"
    bogus.write_text("not a tar")
    with pytest.raises(BackupError, match="not a readable backup archive"):
        restore_backup(source=bogus)


QUERIES = ["dignified treatment", "migrant workers", '"illegal migration"', "refugees OR asylum"]


def _without_history(counts: dict[str, int]) -> dict[str, int]:
    return {label: n for label, n in counts.items() if ".Historical" not in label}


def _search_answers() -> dict[str, list[int]]:
    from search import SearchRequest, search_provisions

    return {q: [hit.provision_id for hit in search_provisions(SearchRequest(query=q)).hits] for q in QUERIES}


def test_restoring_the_corpus_and_rebuilding_the_index_gives_the_same_search_results(
    tmp_path, media_root, corpus_index
):
    before_counts = row_counts()
    before_answers = _search_answers()
    assert all(before_answers.values())
    archive = tmp_path / "corpus.tar.gz"
    create_backup(destination=archive)

    Document.objects.all().delete()
    corpus_index.rebuild()
    assert not any(_search_answers().values())

    restore_backup(source=archive)
    corpus_index.rebuild()
    # History keeps the record of the deletion above; the knowledge base itself is as it was.
    assert _without_history(row_counts()) == _without_history(before_counts)
    assert _search_answers() == before_answers


def _dumped_models():
    from django.apps import apps

    return [
        model
        for model in apps.get_models()
        if model._meta.app_label not in ("contenttypes", "sessions")
        and model._meta.label != "auth.Permission"
    ]


def _every_row() -> dict[str, list[dict]]:
    """Every row of every model a backup holds, history included, exactly as stored."""
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values()) for model in _dumped_models()
    }


def _empty_the_database() -> None:
    """As ``migrate`` leaves a new database: no rows of the backed-up models, every id sequence
    back at its start (content types and permissions stay, as ``migrate`` makes them)."""
    from django.core.management.color import no_style

    tables = sorted({model._meta.db_table for model in _dumped_models()} | _m2m_tables())
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # TRUNCATE refuses pending checks
    statements = connection.ops.sql_flush(no_style(), tables, reset_sequences=True, allow_cascade=True)
    connection.ops.execute_sql_flush(statements)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _m2m_tables() -> set[str]:
    return {
        field.remote_field.through._meta.db_table
        for model in _dumped_models()
        for field in model._meta.local_many_to_many
    }


def test_a_backup_of_the_loaded_corpus_restores_every_row_into_an_empty_database(tmp_path, media_root):
    from importing.corpus import load_corpus

    load_corpus()
    provision = Provision.objects.get(document__symbol="MC.DOC/2/05", label="4.5")
    provision.text += " (as corrected)"
    provision.save()
    before = _every_row()
    assert len(before["commitments.HistoricalProvision"]) > Provision.objects.count()
    archive = tmp_path / "corpus.tar.gz"
    create_backup(destination=archive)

    _empty_the_database()
    assert not any(_every_row().values())
    restore_backup(source=archive)

    after = _every_row()
    assert {label: len(rows) for label, rows in after.items()} == {
        label: len(rows) for label, rows in before.items()
    }
    for label, rows in before.items():
        assert after[label] == rows, f"{label} is not as it was backed up"


def test_the_restore_command_says_what_a_backup_does_not_hold(tmp_path, media_root):
    _some_content()
    archive = tmp_path / "kb.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    Document.objects.all().delete()
    out = io.StringIO()
    call_command("restore_backup", str(archive), stdout=out)
    assert "not in the backup: the search index (run `manage.py search_index rebuild`" in out.getvalue()


def test_a_backup_from_a_newer_schema_is_refused_before_anything_is_written(tmp_path, media_root):
    from django.db.migrations.recorder import MigrationRecorder

    _some_content()
    archive = tmp_path / "kb.tar.gz"
    create_backup(destination=archive)
    Document.objects.all().delete()
    MigrationRecorder.Migration.objects.filter(app="commitments").order_by("-name").first().delete()

    with pytest.raises(BackupError, match="1 migration.s. this one lacks .commitments.0"):
        restore_backup(source=archive)
    assert Document.objects.count() == 0


def test_a_backup_holds_no_login_attempts(tmp_path, media_root):
    _some_content()
    LoginAttempt.objects.create(address="203.0.113.7", username_digest="0" * 64)
    archive = tmp_path / "kb.tar.gz"
    manifest = create_backup(destination=archive)
    assert "curation.LoginAttempt" not in manifest.row_counts
    assert "commitments.Provision" in manifest.row_counts
    with tarfile.open(archive) as bundle:
        dump = bundle.extractfile("database.json").read().decode()
    assert '"commitments.provision"' in dump
    assert "curation.loginattempt" not in dump and "203.0.113.7" not in dump
