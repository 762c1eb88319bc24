"""``manage.py write_curation``: the editors' decisions, the admin's included, into ``fixtures/curation``."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from importing.curated_attributions import write_attributions
from importing.curated_records import write_records
from importing.curated_tags import CURATION_DIR, CurationRejected, write_curation


class Command(BaseCommand):
    help = (
        "Write every provision's curated dimensions, categories and commitment flag, with their bases, "
        "to fixtures/curation (one TOML file per document), and every attribution decided for a quotation to"
        " fixtures/curation/attributions, and every merge and split to fixtures/curation/records, so the"
        " admin's curation ships with the corpus."
    )

    def add_arguments(self, parser):
        parser.add_argument("--directory", type=Path, default=CURATION_DIR, help="Where to write the files.")

    def handle(self, *args, directory: Path, **options):
        try:
            written = write_curation(directory)
        except CurationRejected as exc:
            raise CommandError(str(exc)) from None
        attributions = write_attributions(directory / "attributions")
        records = write_records(directory / "records")
        self.stdout.write(f"{sum(written.values())} entries written to {len(written)} files in {directory}.")
        self.stdout.write(
            f"{sum(attributions.values())} attribution decisions written to {len(attributions)} files"
            f" in {directory / 'attributions'}."
        )
        self.stdout.write(f"{sum(records.values())} merges and splits written to {directory / 'records'}.")
