"""``/api/search/``: the search layer's answer, with the same filters as the search page."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.response import Response

from commitments.models import Provision
from documents.models import PublicationStatus
from search import SearchRequest, search_provisions
from search.query import MAX_QUERY_LENGTH
from web.api.errors import InvalidQueryParameters
from web.api.pagination import PAGE_PARAMETERS, page_schema_parameters, parse_page_request
from web.api.schema import StrictFilterBackend
from web.api.serializers import SEARCH_FACETS, SearchResponseSerializer, SearchResultSerializer
from web.api.views import ApiView
from web.filters import ProvisionFilterSet

ORDERS = ("relevance", "date", "-date")

QUERY_DESCRIPTION = (
    'Search words. Words are ANDed; "quoted phrases" match as written; OR between terms; '
    "-word or NOT word excludes; a symbol such as MC.DEC/5/09 (any case) finds that document. "
    f"At most {MAX_QUERY_LENGTH} characters. Empty: every provision that passes the filters."
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
            {"type": "string", "maxLength": MAX_QUERY_LENGTH},
            OpenApiParameter.QUERY,
            description=QUERY_DESCRIPTION,
        ),
        OpenApiParameter(
            "order",
            {"type": "string", "enum": list(ORDERS), "default": "relevance"},
            OpenApiParameter.QUERY,
            description="relevance (best first), date (oldest first) or -date (newest first).",
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
        filterset = ProvisionFilterSet(params, queryset=self.get_queryset())
        errors.update({name: list(messages) for name, messages in filterset.errors.items()})
        query = params.get("q", "")
        if len(query) > MAX_QUERY_LENGTH:
            errors["q"] = [f"Ensure this value has at most {MAX_QUERY_LENGTH} characters."]
        order = params.get("order", "relevance")
        if order not in ORDERS:
            errors["order"] = [f"Choose one of: {', '.join(ORDERS)}."]
        if errors:
            raise InvalidQueryParameters(errors)

        results = search_provisions(
            SearchRequest(
                query=query,
                filters=filterset.search_filters(),
                order=order,
                page=page.page,
                page_size=page.page_size,
            )
        )
        # The index is a cache: never let a stale entry show an unpublished document.
        provisions = [p for p in results.provisions() if p.document.status == PublicationStatus.PUBLISHED]
        context = self.get_serializer_context()
        return Response(
            {
                "count": results.total,
                "results": SearchResultSerializer(provisions, many=True, context=context).data,
                "facets": {name: results.facets.get(name, {}) for name in SEARCH_FACETS},
                "suggestion": results.suggestion,
            }
        )
