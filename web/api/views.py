"""Read-only API views. Thin: check parameters, select published objects, serialize."""

from django.conf import settings
from django.db.models import Count, Prefetch
from django.http import Http404, JsonResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, generics
from rest_framework.authentication import SessionAuthentication
from rest_framework.mixins import ListModelMixin
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from commitments.models import Dimension, MigrationCategory, Provision, Relation, published_provision
from documents.models import Document, MetadataClaim
from documents.selectors import published_document_by_reference
from web.api import serializers
from web.api.errors import InvalidQueryParameters, api_exception_handler, check_query_parameters
from web.api.pagination import PAGE_PARAMETERS, BoundedPagination, parse_page_request
from web.api.schema import ApiAutoSchema, StrictFilterBackend
from web.api.throttling import AnonymousRateThrottle
from web.filters import DocumentFilterSet, ProvisionFilterSet, RelationFilterSet


class ApiView(APIView):
    """Shared behaviour: throttling, strict parameters, the API's error shape."""

    # A session from the site's login spares staff the anonymous limit; no password is ever
    # taken here, so the API cannot be used to guess one.
    authentication_classes = [SessionAuthentication]
    throttle_classes = [AnonymousRateThrottle]
    schema = ApiAutoSchema()
    extra_parameters: tuple[str, ...] = ()

    def get_exception_handler(self):
        return api_exception_handler

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        check_query_parameters(request.query_params, allowed=self.allowed_parameters())

    def allowed_parameters(self) -> set[str]:
        # "format" is DRF's own switch between JSON and the browsable HTML.
        allowed = {"format", *self.extra_parameters}
        filterset_class = getattr(self, "filterset_class", None)
        if filterset_class is not None:
            allowed |= set(filterset_class.base_filters)
        if isinstance(self, ListModelMixin):
            allowed |= set(PAGE_PARAMETERS)
        return allowed

    def throttled(self, request, wait):
        raise exceptions.Throttled(
            wait,
            detail=(
                f"Too many requests: clients without an account may make {settings.API_THROTTLE_ANON_RATE}. "
                "For the whole corpus, download the bulk data at /data/ instead."
            ),
        )


class ApiListView(ApiView, generics.ListAPIView):
    pagination_class = BoundedPagination
    filter_backends = [StrictFilterBackend]

    def filter_queryset(self, queryset):
        # Check the page too, so that one answer names every wrong parameter.
        errors: dict[str, list[str]] = {}
        try:
            parse_page_request(self.request.query_params)
        except InvalidQueryParameters as exc:
            errors.update(exc.errors)
        try:
            queryset = super().filter_queryset(queryset)
        except InvalidQueryParameters as exc:
            errors.update(exc.errors)
        if errors:
            raise InvalidQueryParameters(errors)
        return queryset


class ApiDetailView(ApiView, generics.RetrieveAPIView):
    pass


@extend_schema(exclude=True)
class ApiRootView(ApiView):
    """Where each collection of the API lives."""

    def get(self, request, format=None):
        names = [
            "documents",
            "provisions",
            "dimensions",
            "categories",
            "relations",
            "operations",
            "search",
            "schema",
            "docs",
        ]
        return Response({name: reverse(f"api-{name}", request=request) for name in names})


# What Django's slug path converter accepts; anything else never reaches a view.
SLUG = {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$"}


def unknown_endpoint(request, *args, **kwargs):
    return JsonResponse(
        {"detail": "No such API endpoint or object; the endpoints are listed at /api/."}, status=404
    )


def _path_parameter(name: str, kind, description: str):
    return extend_schema(
        parameters=[OpenApiParameter(name, kind, OpenApiParameter.PATH, description=description)]
    )


def _published_provisions():
    return Provision.objects.published().with_related().select_related("quoted_in")


def _tag_counts(queryset):
    return queryset.annotate(
        provision_count=Count("provisions", filter=published_provision("provisions__"), distinct=True)
    )


class DocumentList(ApiListView):
    """Published documents, oldest first."""

    serializer_class = serializers.DocumentSerializer
    filterset_class = DocumentFilterSet
    queryset = (
        Document.objects.published()
        .annotate(
            provision_count=Count("provisions", filter=published_provision("provisions__"), distinct=True)
        )
        .prefetch_related("fields_of_work")
        .order_by("date", "symbol", "id")
    )


@_path_parameter(
    "ref",
    OpenApiTypes.STR,
    "The document's id, its symbol in any case (mc.doc/2/05, slashes included) or its slug (mc-doc-2-05).",
)
class DocumentDetail(ApiDetailView):
    """One published document with its provisions in order, attachments and metadata provenance."""

    serializer_class = serializers.DocumentDetailSerializer

    def get_object(self):
        document = published_document_by_reference(self.kwargs["ref"])
        if document is None:
            raise Http404("No published document has this id, symbol or slug.")
        return (
            Document.objects.filter(pk=document.pk)
            .annotate(
                provision_count=Count("provisions", filter=published_provision("provisions__"), distinct=True)
            )
            .prefetch_related(
                Prefetch("provisions", queryset=_published_provisions().order_by("position", "id")),
                "attachments",
                "fields_of_work",
                Prefetch("claims", queryset=MetadataClaim.objects.select_related("source_document")),
                "field_decisions",
            )
            .get()
        )


class ProvisionList(ApiListView):
    """Provisions of published documents, in document and reading order."""

    serializer_class = serializers.ProvisionSerializer
    filterset_class = ProvisionFilterSet
    queryset = _published_provisions().order_by("document__date", "document_id", "position", "id")


@_path_parameter("id", OpenApiTypes.INT, "The provision's id, as in its permanent URL /provisions/<id>/.")
class ProvisionDetail(ApiDetailView):
    serializer_class = serializers.ProvisionSerializer
    queryset = _published_provisions()


class DimensionList(ApiListView):
    """The three dimensions of security."""

    serializer_class = serializers.DimensionSerializer
    queryset = _tag_counts(Dimension.objects.all()).order_by("position")


@_path_parameter("slug", SLUG, "The dimension's slug, e.g. human.")
class DimensionDetail(ApiDetailView):
    serializer_class = serializers.DimensionSerializer
    queryset = _tag_counts(Dimension.objects.all())
    lookup_field = "slug"


class CategoryList(ApiListView):
    """The five migration categories of the 2016 study."""

    serializer_class = serializers.CategorySerializer
    queryset = _tag_counts(MigrationCategory.objects.all()).order_by("position")


@_path_parameter("slug", SLUG, "The category's slug, e.g. forced.")
class CategoryDetail(ApiDetailView):
    serializer_class = serializers.CategorySerializer
    queryset = _tag_counts(MigrationCategory.objects.all())
    lookup_field = "slug"


def _published_relations():
    return Relation.objects.published().select_related(
        "source_document", "target_document", "source_provision", "target_provision", "stated_in"
    )


class RelationList(ApiListView):
    """Links between published documents: cites, reaffirms, recalls, builds on, annexes, supersedes."""

    serializer_class = serializers.RelationSerializer
    filterset_class = RelationFilterSet
    queryset = _published_relations().order_by("source_document__date", "source_document_id", "kind", "id")


@_path_parameter("id", OpenApiTypes.INT, "The relation's id.")
class RelationDetail(ApiDetailView):
    serializer_class = serializers.RelationSerializer
    queryset = _published_relations()
