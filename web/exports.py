"""CSV and JSON exports of provisions and documents, written row by row as they are read.

Column names are part of the interface researchers build scripts on: add columns at the end,
never rename or reorder them. Each row carries the permanent URL of what it describes.
"""

import csv
import json
from collections.abc import Callable, Iterable, Iterator

from commitments.models import Provision
from documents.models import Document
from search import SearchRequest, matching_provision_ids
from web.selectors import provisions_matching

PROVISION_COLUMNS = (
    "id",
    "url",
    "citation",
    "document_symbol",
    "document_title",
    "document_kind",
    "document_body",
    "document_date",
    "document_year",
    "document_url",
    "label",
    "heading",
    "is_commitment",
    "dimensions",
    "categories",
    "text",
)

DOCUMENT_COLUMNS = (
    "id",
    "url",
    "symbol",
    "title",
    "kind",
    "body",
    "place",
    "date",
    "year",
    "provision_count",
    "source_url",
    "summary",
)

CHUNK_SIZE = 500
# A cell starting with one of these is a formula to a spreadsheet; see OWASP "CSV injection".
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Absolute = Callable[[str], str]  # turns a path into an absolute URL


class ExportIncomplete(Exception):
    """The search stopped at its time limit: the export would be short, so it is not made."""


def provisions_for_export(request: SearchRequest) -> Iterator[Provision]:
    """Every published provision a search (or, without a query, a filtered list) finds, in its
    order, read a chunk at a time so that memory stays flat however many there are. Raises
    ``ExportIncomplete`` before anything is read when the search could not finish."""
    if request.parsed.node is None and not request.parsed.nothing_searchable:
        provisions = provisions_matching(filters=request.filters)
        if request.effective_order == "-date":
            provisions = provisions.order_by("-document__date", "document_id", "position", "pk")
        return provisions.iterator(chunk_size=CHUNK_SIZE)
    matching = matching_provision_ids(request)
    if not matching.complete:
        raise ExportIncomplete("The search took too long to export in full: narrow it with words or filters.")
    return _in_order(matching.ids)


def _in_order(ids: list[int]) -> Iterator[Provision]:
    published = Provision.objects.published().with_related()
    for start in range(0, len(ids), CHUNK_SIZE):
        chunk = ids[start : start + CHUNK_SIZE]
        by_id = published.in_bulk(chunk)
        yield from (by_id[pk] for pk in chunk if pk in by_id)


def provision_row(provision: Provision, *, absolute: Absolute) -> dict:
    document = provision.document
    partial_date = document.partial_date
    return {
        "id": provision.pk,
        "url": absolute(provision.get_absolute_url()),
        "citation": provision.citation(),
        "document_symbol": document.symbol,
        "document_title": document.title,
        "document_kind": document.kind,
        "document_body": document.body,
        "document_date": partial_date.iso() if partial_date else None,
        "document_year": document.year,
        "document_url": absolute(document.get_absolute_url()),
        "label": provision.label,
        "heading": provision.heading,
        "is_commitment": provision.is_commitment,
        "dimensions": [d.slug for d in provision.dimensions.all()],
        "categories": [c.slug for c in provision.categories.all()],
        "text": provision.text,
    }


def document_row(document: Document, *, absolute: Absolute) -> dict:
    partial_date = document.partial_date
    return {
        "id": document.pk,
        "url": absolute(document.get_absolute_url()),
        "symbol": document.symbol,
        "title": document.title,
        "kind": document.kind,
        "body": document.body,
        "place": document.place,
        "date": partial_date.iso() if partial_date else None,
        "year": document.year,
        "provision_count": getattr(document, "provision_count", None),
        "source_url": document.source_url,
        "summary": document.summary,
    }


def stream_csv(rows: Iterable[dict], columns: tuple[str, ...]) -> Iterator[str]:
    """CSV text, a line at a time: a header of ``columns``, then one line per row.

    Lists are joined with ``;``; booleans are ``true``/``false``; missing values are empty.
    """
    writer = csv.writer(_Echo(), lineterminator="\r\n")
    yield writer.writerow(columns)
    for row in rows:
        yield writer.writerow([_csv_cell(row[column]) for column in columns])


def stream_json(rows: Iterable[dict]) -> Iterator[str]:
    """A JSON array of the rows, one object per line."""
    yield "["
    separator = "\n"
    for row in rows:
        yield separator + json.dumps(row, ensure_ascii=False)
        separator = ",\n"
    yield "\n]\n"


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return ";".join(str(v) for v in value)
    text = str(value)
    if text.startswith(_FORMULA_STARTS):
        return "'" + text
    return text


class _Echo:
    """A file-like object whose ``write`` hands back what it is given, for csv.writer."""

    def write(self, value: str) -> str:
        return value
