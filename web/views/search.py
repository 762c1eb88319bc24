"""The search page: a query, facets and filters, all carried in the URL."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from commitments.models import Provision
from search import SearchRequest, search_provisions
from web.filters import ProvisionFilterSet
from web.forms import ORDER_CHOICES, SearchForm
from web.views.facets import (
    FacetLabels,
    active_filters,
    documents_in_view,
    facet_groups,
    without_filters,
)
from web.views.paging import pagination
from web.views.params import choice_options, parameter_errors

PAGE_SIZE = 20


def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    filterset = ProvisionFilterSet(request.GET, queryset=Provision.objects.none())
    context = {
        "section": "search",
        "form": form,
        "filter_form": filterset.form,
        "order_choices": ORDER_CHOICES,
        "options": {
            name: choice_options(filterset.form, name) for name in ("dimension", "category", "kind", "body")
        },
        "params": request.GET,
    }
    valid = form.is_valid()
    if not (filterset.is_valid() and valid):
        context["errors"] = parameter_errors(form, filterset.form)
        context["reset_url"] = reverse("search")
        return render(request, "web/search.html", context, status=400)

    query = form.cleaned_data["q"]
    filters = filterset.search_filters()
    order = form.order_or_default()
    number = form.page_number()
    results = search_provisions(
        SearchRequest(query=query, filters=filters, order=order, page=number, page_size=PAGE_SIZE)
    )
    labels = FacetLabels.load(document_slugs=documents_in_view(facets=results.facets, filters=filters))
    context.update(
        query=query,
        order=order,
        results=results,
        active=active_filters(params=request.GET, labels=labels),
        without_filters_url=without_filters(request.GET),
    )
    if number > results.num_pages:
        context["page_missing"] = number
        return render(request, "web/search.html", context, status=404)
    export_params = request.GET.copy()
    export_params.pop("page", None)
    suggestion_params = request.GET.copy()
    if results.suggestion:
        suggestion_params["q"] = results.suggestion
        suggestion_params.pop("page", None)
    context.update(
        hits=results.provisions(),
        facets=facet_groups(facets=results.facets, params=request.GET, filters=filters, labels=labels),
        pagination=pagination(params=request.GET, number=number, num_pages=results.num_pages),
        first_index=(number - 1) * PAGE_SIZE + 1,
        export_query=export_params.urlencode(),
        suggestion_url="?" + suggestion_params.urlencode(),
    )
    return render(request, "web/search.html", context)
