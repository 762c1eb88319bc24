"""What an import leaves behind besides the documents it writes: its warnings, kept so that a
curator can read them after the import as well as in its preview."""

from django.db import models

from documents.models import Document, PublicationStatus
from importing.warnings import WarningKind


class ImportWarningQuerySet(models.QuerySet):
    def published(self):
        """Warnings of sources whose document is published: the ones a public page may count."""
        return self.filter(document__status=PublicationStatus.PUBLISHED)

    def of_kind(self, kind: str):
        return self.filter(kind=kind)


class ImportWarning(models.Model):
    """A warning the last import of a source gave: a date outside 1973–today, a missing place,
    a quotation that could not be attributed. Kept with the document the source is the text of,
    and replaced by the warnings of that source's next import."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="import_warnings")
    source_name = models.CharField(max_length=255, help_text="The file the warning came from.")
    message = models.TextField()
    kind = models.CharField(max_length=30, choices=WarningKind.choices, default=WarningKind.OTHER)
    locator = models.CharField(
        max_length=200, blank=True, help_text='Where in the source, e.g. "footnote 35" or "page 3".'
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ImportWarningQuerySet.as_manager()

    class Meta:
        ordering = ["document", "pk"]
        verbose_name = "importer warning"

    def __str__(self) -> str:
        return f"{self.source_name}: {self.message}"


class CorpusLoad(models.Model):
    """A load of the bundled corpus (``fixtures/corpus`` and ``fixtures/curation``): the
    fingerprint of the files it read, so that ``load_corpus --if-changed`` (``make run``) loads
    them again only when they changed, and a restart never re-imports over curators' work."""

    fingerprint = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-loaded_at", "-pk"]
        get_latest_by = "loaded_at"

    def __str__(self) -> str:
        return f"{self.fingerprint[:12]} ({self.loaded_at:%Y-%m-%d %H:%M})"
