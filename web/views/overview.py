"""The corpus at a glance: provisions over time, and dimensions against categories."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from web.charts import category_colour, legend_html, timeline_svg
from web.statistics import dimension_category_matrix, timeline


def timeline_page(request: HttpRequest) -> HttpResponse:
    by = "dimension" if request.GET.get("by") == "dimension" else "category"
    data = timeline(by=by)
    series = "dimension" if by == "dimension" else "migration category"
    return render(
        request,
        "web/timeline.html",
        {
            "section": "timeline",
            "timeline": data,
            "chart": timeline_svg(
                data,
                title=f"Provisions per year by {series}",
                description=(
                    f"Stacked bars, one per year of adoption, one colour per {series}. "
                    "The table below gives the same numbers."
                ),
            ),
            "legend": legend_html(data),
            "colours": [category_colour(i) for i, _ in enumerate(data.categories)],
        },
    )


def matrix_page(request: HttpRequest) -> HttpResponse:
    return render(request, "web/matrix.html", {"section": "matrix", "matrix": dimension_category_matrix()})
