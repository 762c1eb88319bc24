"""The permanent page of a provision."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from operations.dataset import dataset_version
from web.references import citation_box, highwire_tags, provision_reference
from web.selectors import provision_page, provisions_for_pages
from web.tag_provenance import tag_provenance


def provision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    provision = get_object_or_404(provisions_for_pages(), pk=pk)
    version = str(dataset_version())
    reference = provision_reference(provision, request=request, version=version)
    keywords = [tag.name for tag in (*provision.categories.all(), *provision.dimensions.all())]
    return render(
        request,
        "web/provision_detail.html",
        {
            "section": "documents",
            "page": provision_page(provision=provision),
            "provision": provision,
            "cite": citation_box(reference, download_url_name="provision-citation", args=[provision.pk]),
            "highwire": highwire_tags(reference, keywords=keywords),
            "dataset_version": version,
            "tags": tag_provenance(provision),
        },
    )
