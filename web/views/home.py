"""The home page: what the knowledge base holds and where to start."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from web.forms import SearchForm
from web.selectors import recent_documents
from web.statistics import categories_with_counts, corpus_summary, dimensions_with_counts


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "web/home.html",
        {
            "section": "home",
            "form": SearchForm(),
            "summary": corpus_summary(),
            "categories": categories_with_counts(),
            "dimensions": dimensions_with_counts(),
            "documents": recent_documents(),
        },
    )
