"""What an import leaves behind besides the documents it writes: its warnings, kept so that a
curator can read them after the import as well as in its preview."""

from django.db import models

from documents.models import Document


class ImportWarning(models.Model):
    """A warning the last import of a source gave: a date outside 1973–today, a missing place,
    a quotation that could not be attributed. Kept with the document the source is the text of,
    and replaced by the warnings of that source's next import."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="import_warnings")
    source_name = models.CharField(max_length=255, help_text="The file the warning came from.")
    message = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["document", "pk"]
        verbose_name = "importer warning"

    def __str__(self) -> str:
        return f"{self.source_name}: {self.message}"
