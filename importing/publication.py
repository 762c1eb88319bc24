"""Publishing and withdrawing documents, with what follows from it.

A source's claims about other documents count only while it is published
(``documents.conflicts.counts``), so publishing or withdrawing it re-decides the values of the
documents it makes claims about; the passages it quotes are shown or hidden by the published
rule itself (``commitments.models.published_provision``) and reach the index through the
document's save.
"""

from collections.abc import Iterable

from django.db import transaction

from documents.models import Document, PublicationStatus
from importing.save import apply_claims


@transaction.atomic
def set_publication_status(documents: Iterable[Document], status: str) -> list[Document]:
    """Give ``documents`` the status ``status`` (one save each, so that each change is in its
    history); return those that changed."""
    status = PublicationStatus(status)
    changed = []
    for document in documents:
        if document.status != status:
            document.status = status
            document.save()
            changed.append(document)
    follow_publication(changed)
    return changed


def follow_publication(sources: list[Document]) -> None:
    """Re-decide the values of every document ``sources`` make claims about, after their
    status changed."""
    if not sources:
        return
    for document in Document.objects.filter(claims__source_document__in=sources).distinct().order_by("pk"):
        apply_claims(document)
