"""The curators' dashboard: the work waiting in the knowledge base, each count with the
admin list where that work is done."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.http import urlencode

from commitments.models import Provision, TagSuggestion
from curation.conflicts import open_conflicts
from documents.models import Document, PublicationStatus
from importing.models import ImportWarning


@dataclass(frozen=True)
class WorkItem:
    name: str
    count: int
    url: str  # the list of exactly what is counted
    description: str


def documents_without_text():
    """Documents of which no provision is held: catalogue entries a source names."""
    return Document.objects.filter(~Exists(Provision.objects.filter(document=OuterRef("pk"))))


def work_waiting() -> list[WorkItem]:
    """What curators have to do, in the order they usually do it."""
    conflicts = open_conflicts()
    return [
        WorkItem(
            "Draft documents",
            Document.objects.filter(status=PublicationStatus.DRAFT).count(),
            _changelist("documents_document", status__exact=PublicationStatus.DRAFT),
            "imported or withdrawn, not shown to the public until published",
        ),
        WorkItem(
            "Importer warnings",
            ImportWarning.objects.count(),
            _changelist("importing_importwarning"),
            "what the last import of each source could not do or found suspicious",
        ),
        WorkItem(
            "Open conflicts",
            len(conflicts),
            reverse("admin:documents_document_conflicts"),
            "metadata fields on which the sources disagree, not yet decided",
        ),
        WorkItem(
            "Documents with no text",
            documents_without_text().count(),
            _changelist("documents_document", text="none"),
            "catalogued because a source names them; import their official text",
        ),
        WorkItem(
            "Untagged provisions",
            Provision.objects.untagged().count(),
            _changelist("commitments_provision", tagging="untagged"),
            "with neither a migration category nor a dimension",
        ),
        WorkItem(
            "Pending suggestions",
            TagSuggestion.objects.pending().count(),
            _changelist("commitments_tagsuggestion", status__exact="pending"),
            "tags the classifier proposes, to accept or reject",
        ),
    ]


def _changelist(model: str, **filters) -> str:
    url = reverse(f"admin:{model}_changelist")
    return f"{url}?{urlencode(filters)}" if filters else url
