"""The corpus at a glance: provisions over time, and dimensions against categories."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from web.charts import category_colour, legend_html, timeline_svg
from web.statistics import dimension_category_matrix, timeline


def timeline_page(request: HttpRequest) -> HttpResponse:
    data = timeline()
    return render(
        request,
        "web/timeline.html",
        {
            "section": "timeline",
            "timeline": data,
            "chart": timeline_svg(
                data,
                title="Provisions per year by migration category",
                description=(
                    "Stacked bars, one per year of adoption, one colour per migration category. "
                    "The table below gives the same numbers."
                ),
            ),
            "legend": legend_html(data),
            "colours": [category_colour(i) for i, _ in enumerate(data.categories)],
        },
    )


def matrix_page(request: HttpRequest) -> HttpResponse:
    return render(request, "web/matrix.html", {"section": "matrix", "matrix": dimension_category_matrix()})
