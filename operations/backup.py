"""Backups: the database and the uploaded source files in one archive, with checksums.

An archive holds ``database.json`` (``dumpdata`` with natural keys), the files under
``MEDIA_ROOT`` in ``media/``, and ``manifest.json`` with the SHA-256 of each member and the row
count of each model. Restoring checks every checksum before it writes anything, and loads the
rows in one transaction.
"""

import datetime
import hashlib
import io
import json
import shutil
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import transaction

from osce_kb.db import refresh_planner_statistics

EXCLUDED_FROM_DUMP = ["contenttypes", "auth.permission", "sessions"]
MANIFEST = "manifest.json"
DATABASE_DUMP = "database.json"


class BackupError(Exception):
    """A backup cannot be written or restored; the message says why."""


@dataclass
class BackupManifest:
    created_at: str
    checksums: dict[str, str] = field(default_factory=dict)
    row_counts: dict[str, int] = field(default_factory=dict)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def row_counts() -> dict[str, int]:
    """Rows per model of the project's own apps, as a backup records and a restore compares."""
    return {
        model._meta.label: model._default_manager.count()
        for app_label in ("documents", "commitments")
        for model in apps.get_app_config(app_label).get_models()
    }


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
                natural_foreign=True,
                indent=None,
                stdout=handle,
            )
        media_root = Path(settings.MEDIA_ROOT)
        if media_root.is_dir():
            shutil.copytree(media_root, staging / "media")
        manifest = BackupManifest(created_at=datetime.datetime.now(datetime.UTC).isoformat())
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


def restore_backup(*, source: Path, allow_non_empty: bool = False) -> BackupManifest:
    """Restore a backup into this database and ``MEDIA_ROOT``; all or nothing.

    Refuses a database that already holds documents unless ``allow_non_empty`` is set. The
    search index is not part of a backup: rebuild it afterwards.
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
        with transaction.atomic():
            call_command("loaddata", str(root / DATABASE_DUMP), verbosity=0, stdout=io.StringIO())
        refresh_planner_statistics()
        media = root / "media"
        if media.is_dir():
            shutil.copytree(media, Path(settings.MEDIA_ROOT), dirs_exist_ok=True)
    return manifest
