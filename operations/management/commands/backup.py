from pathlib import Path

from django.core.management.base import BaseCommand

from operations.backup import create_backup


class Command(BaseCommand):
    help = "Write the database and the uploaded source files, with checksums, to a .tar.gz archive."

    def add_arguments(self, parser):
        parser.add_argument("destination", type=Path, help="Path of the archive to write.")

    def handle(self, *args, destination: Path, **options):
        manifest = create_backup(destination=destination)
        rows = sum(manifest.row_counts.values())
        self.stdout.write(
            self.style.SUCCESS(f"Wrote {destination}: {len(manifest.checksums)} files, {rows} rows.")
        )
