"""``/api/search/``: the search layer's answer, with the same filters as the search page."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.response import Response

from commitments.models import Provision
from search import search_provisions
from search.query import MAX_QUERY_LENGTH, ORDERS
from web.api.errors import InvalidQueryParameters
from web.api.pagination import PAGE_PARAMETERS, page_schema_parameters, parse_page_request
from web.api.schema import StrictFilterBackend
from web.api.serializers import SEARCH_FACETS, SearchResponseSerializer, SearchResultSerializer
from web.api.views import ApiView
from web.facets import FacetLabels, ordered_values
from web.filters import ProvisionFilterSet
from web.search_params import read_search

QUERY_DESCRIPTION = (
    'Search words. Words are ANDed; "quoted phrases" match as written; OR between terms; '
    "-word or NOT word excludes; a symbol such as MC.DEC/5/09 (any case) finds that document. "
    f"At most {MAX_QUERY_LENGTH} characters are searched: a longer query is cut, and notes says so. "
    "Empty: every provision that passes the filters."
)


def _page_parameters() -> list[OpenApiParameter]:
    return [
        OpenApiParameter(p["name"], p["schema"], OpenApiParameter.QUERY, description=p["description"])
        for p in page_schema_parameters()
    ]


@extend_schema(
    summary="Search provisions",
    filters=True,
    parameters=[
        OpenApiParameter(
            "q",
            {"type": "string"},
            OpenApiParameter.QUERY,
            description=QUERY_DESCRIPTION,
        ),
        OpenApiParameter(
            "order",
            {"type": "string", "enum": list(ORDERS)},
            OpenApiParameter.QUERY,
            description=(
                "relevance (best first), date (oldest first) or -date (newest first). "
                "Default: relevance when the query has words, otherwise -date."
            ),
        ),
        *_page_parameters(),
    ],
    responses=SearchResponseSerializer,
)
class SearchView(ApiView, generics.GenericAPIView):
    """Provisions matching a query and filters, with facet counts over all matches."""

    filterset_class = ProvisionFilterSet
    filter_backends = [StrictFilterBackend]
    queryset = Provision.objects.published()
    extra_parameters = ("q", "order", *PAGE_PARAMETERS)

    def get(self, request, format=None):
        params = request.query_params
        errors: dict[str, list[str]] = {}
        try:
            page = parse_page_request(params)
        except InvalidQueryParameters as exc:
            errors.update(exc.errors)
            page = None
        wanted = read_search(
            params,
            page=page.page if page else 1,
            page_size=page.page_size if page else 1,
            with_facets=True,
            with_snippets=True,
            with_suggestion=True,
        )
        errors.update(wanted.errors)
        if errors:
            raise InvalidQueryParameters(errors)

        results = search_provisions(wanted.request)
        labels = FacetLabels.load()
        context = self.get_serializer_context()
        return Response(
            {
                "count": results.total,
                "results": SearchResultSerializer(results.provisions(), many=True, context=context).data,
                "facets": {
                    name: dict(ordered_values(name, results.facets[name], labels)) for name in SEARCH_FACETS
                },
                "suggestion": results.suggestion,
                "notes": results.notes,
            }
        )
