"""The latest export offered for download: rebuilt only when the published corpus has changed."""

import datetime
import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from commitments.models import Dimension, MigrationCategory, Provision, Relation
from documents.models import (
    Document,
    DocumentAttachment,
    FieldDecision,
    FieldOfWork,
    MetadataClaim,
    PublicationStatus,
)
from operations.bulk.export import export_corpus

SUFFIXES = {"json": "json", "csv": "zip"}


@dataclass(frozen=True)
class CorpusState:
    fingerprint: str  # a short hash that changes whenever something an export holds has changed
    last_change: datetime.datetime | None  # the latest change recorded in the history
    marks: tuple  # what ``change_marks()`` reads, taken from the same query


def corpus_state() -> CorpusState:
    """What the corpus is now, in one query (pages that print the dataset version read it).

    Every change made through the models leaves a history record (tags included), so the time
    of the latest one moves; the counts catch what bypasses history, such as bulk deletes.
    """
    values = _read_measures()
    latest = [_as_datetime(value) for value in values[1 : 1 + 2 * len(_HISTORIED) : 2]]
    latest = [moment for moment in latest if moment is not None]
    fingerprint = hashlib.sha256("|".join(str(value) for value in values).encode()).hexdigest()[:16]
    history_end = 1 + 2 * len(_HISTORIED)
    taxonomy = values[history_end : history_end + len(_TAXONOMY)]
    marks = (*values[1:history_end:2], *taxonomy, values[-2])
    return CorpusState(fingerprint=fingerprint, last_change=max(latest) if latest else None, marks=marks)


def corpus_fingerprint() -> str:
    """A short hash that changes whenever something an export holds has changed."""
    return corpus_state().fingerprint


_HISTORIED = (Document, Provision, Relation, MetadataClaim, FieldDecision)
# The taxonomy keeps no history and a rename moves no count: the values an export holds of it
# are read whole (a few rows), so that renaming a category or a field of work is a change.
_TAXONOMY = (
    (Dimension, ("id", "slug", "name", "position", "description")),
    (MigrationCategory, ("id", "slug", "name", "position", "study_section", "description")),
    (FieldOfWork, ("id", "slug", "name")),
)


def _taxonomy_measures() -> list[str]:
    """One scalar subquery per taxonomy table: its rows' values as one text, in id order."""
    q = connection.ops.quote_name
    measures = []
    for model, columns in _TAXONOMY:
        row = " || '|' || ".join(f"CAST({q(column)} AS TEXT)" for column in columns)
        table = q(model._meta.db_table)
        if connection.vendor == "postgresql":
            measures.append(f"(SELECT string_agg({row}, '~' ORDER BY {q('id')}) FROM {table})")
        else:
            measures.append(
                f"(SELECT group_concat({row}, '~') FROM (SELECT * FROM {table} ORDER BY {q('id')}))"
            )
    return measures


def _read_measures() -> list:
    """The published count, then (latest history time, row count) of each model of
    ``_HISTORIED``, the taxonomy's values, then the rows of the tag tables and of the
    attachments: one SELECT."""
    q = connection.ops.quote_name
    published = f"(SELECT COUNT(*) FROM {q(Document._meta.db_table)} WHERE {q('status')} = %s)"
    measures = [published]
    for model in _HISTORIED:
        measures.append(f"(SELECT MAX({q('history_date')}) FROM {q(model.history.model._meta.db_table)})")
        measures.append(f"(SELECT COUNT(*) FROM {q(model._meta.db_table)})")
    measures += _taxonomy_measures()
    tag_tables = (Provision.dimensions.through, Provision.categories.through, Document.fields_of_work.through)
    for through in tag_tables:
        measures.append(f"(SELECT COUNT(*) FROM {q(through._meta.db_table)})")
    attachments = q(DocumentAttachment._meta.db_table)
    measures.append(f"(SELECT MAX({q('id')}) FROM {attachments})")
    measures.append(f"(SELECT COUNT(*) FROM {attachments})")
    with connection.cursor() as cursor:
        # Table and column names come from the models, the one value is a parameter.
        cursor.execute("SELECT " + ", ".join(measures), [PublicationStatus.PUBLISHED])
        return list(cursor.fetchone())


def change_marks() -> tuple:
    """The latest history time of each model of ``_HISTORIED``, the taxonomy's few values and
    the newest attachment, in one SELECT of index lookups and small tables: cheap, and it moves
    with every change made through the models (``corpus_state`` also counts rows, which is what
    costs at scale)."""
    q = connection.ops.quote_name
    marks = [
        f"(SELECT MAX({q('history_date')}) FROM {q(m.history.model._meta.db_table)})" for m in _HISTORIED
    ]
    marks += _taxonomy_measures()
    marks.append(f"(SELECT MAX({q('id')}) FROM {q(DocumentAttachment._meta.db_table)})")
    with connection.cursor() as cursor:
        # Table and column names come from the models.
        cursor.execute("SELECT " + ", ".join(marks))
        return tuple(cursor.fetchone())


def _as_datetime(value) -> datetime.datetime | None:
    # SQLite hands timestamps back as text from a raw query.
    if value is None or isinstance(value, datetime.datetime):
        return value
    parsed = parse_datetime(str(value))
    if parsed is not None and timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, datetime.UTC)
    return parsed


def latest_export(*, format: str) -> Path:
    """The path of an export of the current published corpus in ``format``, built if needed.

    Exports live in ``settings.EXPORT_DIR`` named by the corpus fingerprint; older ones are
    removed once a newer one is in place (a download already reading one keeps its file open).
    """
    if format not in SUFFIXES:
        raise ValueError(f"Unknown export format {format!r}; choose one of {', '.join(SUFFIXES)}.")
    directory = Path(settings.EXPORT_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    suffix = SUFFIXES[format]
    path = directory / f"corpus-{corpus_fingerprint()}.{suffix}"
    if not path.exists():
        export_corpus(format=format, out=path)
        for older in directory.glob(f"corpus-*.{suffix}"):
            if older != path:
                older.unlink(missing_ok=True)
    return path
