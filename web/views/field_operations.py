"""The field operations: the list (by host country and field of work) and an operation's page."""

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from field_operations.models import FieldOperation
from search import matching_provision_ids
from web.field_operations import (
    country_choices,
    field_of_work_choices,
    operation_page,
    operations_for_list,
    passages_about,
)
from web.search_params import read_search
from web.views.params import parameter_errors


class OperationFilterForm(forms.Form):
    country = forms.CharField(max_length=100, required=False)
    field = forms.SlugField(max_length=100, required=False, label="Field of work")


def operation_list(request: HttpRequest) -> HttpResponse:
    form = OperationFilterForm(request.GET)
    context = {
        "section": "operations",
        "form": form,
        "countries": country_choices(),
        "fields_of_work": field_of_work_choices(),
        "params": request.GET,
    }
    if not form.is_valid():
        context["errors"] = parameter_errors(form)
        context["reset_url"] = reverse("operation-list")
        return render(request, "web/operation_list.html", context, status=400)
    context["operations"] = operations_for_list(
        country=form.cleaned_data["country"], field_of_work=form.cleaned_data["field"]
    )
    return render(request, "web/operation_list.html", context)


def operation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    operation = get_object_or_404(FieldOperation, slug=slug)
    context = {"section": "operations", "page": operation_page(operation=operation)}
    query = request.GET.get("q", "").strip()
    if query:
        # From the search page's facet: the passages about the operation the search finds.
        wanted = read_search(request.GET, page=1, page_size=1)
        if wanted.request is not None:
            ids = matching_provision_ids(wanted.request).ids
            context.update(query=query, matching=passages_about(operation, provision_ids=ids))
    return render(request, "web/operation_detail.html", context)
