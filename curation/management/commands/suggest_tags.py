"""``manage.py suggest_tags``: let the classifier propose tags for untagged provisions."""

from django.core.management.base import BaseCommand

from commitments.models import Provision
from commitments.suggestions import suggest_tags
from curation.tagging import suggestion_run_summary


class Command(BaseCommand):
    help = "Propose dimensions and migration categories for provisions that have none."

    def add_arguments(self, parser):
        parser.add_argument("--document", help="Only the provisions of the document with this slug.")

    def handle(self, *args, document=None, **options):
        provisions = Provision.objects.all()
        if document:
            provisions = provisions.filter(document__slug=document)
        run = suggest_tags(provisions=provisions)
        self.stdout.write(suggestion_run_summary(run))
