"""CSV and JSON exports of provisions and documents, written row by row as they are read.

Column names are part of the interface researchers build scripts on: add columns at the end,
never rename or reorder them. Each row carries the permanent URL of what it describes.
"""

import csv
import json
import time
from collections.abc import Callable, Iterable, Iterator

from django.db import DatabaseError

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
    "dataset_version",
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
    "dataset_version",
)

CHUNK_SIZE = 500
# A cell starting with one of these is a formula to a spreadsheet; see OWASP "CSV injection".
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Absolute = Callable[[str], str]  # turns a path into an absolute URL


class ExportIncomplete(Exception):
    """The search stopped at its time limit: the export would be short, so it is not made."""


class StreamCut(Exception):
    """Rows stopped coming before the end; the reason is written into the file itself."""


def rows_within(rows: Iterable[dict], *, seconds: float) -> Iterator[dict]:
    """``rows`` until ``seconds`` have passed; then ``StreamCut``, as when the database fails
    part-way, so that a stream too long for the web server's timeout ends with a reason
    instead of being cut off mid-file by the server."""
    deadline = time.monotonic() + seconds
    count = 0
    try:
        for row in rows:
            if time.monotonic() >= deadline:
                raise StreamCut(f"it stopped after {count:,} rows, at its time limit of {seconds:g} s")
            yield row
            count += 1
    except DatabaseError as exc:
        raise StreamCut(f"it stopped after {count:,} rows: the database did not answer") from exc


def _incomplete(exc: StreamCut) -> str:
    return (
        f"ERROR: this export is incomplete: {exc}; narrow it with words or filters, "
        "or use the bulk data at /data/"
    )


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


def provision_row(provision: Provision, *, absolute: Absolute, version: str = "") -> dict:
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
        "dataset_version": version,
    }


def document_row(document: Document, *, absolute: Absolute, version: str = "") -> dict:
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
        "dataset_version": version,
    }


def stream_csv(rows: Iterable[dict], columns: tuple[str, ...], *, excel: bool = False) -> Iterator[str]:
    """CSV text, a line at a time: a header of ``columns``, then one line per row.

    Lists are joined with ``;``; booleans are ``true``/``false``; missing values are empty.
    With ``excel``, the text starts with a byte-order mark, without which Excel reads UTF-8 as
    its own code page and shows "BoÅ¡tjanÄiÄ" for "Boštjančič". When ``rows`` raise
    ``StreamCut``, the last line is one cell starting ``ERROR: this export is incomplete``.
    """
    writer = csv.writer(_Echo(), lineterminator="\r\n")
    if excel:
        yield "\ufeff"
    yield writer.writerow(columns)
    try:
        for row in rows:
            yield writer.writerow([_csv_cell(row[column]) for column in columns])
    except StreamCut as exc:
        yield writer.writerow([_incomplete(exc)])


def stream_json(rows: Iterable[dict]) -> Iterator[str]:
    """A JSON array of the rows, one object per line. When ``rows`` raise ``StreamCut``, an
    ``{"error": …}`` object ends the text and the array is left open, so that no JSON reader
    takes the file for a whole one."""
    yield "["
    separator = "\n"
    try:
        for row in rows:
            yield separator + json.dumps(row, ensure_ascii=False)
            separator = ",\n"
    except StreamCut as exc:
        yield separator + json.dumps({"error": _incomplete(exc)}, ensure_ascii=False) + "\n"
        return
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
