"""Atom feeds of a search or filtered list of provisions (the parameters of /search/) and of
new documents (the parameters of /documents/)."""

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from web.feeds import (
    AUTHOR,
    documents_feed,
    newest_documents,
    newest_provisions,
    provisions_feed,
)
from web.filters import DocumentFilterSet
from web.search_citation import describe_search
from web.search_params import read_search
from web.selectors import documents_for_list
from web.views.params import parameter_errors

CONTENT_TYPE = "application/atom+xml; charset=utf-8"


def provisions_atom(request: HttpRequest) -> HttpResponse:
    wanted = read_search(request.GET)
    if wanted.request is None:
        return _bad_request(wanted.messages)
    described = describe_search(query=wanted.request.query, filters=wanted.request.filters)
    feed = provisions_feed(
        newest_provisions(wanted.request),
        title=f"{AUTHOR}: new provisions{' — ' + described if described else ''}",
        page_url=_page_url(request, "search"),
        feed_url=request.build_absolute_uri(),
        absolute=request.build_absolute_uri,
    )
    return _atom(feed)


def documents_atom(request: HttpRequest) -> HttpResponse:
    filterset = DocumentFilterSet(request.GET, queryset=documents_for_list())
    if not filterset.is_valid():
        return _bad_request(parameter_errors(filterset.form))
    feed = documents_feed(
        newest_documents(filterset.qs),
        title=f"{AUTHOR}: new documents",
        page_url=_page_url(request, "document-list"),
        feed_url=request.build_absolute_uri(),
        absolute=request.build_absolute_uri,
    )
    return _atom(feed)


def _page_url(request: HttpRequest, name: str) -> str:
    """The page whose list the feed follows, with the same parameters."""
    query = request.GET.urlencode()
    return request.build_absolute_uri(reverse(name) + (f"?{query}" if query else ""))


def _atom(feed) -> HttpResponse:
    response = HttpResponse(feed.writeString("utf-8"), content_type=CONTENT_TYPE)
    response["Cache-Control"] = "max-age=300"
    return response


def _bad_request(errors: list[str]) -> HttpResponse:
    body = "This feed's address has parameters it cannot use:\n" + "\n".join(f"- {e}" for e in errors) + "\n"
    return HttpResponse(body, status=400, content_type="text/plain; charset=utf-8")
