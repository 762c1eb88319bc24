"""The lineage view: how later documents take up an earlier one, from 1975 onward."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from web.lineage import default_root, lineage_from
from web.selectors import published_documents


def lineage_page(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    root = get_object_or_404(published_documents(), slug=slug) if slug else default_root()
    if root is None:
        raise Http404("No published document to start a lineage from.")
    return render(request, "web/lineage.html", {"section": "lineage", "lineage": lineage_from(root)})
