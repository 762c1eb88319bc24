"""``manage.py load_corpus``: import the bundled corpus (``make run`` calls it)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import ngettext

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
        sources, documents = len(loaded.reports), Document.objects.count()
        provisions, commitments = Provision.objects.count(), Provision.objects.commitments().count()
        self.stdout.write(
            ngettext("%(n)d source", "%(n)d sources", sources) % {"n": sources}
            + f" ({changed} changed): "
            + ngettext("%(n)d document", "%(n)d documents", documents) % {"n": documents}
            + ", "
            + ngettext("%(n)d provision", "%(n)d provisions", provisions) % {"n": provisions}
            + ", "
            + ngettext("%(n)d commitment", "%(n)d commitments", commitments) % {"n": commitments}
            + "."
        )

    def _progress(self, done: int, total: int, name: str) -> None:
        width = 30
        filled = width * done // total
        self.stdout.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {name}", ending="")
        if done == total:
            self.stdout.write("")
        self.stdout.flush()
