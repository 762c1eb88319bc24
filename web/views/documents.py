"""The documents list, a document's page, and its source file."""

import re
from pathlib import Path

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from documents.models import DocumentAlias
from operations.dataset import dataset_version
from web.filters import DocumentFilterSet
from web.forms import PageForm
from web.references import citation_box, document_reference, highwire_tags
from web.selectors import document_page, documents_for_list, published_documents
from web.views.paging import pagination
from web.views.params import choice_options, parameter_errors

PAGE_SIZE = 25


def document_list(request: HttpRequest) -> HttpResponse:
    filterset = DocumentFilterSet(request.GET, queryset=documents_for_list())
    page_form = PageForm(request.GET)
    context = {
        "section": "documents",
        "filter_form": filterset.form,
        "options": {
            name: choice_options(filterset.form, name) for name in ("kind", "body", "category", "dimension")
        },
        "params": request.GET,
    }
    valid = page_form.is_valid()
    if not (filterset.is_valid() and valid):
        context["errors"] = parameter_errors(page_form, filterset.form)
        context["reset_url"] = reverse("document-list")
        return render(request, "web/document_list.html", context, status=400)
    paginator = Paginator(filterset.qs, PAGE_SIZE)
    number = page_form.page_number()
    context["total"] = paginator.count
    if number > paginator.num_pages:
        context["page_missing"] = number
        context["num_pages"] = paginator.num_pages
        return render(request, "web/document_list.html", context, status=404)
    export_params = request.GET.copy()
    export_params.pop("page", None)
    context.update(
        documents=paginator.page(number).object_list,
        pagination=pagination(params=request.GET, number=number, num_pages=paginator.num_pages),
        export_query=export_params.urlencode(),
    )
    return render(request, "web/document_list.html", context)


def document_detail(request: HttpRequest, slug: str) -> HttpResponse:
    document = published_documents().filter(slug=slug).first()
    if document is None:
        # A document merged into another answers at its old address: permalinks never die.
        alias = DocumentAlias.objects.filter(slug=slug, document__in=published_documents()).first()
        if alias is None:
            raise Http404("No such document.")
        return HttpResponsePermanentRedirect(alias.document.get_absolute_url())
    version = str(dataset_version())
    reference = document_reference(document, request=request, version=version)
    source_is_pdf = document.source_file and Path(document.source_file.name).suffix.lower() == ".pdf"
    pdf_url = request.build_absolute_uri(reverse("document-source", args=[slug])) if source_is_pdf else ""
    return render(
        request,
        "web/document_detail.html",
        {
            "section": "documents",
            "page": document_page(document=document),
            "document": document,
            "cite": citation_box(reference, download_url_name="document-citation", args=[slug]),
            "highwire": highwire_tags(reference, pdf_url=pdf_url),
            "dataset_version": version,
            "source_name": source_download_name(document),
        },
    )


def document_source(request: HttpRequest, slug: str) -> FileResponse:
    """The original file the document was imported from, under its original name."""
    document = get_object_or_404(published_documents(), slug=slug)
    if not document.source_file:
        raise Http404("This document has no source file.")
    try:
        handle = document.source_file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("The source file of this document is missing.") from exc
    return FileResponse(handle, as_attachment=True, filename=source_download_name(document))


def source_download_name(document) -> str:
    """A name that says what the file is: ``MC.DOC-2-05 Border Security and Management
    Concept.txt`` rather than the hash-like name it was uploaded under."""
    # The stored file's suffix says what it is (``importing.save``); the name it came with may not.
    suffix = Path(document.source_file.name or document.source_filename).suffix.lower()
    if not suffix[1:].isalnum():
        suffix = ""
    title = re.sub(r"[^\w\s,.()–-]+", " ", document.title)
    title = " ".join(title.split())[:80].rstrip(" .,") or "document"
    symbol = document.symbol.replace("/", "-")
    stem = f"{symbol} {title}" if symbol else f"{title} {document.year or ''}".strip()
    return f"{stem}{suffix}"
