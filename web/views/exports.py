"""Streamed CSV and JSON downloads of any search, filtered list of provisions, or documents list."""

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render

from commitments.models import Provision
from web.exports import (
    DOCUMENT_COLUMNS,
    PROVISION_COLUMNS,
    document_row,
    provision_row,
    provisions_for_export,
    stream_csv,
    stream_json,
)
from web.filters import DocumentFilterSet, ProvisionFilterSet
from web.forms import SearchForm
from web.selectors import documents_for_list
from web.views.params import parameter_errors

CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json"}


def provisions_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """Every provision the same URL's search page lists, on all of its pages."""
    _check_format(fmt)
    form = SearchForm(request.GET)
    filterset = ProvisionFilterSet(request.GET, queryset=Provision.objects.none())
    valid = form.is_valid()
    if not (filterset.is_valid() and valid):
        return _bad_request(request, parameter_errors(form, filterset.form))
    provisions = provisions_for_export(
        query=form.cleaned_data["q"], filters=filterset.search_filters(), order=form.order_or_default()
    )
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
