"""Streamed CSV and JSON downloads of any search, filtered list of provisions, or documents list."""

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render

from web.exports import (
    DOCUMENT_COLUMNS,
    PROVISION_COLUMNS,
    ExportIncomplete,
    document_row,
    provision_row,
    provisions_for_export,
    stream_csv,
    stream_json,
)
from web.filters import DocumentFilterSet
from web.search_params import read_search
from web.selectors import documents_for_list
from web.views.params import parameter_errors

CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json"}


def provisions_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """Every provision the same URL's search page lists, on all of its pages."""
    _check_format(fmt)
    wanted = read_search(request.GET)
    if wanted.request is None:
        return _bad_request(request, wanted.messages)
    try:
        provisions = provisions_for_export(wanted.request)
    except ExportIncomplete as exc:
        return render(request, "400.html", {"errors": [str(exc)]}, status=503)
    rows = (provision_row(p, absolute=request.build_absolute_uri) for p in provisions)
    return _stream(rows, fmt=fmt, columns=PROVISION_COLUMNS, name="osce-provisions")


def documents_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """Every document the same URL's documents list shows, on all of its pages."""
    _check_format(fmt)
    filterset = DocumentFilterSet(request.GET, queryset=documents_for_list())
    if not filterset.is_valid():
        return _bad_request(request, parameter_errors(filterset.form))
    rows = (
        document_row(d, absolute=request.build_absolute_uri) for d in filterset.qs.iterator(chunk_size=500)
    )
    return _stream(rows, fmt=fmt, columns=DOCUMENT_COLUMNS, name="osce-documents")


def _check_format(fmt: str) -> None:
    if fmt not in CONTENT_TYPES:
        raise Http404("Exports come as .csv or .json.")


def _stream(rows, *, fmt: str, columns: tuple[str, ...], name: str) -> StreamingHttpResponse:
    content = stream_csv(rows, columns) if fmt == "csv" else stream_json(rows)
    response = StreamingHttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def _bad_request(request: HttpRequest, errors: list[str]) -> HttpResponse:
    return render(request, "400.html", {"errors": errors}, status=400)
