"""The coverage page: what is held in full, what only through quotations, which quotations
could not be attributed, what the imports warned about, and the known gaps."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from web.about import coverage, gaps, importer_warnings


def coverage_page(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "web/coverage.html",
        {"section": "about", "coverage": coverage(), "gaps": gaps(), "warnings": importer_warnings()},
    )
