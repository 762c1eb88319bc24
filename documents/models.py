"""OSCE documents, their attachments, and the provenance of every metadata value."""

import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from simple_history.models import HistoricalRecords

from documents.citations import house_citation
from documents.dates import DatePrecision, PartialDate, display_date
from documents.symbols import normalize_symbol, symbol_slug


class DocumentKind(models.TextChoices):
    FINAL_ACT = "final_act", "Final act"
    CONCLUDING_DOCUMENT = "concluding_document", "Concluding document"
    CHARTER = "charter", "Charter"
    SUMMIT_DECLARATION = "summit_declaration", "Summit declaration or document"
    MEETING_DOCUMENT = "meeting_document", "Conference or meeting document"
    MINISTERIAL_DECLARATION = "ministerial_declaration", "Ministerial declaration or statement"
    MC_DECISION = "mc_decision", "Ministerial Council decision"
    MC_DOCUMENT = "mc_document", "Ministerial Council document"
    PC_DECISION = "pc_decision", "Permanent Council decision"
    COMPILATION = "compilation", "Compilation of commitments"
    REPORT = "report", "Report"
    STUDY = "study", "Study"
    PRESS_RELEASE = "press_release", "Press release"
    WEB_PAGE = "web_page", "Web page"
    OTHER = "other", "Other"


class IssuingBody(models.TextChoices):
    SUMMIT = "summit", "Summit"
    FOLLOW_UP_MEETING = "follow_up_meeting", "CSCE follow-up meeting"
    HUMAN_DIMENSION_CONFERENCE = "human_dimension_conference", "Conference on the Human Dimension"
    MINISTERIAL_COUNCIL = "ministerial_council", "Ministerial Council"
    PERMANENT_COUNCIL = "permanent_council", "Permanent Council"
    ECONOMIC_ENVIRONMENTAL_FORUM = "economic_environmental_forum", "Economic and Environmental Forum"
    SECRETARIAT = "secretariat", "Secretariat"
    FIELD_OPERATION = "field_operation", "Field operation"
    PARLIAMENTARY_ASSEMBLY = "parliamentary_assembly", "Parliamentary Assembly"
    ODIHR = "odihr", "ODIHR"
    HCNM = "hcnm", "High Commissioner on National Minorities"
    EXTERNAL = "external", "Outside the OSCE"
    OTHER = "other", "Other"


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


def source_upload_path(instance: "Document", filename: str) -> str:
    """Stored source files get generated names; the original name is kept on the model."""
    suffix = Path(filename).suffix.lower()[:10]
    if not suffix[1:].isalnum():
        suffix = ""
    return f"sources/{uuid.uuid4().hex}{suffix}"


class FieldOfWork(models.Model):
    """A topic the OSCE files its pages under ("Migration", "Rule of law")."""

    slug = models.SlugField(max_length=100, unique=True)
    name = models.CharField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "fields of work"

    def __str__(self) -> str:
        return self.name


class DocumentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=PublicationStatus.PUBLISHED)

    def by_symbol(self, symbol: str):
        return self.filter(symbol=normalize_symbol(symbol))


class Document(models.Model):
    symbol = models.CharField(
        max_length=80,
        blank=True,
        help_text="OSCE symbol, e.g. MC.DEC/5/09; stored in canonical form. Blank when it has none.",
    )
    slug = models.SlugField(max_length=120, unique=True, blank=True, help_text="Permanent URL name.")
    title = models.CharField(max_length=500)
    authors = models.CharField(
        max_length=300,
        blank=True,
        help_text="Personal authors as a citation names them (a study's); blank for an institution's text.",
    )
    kind = models.CharField(max_length=40, choices=DocumentKind.choices, default=DocumentKind.OTHER)
    body = models.CharField(
        "issuing body", max_length=40, choices=IssuingBody.choices, default=IssuingBody.OTHER
    )
    place = models.CharField(max_length=120, blank=True)
    date = models.DateField(null=True, blank=True, help_text="First day of the period when imprecise.")
    date_precision = models.CharField(max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY)
    language = models.CharField(max_length=10, default="en")
    summary = models.TextField(blank=True)
    full_text = models.TextField(blank=True)
    source_file = models.FileField(upload_to=source_upload_path, blank=True, max_length=255)
    source_filename = models.CharField(max_length=255, blank=True, help_text="Name of the uploaded file.")
    source_sha256 = models.CharField(max_length=64, blank=True)
    source_url = models.URLField(max_length=500, blank=True)
    fields_of_work = models.ManyToManyField(FieldOfWork, blank=True, related_name="documents")
    status = models.CharField(
        max_length=10, choices=PublicationStatus.choices, default=PublicationStatus.PUBLISHED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["date", "symbol", "title"]
        constraints = [
            models.UniqueConstraint(
                Upper("symbol"),
                condition=~models.Q(symbol=""),
                name="document_symbol_unique_ci",
                violation_error_message="A document with this symbol already exists.",
            ),
        ]
        indexes = [models.Index(fields=["status", "date"])]

    def __str__(self) -> str:
        return f"{self.symbol} {self.title}" if self.symbol else self.title

    def save(self, *args, **kwargs):
        self.symbol = normalize_symbol(self.symbol)
        if not self.slug:
            self.slug = self._unique_slug()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("document-detail", args=[self.slug])

    def _unique_slug(self) -> str:
        if self.symbol:
            base = symbol_slug(self.symbol)
        else:
            base = slugify(self.title)[:100] or "document"
            if self.date:
                base = f"{base}-{self.date.year}"
        slug, n = base, 2
        while Document.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug

    def clean(self):
        self.symbol = normalize_symbol(self.symbol)
        if self.date is None and self.date_precision != DatePrecision.DAY:
            raise ValidationError({"date": "A date precision needs a date."})

    @property
    def year(self) -> int | None:
        return self.date.year if self.date else None

    @property
    def partial_date(self) -> PartialDate | None:
        return PartialDate(self.date, self.date_precision) if self.date else None

    def display_date(self) -> str:
        return display_date(self.date, self.date_precision)

    def citation(self) -> str:
        """``OSCE, MC.DOC/2/05, Border Security and Management Concept (Ljubljana, 6 December 2005)``;
        CSCE documents (before 1995) as ``CSCE, …`` (``documents.citations``)."""
        return house_citation(self)

    def conflicting_fields(self) -> list[str]:
        """Metadata fields whose sources disagree and that no curator has decided yet
        (``documents.conflicts`` decides what disagreement is)."""
        from documents.conflicts import conflicts_of  # it reads these models

        return [conflict.field for conflict in conflicts_of(self)]


class DocumentAttachment(models.Model):
    """Text that travels with a document but is not one of its provisions.

    E.g. an interpretative statement by a participating State attached to a decision.
    """

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="attachments")
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(max_length=300)
    text = models.TextField()

    class Meta:
        ordering = ["document", "position", "id"]

    def __str__(self) -> str:
        return self.title


class ClaimField(models.TextChoices):
    SYMBOL = "symbol", "Symbol"
    TITLE = "title", "Title"
    KIND = "kind", "Kind"
    BODY = "body", "Issuing body"
    PLACE = "place", "Place"
    DATE = "date", "Date"
    SUMMARY = "summary", "Summary"
    SOURCE_URL = "source_url", "Source URL"
    FIELDS_OF_WORK = "fields_of_work", "Fields of work"
    AUTHORS = "authors", "Authors"


class MetadataClaim(models.Model):
    """One source's statement of one metadata value of a document.

    Sources disagree (a study may date a decision 2 December 2009 where the OSCE says
    4 December); every statement is kept with its source so disagreements can be shown and
    decided, never silently overwritten. Dates are stored as truncated ISO (``1975``,
    ``1995-12``, ``2009-12-04``).
    """

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="claims")
    field = models.CharField(max_length=20, choices=ClaimField.choices)
    value = models.TextField()
    source_document = models.ForeignKey(
        Document,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="claims_made",
        help_text="The document whose text states the value; blank for the document's own text.",
    )
    source_locator = models.CharField(
        max_length=200, blank=True, help_text='Where in the source, e.g. "footnote 9".'
    )
    read_by_editors = models.BooleanField(
        default=False,
        help_text="Read from the source's words by the editors (the catalogue), not by its importer.",
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["document", "field", "recorded_at", "id"]

    def __str__(self) -> str:
        return f"{self.document}: {self.field} = {self.value!r} ({self.source_label()})"

    def source_label(self) -> str:
        source = str(self.source_document) if self.source_document_id else "the document itself"
        return f"{source}, {self.source_locator}" if self.source_locator else source


class FieldDecision(models.Model):
    """A curator's decision on a metadata field whose sources disagree."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="field_decisions")
    field = models.CharField(max_length=20, choices=ClaimField.choices)
    value = models.TextField()
    note = models.TextField(blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    decided_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["document", "field"], name="one_decision_per_field")]

    def __str__(self) -> str:
        return f"{self.document}: {self.field} decided as {self.value!r}"


class DocumentAlias(models.Model):
    """A name a document was known by before a curator merged it into this one: its slug (whose
    URLs redirect here, so that permalinks never die), its symbol and its source file (by which a
    re-import of the merged document's source finds this one), with the curator's basis."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="aliases")
    slug = models.SlugField(max_length=120, unique=True)
    symbol = models.CharField(max_length=80, blank=True)
    title = models.CharField(max_length=500, blank=True)
    source_sha256 = models.CharField(max_length=64, blank=True)
    basis = models.CharField(max_length=300, help_text="The curator's one-line basis for the merge.")
    curator = models.CharField(
        max_length=150, blank=True, help_text="Who merged, as the curation files name them."
    )
    merged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    merged_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["document", "slug"]
        verbose_name_plural = "document aliases"

    def __str__(self) -> str:
        return f"{self.slug} → {self.document.slug}"
