"""The coverage page: what is held in full, what only through quotations, which quotations
could not be attributed, what the imports warned about, and the known gaps."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from web.about import coverage, gaps, importer_warnings, quotations_in_doubt


def coverage_page(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "web/coverage.html",
        {
            "section": "about",
            "coverage": coverage(),
            "gaps": gaps(),
            "warnings": importer_warnings(),
            "in_doubt": quotations_in_doubt(),
        },
    )
