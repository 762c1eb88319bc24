"""The field operation tables of a corpus export, and their restore.

Only published documents are named: a claim or alias whose source is unpublished and a mention
in an unpublished document are left out, so an export never reveals a draft.
"""

from django.db.models import Prefetch, Q

from documents.dates import partial_date_from_iso
from documents.models import FieldOfWork
from field_operations.models import (
    FieldOfWorkScope,
    FieldOperation,
    OperationAlias,
    OperationClaim,
    OperationMention,
)

TABLES: dict[str, list[tuple[str, str]]] = {
    "field_operations": [
        ("slug", "permanent identifier, used by the other operation tables; its page is /operations/<slug>/"),
        ("name", "official name, e.g. Mission to Skopje"),
        ("host_country", "host country"),
        ("established", "when it was established: 1992, 1992-09 or 1992-09-18; empty when unknown"),
        ("status", "active, closed or unknown"),
        ("summary", "what it does, as a source says"),
        ("mandate_document", "slug of its mandate document; empty when not known"),
        ("fields_of_work", "slugs of its fields of work, separated by ;"),
    ],
    "operation_claims": [
        ("id", "permanent number"),
        ("operation", "slug of the operation the claim is about"),
        ("field", "name, host_country, established, status, summary, mandate or fields_of_work"),
        ("value", "the value this source states"),
        ("source_document", "slug of the document that states it; empty for an editors' decision"),
        ("source_locator", "where in the source"),
        ("basis", "for an editors' decision: why, in one line"),
        ("recorded_at", "when it was recorded"),
    ],
    "operation_aliases": [
        ("operation", "slug of the operation"),
        ("name", "another name a source uses for it"),
        ("source_document", "slug of the document that uses it; empty for an editors' alias"),
        ("source_locator", "where in the source"),
        ("basis", "for an editors' alias: why"),
    ],
    "operation_mentions": [
        ("operation", "slug of the operation; empty when the words could mean several (candidates)"),
        ("candidates", "for an ambiguous mention: slugs of the operations it could mean, separated by ;"),
        ("document", "slug of the document"),
        ("provision", "id of the passage that names it; empty for the document as a whole"),
        ("role", "issued (the operation issued the document) or mentions"),
        ("words", "the words that name it"),
        ("source_document", "slug of the source stating it, when not the document itself"),
        ("source_locator", "where in that source"),
        ("curated", "true when a curator made or settled the link"),
    ],
    "field_of_work_scopes": [
        ("field_of_work", "slug of the field of work"),
        ("dimensions", "slugs of the dimensions whose commitments concern it, separated by ;"),
        ("categories", "slugs of the migration categories whose commitments concern it, separated by ;"),
        ("basis", "the editors' reason, in one line"),
    ],
}
LIST_COLUMNS = {
    ("field_operations", "fields_of_work"),
    ("operation_mentions", "candidates"),
    ("field_of_work_scopes", "dimensions"),
    ("field_of_work_scopes", "categories"),
}
INT_COLUMNS = {("operation_claims", "id"), ("operation_mentions", "provision")}
BOOL_COLUMNS = {("operation_mentions", "curated")}
NULLABLE_COLUMNS = {
    ("field_operations", "established"),
    ("field_operations", "mandate_document"),
    ("operation_claims", "source_document"),
    ("operation_aliases", "source_document"),
    ("operation_mentions", "operation"),
    ("operation_mentions", "provision"),
    ("operation_mentions", "source_document"),
}


def fields_of_work_in_use() -> list[FieldOfWork]:
    """Fields of work of operations and scopes (the documents' own are counted by the export)."""
    used = Q(field_operations__isnull=False) | Q(scope__isnull=False)
    return list(FieldOfWork.objects.filter(used).distinct().order_by("slug"))


def operation_tables(published: dict[int, str], provision_ids: set[int]) -> dict[str, list[dict]]:
    """The rows of the operation tables; ``published`` maps document ids to slugs."""

    def slug_of(document_id):
        return published.get(document_id) if document_id else None

    operations = FieldOperation.objects.prefetch_related(
        Prefetch("fields_of_work", queryset=FieldOfWork.objects.order_by("slug"))
    ).order_by("slug")
    mentions = (
        OperationMention.objects.filter(document_id__in=published)
        .select_related("operation")
        .prefetch_related(Prefetch("candidates", queryset=FieldOperation.objects.order_by("slug")))
        .order_by("document_id", "provision_id", "pk")
    )
    return {
        "field_operations": [
            {
                "slug": o.slug,
                "name": o.name,
                "host_country": o.host_country,
                "established": o.partial_established.iso() if o.established else None,
                "status": o.status,
                "summary": o.summary,
                "mandate_document": slug_of(o.mandate_document_id),
                "fields_of_work": [f.slug for f in o.fields_of_work.all()],
            }
            for o in operations
        ],
        "operation_claims": [
            {
                "id": c.pk,
                "operation": c.operation.slug,
                "field": c.field,
                "value": c.value,
                "source_document": slug_of(c.source_document_id),
                "source_locator": c.source_locator,
                "basis": c.basis,
                "recorded_at": c.recorded_at.isoformat(),
            }
            for c in OperationClaim.objects.select_related("operation").order_by("pk")
            if c.source_document_id is None or c.source_document_id in published
        ],
        "operation_aliases": [
            {
                "operation": a.operation.slug,
                "name": a.name,
                "source_document": slug_of(a.source_document_id),
                "source_locator": a.source_locator,
                "basis": a.basis,
            }
            for a in OperationAlias.objects.select_related("operation").order_by("operation__slug", "name")
            if a.source_document_id is None or a.source_document_id in published
        ],
        "operation_mentions": [
            {
                "operation": m.operation.slug if m.operation_id else None,
                "candidates": [c.slug for c in m.candidates.all()],
                "document": published[m.document_id],
                "provision": m.provision_id,
                "role": m.role,
                "words": m.words,
                "source_document": slug_of(m.source_document_id),
                "source_locator": m.source_locator,
                "curated": m.curated,
            }
            for m in mentions
            if (m.provision_id is None or m.provision_id in provision_ids)
            and (m.source_document_id is None or m.source_document_id in published)
        ],
        "field_of_work_scopes": [
            {
                "field_of_work": s.field_of_work.slug,
                "dimensions": [d.slug for d in s.dimensions.order_by("position")],
                "categories": [c.slug for c in s.categories.order_by("position")],
                "basis": s.basis,
            }
            for s in FieldOfWorkScope.objects.select_related("field_of_work").order_by("field_of_work__slug")
        ],
    }


def restore_operations(
    tables, *, saved, lookup, moment, rejected, documents, provisions, fields_of_work, taxonomy
):
    """Write the operation tables back; ``saved``, ``lookup``, ``moment`` and the exception
    ``rejected`` are the restore's own (``operations.bulk.restore``), so a bad row is named the
    same way."""
    dimensions, categories = taxonomy
    operations: dict[str, FieldOperation] = {}

    def document_or_none(slug, table, i):
        return lookup(documents, slug, table, i, "document") if slug else None

    for i, row in enumerate(tables["field_operations"], start=1):
        established = row["established"]
        try:
            partial = partial_date_from_iso(established) if established else None
        except (TypeError, ValueError):
            raise rejected(
                f"field_operations row {i}: {established!r} is not a date like 1992-09-18."
            ) from None
        operation = FieldOperation(
            slug=row["slug"],
            name=row["name"],
            host_country=row["host_country"],
            status=row["status"],
            summary=row["summary"],
            established=partial.value if partial else None,
            mandate_document=document_or_none(row["mandate_document"], "field_operations", i),
            **({"established_precision": partial.precision} if partial else {}),
        )
        operations[operation.slug] = saved("field_operations", i, operation)
        operation.fields_of_work.set(
            [
                lookup(fields_of_work, slug, "field_operations", i, "field of work")
                for slug in row["fields_of_work"]
            ]
        )
    for i, row in enumerate(tables["operation_claims"], start=1):
        claim = OperationClaim(
            pk=row["id"],
            operation=lookup(operations, row["operation"], "operation_claims", i, "operation"),
            source_document=document_or_none(row["source_document"], "operation_claims", i),
            **{name: row[name] for name in ("field", "value", "source_locator", "basis")},
        )
        saved("operation_claims", i, claim)
        OperationClaim.objects.filter(pk=claim.pk).update(
            recorded_at=moment(row["recorded_at"], "operation_claims", i)
        )
    for i, row in enumerate(tables["operation_aliases"], start=1):
        saved(
            "operation_aliases",
            i,
            OperationAlias(
                operation=lookup(operations, row["operation"], "operation_aliases", i, "operation"),
                source_document=document_or_none(row["source_document"], "operation_aliases", i),
                **{name: row[name] for name in ("name", "source_locator", "basis")},
            ),
        )
    for i, row in enumerate(tables["operation_mentions"], start=1):
        mention = OperationMention(
            operation=lookup(operations, row["operation"], "operation_mentions", i, "operation")
            if row["operation"]
            else None,
            document=lookup(documents, row["document"], "operation_mentions", i, "document"),
            provision=lookup(provisions, row["provision"], "operation_mentions", i, "provision")
            if row["provision"] is not None
            else None,
            source_document=document_or_none(row["source_document"], "operation_mentions", i),
            **{name: row[name] for name in ("role", "words", "source_locator", "curated")},
        )
        saved("operation_mentions", i, mention)
        mention.candidates.set(
            [lookup(operations, slug, "operation_mentions", i, "operation") for slug in row["candidates"]]
        )
    for i, row in enumerate(tables["field_of_work_scopes"], start=1):
        scope = saved(
            "field_of_work_scopes",
            i,
            FieldOfWorkScope(
                field_of_work=lookup(
                    fields_of_work, row["field_of_work"], "field_of_work_scopes", i, "field of work"
                ),
                basis=row["basis"],
            ),
        )
        scope.dimensions.set(
            [lookup(dimensions, s, "field_of_work_scopes", i, "dimension") for s in row["dimensions"]]
        )
        scope.categories.set(
            [lookup(categories, s, "field_of_work_scopes", i, "category") for s in row["categories"]]
        )
