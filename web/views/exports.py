"""Streamed CSV and JSON downloads of any search, filtered list of provisions, or documents list;
the CSV also as Excel reads it; a search's hits as references for a reference manager."""

import itertools

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render

from documents.citation_formats import FORMATS
from operations.dataset import dataset_version
from osce_kb.client_address import client_address
from web.export_slots import ExportBusy, take_export_slot
from web.exports import (
    DOCUMENT_COLUMNS,
    PROVISION_COLUMNS,
    ExportIncomplete,
    document_row,
    provision_row,
    provisions_for_export,
    rows_within,
    stream_csv,
    stream_json,
)
from web.filters import DocumentFilterSet
from web.references import provision_reference
from web.search_params import read_search
from web.selectors import documents_for_list
from web.views.params import parameter_errors

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "excel.csv": "text/csv; charset=utf-8",
    "json": "application/json",
}
# A search's hits as references, for a reference manager: every document and provision it lists.
CITATION_SUFFIXES = {"bib": "bib", "ris": "ris", "csl.json": "json"}
MAX_REFERENCES = 2_000


def provisions_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """Every provision the same URL's search page lists, on all of its pages."""
    _check_format(fmt)
    wanted = read_search(request.GET)
    if wanted.request is None:
        return _bad_request(request, wanted.messages)
    try:
        slot = take_export_slot(client_address(request))
    except ExportBusy as exc:
        return _busy(request, exc)
    try:
        provisions = provisions_for_export(wanted.request)
    except ExportIncomplete as exc:
        slot.release()
        return render(request, "400.html", {"errors": [str(exc)]}, status=503)
    version = str(dataset_version())
    rows = (provision_row(p, absolute=request.build_absolute_uri, version=version) for p in provisions)
    return _stream(rows, fmt=fmt, columns=PROVISION_COLUMNS, name="osce-provisions", slot=slot)


def provisions_citations(request: HttpRequest, fmt: str) -> HttpResponse:
    """Every provision a search lists as references (BibTeX, RIS or CSL-JSON), in its order."""
    if fmt not in CITATION_SUFFIXES:
        raise Http404("A search's references come as .bib, .ris or .csl.json.")
    wanted = read_search(request.GET)
    if wanted.request is None:
        return _bad_request(request, wanted.messages)
    try:
        slot = take_export_slot(client_address(request))
    except ExportBusy as exc:
        return _busy(request, exc)
    try:
        provisions = list(itertools.islice(provisions_for_export(wanted.request), MAX_REFERENCES + 1))
    except ExportIncomplete as exc:
        return render(request, "400.html", {"errors": [str(exc)]}, status=503)
    finally:
        slot.release()
    if len(provisions) > MAX_REFERENCES:
        message = (
            f"This search finds more than {MAX_REFERENCES:,} provisions: narrow it before citing them all."
        )
        return _bad_request(request, [message])
    version = str(dataset_version())
    references = [provision_reference(p, request=request, version=version) for p in provisions]
    citation_format = FORMATS["json" if fmt == "csl.json" else fmt]
    response = HttpResponse(citation_format.write(references), content_type=citation_format.content_type)
    response["Content-Disposition"] = f'attachment; filename="osce-provisions.{CITATION_SUFFIXES[fmt]}"'
    return response


def documents_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """Every document the same URL's documents list shows, on all of its pages."""
    _check_format(fmt)
    filterset = DocumentFilterSet(request.GET, queryset=documents_for_list())
    if not filterset.is_valid():
        return _bad_request(request, parameter_errors(filterset.form))
    try:
        slot = take_export_slot(client_address(request))
    except ExportBusy as exc:
        return _busy(request, exc)
    version = str(dataset_version())
    rows = (
        document_row(d, absolute=request.build_absolute_uri, version=version)
        for d in filterset.qs.iterator(chunk_size=500)
    )
    return _stream(rows, fmt=fmt, columns=DOCUMENT_COLUMNS, name="osce-documents", slot=slot)


def _check_format(fmt: str) -> None:
    if fmt not in CONTENT_TYPES:
        raise Http404("Exports come as .csv, .excel.csv (for Excel) or .json.")


def _stream(rows, *, fmt: str, columns: tuple[str, ...], name: str, slot) -> StreamingHttpResponse:
    """The rows as a download, within the time limit; ``slot`` is released when the stream
    ends, or when the server closes the response (the client went away)."""
    excel = fmt == "excel.csv"
    rows = rows_within(rows, seconds=settings.EXPORT_TIME_LIMIT_SECONDS)
    content = stream_json(rows) if fmt == "json" else stream_csv(rows, columns, excel=excel)
    response = StreamingHttpResponse(_releasing(content, slot), content_type=CONTENT_TYPES[fmt])
    response._resource_closers.append(slot.release)
    suffix = "excel.csv" if fmt == "excel.csv" else fmt
    response["Content-Disposition"] = f'attachment; filename="{name}.{suffix}"'
    return response


def _releasing(content, slot):
    try:
        yield from content
    finally:
        slot.release()


def _busy(request: HttpRequest, exc: ExportBusy) -> HttpResponse:
    response = render(request, "400.html", {"errors": [str(exc)]}, status=429)
    response["Retry-After"] = "30"
    return response


def _bad_request(request: HttpRequest, errors: list[str]) -> HttpResponse:
    return render(request, "400.html", {"errors": errors}, status=400)
