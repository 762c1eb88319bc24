"""Public pages. Thin: validate input, call a selector, render."""

from django.shortcuts import get_object_or_404, render

from commitments.models import Dimension, MigrationCategory, Provision
from documents.models import Document


def home(request):
    return render(
        request,
        "home.html",
        {
            "documents": Document.objects.published().order_by("-date")[:10],
            "categories": MigrationCategory.objects.all(),
            "dimensions": Dimension.objects.all(),
        },
    )


def document_detail(request, slug):
    document = get_object_or_404(Document.objects.published(), slug=slug)
    provisions = document.provisions.with_related()
    return render(request, "document_detail.html", {"document": document, "provisions": provisions})


def provision_detail(request, pk):
    provision = get_object_or_404(Provision.objects.published().with_related(), pk=pk)
    return render(request, "provision_detail.html", {"provision": provision})


def category_detail(request, slug):
    category = get_object_or_404(MigrationCategory, slug=slug)
    provisions = Provision.objects.published().in_category(slug).with_related()
    return render(request, "taxon_detail.html", {"taxon": category, "provisions": provisions})


def dimension_detail(request, slug):
    dimension = get_object_or_404(Dimension, slug=slug)
    provisions = Provision.objects.published().in_dimension(slug).with_related()
    return render(request, "taxon_detail.html", {"taxon": dimension, "provisions": provisions})
