"""A document or provision as a BibTeX, RIS or CSL-JSON file, for a reference manager."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from documents.citation_formats import FORMATS
from operations.dataset import dataset_version
from web.references import document_reference, provision_reference
from web.selectors import published_documents, published_provisions

FILE_SUFFIXES = {"bib": "bib", "ris": "ris", "json": "json"}


def document_citation(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    citation_format = _format(fmt)
    document = get_object_or_404(published_documents(), slug=slug)
    reference = document_reference(document, request=request, version=str(dataset_version()))
    return _attachment(citation_format.write([reference]), citation_format, name=reference.key)


def provision_citation(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    citation_format = _format(fmt)
    provision = get_object_or_404(published_provisions(), pk=pk)
    reference = provision_reference(provision, request=request, version=str(dataset_version()))
    return _attachment(citation_format.write([reference]), citation_format, name=reference.key)


def _format(fmt: str):
    try:
        return FORMATS[fmt]
    except KeyError:
        raise Http404("Citations come as .bib (BibTeX), .ris (RIS) or .json (CSL-JSON).") from None


def _attachment(content: str, citation_format, *, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=citation_format.content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{FILE_SUFFIXES[citation_format.slug]}"'
    return response
