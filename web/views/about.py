"""The About page: what the knowledge base holds, how it was tagged, its known gaps, its
licences, and the dataset version citations and exports carry."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from operations.dataset import dataset_version
from web.about import coverage, gaps, tagging
from web.statistics import corpus_summary


def about(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "web/about.html",
        {
            "section": "about",
            "summary": corpus_summary(),
            "coverage": coverage(),
            "tagging": tagging(),
            "gaps": gaps(),
            "version": dataset_version(),
            "today": timezone.localdate(),
            "home_url": request.build_absolute_uri("/"),
        },
    )
