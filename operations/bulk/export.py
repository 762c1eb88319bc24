"""Write the whole published corpus as one JSON file or as a zip of CSV tables."""

import csv
import io
import json
import os
import tempfile
import zipfile
from pathlib import Path
from typing import BinaryIO

from django.db.models import Prefetch
from django.utils import timezone

from commitments.models import (
    Dimension,
    MigrationCategory,
    Provision,
    ProvisionCuration,
    Quotation,
    Relation,
    TagDecision,
)
from documents.models import Document, DocumentAttachment, FieldDecision, FieldOfWork, MetadataClaim
from operations.bulk.field_operations import fields_of_work_in_use, operation_tables
from operations.bulk.tables import FORMAT_NAME, FORMAT_VERSION, TABLES, columns, readme, to_csv_cell

FORMATS = ("json", "csv")
Tables = dict[str, list[dict]]


def corpus_tables() -> Tables:
    """Every published document with its provisions, tags, relations and provenance, as rows.

    Links to documents that are not published are left out (a relation or claim), and so are
    the passages only an unpublished source quotes, so an export never reveals an unpublished
    document.
    """
    documents = list(
        Document.objects.published()
        .prefetch_related(Prefetch("fields_of_work", queryset=FieldOfWork.objects.order_by("slug")))
        .order_by("id")
    )
    published = {d.pk: d.slug for d in documents}
    provisions = (
        Provision.objects.published()
        .select_related("document")
        .prefetch_related(
            Prefetch("dimensions", queryset=Dimension.objects.order_by("position")),
            Prefetch("categories", queryset=MigrationCategory.objects.order_by("position")),
        )
        .order_by("id")
    )
    relations = Relation.objects.published().order_by("id")
    claims = MetadataClaim.objects.filter(document_id__in=published).order_by("id")
    provision_rows = [_provision_row(p, published) for p in provisions]
    fields_of_work = {f.slug: f for f in FieldOfWork.objects.filter(documents__in=documents)}
    fields_of_work.update({f.slug: f for f in fields_of_work_in_use()})
    return {
        "dimensions": [
            {"slug": d.slug, "name": d.name, "position": d.position, "description": d.description}
            for d in Dimension.objects.order_by("position")
        ],
        "categories": [
            {
                "slug": c.slug,
                "name": c.name,
                "position": c.position,
                "study_section": c.study_section,
                "description": c.description,
            }
            for c in MigrationCategory.objects.order_by("position")
        ],
        "fields_of_work": [{"slug": f.slug, "name": f.name} for _, f in sorted(fields_of_work.items())],
        "documents": [_document_row(d) for d in documents],
        "provisions": provision_rows,
        "quotations": _quotation_rows(published, {p.pk for p in provisions}),
        "relations": [
            {
                "id": r.pk,
                "kind": r.kind,
                "source_document": published[r.source_document_id],
                "source_provision": r.source_provision_id,
                "target_document": published[r.target_document_id],
                "target_provision": r.target_provision_id,
                "evidence": r.evidence,
            }
            for r in relations
        ],
        "claims": [
            {
                "id": c.pk,
                "document": published[c.document_id],
                "field": c.field,
                "value": c.value,
                "source_document": published[c.source_document_id] if c.source_document_id else None,
                "source_locator": c.source_locator,
                "recorded_at": c.recorded_at.isoformat(),
            }
            for c in claims
            if c.source_document_id is None or c.source_document_id in published
        ],
        "decisions": [
            {
                "document": published[d.document_id],
                "field": d.field,
                "value": d.value,
                "note": d.note,
                "decided_at": d.decided_at.isoformat(),
                "decided_by": d.decided_by.get_username() if d.decided_by_id else "",
            }
            for d in FieldDecision.objects.filter(document_id__in=published)
            .select_related("decided_by")
            .order_by("document_id", "field")
        ],
        "attachments": [
            {"document": published[a.document_id], "position": a.position, "title": a.title, "text": a.text}
            for a in DocumentAttachment.objects.filter(document_id__in=published).order_by(
                "document_id", "position", "id"
            )
        ],
        "tag_decisions": [
            {
                "provision": d.provision_id,
                "dimension": d.dimension.slug if d.dimension_id else None,
                "category": d.category.slug if d.category_id else None,
                "origin": d.origin,
                "curator": d.curator,
                "decided_at": d.decided_at.isoformat(),
                "basis": d.basis,
            }
            for d in TagDecision.objects.filter(provision__document_id__in=published)
            .select_related("dimension", "category")
            .order_by("provision_id", "pk")
        ],
        "curations": [
            {
                "provision": c.provision_id,
                "curator": c.curator,
                "decided_at": c.decided_at.isoformat(),
                "basis": c.basis,
                "source": c.source,
            }
            for c in ProvisionCuration.objects.filter(provision__document_id__in=published).order_by(
                "provision_id"
            )
        ],
        **operation_tables(published, {row["id"] for row in provision_rows}),
    }


def _quotation_rows(published: dict[int, str], provision_ids: set[int]) -> list[dict]:
    """The quotations published documents make; links to what is not published are emptied."""
    rows = []
    quotations = (
        Quotation.objects.filter(quoting_document_id__in=published)
        .prefetch_related(Prefetch("candidates", queryset=Document.objects.order_by("pk")))
        .order_by("id")
    )
    for q in quotations:
        rows.append(
            {
                "id": q.pk,
                "quoting_document": published[q.quoting_document_id],
                "position": q.position,
                "footnote": q.footnote,
                "section": q.section,
                "text": q.text,
                "sentence": q.sentence,
                "candidates": [published[c.pk] for c in q.candidates.all() if c.pk in published],
                "attributed_to": published.get(q.attributed_to_id),
                "status": q.status,
                "matched_provision": q.matched_provision_id
                if q.matched_provision_id in provision_ids
                else None,
                "passage": q.passage_id if q.passage_id in provision_ids else None,
                "note": q.note,
                "attribution_basis": q.attribution_basis,
            }
        )
    return rows


def _document_row(document: Document) -> dict:
    return {
        "id": document.pk,
        "slug": document.slug,
        "symbol": document.symbol,
        "title": document.title,
        "kind": document.kind,
        "body": document.body,
        "place": document.place,
        "date": document.date.isoformat() if document.date else None,
        "date_precision": document.date_precision,
        "language": document.language,
        "summary": document.summary,
        "full_text": document.full_text,
        "source_url": document.source_url,
        "source_filename": document.source_filename,
        "source_sha256": document.source_sha256,
        "fields_of_work": [f.slug for f in document.fields_of_work.all()],
        "citation": document.citation(),
        "url": document.get_absolute_url(),
        "authors": document.authors,
        "created_at": document.created_at.isoformat(),
        "updated_at": document.updated_at.isoformat(),
    }


def _provision_row(provision: Provision, published: dict[int, str]) -> dict:
    return {
        "id": provision.pk,
        "document": published[provision.document_id],
        "position": provision.position,
        "label": provision.label,
        "heading": provision.heading,
        "text": provision.text,
        "is_commitment": provision.is_commitment,
        "origin": provision.origin,
        "quoted_in": published.get(provision.quoted_in_id),
        "quoted_locator": provision.quoted_locator,
        "dimensions": [d.slug for d in provision.dimensions.all()],
        "categories": [c.slug for c in provision.categories.all()],
        "citation": provision.citation(),
        "url": provision.get_absolute_url(),
        "is_preamble": provision.is_preamble,
        "created_at": provision.created_at.isoformat(),
        "updated_at": provision.updated_at.isoformat(),
    }


def manifest(tables: Tables) -> dict:
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "exported_at": timezone.now().isoformat(),
        "counts": {table: len(rows) for table, rows in tables.items()},
    }


def write_json(tables: Tables, stream: BinaryIO) -> None:
    """One JSON object: the manifest's keys, then one list of row objects per table."""
    document = {**manifest(tables), **tables}
    stream.write(json.dumps(document, ensure_ascii=False, indent=1).encode())


def write_csv_zip(tables: Tables, stream: BinaryIO) -> None:
    """A zip of ``<table>.csv`` files, with ``manifest.json`` and a ``README.txt`` of the columns."""
    with zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest(tables), indent=1))
        archive.writestr("README.txt", readme())
        for table in TABLES:
            text = io.StringIO()
            writer = csv.writer(text, lineterminator="\r\n")
            writer.writerow(columns(table))
            for row in tables[table]:
                writer.writerow([to_csv_cell(table, column, row[column]) for column in columns(table)])
            archive.writestr(f"{table}.csv", text.getvalue())


def export_corpus(*, format: str, out: Path) -> dict[str, int]:
    """Write the published corpus to ``out`` in ``format`` ("json" or "csv"); return the row counts.

    The file is written beside ``out`` and renamed into place, so a reader never sees half of it.
    """
    if format not in FORMATS:
        raise ValueError(f"Unknown export format {format!r}; choose one of {', '.join(FORMATS)}.")
    tables = corpus_tables()
    descriptor, name = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".partial")
    partial = Path(name)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            (write_json if format == "json" else write_csv_zip)(tables, stream)
        partial.replace(out)
    finally:
        partial.unlink(missing_ok=True)
    return {table: len(rows) for table, rows in tables.items()}
