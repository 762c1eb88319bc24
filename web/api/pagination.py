"""Page-number pagination with a bounded page size, validated strictly (``page=0`` is a 400)."""

from dataclasses import dataclass

from django.http import QueryDict
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from search.query import MAX_PAGE_SIZE
from web.api.errors import InvalidQueryParameters

DEFAULT_PAGE_SIZE = 20
# Deep pages cost the database a long scan; the bulk downloads are the way to take everything.
MAX_PAGE = 10_000
PAGE_PARAMETERS = ("page", "page_size")


@dataclass(frozen=True)
class PageRequest:
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


def _bounded_int(raw: str, *, minimum: int, maximum: int) -> int:
    try:
        value = int(raw.strip())
    except ValueError:
        raise ValueError("Enter a whole number.") from None
    if not minimum <= value <= maximum:
        raise ValueError(f"Enter a whole number from {minimum} to {maximum}.")
    return value


def parse_page_request(params: QueryDict) -> PageRequest:
    """The page asked for by ``page`` and ``page_size``; raises ``InvalidQueryParameters``."""
    errors: dict[str, list[str]] = {}
    values = {"page": 1, "page_size": DEFAULT_PAGE_SIZE}
    bounds = {"page": MAX_PAGE, "page_size": MAX_PAGE_SIZE}
    for name in PAGE_PARAMETERS:
        if name in params:
            try:
                values[name] = _bounded_int(params[name], minimum=1, maximum=bounds[name])
            except ValueError as exc:
                errors[name] = [str(exc)]
    if errors:
        raise InvalidQueryParameters(errors)
    return PageRequest(**values)


def page_schema_parameters() -> list[dict]:
    """OpenAPI descriptions of ``page`` and ``page_size``, shared by every paginated endpoint."""
    return [
        {
            "name": "page",
            "required": False,
            "in": "query",
            "description": (
                f"Page number, from 1 to {MAX_PAGE}. A page past the last one answers an empty list."
            ),
            "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1},
        },
        {
            "name": "page_size",
            "required": False,
            "in": "query",
            "description": f"Results per page, from 1 to {MAX_PAGE_SIZE}.",
            "schema": {
                "type": "integer",
                "minimum": 1,
                "maximum": MAX_PAGE_SIZE,
                "default": DEFAULT_PAGE_SIZE,
            },
        },
    ]


class BoundedPagination(BasePagination):
    """``{"count", "next", "previous", "results"}``; a page past the end is empty, not an error."""

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.page_request = parse_page_request(request.query_params)
        self.count = queryset.count()
        start = self.page_request.offset
        if start >= self.count:
            return []
        return list(queryset[start : start + self.page_request.page_size])

    def get_paginated_response(self, data):
        return Response(
            {
                "count": self.count,
                "next": self._next_link(),
                "previous": self._previous_link(),
                "results": data,
            }
        )

    def _next_link(self) -> str | None:
        page = self.page_request
        if page.offset + page.page_size >= self.count:
            return None
        return replace_query_param(self.request.build_absolute_uri(), "page", page.page + 1)

    def _previous_link(self) -> str | None:
        page = self.page_request
        if page.page == 1:
            return None
        url = self.request.build_absolute_uri()
        last_page = max(1, -(-self.count // page.page_size))
        previous = min(page.page - 1, last_page)
        return (
            remove_query_param(url, "page") if previous == 1 else replace_query_param(url, "page", previous)
        )

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["count", "next", "previous", "results"],
            "properties": {
                "count": {"type": "integer", "description": "Number of results on all pages."},
                "next": {"type": "string", "format": "uri", "nullable": True},
                "previous": {"type": "string", "format": "uri", "nullable": True},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return page_schema_parameters()
