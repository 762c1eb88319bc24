"""``manage.py load_corpus``: import the bundled corpus (``make run`` calls it)."""

from django.core.management.base import BaseCommand, CommandError

from commitments.models import Provision
from documents.models import Document
from importing.corpus import load_corpus
from importing.errors import ImportRejected


class Command(BaseCommand):
    help = "Import the bundled corpus under fixtures/corpus; running it again changes nothing."

    def handle(self, *args, **options):
        try:
            loaded = load_corpus(progress=self._progress)
        except ImportRejected as exc:
            raise CommandError(str(exc)) from None
        changed = sum(report.has_changes for report in loaded.reports)
        self.stdout.write(
            f"{len(loaded.reports)} sources ({changed} changed): {Document.objects.count()} documents, "
            f"{Provision.objects.count()} provisions, {Provision.objects.commitments().count()} commitments."
        )

    def _progress(self, done: int, total: int, name: str) -> None:
        width = 30
        filled = width * done // total
        self.stdout.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {name}", ending="")
        if done == total:
            self.stdout.write("")
        self.stdout.flush()
