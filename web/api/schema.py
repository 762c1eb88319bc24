"""OpenAPI details the generator cannot infer: error answers, year bounds, taxonomy slugs."""

from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.openapi import AutoSchema

from commitments.models import Dimension, MigrationCategory
from commitments.taxonomy import DIMENSIONS, MIGRATION_CATEGORIES
from web.api.errors import InvalidQueryParameters
from web.filters import MAX_YEAR, MIN_YEAR, YearFilter

_TAXONOMY_SLUGS = {
    Dimension: [d["slug"] for d in DIMENSIONS],
    MigrationCategory: [c["slug"] for c in MIGRATION_CATEGORIES],
}


ERROR_ANSWERS = {
    "400": "A query parameter is unknown or malformed; errors names each one.",
    "404": "No such object among the published ones.",
    "429": "Too many requests from this address; the Retry-After header says when to try again.",
}


class ApiAutoSchema(AutoSchema):
    """Every operation also documents its 400, 404 and 429 answers, all with an error body."""

    def _get_response_bodies(self, direction="response"):
        from web.api.serializers import ErrorSerializer

        responses = super()._get_response_bodies(direction)
        for code, description in ERROR_ANSWERS.items():
            answer = self._get_response_for_code(ErrorSerializer, code, direction=direction)
            responses.setdefault(code, {**answer, "description": description})
        return responses


class StrictFilterBackend(DjangoFilterBackend):
    """django-filter's backend, answering invalid filters in the API's error shape."""

    def filter_queryset(self, request, queryset, view):
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return queryset
        if not filterset.is_valid():
            raise InvalidQueryParameters({name: list(errors) for name, errors in filterset.errors.items()})
        return filterset.qs


class StrictFilterExtension(DjangoFilterExtension):
    """Years as bounded integers and taxonomy filters with their slugs listed."""

    target_class = "web.api.schema.StrictFilterBackend"
    priority = 1

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field):
        parameters = super().resolve_filter_field(
            auto_schema, model, filterset_class, field_name, filter_field
        )
        for parameter in parameters:
            schema = parameter["schema"]
            if isinstance(filter_field, YearFilter):
                schema.clear()
                schema.update(type="integer", minimum=MIN_YEAR, maximum=MAX_YEAR)
            queryset = getattr(filter_field, "queryset", None)
            slugs = _TAXONOMY_SLUGS.get(queryset.model) if queryset is not None else None
            if slugs and schema.get("type") == "array":
                schema["items"] = {"type": "string", "enum": slugs}
        return parameters

    def _get_schema_from_model_field(self, auto_schema, filter_field, model):
        # A choice among objects by one of their fields has that field's type, whatever the
        # filter's own field name (which a filter with a method does not need to be).
        queryset = getattr(filter_field, "queryset", None)
        to_field_name = filter_field.extra.get("to_field_name")
        if queryset is not None and to_field_name:
            return auto_schema._map_model_field(queryset.model._meta.get_field(to_field_name), direction=None)
        return super()._get_schema_from_model_field(auto_schema, filter_field, model)
