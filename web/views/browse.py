"""Browsing by migration category and by dimension: a page for each, filterable by year."""

from dataclasses import replace

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from commitments.models import Dimension, MigrationCategory, Provision
from web.filters import ProvisionFilterSet
from web.forms import PageForm
from web.querystring import query_with
from web.selectors import provisions_matching
from web.statistics import categories_with_counts, dimensions_with_counts
from web.views.paging import pagination
from web.views.params import parameter_errors

PAGE_SIZE = 30


def category_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "web/taxon_list.html",
        {"section": "categories", "title": "Migration categories", "taxa": categories_with_counts()},
    )


def dimension_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "web/taxon_list.html",
        {"section": "dimensions", "title": "Dimensions of security", "taxa": dimensions_with_counts()},
    )


def category_detail(request: HttpRequest, slug: str) -> HttpResponse:
    category = get_object_or_404(MigrationCategory, slug=slug)
    return _taxon_page(request, taxon=category, param="category", section="categories")


def dimension_detail(request: HttpRequest, slug: str) -> HttpResponse:
    dimension = get_object_or_404(Dimension, slug=slug)
    return _taxon_page(request, taxon=dimension, param="dimension", section="dimensions")


def _taxon_page(request: HttpRequest, *, taxon, param: str, section: str) -> HttpResponse:
    filterset = ProvisionFilterSet(request.GET, queryset=Provision.objects.none())
    page_form = PageForm(request.GET)
    context = {
        "section": section,
        "taxon": taxon,
        "param": param,
        "filter_form": filterset.form,
        "params": request.GET,
        "list_query": query_with(request.GET, replace={param: taxon.slug})[1:],
    }
    valid = page_form.is_valid()
    if not (filterset.is_valid() and valid):
        context["errors"] = parameter_errors(page_form, filterset.form)
        context["reset_url"] = taxon.get_absolute_url()
        return render(request, "web/taxon_detail.html", context, status=400)
    filters = filterset.search_filters()
    filters = (
        replace(filters, categories=(taxon.slug,))
        if param == "category"
        else replace(filters, dimensions=(taxon.slug,))
    )
    paginator = Paginator(provisions_matching(filters=filters), PAGE_SIZE)
    number = page_form.page_number()
    context["total"] = paginator.count
    if number > paginator.num_pages:
        context["page_missing"] = number
        context["num_pages"] = paginator.num_pages
        return render(request, "web/taxon_detail.html", context, status=404)
    context.update(
        provisions=paginator.page(number).object_list,
        pagination=pagination(params=request.GET, number=number, num_pages=paginator.num_pages),
        first_index=(number - 1) * PAGE_SIZE + 1,
    )
    return render(request, "web/taxon_detail.html", context)
