"""What an import leaves behind besides the documents it writes (its warnings, kept so that a
curator can read them after the import as well as in its preview), and the curators' decisions
every import must respect (whom a quotation is attributed to)."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from commitments.models import CurationSource
from commitments.quotation_matching import words
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


class AttributionDecisionQuerySet(models.QuerySet):
    def for_words(self, quoting_document: Document, locator: str, text: str):
        """The decision on these words of ``quoting_document``: the one at ``locator``, or,
        when a re-import numbers the footnotes differently, the only one on these words."""
        same_words = self.filter(quoting_document=quoting_document, text_key=words_key(text))
        at_locator = same_words.filter(locator=locator).first()
        if at_locator is not None:
            return at_locator
        candidates = list(same_words[:2])
        return candidates[0] if len(candidates) == 1 else None


def words_key(text: str) -> str:
    """What identifies quoted words across re-imports: a hash of their normalised words (case,
    punctuation, line breaks and spelling folded), so a reprint that changes none of them keeps it."""
    return hashlib.sha256(" ".join(words(text)).encode()).hexdigest()


class AttributionDecision(models.Model):
    """A curator's decision on whom a quotation's words are from: a document (``attributed_to``),
    or none (``attributed_to`` blank: unattributed). Keyed by the quoting source, the locator and
    the words (``text_key``), not by the quotation's row, so that every re-import of the quoting
    source keeps it (``importing.quotations``); shipped in ``fixtures/curation/attributions``."""

    quoting_document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="attribution_decisions"
    )
    locator = models.CharField(max_length=200, blank=True, help_text="Where it quotes them: fn. 30.")
    text = models.TextField(help_text="The quoted words as the quoting source prints them.")
    text_key = models.CharField(max_length=64, editable=False)
    # A decision naming a document goes when the document is deleted (a merge moves it first).
    attributed_to = models.ForeignKey(
        Document,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attributions_decided",
        help_text="The document the words are from; blank when the curator decided they are unattributed.",
    )
    basis = models.CharField(max_length=300, help_text="One line: the sentence or fact that decides it.")
    curator = models.CharField(max_length=150)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    decided_at = models.DateTimeField()
    source = models.CharField(max_length=10, choices=CurationSource.choices, default=CurationSource.ADMIN)

    history = HistoricalRecords()
    objects = AttributionDecisionQuerySet.as_manager()

    class Meta:
        ordering = ["quoting_document", "locator", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["quoting_document", "locator", "text_key"],
                name="one_attribution_decision_per_quotation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quoting_document}, {self.locator}: {self.outcome()}"

    def save(self, *args, **kwargs):
        self.text_key = words_key(self.text)
        super().save(*args, **kwargs)

    def outcome(self) -> str:
        """``attributed to MC.DEC/5/09`` or ``unattributed``."""
        if self.attributed_to_id is None:
            return "unattributed"
        return f"attributed to {self.attributed_to.symbol or self.attributed_to.title}"


class SplitProvision(models.Model):
    """A curator's decision that a provision a source gives for ``from_document`` belongs to
    ``to_document`` (a split: two documents had been read as one). A re-import of that source
    leaves the provision where the curator put it, instead of giving ``from_document`` it again.
    ``quoted_in`` is the quoting source for a passage another source quotes, blank for the
    document's own text."""

    from_document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="provisions_split_off")
    label = models.CharField(max_length=60)
    quoted_in = models.ForeignKey(Document, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    to_document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="provisions_split_in")
    basis = models.CharField(max_length=300, help_text="The curator's one-line basis for the split.")
    curator = models.CharField(
        max_length=150, blank=True, help_text="Who split, as the curation files name them."
    )
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    decided_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["from_document", "label"]
        constraints = [
            models.UniqueConstraint(
                fields=["from_document", "quoted_in", "label"], name="one_split_per_provision"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_document} {self.label} → {self.to_document}"


class ImportedProvision(models.Model):
    """One provision as the last import of its source read it: the *base* against which the next
    import tells what the source changed from what a curator changed (``importing.diff``).

    A source's set is ``(document, quoted_in)``: a document's own text (``quoted_in`` empty), or
    the passages a study or page quotes of it. Each import replaces its set with what it read.
    """

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="imported_provisions")
    quoted_in = models.ForeignKey(Document, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    label = models.CharField(max_length=60)
    heading = models.CharField(max_length=500, blank=True)
    text = models.TextField()
    quoted_locator = models.CharField(max_length=200, blank=True)
    is_commitment = models.BooleanField()
    is_preamble = models.BooleanField()
    categories = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["document", "pk"]
        indexes = [models.Index(fields=["document", "quoted_in"])]

    def __str__(self) -> str:
        return f"{self.document}, {self.label} (as last imported)"


class DeletedProvision(models.Model):
    """A curator's decision that a provision a source gives is not in the knowledge base: a
    re-import leaves it deleted (and says so when the source has changed it since). Recorded by
    the first import after the deletion; deleting this decision lets the next import bring the
    provision back."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="deleted_provisions")
    quoted_in = models.ForeignKey(Document, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    label = models.CharField(max_length=60)
    text = models.TextField(help_text="The words it had when it was deleted.")
    deleted_by = models.CharField(max_length=150, blank=True, help_text="Who deleted it, from its history.")
    deleted_at = models.DateTimeField(null=True, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    basis = models.CharField(max_length=300)

    class Meta:
        ordering = ["document", "label"]
        verbose_name = "deleted provision"

    def __str__(self) -> str:
        return f"{self.document}, {self.label} (deleted)"
