"""Provisions of OSCE documents, the taxonomy they are tagged with, and their lineage."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.safestring import SafeString
from simple_history.models import HistoricalRecords

from documents.citations import locator
from documents.italics import as_html, plain
from documents.models import Document, PublicationStatus


class Dimension(models.Model):
    """One of the OSCE's three dimensions of security."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(default=0)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("dimension-detail", args=[self.slug])


class MigrationCategory(models.Model):
    """One of the five migration categories of the 2016 study (its section 4.1)."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(default=0)
    study_section = models.CharField(max_length=10, blank=True, help_text="e.g. 4.1.1")
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["position"]
        verbose_name_plural = "migration categories"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("category-detail", args=[self.slug])


def published_provision(prefix: str = "") -> models.Q:
    """The published rule for provisions, the one place it is written: a provision is public
    when its document is published and, for a passage known from a quotation, so is the source
    that quotes it (a withdrawn or draft source shows nothing, not even through the documents it
    quotes). ``prefix`` is the path to the provision in a filter from another model
    (``"provisions__"``)."""
    published = PublicationStatus.PUBLISHED
    return models.Q(**{f"{prefix}document__status": published}) & (
        models.Q(**{f"{prefix}quoted_in__isnull": True})
        | models.Q(**{f"{prefix}quoted_in__status": published})
    )


class ProvisionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_provision())

    def commitments(self):
        return self.filter(is_commitment=True)

    def in_category(self, slug: str):
        return self.filter(categories__slug=slug)

    def in_dimension(self, slug: str):
        return self.filter(dimensions__slug=slug)

    def untagged(self):
        return self.filter(categories__isnull=True, dimensions__isnull=True)

    def with_related(self):
        return self.select_related(
            "document", "quotation__quoting_document", "quotation__attributed_to"
        ).prefetch_related("dimensions", "categories")


class ProvisionOrigin(models.TextChoices):
    FULL_TEXT = "full_text", "The document's full text"
    QUOTATION = "quotation", "Quoted in another source"
    MANUAL = "manual", "Entered by hand"


class Provision(models.Model):
    """One numbered paragraph of a document, in the document's order.

    Not every provision is a commitment: preambles, headings turned paragraphs, and the
    descriptive text of reports and web pages are provisions too, kept so that a document
    reads whole and can be cited. ``is_commitment`` marks the ones in which participating
    States undertake something ("will", "commit themselves", "reaffirm"), which is what
    researchers filter for; ``is_preamble`` the preambular paragraphs at the head of a decision
    ("Recalling …"), which are never commitments (``commitments.operative`` is the rule).
    """

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="provisions")
    position = models.PositiveIntegerField(default=0, help_text="Order within the document.")
    label = models.CharField(max_length=60, help_text="As a citation writes it: 4.5, Annex C.2(v).")
    heading = models.CharField(
        max_length=500, blank=True, help_text="Heading path, e.g. Chapter II: Main objectives."
    )
    text = models.TextField()
    is_commitment = models.BooleanField(default=True)
    is_preamble = models.BooleanField(
        default=False,
        verbose_name="preambular",
        help_text="A preambular paragraph (“Recalling …”, “Recognizing …”) at the head of a decision.",
    )
    origin = models.CharField(
        max_length=20, choices=ProvisionOrigin.choices, default=ProvisionOrigin.FULL_TEXT
    )
    # A passage known only from a quotation goes with the source that quotes it: kept without
    # it, it would be public text that no source vouches for.
    quoted_in = models.ForeignKey(
        Document,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="quoted_provisions",
        help_text="For a quotation: the source that quotes it.",
    )
    quoted_locator = models.CharField(max_length=200, blank=True, help_text='e.g. "footnote 12"')
    dimensions = models.ManyToManyField(Dimension, blank=True, related_name="provisions")
    categories = models.ManyToManyField(MigrationCategory, blank=True, related_name="provisions")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(m2m_fields=[dimensions, categories])
    objects = ProvisionQuerySet.as_manager()

    class Meta:
        ordering = ["document", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "label"],
                name="provision_label_unique_in_document",
                violation_error_message="This document already has a provision with this label.",
            ),
        ]
        indexes = [models.Index(fields=["document", "position"])]

    def __str__(self) -> str:
        return plain(self.marked_name())

    def get_absolute_url(self) -> str:
        return reverse("provision-detail", args=[self.pk])

    def clean(self):
        if not self.label.strip():
            raise ValidationError({"label": "A provision needs a label."})
        if not self.text.strip():
            raise ValidationError({"text": "A provision needs text."})

    @property
    def anchor(self) -> str:
        """HTML id of the provision in its document page: ``p-4.5``, ``p-annex-c.2-v``."""
        slug = re.sub(r"[^a-z0-9.]+", "-", self.label.lower()).strip("-")
        return f"p-{slug}"

    @property
    def parent_label(self) -> str:
        """The label of the paragraph this one is a sub-paragraph of, whose opening words (the
        chapeau) it continues: ``4`` for ``4.3``, ``Annex C.1`` for ``Annex C.1(i)``; ``""`` for
        a paragraph of the first level."""
        return parent_label(self.label)

    @property
    def passage_of(self):
        """The quotation whose words this provision carries (``commitments.quotations``), or None."""
        if self.origin != ProvisionOrigin.QUOTATION:
            return None
        try:
            return self.quotation
        except models.ObjectDoesNotExist:
            return None

    def marked_name(self) -> str:
        """How a hit or a link names the provision (``MC.DOC/2/05, para. 4.5``), a quoting study's
        title marked italic (``documents.italics``); ``name_html`` is the form pages show."""
        quotation = self.passage_of
        if quotation is not None:
            return quotation.marked_title()
        return f"{self.document.symbol or self.document.title}, {self.marked_citation_locator()}"

    def name_html(self) -> SafeString:
        return as_html(self.marked_name())

    # The citations come in three forms: plain (to copy, export, serve from the API, put in an
    # attribute), marked (``documents.italics``: a quoting study's title in italics) and HTML
    # (what a page shows, the title in ``<i>``).
    def marked_citation_locator(self) -> str:
        """``para. 4.5``; annexes and other lettered parts by their own numbering; a passage
        known only from a quotation by where it is quoted (``as quoted in …, fn. 13``)."""
        quotation = self.passage_of
        if quotation is not None:
            return quotation.marked_passage_locator()
        return locator(self.label)

    def marked_citation(self) -> str:
        """``OSCE, MC.DOC/2/05, Border Security … (Ljubljana, 6 December 2005), para. 4.5``; a
        passage known only from a quotation as ``Helsinki Final Act (1975), as quoted in …``."""
        quotation = self.passage_of
        if quotation is not None:
            return quotation.marked_citation()
        return f"{self.document.citation()}, {self.marked_citation_locator()}"

    def citation_locator(self) -> str:
        return plain(self.marked_citation_locator())

    def citation(self) -> str:
        return plain(self.marked_citation())

    def citation_locator_html(self) -> SafeString:
        return as_html(self.marked_citation_locator())

    def citation_html(self) -> SafeString:
        return as_html(self.marked_citation())


_SUB_ITEM = re.compile(r"^(?P<parent>.+?)\s*\((?:[ivxlc]+|[a-z])\)$")
_SUB_PARAGRAPH = re.compile(r"^(?P<parent>.*\w)\.\w+$")


def parent_label(label: str) -> str:
    """``4`` for ``4.3``, ``4.3`` for ``4.3.1``, ``Annex C.1`` for ``Annex C.1(i)``."""
    for pattern in (_SUB_ITEM, _SUB_PARAGRAPH):
        match = pattern.match(label.strip())
        if match:
            return match["parent"]
    return ""


class RelationKind(models.TextChoices):
    """The verb that links two documents, as the linking text says it."""

    CITES = "cites", "cites"
    REAFFIRMS = "reaffirms", "reaffirms"
    RECALLS = "recalls", "recalls"
    BUILDS_ON = "builds_on", "builds on"
    ANNEXES = "annexes", "annexes"
    SUPERSEDES = "supersedes", "supersedes"


# The kinds a lineage follows: a later text taking up an earlier one's commitments.
LINEAGE_KINDS = (
    RelationKind.REAFFIRMS,
    RelationKind.RECALLS,
    RelationKind.BUILDS_ON,
    RelationKind.SUPERSEDES,
)


class RelationOrigin(models.TextChoices):
    CITATION = "citation", "a citation in the source's footnotes"
    TEXT = "text", "read from the source's text"
    CURATOR = "curator", "recorded by the editors"


class RelationQuerySet(models.QuerySet):
    def published(self):
        """Links whose two ends are both published documents, and whose third document, when
        one states the link, is published too."""
        return self.filter(
            models.Q(stated_in__isnull=True) | models.Q(stated_in__status=PublicationStatus.PUBLISHED),
            source_document__status=PublicationStatus.PUBLISHED,
            target_document__status=PublicationStatus.PUBLISHED,
        )


class Relation(models.Model):
    """A link from one document (or one of its provisions) to another.

    The lineage a researcher follows, e.g. Athens 2009 reaffirms Helsinki 1975 on migrant
    workers, is a chain of these.
    """

    kind = models.CharField(max_length=20, choices=RelationKind.choices)
    source_document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="outgoing_relations")
    source_provision = models.ForeignKey(
        Provision, on_delete=models.CASCADE, null=True, blank=True, related_name="outgoing_relations"
    )
    target_document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="incoming_relations")
    target_provision = models.ForeignKey(
        Provision, on_delete=models.CASCADE, null=True, blank=True, related_name="incoming_relations"
    )
    evidence = models.CharField(
        max_length=300, blank=True, help_text='Where the link is stated, e.g. "footnote 9".'
    )
    target_locator = models.CharField(
        max_length=200, blank=True, help_text='The part of the target named, e.g. "paragraph 35".'
    )
    stated_in = models.ForeignKey(
        Document,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="relations_stated",
        help_text="The document that states the link when neither end does; blank when the source does.",
    )
    origin = models.CharField(max_length=10, choices=RelationOrigin.choices, default=RelationOrigin.CITATION)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()
    objects = RelationQuerySet.as_manager()

    class Meta:
        ordering = ["source_document", "kind", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "source_document", "source_provision", "target_document", "target_provision"],
                name="relation_unique",
            ),
        ]

    def __str__(self) -> str:
        source = self.source_provision or self.source_document
        target = self.target_provision or self.target_document
        return f"{source} {self.get_kind_display()} {target}"

    def clean(self):
        if self.source_provision_id and self.source_provision.document_id != self.source_document_id:
            raise ValidationError({"source_provision": "The provision must belong to the source document."})
        if self.target_provision_id and self.target_provision.document_id != self.target_document_id:
            raise ValidationError({"target_provision": "The provision must belong to the target document."})
        if self.source_document_id == self.target_document_id and not (
            self.source_provision_id and self.target_provision_id
        ):
            raise ValidationError("A document cannot relate to itself.")


class SuggestionStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"


class TagSuggestionQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=SuggestionStatus.PENDING)


class TagSuggestion(models.Model):
    """A dimension or migration category the classifier proposes for a provision.

    Kept after the curator's decision, so a rejected tag is not proposed again and the
    classifier's record can be read back. Exactly one of ``dimension`` and ``category`` is set.
    """

    provision = models.ForeignKey(Provision, on_delete=models.CASCADE, related_name="tag_suggestions")
    dimension = models.ForeignKey(
        Dimension, on_delete=models.CASCADE, null=True, blank=True, related_name="suggestions"
    )
    category = models.ForeignKey(
        MigrationCategory, on_delete=models.CASCADE, null=True, blank=True, related_name="suggestions"
    )
    confidence = models.FloatField(help_text="From 0 to 1: how strongly the rules point to this tag.")
    triggers = models.JSONField(default=list, blank=True, help_text="The words of the text that fired.")
    status = models.CharField(
        max_length=10, choices=SuggestionStatus.choices, default=SuggestionStatus.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = TagSuggestionQuerySet.as_manager()

    class Meta:
        ordering = ["provision", "-confidence", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(dimension__isnull=True, category__isnull=False)
                | models.Q(dimension__isnull=False, category__isnull=True),
                name="suggestion_names_one_tag",
            ),
            models.UniqueConstraint(
                fields=["provision", "dimension"],
                condition=models.Q(dimension__isnull=False),
                name="one_suggestion_per_provision_dimension",
            ),
            models.UniqueConstraint(
                fields=["provision", "category"],
                condition=models.Q(category__isnull=False),
                name="one_suggestion_per_provision_category",
            ),
        ]
        indexes = [models.Index(fields=["status", "-confidence"])]

    def __str__(self) -> str:
        return f"{self.provision}: {self.tag} ({self.confidence:.2f})"

    @property
    def tag(self) -> Dimension | MigrationCategory:
        return self.dimension if self.dimension_id else self.category

    def trigger_words(self) -> str:
        return ", ".join(self.triggers)


class TagOrigin(models.TextChoices):
    CURATED = "curated", "tagged by the editors"
    ACCEPTED = "accepted", "suggested automatically, accepted by the editors"


class TagDecision(models.Model):
    """Why a provision carries one of its tags: who decided it, when, and on what basis.

    One row for every dimension or category in ``Provision.dimensions`` / ``categories`` that
    an editor decided, from the curation files under ``fixtures/curation`` or in the admin
    (directly, or by accepting a suggestion). The classifier's pending suggestions are
    ``TagSuggestion`` rows and never tags of their own.
    """

    provision = models.ForeignKey(Provision, on_delete=models.CASCADE, related_name="tag_decisions")
    dimension = models.ForeignKey(
        Dimension, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    category = models.ForeignKey(
        MigrationCategory, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    origin = models.CharField(max_length=10, choices=TagOrigin.choices, default=TagOrigin.CURATED)
    curator = models.CharField(max_length=150, help_text="Who decided: a user name, or the file's curator.")
    decided_at = models.DateTimeField()
    basis = models.CharField(max_length=300, help_text="One line: why this provision carries this tag.")
    suggestion = models.ForeignKey(
        TagSuggestion, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["provision", "category", "dimension"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(dimension__isnull=True, category__isnull=False)
                | models.Q(dimension__isnull=False, category__isnull=True),
                name="tag_decision_names_one_tag",
            ),
            models.UniqueConstraint(
                fields=["provision", "dimension"],
                condition=models.Q(dimension__isnull=False),
                name="one_decision_per_provision_dimension",
            ),
            models.UniqueConstraint(
                fields=["provision", "category"],
                condition=models.Q(category__isnull=False),
                name="one_decision_per_provision_category",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.provision}: {self.tag} ({self.get_origin_display()})"

    @property
    def tag(self) -> Dimension | MigrationCategory:
        return self.dimension if self.dimension_id else self.category


class CurationSource(models.TextChoices):
    FILE = "file", "the curation files (fixtures/curation)"
    ADMIN = "admin", "the admin"


class ProvisionCuration(models.Model):
    """The editors' last decision on a provision as a whole: its tags and whether it commits.

    ``source`` tells where it was made. ``load_corpus`` applies a curation file's entry to a
    provision whose last decision came from a file (or that has none); a decision made in the
    admin stands until ``write_curation`` has written it to the files, so a restart never undoes it.
    """

    provision = models.OneToOneField(Provision, on_delete=models.CASCADE, related_name="curation")
    curator = models.CharField(max_length=150)
    decided_at = models.DateTimeField()
    basis = models.CharField(
        max_length=300, blank=True, help_text="One line: why it is (or is not) a commitment."
    )
    source = models.CharField(max_length=10, choices=CurationSource.choices, default=CurationSource.FILE)

    def __str__(self) -> str:
        return f"{self.provision}: {self.curator}, {self.decided_at:%Y-%m-%d}"


# Defined beside the provisions they match; imported here so that Django finds the model.
from commitments.quotations import Quotation, QuotationStatus  # noqa: E402, F401
