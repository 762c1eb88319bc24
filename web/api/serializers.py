"""How documents, provisions, the taxonomy and relations look in the API.

``url`` is always the permanent, citable web page of the object; ``api_url`` its API resource.
Dates are ISO 8601 cut to what is known: ``1975``, ``1995-12`` or ``2005-12-06``.
"""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from commitments.models import Dimension, MigrationCategory, Provision, Relation
from documents.conflicts import conflicts_of, counts
from documents.models import Document, MetadataClaim, PublicationStatus

# The facets the search answer carries, of those every backend computes.
SEARCH_FACETS = ("dimension", "category", "year", "kind")


def _absolute(serializer: serializers.Serializer, path: str) -> str:
    request = serializer.context.get("request")
    return request.build_absolute_uri(path) if request is not None else path


class WebUrlField(serializers.Field):
    """The absolute URL of the object's public page."""

    def __init__(self, **kwargs):
        kwargs.update(source="*", read_only=True)
        kwargs.setdefault("help_text", "Permanent URL of the public page.")
        super().__init__(**kwargs)

    def to_representation(self, value) -> str:
        return _absolute(self.parent, value.get_absolute_url())


class ApiUrlField(serializers.Field):
    """The absolute URL of the object's API resource, by name and primary key."""

    def __init__(self, view_name: str, lookup: str = "pk", **kwargs):
        self.view_name, self.lookup = view_name, lookup
        kwargs.update(source="*", read_only=True)
        kwargs.setdefault("help_text", "URL of this object in the API.")
        super().__init__(**kwargs)

    def to_representation(self, value) -> str:
        return _absolute(self.parent, reverse(self.view_name, args=[getattr(value, self.lookup)]))


extend_schema_field(OpenApiTypes.URI)(WebUrlField)
extend_schema_field(OpenApiTypes.URI)(ApiUrlField)


class PartialDateField(serializers.Field):
    """A document's date as truncated ISO 8601, or null when unknown."""

    def __init__(self, **kwargs):
        kwargs.update(source="*", read_only=True)
        kwargs.setdefault(
            "help_text",
            "Date of adoption as far as it is known: 1975, 1995-12 or 2005-12-06; null if unknown.",
        )
        super().__init__(**kwargs)

    def to_representation(self, value) -> str | None:
        partial = value.partial_date
        return partial.iso() if partial else None


extend_schema_field({"type": "string", "nullable": True, "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"})(
    PartialDateField
)


class DimensionSerializer(serializers.ModelSerializer):
    url = WebUrlField()
    api_url = ApiUrlField("api-dimension-detail", lookup="slug")
    provision_count = serializers.IntegerField(
        read_only=True, help_text="Published provisions tagged with it."
    )

    class Meta:
        model = Dimension
        fields = ["slug", "name", "position", "description", "provision_count", "url", "api_url"]


class CategorySerializer(serializers.ModelSerializer):
    url = WebUrlField()
    api_url = ApiUrlField("api-category-detail", lookup="slug")
    provision_count = serializers.IntegerField(
        read_only=True, help_text="Published provisions tagged with it."
    )

    class Meta:
        model = MigrationCategory
        fields = [
            "slug",
            "name",
            "position",
            "study_section",
            "description",
            "provision_count",
            "url",
            "api_url",
        ]


class DocumentRefSerializer(serializers.ModelSerializer):
    """A document as other objects point to it."""

    date = PartialDateField()
    year = serializers.IntegerField(read_only=True, allow_null=True, help_text="Year of adoption.")
    url = WebUrlField()
    api_url = ApiUrlField("api-document-detail")

    class Meta:
        model = Document
        fields = ["id", "symbol", "slug", "title", "kind", "date", "year", "url", "api_url"]


class ProvisionRefSerializer(serializers.ModelSerializer):
    """A provision as a relation points to it."""

    url = WebUrlField()
    api_url = ApiUrlField("api-provision-detail")

    class Meta:
        model = Provision
        fields = ["id", "label", "url", "api_url"]


class _ProvisionFieldsMixin(serializers.ModelSerializer):
    url = WebUrlField()
    api_url = ApiUrlField("api-provision-detail")
    dimensions = serializers.SlugRelatedField(
        slug_field="slug", many=True, read_only=True, help_text="Slugs of its dimensions of security."
    )
    categories = serializers.SlugRelatedField(
        slug_field="slug", many=True, read_only=True, help_text="Slugs of its migration categories."
    )
    citation = serializers.CharField(
        read_only=True,
        help_text="How to cite it, e.g. OSCE, MC.DOC/2/05, … (Ljubljana, 6 December 2005), para. 4.5.",
    )
    quoted_in = serializers.SerializerMethodField(
        help_text="For a quotation: slug of the source that quotes it."
    )

    @extend_schema_field({"type": "string", "nullable": True})
    def get_quoted_in(self, provision: Provision) -> str | None:
        source = provision.quoted_in
        return source.slug if source is not None and source.status == PublicationStatus.PUBLISHED else None


PROVISION_FIELDS = [
    "id",
    "position",
    "label",
    "heading",
    "text",
    "is_commitment",
    "is_preamble",
    "origin",
    "quoted_in",
    "quoted_locator",
    "dimensions",
    "categories",
    "citation",
    "url",
    "api_url",
]


class ProvisionInDocumentSerializer(_ProvisionFieldsMixin):
    class Meta:
        model = Provision
        fields = PROVISION_FIELDS


class ProvisionSerializer(_ProvisionFieldsMixin):
    document = DocumentRefSerializer(read_only=True)

    class Meta:
        model = Provision
        fields = ["id", "document", *PROVISION_FIELDS[1:]]


class ClaimSerializer(serializers.ModelSerializer):
    """One source's statement of one metadata value: the provenance of the document's metadata."""

    source = serializers.SerializerMethodField(
        help_text="Slug of the document whose text states the value; null for the document's own text."
    )

    class Meta:
        model = MetadataClaim
        fields = ["field", "value", "source", "source_locator"]

    @extend_schema_field({"type": "string", "nullable": True})
    def get_source(self, claim: MetadataClaim) -> str | None:
        return claim.source_document.slug if claim.source_document_id else None


class ClaimedValueSerializer(serializers.Serializer):
    value = serializers.CharField(read_only=True, help_text="As the sources state it (dates as ISO).")
    claims = ClaimSerializer(many=True, read_only=True, help_text="Who states it.")


class DecisionSerializer(serializers.Serializer):
    value = serializers.CharField(read_only=True)
    basis = serializers.CharField(source="note", read_only=True, help_text="Why the curator chose it.")


class ConflictSerializer(serializers.Serializer):
    """A field on which the published sources disagree (a date refining another agrees with it)."""

    field = serializers.CharField(read_only=True)
    values = ClaimedValueSerializer(many=True, read_only=True)
    decision = DecisionSerializer(read_only=True, allow_null=True, help_text="Null while undecided.")


class AttachmentSerializer(serializers.Serializer):
    title = serializers.CharField(read_only=True)
    text = serializers.CharField(read_only=True)


class DocumentSerializer(serializers.ModelSerializer):
    date = PartialDateField()
    year = serializers.IntegerField(read_only=True, allow_null=True, help_text="Year of adoption.")
    citation = serializers.CharField(read_only=True, help_text="How to cite the document.")
    provision_count = serializers.IntegerField(read_only=True, help_text="Number of its provisions.")
    fields_of_work = serializers.SlugRelatedField(
        slug_field="name", many=True, read_only=True, help_text="OSCE fields of work it is filed under."
    )
    url = WebUrlField()
    api_url = ApiUrlField("api-document-detail")

    class Meta:
        model = Document
        fields = [
            "id",
            "symbol",
            "slug",
            "title",
            "kind",
            "body",
            "place",
            "date",
            "date_precision",
            "year",
            "language",
            "summary",
            "source_url",
            "fields_of_work",
            "citation",
            "provision_count",
            "url",
            "api_url",
        ]


class DocumentDetailSerializer(DocumentSerializer):
    provisions = ProvisionInDocumentSerializer(
        many=True, read_only=True, help_text="Its provisions, in order."
    )
    attachments = AttachmentSerializer(many=True, read_only=True, help_text="Text that is not a provision.")
    claims = serializers.SerializerMethodField(help_text="What each source states about its metadata.")
    conflicts = serializers.SerializerMethodField(
        help_text="Fields on which the sources disagree, each value with who states it, and the decision."
    )

    class Meta(DocumentSerializer.Meta):
        fields = [
            *DocumentSerializer.Meta.fields,
            "full_text",
            "provisions",
            "attachments",
            "claims",
            "conflicts",
        ]

    @extend_schema_field(ClaimSerializer(many=True))
    def get_claims(self, document: Document) -> list[dict]:
        # A claim made by a document that is not published would reveal it: leave it out.
        claims = [claim for claim in document.claims.all() if counts(claim)]
        return ClaimSerializer(claims, many=True, context=self.context).data

    @extend_schema_field(ConflictSerializer(many=True))
    def get_conflicts(self, document: Document) -> list[dict]:
        conflicts = conflicts_of(document, include_decided=True)
        return ConflictSerializer(conflicts, many=True, context=self.context).data


class RelationEndSerializer(serializers.Serializer):
    document = DocumentRefSerializer(read_only=True)
    provision = ProvisionRefSerializer(
        read_only=True, allow_null=True, help_text="Null when the whole document."
    )


class RelationSerializer(serializers.ModelSerializer):
    source = serializers.SerializerMethodField(help_text="The document (and provision) that makes the link.")
    target = serializers.SerializerMethodField(help_text="The document (and provision) linked to.")
    api_url = ApiUrlField("api-relation-detail")
    stated_in = serializers.SerializerMethodField(
        help_text="Slug of the document that states the link when neither end does; null otherwise."
    )

    class Meta:
        model = Relation
        fields = [
            "id",
            "kind",
            "source",
            "target",
            "evidence",
            "api_url",
            "target_locator",
            "stated_in",
            "origin",
        ]
        extra_kwargs = {
            "target_locator": {"help_text": "The part of the target named: paragraph 35."},
            "origin": {"help_text": "citation (a footnote), text (read from the source's text) or curator."},
        }

    @extend_schema_field({"type": "string", "nullable": True})
    def get_stated_in(self, relation: Relation) -> str | None:
        return relation.stated_in.slug if relation.stated_in_id else None

    @extend_schema_field(RelationEndSerializer)
    def get_source(self, relation: Relation) -> dict:
        end = {"document": relation.source_document, "provision": relation.source_provision}
        return RelationEndSerializer(end, context=self.context).data

    @extend_schema_field(RelationEndSerializer)
    def get_target(self, relation: Relation) -> dict:
        end = {"document": relation.target_document, "provision": relation.target_provision}
        return RelationEndSerializer(end, context=self.context).data


class SearchDocumentSerializer(serializers.Serializer):
    symbol = serializers.CharField(read_only=True, help_text="OSCE symbol; empty when it has none.")
    title = serializers.CharField(read_only=True)
    kind = serializers.CharField(read_only=True)
    date = PartialDateField()
    year = serializers.IntegerField(read_only=True, allow_null=True)


# A hit carries at most this much of its provision's text, so that one huge provision
# cannot make every answer that finds it huge; its own endpoint has the whole text.
MAX_HIT_TEXT = 20_000


class _HitText(serializers.CharField):
    def to_representation(self, value):
        return super().to_representation(value[:MAX_HIT_TEXT])


class SearchResultSerializer(serializers.ModelSerializer):
    """One matching provision."""

    url = WebUrlField()
    document = SearchDocumentSerializer(read_only=True)
    text = _HitText(
        read_only=True,
        help_text=f"The provision's text: its first {MAX_HIT_TEXT:,} characters at most (text_truncated).",
    )
    highlight = serializers.CharField(
        read_only=True, help_text="Safe HTML: an escaped snippet with <mark> around the matches."
    )
    dimensions = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    categories = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    text_truncated = serializers.SerializerMethodField(
        help_text="Whether text was cut; the provision's own endpoint (its id) has all of it."
    )

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_text_truncated(self, provision: Provision) -> bool:
        return len(provision.text) > MAX_HIT_TEXT

    class Meta:
        model = Provision
        fields = [
            "id",
            "url",
            "document",
            "label",
            "heading",
            "text",
            "highlight",
            "dimensions",
            "categories",
            "text_truncated",
        ]


_COUNTS = {"type": "object", "additionalProperties": {"type": "integer"}}


@extend_schema_field(
    {
        "type": "object",
        "description": "Over all matches: how many fall in each dimension, category, year and kind.",
        "required": list(SEARCH_FACETS),
        "properties": dict.fromkeys(SEARCH_FACETS, _COUNTS),
    }
)
class FacetsField(serializers.DictField):
    pass


class SearchResponseSerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text="Number of matching provisions on all pages.")
    results = SearchResultSerializer(many=True, help_text="The page asked for, best match first.")
    facets = FacetsField()
    suggestion = serializers.CharField(
        allow_null=True, help_text="A corrected query when this one finds little; else null."
    )
    notes = serializers.ListField(
        child=serializers.CharField(),
        help_text="How the query was read: cut to its first characters, words ignored, time limit reached.",
    )


class ErrorSerializer(serializers.Serializer):
    """The body of every error answer."""

    detail = serializers.CharField(help_text="What went wrong, in a sentence.")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="For a 400: each wrong parameter with what is wrong with it.",
    )
