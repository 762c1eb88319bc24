"""Backups: the database and the uploaded source files in one archive, with checksums.

An archive holds ``database.json`` (``dumpdata`` with natural keys, times to the microsecond:
``operations/exact_json.py``), the files under ``MEDIA_ROOT`` in ``media/``, and
``manifest.json`` with the SHA-256 of each member, the row count of each model, the migrations
the database had, and what a backup does not hold (``NOT_KEPT``). Restoring checks every
checksum and the migrations before it writes anything, loads the rows in one transaction with
history off (the dump holds the history rows; simple-history would otherwise add rows of its
own for the tags ``loaddata`` sets, which collide with the dumped ones on PostgreSQL), and
checks that each model it filled holds exactly the rows the backup counted.
"""

import datetime
import hashlib
import io
import json
import shutil
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder

from osce_kb.db import refresh_planner_statistics

# Login attempts are the throttle's short-lived counts, with the addresses of whoever tried:
# not the knowledge base's data, and not for every copy of a backup to carry.
EXCLUDED_FROM_DUMP = ["contenttypes", "auth.permission", "sessions", "curation.loginattempt"]
MANIFEST = "manifest.json"
DATABASE_DUMP = "database.json"
DUMP_FORMAT = "exact-json"
NOT_KEPT = (
    "the search index (run `manage.py search_index rebuild` after restoring)",
    "sessions (everyone signs in again)",
    "cached figures and login-failure counts",
    "content types and permissions (`migrate` makes them)",
)


class BackupError(Exception):
    """A backup cannot be written or restored; the message says why."""


@dataclass
class BackupManifest:
    created_at: str
    checksums: dict[str, str] = field(default_factory=dict)
    row_counts: dict[str, int] = field(default_factory=dict)
    migrations: list[str] = field(default_factory=list)
    not_kept: list[str] = field(default_factory=list)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _backed_up_models() -> list:
    excluded = set(EXCLUDED_FROM_DUMP)
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label not in excluded
        and model._meta.label_lower not in excluded
        and model._meta.managed
        and not model._meta.proxy
    ]


def row_counts() -> dict[str, int]:
    """Rows per model a backup holds (history included), as a backup records and a restore checks."""
    return {model._meta.label: model._default_manager.count() for model in _backed_up_models()}


def _applied_migrations() -> list[str]:
    return sorted(f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations())


def create_backup(*, destination: Path) -> BackupManifest:
    """Write a ``.tar.gz`` backup to ``destination`` and return its manifest."""
    destination = Path(destination)
    with tempfile.TemporaryDirectory(prefix="osce-kb-backup-") as tmp:
        staging = Path(tmp)
        dump = staging / DATABASE_DUMP
        with dump.open("w", encoding="utf-8") as handle:
            call_command(
                "dumpdata",
                exclude=EXCLUDED_FROM_DUMP,
                format=DUMP_FORMAT,
                natural_foreign=True,
                indent=None,
                stdout=handle,
            )
        media_root = Path(settings.MEDIA_ROOT)
        if media_root.is_dir():
            shutil.copytree(media_root, staging / "media")
        manifest = BackupManifest(
            created_at=datetime.datetime.now(datetime.UTC).isoformat(),
            migrations=_applied_migrations(),
            not_kept=list(NOT_KEPT),
        )
        for path in sorted(p for p in staging.rglob("*") if p.is_file()):
            manifest.checksums[path.relative_to(staging).as_posix()] = _sha256(path)
        manifest.row_counts = row_counts()
        (staging / MANIFEST).write_text(json.dumps(manifest.__dict__, indent=2), encoding="utf-8")
        destination.parent.mkdir(parents=True, exist_ok=True)
        partial = destination.with_name(destination.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            for path in sorted(staging.rglob("*")):
                archive.add(path, arcname=path.relative_to(staging).as_posix(), recursive=False)
        partial.replace(destination)
    return manifest


def _read_manifest(root: Path) -> BackupManifest:
    try:
        data = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
        return BackupManifest(**data)
    except (OSError, ValueError, TypeError) as exc:
        raise BackupError(f"the archive has no readable {MANIFEST}: {exc}") from exc


def verify_backup(root: Path) -> BackupManifest:
    """Check every member of an extracted backup against its manifest checksum."""
    manifest = _read_manifest(root)
    if DATABASE_DUMP not in manifest.checksums:
        raise BackupError(f"the manifest lists no {DATABASE_DUMP}")
    for name, expected in manifest.checksums.items():
        path = root / name
        if not path.is_file():
            raise BackupError(f"{name} is listed in the manifest but missing from the archive")
        if _sha256(path) != expected:
            raise BackupError(f"{name} does not match its checksum: the archive is damaged")
    return manifest


def _refuse_older_schema(manifest: BackupManifest) -> None:
    missing = sorted(set(manifest.migrations) - set(_applied_migrations()))
    if missing:
        raise BackupError(
            f"the backup was written by a database with {len(missing)} migration(s) this one lacks"
            f" ({', '.join(missing[:3])}{' …' if len(missing) > 3 else ''}): run `manage.py migrate` first"
        )


@contextmanager
def _history_as_dumped() -> Iterator[None]:
    # Process-wide, which is why restoring is a command and never a request.
    previous = getattr(settings, "SIMPLE_HISTORY_ENABLED", True)
    settings.SIMPLE_HISTORY_ENABLED = False
    try:
        yield
    finally:
        settings.SIMPLE_HISTORY_ENABLED = previous


def _check_restored(manifest: BackupManifest, before: dict[str, int]) -> None:
    """Each model that was empty holds exactly the backup's rows: none lost, none invented."""
    after = row_counts()
    for label, expected in sorted(manifest.row_counts.items()):
        if before.get(label) == 0 and after.get(label) != expected:
            raise BackupError(
                f"{label}: {after.get(label)} rows after restoring where the backup holds {expected}"
            )


def restore_backup(*, source: Path, allow_non_empty: bool = False) -> BackupManifest:
    """Restore a backup into this database and ``MEDIA_ROOT``; all or nothing.

    Refuses a database that already holds documents unless ``allow_non_empty`` is set, and one
    that lacks a migration the backup's database had. What a backup does not hold is
    ``manifest.not_kept``: rebuild the search index afterwards.
    """
    from documents.models import Document

    if not allow_non_empty and Document.objects.exists():
        raise BackupError("the database already holds documents; restore into an empty database")
    with tempfile.TemporaryDirectory(prefix="osce-kb-restore-") as tmp:
        root = Path(tmp)
        try:
            with tarfile.open(source, "r:gz") as archive:
                archive.extractall(root, filter="data")
        except (OSError, tarfile.TarError) as exc:
            raise BackupError(f"{source} is not a readable backup archive: {exc}") from exc
        manifest = verify_backup(root)
        _refuse_older_schema(manifest)
        with transaction.atomic(), _history_as_dumped():
            before = row_counts()
            call_command("loaddata", str(root / DATABASE_DUMP), verbosity=0, stdout=io.StringIO())
            _check_restored(manifest, before)
        refresh_planner_statistics()
        media = root / "media"
        if media.is_dir():
            shutil.copytree(media, Path(settings.MEDIA_ROOT), dirs_exist_ok=True)
    return manifest
