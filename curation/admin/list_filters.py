"""Sidebar filters of the provision and suggestion lists: untagged, year, pending suggestions."""

from django.contrib import admin
from django.db.models import Exists, OuterRef
from django.db.models.functions import ExtractYear

from commitments.models import SuggestionStatus


class TaggingFilter(admin.SimpleListFilter):
    title = "tagging"
    parameter_name = "tagging"

    def lookups(self, request, model_admin):
        return [
            ("untagged", "No tags at all"),
            ("no-category", "No migration category"),
            ("no-dimension", "No dimension"),
            ("tagged", "Category and dimension"),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "untagged":
            return queryset.untagged()
        if value == "no-category":
            return queryset.filter(categories__isnull=True)
        if value == "no-dimension":
            return queryset.filter(dimensions__isnull=True)
        if value == "tagged":
            return queryset.filter(categories__isnull=False, dimensions__isnull=False).distinct()
        return queryset


class YearFilter(admin.SimpleListFilter):
    """The year of the provision's document, among the years that have provisions."""

    title = "year"
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = (
            model_admin.get_queryset(request)
            .exclude(document__date__isnull=True)
            .annotate(year=ExtractYear("document__date"))
            .values_list("year", flat=True)
            .distinct()
            .order_by("-year")
        )
        return [(str(year), str(year)) for year in years]

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        if not value.isdigit():
            return queryset.none()
        return queryset.filter(document__date__year=int(value))


class PendingSuggestionsFilter(admin.SimpleListFilter):
    title = "suggestions"
    parameter_name = "suggestions"

    def lookups(self, request, model_admin):
        return [("pending", "Has pending suggestions"), ("none", "No pending suggestions")]

    def queryset(self, request, queryset):
        pending = queryset.filter(tag_suggestions__status=SuggestionStatus.PENDING).values("pk")
        if self.value() == "pending":
            return queryset.filter(pk__in=pending)
        if self.value() == "none":
            return queryset.exclude(pk__in=pending)
        return queryset


class ConfidenceFilter(admin.SimpleListFilter):
    title = "confidence"
    parameter_name = "confidence"
    BANDS = {"high": (0.8, None), "medium": (0.65, 0.8), "low": (None, 0.65)}

    def lookups(self, request, model_admin):
        return [("high", "0.80 and above"), ("medium", "0.65 to 0.80"), ("low", "below 0.65")]

    def queryset(self, request, queryset):
        band = self.BANDS.get(self.value())
        if band is None:
            return queryset
        low, high = band
        if low is not None:
            queryset = queryset.filter(confidence__gte=low)
        if high is not None:
            queryset = queryset.filter(confidence__lt=high)
        return queryset


class TaxonomyFilter(admin.SimpleListFilter):
    title = "kind of tag"
    parameter_name = "taxonomy"

    def lookups(self, request, model_admin):
        return [("category", "Migration category"), ("dimension", "Dimension")]

    def queryset(self, request, queryset):
        if self.value() == "category":
            return queryset.filter(category__isnull=False)
        if self.value() == "dimension":
            return queryset.filter(dimension__isnull=False)
        return queryset


class TextFilter(admin.SimpleListFilter):
    """Documents by how much of their text is held."""

    title = "text held"
    parameter_name = "text"

    def lookups(self, request, model_admin):
        return [("full", "Full text"), ("quotations", "Only quotations"), ("none", "No text")]

    def queryset(self, request, queryset):
        from commitments.models import Provision, ProvisionOrigin

        provisions = Provision.objects.filter(document=OuterRef("pk"))
        own = provisions.exclude(origin=ProvisionOrigin.QUOTATION)
        if self.value() == "none":
            return queryset.filter(~Exists(provisions))
        if self.value() == "full":
            return queryset.filter(Exists(own))
        if self.value() == "quotations":
            return queryset.filter(Exists(provisions), ~Exists(own))
        return queryset
