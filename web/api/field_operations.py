"""Field operations in the API: the list (``country``, ``field``) and one operation, with
every value's sources, the conflicts between them, what it issued and the passages naming it."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers

from documents.models import PublicationStatus
from field_operations.claims import conflicts_of
from field_operations.models import FieldOperation, MentionRole, OperationMention
from web.api.serializers import ApiUrlField, WebUrlField
from web.api.views import SLUG, ApiDetailView, ApiListView, _path_parameter
from web.field_operations import operations_for_list, passages_about


class FieldOperationSerializer(serializers.ModelSerializer):
    url = WebUrlField()
    api_url = ApiUrlField("api-operation-detail", lookup="slug")
    established = serializers.SerializerMethodField(help_text="Truncated ISO 8601, or null when unknown.")
    fields_of_work = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")
    aliases = serializers.SerializerMethodField()
    mandate_document = serializers.SerializerMethodField(help_text="URL of the mandate's page, or null.")

    class Meta:
        model = FieldOperation
        fields = [
            "slug", "name", "host_country", "established", "status", "summary", "fields_of_work",
            "aliases", "mandate_document", "url", "api_url",
        ]  # fmt: skip

    def get_established(self, operation) -> str | None:
        partial = operation.partial_established
        return partial.iso() if partial else None

    def get_aliases(self, operation) -> list[str]:
        return [alias.name for alias in operation.aliases.all()]

    def get_mandate_document(self, operation) -> str | None:
        document = operation.mandate_document
        if document is None or document.status != PublicationStatus.PUBLISHED:
            return None
        return self.context["request"].build_absolute_uri(document.get_absolute_url())


class FieldOperationDetailSerializer(FieldOperationSerializer):
    claims = serializers.SerializerMethodField(help_text="Every value with its source.")
    conflicts = serializers.SerializerMethodField(help_text="Fields whose sources disagree.")
    issued = serializers.SerializerMethodField(help_text="Published documents the operation issued.")
    passages = serializers.SerializerMethodField(help_text="Published passages that name the operation.")

    class Meta(FieldOperationSerializer.Meta):
        fields = [*FieldOperationSerializer.Meta.fields, "claims", "conflicts", "issued", "passages"]

    def _url(self, obj) -> str:
        return self.context["request"].build_absolute_uri(obj.get_absolute_url())

    def get_claims(self, operation) -> list[dict]:
        return [
            {"field": c.field, "value": c.value, "source": c.source_label(), "basis": c.basis}
            for c in operation.claims.select_related("source_document")
            if c.counts()
        ]

    def get_conflicts(self, operation) -> list[dict]:
        return [
            {"field": c.field, "values": [{"value": v.value, "sources": v.sources()} for v in c.values]}
            for c in conflicts_of(operation)
        ]

    def get_issued(self, operation) -> list[dict]:
        mentions = OperationMention.objects.published().filter(operation=operation, role=MentionRole.ISSUED)
        return [
            {"citation": m.document.citation(), "url": self._url(m.document)}
            for m in mentions.select_related("document")
        ]

    def get_passages(self, operation) -> list[dict]:
        return [
            {"citation": p.citation(), "label": p.label, "url": self._url(p)}
            for group in passages_about(operation)
            for p in group.provisions
        ]


@extend_schema(
    parameters=[
        OpenApiParameter("country", str, description="Host country, e.g. Serbia."),
        OpenApiParameter("field", str, description="Field of work by slug, e.g. migration."),
    ]
)
class FieldOperationList(ApiListView):
    """The OSCE field operations the sources name."""

    serializer_class = FieldOperationSerializer
    extra_parameters = ("country", "field")

    def get_queryset(self):
        params = self.request.query_params
        operations = operations_for_list(
            country=params.get("country", "")[:100], field_of_work=params.get("field", "")[:100]
        )
        return operations.select_related("mandate_document").prefetch_related("aliases")


@_path_parameter("slug", SLUG, "The operation's slug, e.g. mission-to-skopje.")
class FieldOperationDetail(ApiDetailView):
    serializer_class = FieldOperationDetailSerializer
    queryset = FieldOperation.objects.select_related("mandate_document").prefetch_related(
        "aliases", "fields_of_work"
    )
    lookup_field = "slug"
