from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from operations.backup import NOT_KEPT, BackupError, restore_backup


class Command(BaseCommand):
    help = "Restore a backup archive written by `backup` into an empty database (then rebuild the index)."

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path, help="The .tar.gz archive to restore.")
        parser.add_argument(
            "--allow-non-empty", action="store_true", help="Restore even if documents already exist."
        )

    def handle(self, *args, source: Path, allow_non_empty: bool, **options):
        try:
            manifest = restore_backup(source=source, allow_non_empty=allow_non_empty)
        except BackupError as exc:
            raise CommandError(f"{source}: {exc}") from exc
        rows = sum(manifest.row_counts.values())
        self.stdout.write(self.style.SUCCESS(f"Restored {rows} rows from {source}."))
        for what in manifest.not_kept or NOT_KEPT:
            self.stdout.write(f"  not in the backup: {what}")
