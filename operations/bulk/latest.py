"""The latest export offered for download: rebuilt only when the published corpus has changed."""

import hashlib
from pathlib import Path

from django.conf import settings
from django.db.models import Max

from commitments.models import Provision, Relation
from documents.models import Document, DocumentAttachment, FieldDecision, MetadataClaim
from operations.bulk.export import export_corpus

SUFFIXES = {"json": "json", "csv": "zip"}


def corpus_fingerprint() -> str:
    """A short hash that changes whenever something an export holds has changed.

    Every change made through the models leaves a history record (tags included), so the time
    of the latest one moves; the counts catch what bypasses history, such as bulk deletes.
    """
    parts = [str(Document.objects.published().count())]
    for model in (Document, Provision, Relation, MetadataClaim, FieldDecision):
        parts.append(str(model.history.aggregate(latest=Max("history_date"))["latest"]))
        parts.append(str(model.objects.count()))
    for through in (
        Provision.dimensions.through,
        Provision.categories.through,
        Document.fields_of_work.through,
    ):
        parts.append(str(through.objects.count()))
    parts.append(str(DocumentAttachment.objects.aggregate(n=Max("id"))["n"]))
    parts.append(str(DocumentAttachment.objects.count()))
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def latest_export(*, format: str) -> Path:
    """The path of an export of the current published corpus in ``format``, built if needed.

    Exports live in ``settings.EXPORT_DIR`` named by the corpus fingerprint; older ones are
    removed once a newer one is in place (a download already reading one keeps its file open).
    """
    if format not in SUFFIXES:
        raise ValueError(f"Unknown export format {format!r}; choose one of {', '.join(SUFFIXES)}.")
    directory = Path(settings.EXPORT_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    suffix = SUFFIXES[format]
    path = directory / f"corpus-{corpus_fingerprint()}.{suffix}"
    if not path.exists():
        export_corpus(format=format, out=path)
        for older in directory.glob(f"corpus-*.{suffix}"):
            if older != path:
                older.unlink(missing_ok=True)
    return path
