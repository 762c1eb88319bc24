"""Quotations: the words one source quotes from another, kept as what they are.

A quotation is not a paragraph of the document it is attributed to: it is a passage of the
*quoting* source (the study's footnote 13, a web page's section), with the words exactly as
printed, the document the source attributes them to, and — when the knowledge base holds that
document's text — the provision they match. Its ``status`` says how far the attribution was
checked; a curator reads it and acts on it.

A quotation that matches no held provision is still findable: its words are carried by one
provision of ``origin=quotation`` (its ``passage``), of the attributed document, or of the
quoting source when the footnote names several documents and the text does not say which. A
matched quotation has no passage: its provision is the passage, shown as "quoted in …".
"""

from django.db import models
from django.urls import reverse
from django.utils.safestring import SafeString
from simple_history.models import HistoricalRecords

from documents.citations import house_citation
from documents.italics import as_html, italic, plain
from documents.models import Document, PublicationStatus


class QuotationStatus(models.TextChoices):
    MATCHED = "matched", "matched to a provision"
    NOT_FOUND = "not_found", "not found in the text of the attributed document"
    AMBIGUOUS = "ambiguous", "ambiguous: the footnote names several documents"
    TEXT_NOT_HELD = "text_not_held", "the attributed document's text is not held"
    UNATTRIBUTED = "unattributed", "unattributed: the footnote names no document we could read"


FLAGGED_STATUSES = (QuotationStatus.NOT_FOUND, QuotationStatus.AMBIGUOUS, QuotationStatus.UNATTRIBUTED)


class QuotationQuerySet(models.QuerySet):
    def published(self):
        return self.filter(quoting_document__status=PublicationStatus.PUBLISHED)

    def matched(self):
        return self.filter(status=QuotationStatus.MATCHED)

    def flagged(self):
        """Quotations a curator should look at: not found, or not attributed to one document."""
        return self.filter(status__in=FLAGGED_STATUSES)


class Quotation(models.Model):
    """``quoting_document`` quotes ``text`` at ``locator`` (``footnote 13``) and credits it to
    ``attributed_to`` (or to one of ``candidates``)."""

    quoting_document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="quotations_made")
    position = models.PositiveIntegerField(default=0, help_text="Order within the quoting source.")
    footnote = models.CharField(max_length=10, blank=True, help_text="The footnote that cites the source.")
    section = models.CharField(
        max_length=200, blank=True, help_text="Where in the quoting source: 4.1.2, or a web page's section."
    )
    text = models.TextField(help_text="The quoted words exactly as the quoting source prints them.")
    sentence = models.TextField(blank=True, help_text="The sentence of the quoting source that quotes them.")
    candidates = models.ManyToManyField(
        Document,
        blank=True,
        related_name="candidate_quotations",
        help_text="The documents the footnote names.",
    )
    attributed_to = models.ForeignKey(
        Document,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="attributed_quotations",
        help_text="The document the words are from; blank while ambiguous.",
    )
    status = models.CharField(max_length=20, choices=QuotationStatus.choices)
    matched_provision = models.ForeignKey(
        "commitments.Provision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="quotations",
        help_text="The provision of the attributed document's held text that holds these words.",
    )
    passage = models.OneToOneField(
        "commitments.Provision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="quotation",
        help_text="The provision that carries the words when no held provision does.",
    )
    note = models.CharField(
        max_length=500, blank=True, help_text="How the attribution was reached, or why it is in doubt."
    )
    attribution_basis = models.CharField(
        max_length=300,
        blank=True,
        help_text="A curator's one-line basis for the attribution; when set, a re-import keeps it.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = QuotationQuerySet.as_manager()

    class Meta:
        ordering = ["quoting_document", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["quoting_document", "footnote", "section", "text"], name="quotation_unique_in_source"
            ),
        ]

    def __str__(self) -> str:
        return f"“{_short(self.text)}” ({self.quoting_document}, {self.locator})"

    def get_absolute_url(self) -> str:
        """The public page where the words are read (the admin's "View on site"): the provision
        that carries them (its passage, or the held provision they match), else its source."""
        provision_id = self.passage_id or self.matched_provision_id
        if provision_id:
            return reverse("provision-detail", args=[provision_id])
        return self.quoting_document.get_absolute_url()

    @property
    def locator(self) -> str:
        """Where the quoting source quotes it: ``fn. 13``, ``section “Helsinki Final Act”``."""
        if self.footnote:
            return f"fn. {self.footnote}"
        return f"section “{self.section}”" if self.section else ""

    @property
    def is_flagged(self) -> bool:
        return self.status in FLAGGED_STATUSES

    def status_text(self) -> str:
        """The status as a curator or reader reads it: ``not found in the text of MC.DOC/2/05``."""
        if self.status == QuotationStatus.NOT_FOUND and self.attributed_to_id:
            return f"not found in the text of {self.attributed_to.symbol or self.attributed_to.title}"
        return self.get_status_display()

    # Citations come marked (``documents.italics``): the quoting study's title in italics. The
    # plain forms are for text to copy, exports and the API; pages show ``italics.as_html``.
    def marked_quoting_source(self) -> str:
        """The quoting source and where it quotes: ``F. Marciacq, …, Migration – …? (2016), fn. 50``."""
        where = f", {self.locator}" if self.locator else ""
        return f"{quoting_citation(self.quoting_document)}{where}"

    def quoting_source_html(self) -> SafeString:
        return as_html(self.marked_quoting_source())

    def marked_source_citation(self) -> str:
        """``as quoted in <the quoting source>, fn. 13``."""
        return f"as quoted in {self.marked_quoting_source()}"

    def marked_title(self) -> str:
        """How a hit or a link names the passage carrying these words: ``Helsinki Final Act, as
        quoted in …, fn. 13``; words not attributed to one document by the source that quotes
        them (``…, fn. 30, quoting one of the 3 documents its footnote names``), never as a
        passage "as quoted in" the very source it belongs to."""
        if self.attributed_to_id:
            return f"{self.attributed_to.symbol or self.attributed_to.title}, {self.marked_source_citation()}"
        where = f", {self.locator}" if self.locator else ""
        named = len(self.candidates.all())
        if named > 1:
            quoting = f"quoting one of the {named} documents its footnote names"
        elif named:
            quoting = "quoting the document its footnote names"
        else:
            quoting = "quoting a document it does not name"
        return f"{quoting_citation(self.quoting_document)}{where}, {quoting}"

    def marked_passage_locator(self) -> str:
        """Where the words stand, as cited after the document that carries their passage: ``as
        quoted in …, fn. 13`` after the document they are attributed to; after the quoting
        source itself, ``fn. 30, quoting one of: MC.DEC/2/05, Migration (2005); …``."""
        if self.attributed_to_id:
            return self.marked_source_citation()
        names = [short_citation(d) for d in self.candidates.all()]
        quoting = f"quoting one of: {'; '.join(names)}" if names else "quoting a document it does not name"
        return f"{self.locator}, {quoting}" if self.locator else quoting

    def marked_citation(self) -> str:
        """``Helsinki Final Act (1975), as quoted in F. Marciacq, …, Migration – …? (2016), fn. 13``
        (the study's title in italics).

        Words not attributed to one document are cited from the source that quotes them, with
        the documents its footnote names: ``F. Marciacq, … (2016), fn. 30, quoting one of …``."""
        if self.attributed_to_id:
            return f"{short_citation(self.attributed_to)}, {self.marked_source_citation()}"
        return f"{quoting_citation(self.quoting_document)}, {self.marked_passage_locator()}"

    def source_citation(self) -> str:
        return plain(self.marked_source_citation())

    def title(self) -> str:
        return plain(self.marked_title())

    def citation(self) -> str:
        return plain(self.marked_citation())


def _short(text: str) -> str:
    words = " ".join(text.split())
    return words if len(words) <= 60 else words[:60].rsplit(" ", 1)[0] + " …"


def short_citation(document: Document) -> str:
    """``MC.DEC/5/09, Migration Management (2009)``; ``Helsinki Final Act (1975)``."""
    name = ", ".join(part for part in (document.symbol, document.title) if part)
    return f"{name} ({document.date.year})" if document.date else name


def quoting_citation(document: Document) -> str:
    """A quoting source as a reader names it: a study by its authors, its title marked italic
    (``documents.italics``) and its year (``F. Marciacq, … and T. Flessenkemper, Migration – …?
    (2016)``), an OSCE page in the house form."""
    authors = getattr(document, "authors", "")
    if document.kind == "study" or authors:
        title = italic(document.title)
        year = f" ({document.date.year})" if document.date else ""
        return f"{authors}, {title}{year}" if authors else f"{title}{year}"
    return house_citation(document)
