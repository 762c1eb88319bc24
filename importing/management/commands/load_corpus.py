"""``manage.py load_corpus``: import the bundled corpus (``make run`` calls it)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from commitments.models import Provision
from documents.models import Document
from importing.corpus import load_corpus
from importing.curated_tags import CURATION_DIR, CurationRejected
from importing.errors import ImportRejected


class Command(BaseCommand):
    help = "Import the bundled corpus under fixtures/corpus; running it again changes nothing."

    def add_arguments(self, parser):
        parser.add_argument(
            "--curation-dir",
            type=Path,
            default=CURATION_DIR,
            help="Where the curator decisions are (default fixtures/curation).",
        )

    def handle(self, *args, curation_dir: Path, **options):
        try:
            loaded = load_corpus(progress=self._progress, curation_directory=curation_dir)
        except (ImportRejected, CurationRejected) as exc:
            raise CommandError(str(exc)) from None
        changed = sum(report.has_changes for report in loaded.reports)
        self.stdout.write(
            f"{len(loaded.reports)} sources ({changed} changed): {Document.objects.count()} documents, "
            f"{Provision.objects.count()} provisions, {Provision.objects.commitments().count()} commitments."
        )
        run = loaded.curation
        self.stdout.write(f"Curation: {run.entries} entries, {run.applied} provisions changed.")
        for where in run.kept_from_admin:
            self.stdout.write(
                f"  kept the admin's decision over {where}: `manage.py write_curation` writes it to the files"
            )

    def _progress(self, done: int, total: int, name: str) -> None:
        width = 30
        filled = width * done // total
        self.stdout.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {name}", ending="")
        if done == total:
            self.stdout.write("")
        self.stdout.flush()
