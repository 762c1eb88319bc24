"""What the About page states about the published corpus: what is held in full and what only
through quotations, how its provisions were tagged, and what is known to be missing. Every
figure is counted from the database when the page is read, so the page cannot go stale.

Coverage is counted here from where each provision's text comes from (``Provision.origin``), and
the quotations in doubt from their records' status (``Quotation.status``): this module is the one
place the About and coverage pages read coverage from.
"""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q

from commitments.models import (
    CurationSource,
    Provision,
    ProvisionCuration,
    ProvisionOrigin,
    SuggestionStatus,
    TagDecision,
    TagOrigin,
    TagSuggestion,
    published_provision,
)
from commitments.quotations import Quotation, QuotationStatus
from documents.conflicts import conflicts_of
from documents.models import Document, MetadataClaim, PublicationStatus
from importing.models import ImportWarning
from importing.warnings import WarningKind


@dataclass(frozen=True)
class Coverage:
    in_full: list[Document]  # with ``provision_total``: their text is held
    through_quotations: list[Document]  # with ``quotation_total``: known only from quotations
    catalogue_only: list[Document]  # named by a source, no text held
    full_text_passages: int  # paragraphs of held full texts (and passages entered by hand)
    quotations: int  # the quoted passages of the documents known only through quotations
    # Quoted passages kept with a document whose text is held: words credited to no one
    # document (kept with the source that quotes them) or not found in the text they are
    # credited to; and how many held documents carry such passages.
    quoted_with_held: int = 0
    held_with_quoted: int = 0
    quotation_records: int = 0  # every quotation of a published source, once
    quotations_matched: int = 0  # of which matched to a held paragraph: counted with it


@dataclass(frozen=True)
class Tagging:
    provisions: int
    with_category: int
    with_dimension: int
    untagged: int
    suggestions_accepted: int
    suggestions_rejected: int
    suggestions_pending: int
    tags_curated: int = 0  # tags the editors gave, each with its basis
    tags_accepted: int = 0  # tags suggested by the classifier and accepted by an editor
    decided_in_files: int = 0  # provisions whose last decision is in fixtures/curation


@dataclass(frozen=True)
class Gaps:
    undated: list[Document]
    without_place: int
    conflicts: list[tuple[Document, list[str]]]  # documents with undecided disagreements, field labels


@dataclass(frozen=True)
class QuotationsInDoubt:
    """The quotations of published sources that are credited to no one document."""

    unattributed: list[Quotation]  # the footnote names no document the importer could read
    ambiguous: list[Quotation]  # the footnote names several; ``published_candidates`` lists them
    not_found: list[Quotation]  # the held text of ``published_attribution`` lacks the words

    @property
    def total(self) -> int:
        return len(self.unattributed) + len(self.ambiguous) + len(self.not_found)


@dataclass(frozen=True)
class ImporterWarnings:
    """What the imports of the published sources could not do: nothing is dropped silently."""

    total: int
    by_kind: list[tuple[str, int]]  # (kind as a reader reads it, warnings), most frequent first


def coverage() -> Coverage:
    shown = published_provision("provisions__")
    documents = Document.objects.published().annotate(
        provision_total=Count("provisions", filter=shown & Q(provisions__origin=ProvisionOrigin.FULL_TEXT)),
        quotation_total=Count("provisions", filter=shown & Q(provisions__origin=ProvisionOrigin.QUOTATION)),
        other_total=Count("provisions", filter=shown & Q(provisions__origin=ProvisionOrigin.MANUAL)),
    )
    documents = list(documents.order_by("date", "symbol", "pk"))
    held = [d for d in documents if d.provision_total or d.other_total]
    held_ids = {d.pk for d in held}
    through_quotations = [d for d in documents if d.quotation_total and d.pk not in held_ids]
    quotations = Quotation.objects.published()
    return Coverage(
        in_full=held,
        through_quotations=through_quotations,
        catalogue_only=[d for d in documents if not d.quotation_total and d.pk not in held_ids],
        full_text_passages=sum(d.provision_total + d.other_total for d in documents),
        quotations=sum(d.quotation_total for d in through_quotations),
        quoted_with_held=sum(d.quotation_total for d in held),
        held_with_quoted=sum(1 for d in held if d.quotation_total),
        quotation_records=quotations.count(),
        quotations_matched=quotations.filter(status=QuotationStatus.MATCHED).count(),
    )


def tagging() -> Tagging:
    provisions = Provision.objects.published()
    has_category = Exists(Provision.categories.through.objects.filter(provision=OuterRef("pk")))
    has_dimension = Exists(Provision.dimensions.through.objects.filter(provision=OuterRef("pk")))
    counts = provisions.annotate(c=has_category, d=has_dimension).aggregate(
        total=Count("pk"),
        with_category=Count("pk", filter=Q(c=True)),
        with_dimension=Count("pk", filter=Q(d=True)),
        untagged=Count("pk", filter=Q(c=False, d=False)),
    )
    suggestions = dict(
        TagSuggestion.objects.filter(provision__in=provisions)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    origins = dict(
        TagDecision.objects.filter(provision__in=provisions)
        .values_list("origin")
        .annotate(n=Count("pk"))
        .values_list("origin", "n")
    )
    return Tagging(
        tags_curated=origins.get(TagOrigin.CURATED, 0),
        tags_accepted=origins.get(TagOrigin.ACCEPTED, 0),
        decided_in_files=ProvisionCuration.objects.filter(
            provision__in=provisions, source=CurationSource.FILE
        ).count(),
        provisions=counts["total"],
        with_category=counts["with_category"],
        with_dimension=counts["with_dimension"],
        untagged=counts["untagged"],
        suggestions_accepted=suggestions.get(SuggestionStatus.ACCEPTED, 0),
        suggestions_rejected=suggestions.get(SuggestionStatus.REJECTED, 0),
        suggestions_pending=suggestions.get(SuggestionStatus.PENDING, 0),
    )


def gaps() -> Gaps:
    published = Document.objects.published()
    with_claims = published.filter(claims__isnull=False).distinct()
    claims = MetadataClaim.objects.select_related("source_document")
    with_claims = with_claims.prefetch_related(Prefetch("claims", queryset=claims), "field_decisions")
    conflicts = []
    for document in with_claims.order_by("date", "symbol", "pk"):
        open_fields = [conflict.label for conflict in conflicts_of(document)]
        if open_fields:
            conflicts.append((document, open_fields))
    return Gaps(
        undated=list(published.filter(date__isnull=True).order_by("title")),
        without_place=published.filter(place="").count(),
        conflicts=conflicts,
    )


def quotations_in_doubt() -> QuotationsInDoubt:
    """The flagged quotations of published sources, read from their status (not from the
    importers' warnings, which predate the matching), in the order of their source. Only
    published documents are named: a candidate or an attributed document still in draft is not."""
    published = Document.objects.published()
    quotations = (
        Quotation.objects.published()
        .flagged()
        .select_related("quoting_document", "attributed_to", "passage")
        .prefetch_related(
            Prefetch(
                "candidates",
                queryset=published.order_by("date", "symbol", "pk"),
                to_attr="published_candidates",
            )
        )
        .order_by("quoting_document__date", "quoting_document__pk", "position", "pk")
    )
    by_status: dict[str, list[Quotation]] = {status: [] for status in QuotationStatus.values}
    for quotation in quotations:
        credited = quotation.attributed_to
        quotation.published_attribution = (
            credited if credited and credited.status == PublicationStatus.PUBLISHED else None
        )
        by_status[quotation.status].append(quotation)
    return QuotationsInDoubt(
        unattributed=by_status[QuotationStatus.UNATTRIBUTED],
        ambiguous=by_status[QuotationStatus.AMBIGUOUS],
        not_found=by_status[QuotationStatus.NOT_FOUND],
    )


def importer_warnings() -> ImporterWarnings:
    """The stored warnings of published sources, by kind."""
    warnings = ImportWarning.objects.published()
    counts = warnings.values_list("kind").annotate(n=Count("pk")).order_by("-n", "kind")
    return ImporterWarnings(
        total=warnings.count(),
        by_kind=[(WarningKind(kind).label, n) for kind, n in counts.values_list("kind", "n")],
    )
