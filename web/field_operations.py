"""Read paths of the field operation pages, the API and the search page: what an operation is,
what the published documents and passages say about it, and the commitments it can invoke."""

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from commitments.models import Dimension, Provision
from documents.dates import partial_date_from_iso
from documents.models import FieldOfWork, PublicationStatus
from field_operations.claims import OperationConflict, conflicts_of
from field_operations.models import (
    FieldOfWorkScope,
    FieldOperation,
    MentionRole,
    OperationClaim,
    OperationField,
    OperationMention,
)

_PUBLISHED = PublicationStatus.PUBLISHED
# The most commitments an operation page lists under one dimension; the rest are a search away.
COMMITMENTS_PER_GROUP = 100


@dataclass
class PassageGroup:
    """The passages of one document that name the operation."""

    document: object
    provisions: list[Provision] = field(default_factory=list)


@dataclass
class CommitmentGroup:
    """Commitments of one dimension (or of none) relevant to the operation, newest first."""

    title: str
    provisions: list[Provision]
    total: int


@dataclass
class OperationFacts:
    """Each value of the operation with the sources that state it."""

    rows: list[tuple[str, str, list[str]]]  # (field label, value as read, sources)


@dataclass
class OperationPage:
    operation: FieldOperation
    facts: OperationFacts
    conflicts: list[OperationConflict]
    aliases: list[str]
    issued: list[object]  # documents the operation issued
    passages: list[PassageGroup]
    commitments: list[CommitmentGroup]
    scopes: list[FieldOfWorkScope]


def operations_for_list(*, country: str = "", field_of_work: str = "") -> QuerySet[FieldOperation]:
    operations = FieldOperation.objects.prefetch_related("fields_of_work").annotate(
        passage_total=Count(
            "mentions",
            filter=Q(mentions__document__status=_PUBLISHED, mentions__role=MentionRole.MENTIONS),
            distinct=True,
        )
    )
    if country:
        operations = operations.in_country(country)
    if field_of_work:
        operations = operations.working_on(field_of_work)
    return operations.order_by("name")


def country_choices() -> list[str]:
    return sorted(set(FieldOperation.objects.exclude(host_country="").values_list("host_country", flat=True)))


def field_of_work_choices() -> list[FieldOfWork]:
    return list(FieldOfWork.objects.filter(field_operations__isnull=False).distinct().order_by("name"))


def operation_page(*, operation: FieldOperation) -> OperationPage:
    mentions = OperationMention.objects.published().filter(operation=operation)
    issued = [
        m.document
        for m in mentions.filter(role=MentionRole.ISSUED)
        .select_related("document")
        .order_by("document__date")
    ]
    return OperationPage(
        operation=operation,
        facts=_facts(operation),
        conflicts=conflicts_of(operation),
        aliases=list(operation.aliases.values_list("name", flat=True)),
        issued=issued,
        passages=passages_about(operation),
        commitments=relevant_commitments(operation),
        scopes=list(
            FieldOfWorkScope.objects.filter(field_of_work__in=operation.fields_of_work.all())
            .select_related("field_of_work")
            .prefetch_related("dimensions", "categories")
        ),
    )


def passages_about(
    operation: FieldOperation, *, provision_ids: list[int] | None = None
) -> list[PassageGroup]:
    """The published passages naming the operation, by document (newest document first), in
    each document's order; only those of ``provision_ids`` when given (a search's hits)."""
    mentions = OperationMention.objects.published().filter(
        operation=operation, role=MentionRole.MENTIONS, provision__isnull=False
    )
    if provision_ids is not None:
        mentions = mentions.filter(provision_id__in=provision_ids)
    provisions = (
        Provision.objects.published()
        .filter(pk__in=mentions.values("provision"))
        .select_related("document")
        .order_by("-document__date", "document__pk", "position", "pk")
    )
    groups: dict[int, PassageGroup] = {}
    for provision in provisions:
        groups.setdefault(provision.document_id, PassageGroup(provision.document)).provisions.append(
            provision
        )
    return list(groups.values())


def relevant_commitments(operation: FieldOperation) -> list[CommitmentGroup]:
    """The published commitments tagged with a dimension or category of the operation's fields
    of work, by dimension (then those with none), newest first."""
    scopes = FieldOfWorkScope.objects.filter(field_of_work__in=operation.fields_of_work.all())
    dimensions = set(
        Dimension.objects.filter(pk__in=scopes.values("dimensions")).values_list("pk", flat=True)
    )
    categories = set(scopes.values_list("categories", flat=True)) - {None}
    if not dimensions and not categories:
        return []
    provisions = (
        Provision.objects.published()
        .commitments()
        .filter(Q(dimensions__in=dimensions) | Q(categories__in=categories))
        .distinct()
        .select_related("document")
        .prefetch_related("dimensions", "categories")
        .order_by("-document__date", "document__pk", "position", "pk")
    )
    by_dimension: dict[str, list[Provision]] = {d.name: [] for d in Dimension.objects.order_by("position")}
    without: list[Provision] = []
    for provision in provisions:
        own = [d.name for d in provision.dimensions.all()]
        for name in own:
            by_dimension[name].append(provision)
        if not own:
            without.append(provision)
    groups = [(name, items) for name, items in by_dimension.items() if items]
    if without:
        groups.append(("No dimension assigned", without))
    return [CommitmentGroup(name, items[:COMMITMENTS_PER_GROUP], len(items)) for name, items in groups]


def _facts(operation: FieldOperation) -> OperationFacts:
    claims = [c for c in operation.claims.select_related("source_document") if c.counts()]
    rows = []
    for name in OperationField.values:
        values: dict[str, list[str]] = {}
        for claim in claims:
            if claim.field == name:
                values.setdefault(_readable(name, claim.value), []).append(claim.source_label())
        for value, sources in values.items():
            rows.append((OperationField(name).label, value, sources))
    return OperationFacts(rows)


def _readable(name: str, value: str) -> str:
    if name == OperationField.ESTABLISHED:
        try:
            return partial_date_from_iso(value).display()
        except (ValueError, TypeError):
            return value  # not a truncated ISO date: show what the source says
    if name == OperationField.STATUS:
        return {"active": "Active", "closed": "Closed"}.get(value, value)
    return value


def operations_named_by(provision_ids: list[int]) -> dict[int, list[FieldOperation]]:
    """For search hits: provision id → the operations its text names."""
    mentions = (
        OperationMention.objects.linked().filter(provision_id__in=provision_ids).select_related("operation")
    )
    named: dict[int, list[FieldOperation]] = {}
    for mention in mentions.order_by("operation__name"):
        operations = named.setdefault(mention.provision_id, [])
        if mention.operation not in operations:
            operations.append(mention.operation)
    return named


def operation_facet(provision_ids: list[int]) -> list[tuple[FieldOperation, int]]:
    """The operations the found provisions name, with how many of them name each, most first.

    The linked mentions are read whole and matched here: a search can find tens of thousands
    of provisions, and a query listing them all cost more than the search itself, while
    passages naming an operation are few.
    """
    found = set(provision_ids)
    naming: dict[int, set[int]] = {}
    mentions = OperationMention.objects.linked().filter(provision__isnull=False)
    for provision_id, operation_id in mentions.values_list("provision_id", "operation_id"):
        if provision_id in found:
            naming.setdefault(operation_id, set()).add(provision_id)
    by_pk = FieldOperation.objects.in_bulk(list(naming))
    counted = [(by_pk[pk], len(provisions)) for pk, provisions in naming.items()]
    return sorted(counted, key=lambda pair: (-pair[1], pair[0].name))


def established_source(operation: FieldOperation) -> OperationClaim | None:
    """The claim the established date rests on (the earliest counted source stating it)."""
    claims = operation.claims.filter(field=OperationField.ESTABLISHED).select_related("source_document")
    return next((c for c in claims if c.counts()), None)
