from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from operations.bulk.export import FORMATS, export_corpus


class Command(BaseCommand):
    help = "Write the whole published corpus to OUT as JSON or as a zip of CSV tables."

    def add_arguments(self, parser):
        parser.add_argument("out", type=Path, help="File to write (replaced if it exists).")
        parser.add_argument("--format", choices=FORMATS, default="json")

    def handle(self, *args, out: Path, format: str, **options):
        if not out.parent.is_dir():
            raise CommandError(f"{out.parent} is not a directory.")
        counts = export_corpus(format=format, out=out)
        summary = ", ".join(f"{n} {table}" for table, n in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Wrote {out}: {summary}."))
