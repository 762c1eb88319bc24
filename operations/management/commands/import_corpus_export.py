from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from operations.bulk.restore import ExportRejected, not_kept, read_export, restore_corpus


class Command(BaseCommand):
    help = "Load a file written by export_corpus (JSON or CSV zip) into an empty database."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The export to load.")

    def handle(self, *args, path: Path, **options):
        if not path.is_file():
            raise CommandError(f"{path} is not a file.")
        try:
            tables = read_export(path)
            counts = restore_corpus(tables)
        except ExportRejected as exc:
            raise CommandError(f"Nothing was imported: {exc}") from exc
        summary = ", ".join(f"{n} {table}" for table, n in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Imported {path}: {summary}."))
        for note in not_kept(tables):
            self.stdout.write(f"Not kept: {note}.")
