"""A search as its URL states it, read once for the search page, the API and the exports.

``q``, ``order`` and the filters become one ``SearchRequest``; each problem becomes messages
keyed by the parameter's name, which a page lists in its 400 answer and the API returns as
its errors. Defaults and limits (the default order, the longest query) are the request's own.
"""

from dataclasses import dataclass

from django import forms
from django.http import QueryDict

from commitments.models import Provision
from search import SearchRequest
from web.filters import ProvisionFilterSet
from web.forms import SearchForm
from web.views.params import parameter_errors


@dataclass
class SearchParameters:
    request: SearchRequest | None  # None when a parameter is wrong
    errors: dict[str, list[str]]  # parameter name → what is wrong with it
    messages: list[str]  # the same, as a page lists them: "year_from (Year from): Enter a whole number."
    form: SearchForm
    filter_form: forms.Form


def read_search(
    params: QueryDict,
    *,
    page: int = 1,
    page_size: int = 20,
    with_facets: bool = False,
    with_snippets: bool = False,
    with_suggestion: bool = False,
) -> SearchParameters:
    """The search ``params`` describe, for the page ``page`` of ``page_size`` hits."""
    form = SearchForm(params)
    filterset = ProvisionFilterSet(params, queryset=Provision.objects.none())
    valid = form.is_valid()
    valid = filterset.is_valid() and valid
    errors = {name: list(messages) for name, messages in [*form.errors.items(), *filterset.errors.items()]}
    request = None
    if valid:
        request = SearchRequest(
            query=form.cleaned_data["q"],
            filters=filterset.search_filters(),
            order=form.cleaned_data["order"],
            page=page,
            page_size=page_size,
            with_facets=with_facets,
            with_snippets=with_snippets,
            with_suggestion=with_suggestion,
        )
    return SearchParameters(
        request=request,
        errors=errors,
        messages=parameter_errors(form, filterset.form),
        form=form,
        filter_form=filterset.form,
    )
