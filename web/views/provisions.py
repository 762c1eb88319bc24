"""The permanent page of a provision."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from web.selectors import provision_page, published_provisions
from web.tag_provenance import tag_provenance


def provision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    provision = get_object_or_404(published_provisions(), pk=pk)
    return render(
        request,
        "web/provision_detail.html",
        {
            "section": "documents",
            "page": provision_page(provision=provision),
            "provision": provision,
            "tags": tag_provenance(provision),
        },
    )
