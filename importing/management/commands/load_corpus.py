"""``manage.py load_corpus``: import the bundled corpus (``make run`` calls it)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import ngettext

from commitments.models import Provision
from documents.models import Document
from importing.corpus import CORPUS_DIR, load_corpus
from importing.curated_tags import CURATION_DIR, CurationRejected
from importing.errors import ImportRejected


class Command(BaseCommand):
    help = (
        "Import the bundled corpus under fixtures/corpus and the decisions under fixtures/curation;"
        " running it again changes nothing. --if-changed skips it when the files were loaded as they are."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--corpus-dir",
            type=Path,
            default=CORPUS_DIR,
            help="Where the corpus files and their manifest.json are (default fixtures/corpus).",
        )
        parser.add_argument(
            "--curation-dir",
            type=Path,
            default=CURATION_DIR,
            help="Where the curator decisions are (default fixtures/curation).",
        )
        parser.add_argument(
            "--if-changed",
            action="store_true",
            help="load only when the database has no corpus or the bundled files changed since the last"
            " load (`make run` does this at every start, so a restart keeps curators' work)",
        )

    def handle(self, *args, corpus_dir: Path, curation_dir: Path, if_changed: bool = False, **options):
        try:
            loaded = load_corpus(
                progress=self._progress,
                directory=corpus_dir,
                curation_directory=curation_dir,
                only_if_changed=if_changed,
            )
        except (ImportRejected, CurationRejected) as exc:
            raise CommandError(str(exc)) from None
        if loaded.skipped:
            self.stdout.write(
                "The bundled corpus is loaded and its files have not changed: nothing imported."
            )
            return
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
        for report in loaded.reports:
            for warning in report.curation_warnings:
                self.stdout.write(f"  kept for a curator: {warning}")
        attributions = loaded.attributions
        self.stdout.write(
            f"Attributions: {attributions.entries} decisions, {attributions.changed} quotations changed."
        )
        for where in attributions.kept_from_admin:
            self.stdout.write(
                f"  kept the admin's decision over {where}: `manage.py write_curation` writes it to the files"
            )
        run = loaded.curation
        self.stdout.write(f"Curation: {run.entries} entries, {run.applied} provisions changed.")
        for where in run.kept_deleted:
            self.stdout.write(f"  kept a curator's deletion over {where}")
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
