"""OSCE field operations (missions, presences, centres, programme offices), the names the
sources give them, and what the documents and passages of the knowledge base say about them.

Like a document's metadata, every value of an operation is a claim with its source
(``OperationClaim``): the "Border management" page dates the Mission to Skopje 18 September
1992; a second source giving another date is kept beside it and shown as a conflict.
"""

from django.db import models
from django.urls import reverse
from django.utils.text import slugify

from commitments.models import Dimension, MigrationCategory, Provision
from documents.dates import DatePrecision, PartialDate, display_date
from documents.models import Document, FieldOfWork, PublicationStatus


class OperationStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    CLOSED = "closed", "Closed"
    UNKNOWN = "unknown", "Not known"


class FieldOperationQuerySet(models.QuerySet):
    def in_country(self, country: str):
        return self.filter(host_country__iexact=country)

    def working_on(self, slug: str):
        return self.filter(fields_of_work__slug=slug)


class FieldOperation(models.Model):
    """One OSCE field operation, e.g. the Mission to Skopje. Its fields hold the best-claimed
    values (``field_operations.claims``)."""

    slug = models.SlugField(max_length=120, unique=True)
    name = models.CharField(max_length=200, unique=True, help_text="Official name: Mission to Skopje.")
    host_country = models.CharField(max_length=100, blank=True)
    established = models.DateField(null=True, blank=True, help_text="First day of the period when imprecise.")
    established_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    status = models.CharField(max_length=10, choices=OperationStatus.choices, default=OperationStatus.UNKNOWN)
    summary = models.TextField(blank=True)
    mandate_document = models.ForeignKey(
        Document, on_delete=models.SET_NULL, null=True, blank=True, related_name="mandated_operations"
    )
    fields_of_work = models.ManyToManyField(FieldOfWork, blank=True, related_name="field_operations")

    objects = FieldOperationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:120]
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("operation-detail", args=[self.slug])

    @property
    def partial_established(self) -> PartialDate | None:
        return PartialDate(self.established, self.established_precision) if self.established else None

    def display_established(self) -> str:
        return display_date(self.established, self.established_precision)


class OperationField(models.TextChoices):
    NAME = "name", "Name"
    HOST_COUNTRY = "host_country", "Host country"
    ESTABLISHED = "established", "Established"
    STATUS = "status", "Status"
    SUMMARY = "summary", "What it does"
    MANDATE = "mandate", "Mandate document"
    FIELDS_OF_WORK = "fields_of_work", "Fields of work"


class OperationClaim(models.Model):
    """One source's statement of one value of an operation. ``source_document`` blank with a
    ``basis``: a curator's decision from ``fixtures/curation`` (a fact no seed states)."""

    operation = models.ForeignKey(FieldOperation, on_delete=models.CASCADE, related_name="claims")
    field = models.CharField(max_length=20, choices=OperationField.choices)
    value = models.TextField()
    source_document = models.ForeignKey(
        Document, on_delete=models.CASCADE, null=True, blank=True, related_name="operation_claims"
    )
    source_locator = models.CharField(max_length=200, blank=True, help_text='e.g. "section “Our teams”".')
    basis = models.CharField(max_length=300, blank=True, help_text="For a curator's decision: why.")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["operation", "field", "recorded_at", "id"]

    def __str__(self) -> str:
        return f"{self.operation}: {self.field} = {self.value!r} ({self.source_label()})"

    def source_label(self) -> str:
        if self.source_document_id is None:
            return f"the editors: {self.basis}" if self.basis else "the editors"
        source = str(self.source_document)
        return f"{source}, {self.source_locator}" if self.source_locator else source

    def counts(self) -> bool:
        """Evidence a public page may show: a curator's decision or a published source."""
        return self.source_document_id is None or self.source_document.status == PublicationStatus.PUBLISHED


class OperationAlias(models.Model):
    """A name a source uses for an operation ("the OSCE mission to Belgrade" for the Mission to
    Serbia). An alias given to several operations is ambiguous: never linked automatically."""

    operation = models.ForeignKey(FieldOperation, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)
    source_document = models.ForeignKey(
        Document, on_delete=models.CASCADE, null=True, blank=True, related_name="operation_aliases"
    )
    source_locator = models.CharField(max_length=200, blank=True)
    basis = models.CharField(max_length=300, blank=True, help_text="For a curator's alias: why.")

    class Meta:
        ordering = ["operation", "name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["operation", "name"], name="operation_alias_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.name} → {self.operation}"


class MentionRole(models.TextChoices):
    ISSUED = "issued", "issued by the operation"
    MENTIONS = "mentions", "mentions the operation"


class OperationMentionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(document__status=PublicationStatus.PUBLISHED)

    def linked(self):
        return self.filter(operation__isnull=False)

    def ambiguous(self):
        return self.filter(operation__isnull=True)


class OperationMention(models.Model):
    """A document (or one of its passages) that an operation issued or that names it.

    ``operation`` blank: the words could mean several operations (``candidates``); left for a
    curator, who links it by choosing one.
    """

    operation = models.ForeignKey(
        FieldOperation, on_delete=models.CASCADE, null=True, blank=True, related_name="mentions"
    )
    candidates = models.ManyToManyField(FieldOperation, blank=True, related_name="ambiguous_mentions")
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="operation_mentions")
    provision = models.ForeignKey(
        Provision, on_delete=models.CASCADE, null=True, blank=True, related_name="operation_mentions"
    )
    role = models.CharField(max_length=10, choices=MentionRole.choices, default=MentionRole.MENTIONS)
    words = models.CharField(max_length=200, help_text="The words that name the operation.")
    source_document = models.ForeignKey(
        Document,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="operation_mentions_stated",
        help_text="The source that states it, when not the document itself (the study's footnote 92).",
    )
    source_locator = models.CharField(max_length=200, blank=True)
    curated = models.BooleanField(
        default=False, help_text="Linked by a curator: a re-import keeps it as it is."
    )

    objects = OperationMentionQuerySet.as_manager()

    class Meta:
        ordering = ["document", "provision", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["operation", "document", "provision", "role", "words"],
                name="operation_mention_unique",
            ),
        ]

    def __str__(self) -> str:
        target = self.provision or self.document
        return f"{target} {self.get_role_display()}: {self.operation or self.words}"


class FieldOfWorkScope(models.Model):
    """Which tagged commitments concern a field of work: an operation working on it can invoke
    them. An editors' decision with its basis (``fixtures/curation/operations/``)."""

    field_of_work = models.OneToOneField(FieldOfWork, on_delete=models.CASCADE, related_name="scope")
    dimensions = models.ManyToManyField(Dimension, blank=True, related_name="+")
    categories = models.ManyToManyField(MigrationCategory, blank=True, related_name="+")
    basis = models.CharField(max_length=300)

    def __str__(self) -> str:
        return f"{self.field_of_work}: {self.basis}"
