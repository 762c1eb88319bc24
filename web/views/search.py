"""The search page: a query, facets and filters, all carried in the URL."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from operations.dataset import dataset_version
from search import matching_provision_ids, search_provisions
from web.facets import FacetLabels
from web.field_operations import operation_facet, operations_named_by
from web.forms import ORDER_CHOICES, PageForm
from web.querystring import query_with
from web.search_citation import list_citation
from web.search_params import read_search
from web.selectors import chapeaux_of, documents_named
from web.views.facets import active_filters, documents_in_view, facet_groups, without_filters
from web.views.paging import pagination
from web.views.params import choice_options, parameter_errors

PAGE_SIZE = 20


def search(request: HttpRequest) -> HttpResponse:
    page_form = PageForm(request.GET)
    number = page_form.page_number() if page_form.is_valid() else 1
    wanted = read_search(
        request.GET,
        page=number,
        page_size=PAGE_SIZE,
        with_facets=True,
        with_snippets=True,
        with_suggestion=True,
    )
    context = {
        "section": "search",
        "form": wanted.form,
        "filter_form": wanted.filter_form,
        "order_choices": ORDER_CHOICES,
        "options": {
            name: choice_options(wanted.filter_form, name)
            for name in ("dimension", "category", "kind", "body")
        },
        "params": request.GET,
    }
    if wanted.request is None or page_form.errors:
        context["errors"] = parameter_errors(page_form) + wanted.messages
        context["reset_url"] = reverse("search")
        return render(request, "web/search.html", context, status=400)

    search_request = wanted.request
    results = search_provisions(search_request)
    filters = search_request.filters
    labels = FacetLabels.load(document_slugs=documents_in_view(facets=results.facets, filters=filters))
    context.update(
        query=search_request.query,
        order=search_request.effective_order,
        results=results,
        active=active_filters(params=request.GET, labels=labels),
        without_filters_url=without_filters(request.GET),
    )
    if number > results.num_pages:
        context["page_missing"] = number
        return render(request, "web/search.html", context, status=404)
    hits = results.provisions()
    chapeaux = chapeaux_of(hits)
    operations = operations_named_by([hit.pk for hit in hits])
    for hit in hits:
        hit.chapeau = chapeaux.get(hit.pk)
        hit.operations = operations.get(hit.pk, [])
    # Which operations the found passages name: a facet only a query's results have.
    named_operations = (
        operation_facet(matching_provision_ids(search_request).ids) if search_request.query else []
    )
    version = str(dataset_version())
    list_url = request.build_absolute_uri(reverse("search") + query_with(request.GET))
    context.update(
        hits=hits,
        named_documents=documents_named(search_request),
        list_citation=list_citation(
            query=search_request.query,
            filters=filters,
            total=results.total,
            url=list_url,
            version=version,
            accessed=timezone.localdate(),
        ),
        facets=facet_groups(facets=results.facets, params=request.GET, filters=filters, labels=labels),
        operation_facet=named_operations,
        pagination=pagination(params=request.GET, number=number, num_pages=results.num_pages),
        first_index=(number - 1) * PAGE_SIZE + 1,
        export_query=query_with(request.GET)[1:],
        suggestion_url=query_with(request.GET, replace={"q": results.suggestion or ""}),
    )
    return render(request, "web/search.html", context)
