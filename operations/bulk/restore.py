"""Read a corpus export (JSON or CSV zip) and write it into an empty database, ids included.

Keeping the ids keeps every permanent URL (``/provisions/<id>/``) the same in the copy.
"""

import csv
import datetime
import io
import json
import zipfile
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.color import no_style
from django.db import IntegrityError, connection, transaction

from commitments.models import (
    Dimension,
    MigrationCategory,
    Provision,
    ProvisionCuration,
    Quotation,
    Relation,
    TagDecision,
)
from documents.models import (
    Document,
    DocumentAttachment,
    FieldDecision,
    FieldOfWork,
    MetadataClaim,
    PublicationStatus,
)
from field_operations.models import FieldOperation, OperationClaim
from operations.bulk.export import Tables
from operations.bulk.field_operations import restore_operations
from operations.bulk.tables import (
    FORMAT_NAME,
    FORMAT_VERSION,
    OPTIONAL_TABLES,
    TABLES,
    columns,
    from_csv_cell,
)

_RESTORED_MODELS = [
    Document, Provision, Quotation, Relation, MetadataClaim, FieldDecision, DocumentAttachment,
    OperationClaim,
]  # fmt: skip


class ExportRejected(Exception):
    """The file is not an export this version reads, or the database cannot take it."""


def read_export(path: Path) -> Tables:
    """The tables of the export at ``path``, a JSON file or a CSV zip; raises ``ExportRejected``."""
    try:
        if zipfile.is_zipfile(path):
            return _read_csv_zip(path)
        with path.open("rb") as stream:
            data = json.load(stream)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, zipfile.BadZipFile, csv.Error) as exc:
        raise ExportRejected(f"{path.name}: cannot be read as a corpus export ({exc}).") from exc
    if not isinstance(data, dict):
        raise ExportRejected(f"{path.name}: not a corpus export (the JSON is not an object).")
    _check_manifest(path.name, data)
    tables = {}
    for table in TABLES:
        rows = data.get(table, [] if table in OPTIONAL_TABLES else None)
        if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
            raise ExportRejected(f"{path.name}: {table} must be a list of objects.")
        for index, row in enumerate(rows, start=1):
            missing = set(columns(table)) - set(row)
            if missing:
                raise ExportRejected(f"{path.name}: {table} row {index} lacks {', '.join(sorted(missing))}.")
        tables[table] = rows
    return tables


def _check_manifest(name: str, manifest: dict) -> None:
    if manifest.get("format") != FORMAT_NAME:
        raise ExportRejected(f"{name}: not a corpus export (format is {manifest.get('format')!r}).")
    if manifest.get("version") != FORMAT_VERSION:
        raise ExportRejected(
            f"{name}: export format version {manifest.get('version')!r}; this version reads {FORMAT_VERSION}."
        )


def _read_csv_zip(path: Path) -> Tables:
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        if "manifest.json" not in names:
            raise ExportRejected(f"{path.name}: the zip has no manifest.json.")
        _check_manifest(path.name, json.loads(archive.read("manifest.json")))
        tables = {}
        for table in TABLES:
            member = f"{table}.csv"
            if member not in names and table in OPTIONAL_TABLES:
                tables[table] = []
                continue
            if member not in names:
                raise ExportRejected(f"{path.name}: the zip has no {member}.")
            reader = csv.reader(io.StringIO(archive.read(member).decode("utf-8")))
            header = next(reader, [])
            if header != columns(table):
                raise ExportRejected(
                    f"{path.name}: {member} has columns {header}, expected {columns(table)}."
                )
            rows = []
            for line, cells in enumerate(reader, start=2):
                if len(cells) != len(header):
                    raise ExportRejected(f"{path.name}: {member} line {line} has {len(cells)} cells.")
                try:
                    rows.append(
                        {c: from_csv_cell(table, c, cell) for c, cell in zip(header, cells, strict=True)}
                    )
                except ValueError as exc:
                    raise ExportRejected(f"{path.name}: {member} line {line}: {exc}.") from exc
            tables[table] = rows
    return tables


def restore_corpus(tables: Tables) -> dict[str, int]:
    """Write ``tables`` into a database that holds no documents; return the row counts written.

    All or nothing: any bad row raises ``ExportRejected`` naming it, and nothing is written.
    Rows are saved one by one through the models, so history records them and the search
    index is updated through its usual path once the transaction commits.
    """
    try:
        with transaction.atomic():
            counts = _restore(tables)
    except IntegrityError as exc:
        raise ExportRejected(f"The export contradicts itself: {exc}.") from exc
    return counts


def _saved(table: str, index: int, instance, exclude: tuple[str, ...] = ()):
    try:
        instance.full_clean(exclude=list(exclude), validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        raise ExportRejected(f"{table} row {index}: {'; '.join(exc.messages)}") from exc
    instance.save()
    return instance


def _lookup(mapping: dict, key, table: str, index: int, what: str):
    if key not in mapping:
        raise ExportRejected(f"{table} row {index}: unknown {what} {key!r}.")
    return mapping[key]


def _restore(tables: Tables) -> dict[str, int]:
    if Document.objects.exists():
        raise ExportRejected("The database already holds documents: import an export only into an empty one.")
    if FieldOperation.objects.exists():
        raise ExportRejected(
            "The database already holds field operations: import an export only into an empty one."
        )
    dimensions = {d.slug: d for d in Dimension.objects.all()}
    categories = {c.slug: c for c in MigrationCategory.objects.all()}
    curators = _curators(tables)

    fields_of_work = {}
    for i, row in enumerate(tables["fields_of_work"], start=1):
        existing = FieldOfWork.objects.filter(slug=row["slug"]).first()
        fields_of_work[row["slug"]] = existing or _saved("fields_of_work", i, FieldOfWork(**row))

    documents: dict[str, Document] = {}
    derived = ("citation", "url", "date", "fields_of_work", "created_at", "updated_at")
    for i, row in enumerate(tables["documents"], start=1):
        fields = {name: row[name] for name in columns("documents") if name not in derived}
        try:
            date = datetime.date.fromisoformat(row["date"]) if row["date"] else None
        except (TypeError, ValueError) as exc:
            raise ExportRejected(f"documents row {i}: date {row['date']!r} is not YYYY-MM-DD.") from exc
        document = Document(**fields, date=date, status=PublicationStatus.PUBLISHED)
        documents[document.slug] = _saved("documents", i, document, exclude=("source_file",))
        document.fields_of_work.set(
            [_lookup(fields_of_work, slug, "documents", i, "field of work") for slug in row["fields_of_work"]]
        )

    provisions: dict[int, Provision] = {}
    for i, row in enumerate(tables["provisions"], start=1):
        provision = Provision(
            id=row["id"],
            document=_lookup(documents, row["document"], "provisions", i, "document"),
            quoted_in=_lookup(documents, row["quoted_in"], "provisions", i, "document")
            if row["quoted_in"]
            else None,
            **{
                name: row[name]
                for name in ("position", "label", "heading", "text", "is_commitment", "is_preamble", "origin")
            },
            quoted_locator=row["quoted_locator"],
        )
        _saved("provisions", i, provision)
        provision.dimensions.set(
            [_lookup(dimensions, s, "provisions", i, "dimension") for s in row["dimensions"]]
        )
        provision.categories.set(
            [_lookup(categories, s, "provisions", i, "category") for s in row["categories"]]
        )
        provisions[provision.pk] = provision

    for i, row in enumerate(tables["quotations"], start=1):
        quotation = Quotation(
            id=row["id"],
            quoting_document=_lookup(documents, row["quoting_document"], "quotations", i, "document"),
            attributed_to=_lookup(documents, row["attributed_to"], "quotations", i, "document")
            if row["attributed_to"]
            else None,
            matched_provision=_lookup(provisions, row["matched_provision"], "quotations", i, "provision")
            if row["matched_provision"] is not None
            else None,
            passage=_lookup(provisions, row["passage"], "quotations", i, "provision")
            if row["passage"] is not None
            else None,
            **{
                name: row[name]
                for name in ("position", "footnote", "section", "text", "sentence", "status", "note")
            },
            attribution_basis=row["attribution_basis"],
        )
        _saved("quotations", i, quotation)
        quotation.candidates.set(
            [_lookup(documents, slug, "quotations", i, "document") for slug in row["candidates"]]
        )

    for i, row in enumerate(tables["relations"], start=1):
        relation = Relation(id=row["id"], kind=row["kind"], evidence=row["evidence"])
        for end in ("source", "target"):
            setattr(
                relation,
                f"{end}_document",
                _lookup(documents, row[f"{end}_document"], "relations", i, "document"),
            )
            if row[f"{end}_provision"] is not None:
                provision = _lookup(provisions, row[f"{end}_provision"], "relations", i, "provision")
                setattr(relation, f"{end}_provision", provision)
        _saved("relations", i, relation)

    for i, row in enumerate(tables["claims"], start=1):
        claim = MetadataClaim(
            id=row["id"],
            document=_lookup(documents, row["document"], "claims", i, "document"),
            source_document=_lookup(documents, row["source_document"], "claims", i, "document")
            if row["source_document"]
            else None,
            **{name: row[name] for name in ("field", "value", "source_locator")},
        )
        _saved("claims", i, claim)
        # recorded_at is set on creation; keep the original time instead.
        MetadataClaim.objects.filter(pk=claim.pk).update(recorded_at=_moment(row["recorded_at"], "claims", i))

    for i, row in enumerate(tables["decisions"], start=1):
        decision = FieldDecision(
            document=_lookup(documents, row["document"], "decisions", i, "document"),
            **{name: row[name] for name in ("field", "value", "note")},
        )
        _saved("decisions", i, decision, exclude=("decided_by",))
        FieldDecision.objects.filter(pk=decision.pk).update(
            decided_at=_moment(row["decided_at"], "decisions", i),
            # The curator, when this database knows the name (``not_kept`` says when not).
            decided_by=curators.get(row["decided_by"]),
        )

    for i, row in enumerate(tables["attachments"], start=1):
        attachment = DocumentAttachment(
            document=_lookup(documents, row["document"], "attachments", i, "document"),
            **{name: row[name] for name in ("position", "title", "text")},
        )
        _saved("attachments", i, attachment)

    for i, row in enumerate(tables["tag_decisions"], start=1):
        provision = _lookup(provisions, row["provision"], "tag_decisions", i, "provision")
        decision = TagDecision(
            provision=provision,
            dimension=_lookup(dimensions, row["dimension"], "tag_decisions", i, "dimension")
            if row["dimension"]
            else None,
            category=_lookup(categories, row["category"], "tag_decisions", i, "category")
            if row["category"]
            else None,
            decided_at=_moment(row["decided_at"], "tag_decisions", i),
            **{name: row[name] for name in ("origin", "curator", "basis")},
        )
        _saved("tag_decisions", i, decision, exclude=("suggestion",))

    for i, row in enumerate(tables["curations"], start=1):
        curation = ProvisionCuration(
            provision=_lookup(provisions, row["provision"], "curations", i, "provision"),
            decided_at=_moment(row["decided_at"], "curations", i),
            **{name: row[name] for name in ("curator", "basis", "source")},
        )
        _saved("curations", i, curation)

    restore_operations(
        tables,
        saved=_saved,
        lookup=_lookup,
        moment=_moment,
        rejected=ExportRejected,
        documents=documents,
        provisions=provisions,
        fields_of_work=fields_of_work,
        taxonomy=(dimensions, categories),
    )

    # Last, when nothing writes them again: the times they entered and last changed (saving
    # them through the models above set both to now).
    for model, table in ((Document, "documents"), (Provision, "provisions")):
        key = "slug" if table == "documents" else "id"
        for i, row in enumerate(tables[table], start=1):
            model.objects.filter(**{key: row[key]}).update(
                created_at=_moment(row["created_at"], table, i),
                updated_at=_moment(row["updated_at"], table, i),
            )

    # Rows were written with their ids: move each id sequence past them (a no-op on SQLite).
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), _RESTORED_MODELS):
            cursor.execute(statement)
    return {table: len(tables[table]) for table in TABLES}


def _curators(tables: Tables) -> dict:
    names = {row["decided_by"] for row in tables["decisions"] if row["decided_by"]}
    return {user.get_username(): user for user in get_user_model().objects.filter(username__in=names)}


def not_kept(tables: Tables) -> list[str]:
    """What importing ``tables`` does not carry over, in a curator's words (the import
    command prints it): an export holds the published corpus, not the site around it."""
    notes = []
    files = sum(1 for row in tables["documents"] if row["source_filename"])
    if files:
        notes.append(
            f"the source files of {files} document{'s' if files != 1 else ''} (the export names them and "
            "their checksums; import the files again with import_source)"
        )
    known = set(_curators(tables))
    unknown = sorted({row["decided_by"] for row in tables["decisions"] if row["decided_by"]} - known)
    if unknown:
        notes.append(
            f"who decided {sum(1 for r in tables['decisions'] if r['decided_by'] in unknown)} conflict(s): "
            f"{', '.join(unknown)} {'has' if len(unknown) == 1 else 'have'} no account here "
            "(the decisions, their notes and times are kept)"
        )
    notes.append("the history of changes, draft and withdrawn documents, users, and the search index")
    return notes


def _moment(value: str, table: str, index: int) -> datetime.datetime:
    try:
        return datetime.datetime.fromisoformat(value)
    except (TypeError, ValueError) as exc:
        raise ExportRejected(f"{table} row {index}: {value!r} is not an ISO date and time.") from exc
