"""FilterSets shared by the web pages, the API and the exports: one definition of each filter."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from commitments.models import Dimension, MigrationCategory, Provision, Relation, RelationKind
from documents.models import Document, DocumentKind, IssuingBody
from documents.symbols import normalize_symbol, symbols_in_words
from search.folding import fold
from search.query import MAX_QUERY_LENGTH, SearchFilters

MIN_YEAR, MAX_YEAR = 1900, 2100


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", MIN_YEAR)
        kwargs.setdefault("max_value", MAX_YEAR)
        super().__init__(*args, **kwargs)


class StrictCheckboxInput(forms.CheckboxInput):
    """A checkbox that hands a value it does not understand to its field, to be refused there.

    Django's checkbox reads any unknown text as checked, so ``commitments_only=nonsense``
    would silently filter; links and API clients get an error instead.
    """

    VALUES = {
        "true": True,
        "on": True,
        "1": True,
        "yes": True,
        "false": False,
        "off": False,
        "0": False,
        "no": False,
    }

    def value_from_datadict(self, data, files, name):
        if name not in data:
            return False
        value = data.get(name)
        if isinstance(value, str):
            return self.VALUES.get(value.strip().lower(), value)
        return bool(value)


class StrictBooleanField(forms.BooleanField):
    def to_python(self, value):
        if isinstance(value, str):
            raise ValidationError("Enter true or false.", code="invalid")
        return bool(value)


class StrictBooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


class DocumentChoiceField(forms.ModelMultipleChoiceField):
    """Documents named by slug (``mc-doc-2-05``) or by symbol in any case (``MC.DOC/2/05``)."""

    def clean(self, value):
        if value and any("\x00" in str(v) for v in value):
            # A database refuses such text outright; refuse it here as bad input instead.
            raise ValidationError("Null characters are not allowed.", code="null_characters_not_allowed")
        if value and not isinstance(value, str):
            value = [self._slug_for(v) for v in value]
        return super().clean(value)

    def _slug_for(self, value):
        symbol = normalize_symbol(value) if isinstance(value, str) else ""
        if symbol:
            slug = self.queryset.filter(symbol=symbol).values_list("slug", flat=True).first()
            if slug is not None:
                return slug
        return value


class DocumentFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = DocumentChoiceField


class ProvisionFilterSet(django_filters.FilterSet):
    """Filters over provisions: the declared filters validate the query string and describe it
    in the API schema; the filtering itself is ``SearchFilters.apply_to``, the one definition of
    these filters over the database, which the search backends mirror in their own engines."""

    year_from = YearFilter(
        field_name="document__date__year",
        lookup_expr="gte",
        label="Year from",
        help_text="Earliest year of adoption (inclusive).",
    )
    year_to = YearFilter(
        field_name="document__date__year",
        lookup_expr="lte",
        label="Year to",
        help_text="Latest year of adoption (inclusive).",
    )
    dimension = django_filters.ModelMultipleChoiceFilter(
        field_name="dimensions",
        to_field_name="slug",
        queryset=Dimension.objects.all(),
        label="Dimension",
        help_text="Dimension slug; repeat for several (any of them).",
    )
    category = django_filters.ModelMultipleChoiceFilter(
        field_name="categories",
        to_field_name="slug",
        queryset=MigrationCategory.objects.all(),
        label="Migration category",
        help_text="Category slug; repeat for several (any of them).",
    )
    kind = django_filters.MultipleChoiceFilter(
        field_name="document__kind",
        choices=DocumentKind.choices,
        label="Document kind",
        help_text="Kind of the provision's document; repeat for several (any of them).",
    )
    body = django_filters.MultipleChoiceFilter(
        field_name="document__body",
        choices=IssuingBody.choices,
        label="Issuing body",
        help_text="Body that adopted or issued the document; repeat for several (any of them).",
    )
    document = DocumentFilter(
        field_name="document",
        to_field_name="slug",
        queryset=Document.objects.published(),
        label="Document",
        help_text="Document slug (mc-doc-2-05) or symbol in any case (MC.DOC/2/05); repeat for several.",
    )
    commitments_only = StrictBooleanFilter(
        field_name="is_commitment",
        label="Commitments only",
        help_text="Only provisions in which participating States undertake something.",
        widget=StrictCheckboxInput,
    )

    class Meta:
        model = Provision
        fields: list[str] = []

    def filter_queryset(self, queryset):
        return self.search_filters().apply_to(queryset)

    def search_filters(self) -> SearchFilters:
        """The validated filters as a backend-neutral value. Call only when ``is_valid()``."""
        data = self.form.cleaned_data
        return SearchFilters(
            dimensions=tuple(d.slug for d in data.get("dimension") or ()),
            categories=tuple(c.slug for c in data.get("category") or ()),
            kinds=tuple(data.get("kind") or ()),
            bodies=tuple(data.get("body") or ()),
            documents=tuple(d.slug for d in data.get("document") or ()),
            year_from=data.get("year_from"),
            year_to=data.get("year_to"),
            commitments_only=bool(data.get("commitments_only")),
        )


class StableOrderingFilter(django_filters.OrderingFilter):
    """Ordering that ends with the primary key, so that pages never share or skip rows on ties."""

    def filter(self, qs, value):
        qs = super().filter(qs, value)
        if value:
            qs = qs.order_by(*qs.query.order_by, "pk")
        return qs


class DocumentFilterSet(django_filters.FilterSet):
    """Filters over documents, by their own metadata and by the tags of their provisions."""

    q = django_filters.CharFilter(
        method="filter_title_or_symbol",
        label="Title, authors or symbol",
        help_text="Words of its title or of its authors' names, or its symbol in any spelling "
        "(MC.DEC/05/09, mc dec 5 09).",
    )

    year_from = YearFilter(
        field_name="date__year", lookup_expr="gte", label="Year from", help_text="Earliest year (inclusive)."
    )
    year_to = YearFilter(
        field_name="date__year", lookup_expr="lte", label="Year to", help_text="Latest year (inclusive)."
    )
    kind = django_filters.MultipleChoiceFilter(
        choices=DocumentKind.choices,
        label="Document kind",
        help_text="Kind of document; repeat for several (any of them).",
    )
    body = django_filters.MultipleChoiceFilter(
        choices=IssuingBody.choices,
        label="Issuing body",
        help_text="Body that adopted or issued the document; repeat for several (any of them).",
    )
    dimension = django_filters.ModelMultipleChoiceFilter(
        field_name="provisions__dimensions__slug",
        to_field_name="slug",
        queryset=Dimension.objects.all(),
        distinct=True,
        label="Dimension",
        help_text="Documents with a provision in this dimension (slug); repeat for several (any of them).",
    )
    category = django_filters.ModelMultipleChoiceFilter(
        field_name="provisions__categories__slug",
        to_field_name="slug",
        queryset=MigrationCategory.objects.all(),
        distinct=True,
        label="Migration category",
        help_text="Documents with a provision in this category (slug); repeat for several (any of them).",
    )

    sort = StableOrderingFilter(
        fields=(("date", "date"), ("symbol", "symbol"), ("title", "title")),
        field_labels={
            "date": "Date (oldest first)",
            "-date": "Date (newest first)",
            "symbol": "Symbol (A–Z)",
            "-symbol": "Symbol (Z–A)",
            "title": "Title (A–Z)",
            "-title": "Title (Z–A)",
        },
        label="Sort by",
        help_text="date, symbol or title; a leading - reverses.",
    )

    class Meta:
        model = Document
        fields: list[str] = []

    def filter_title_or_symbol(self, queryset, name, value):
        """Documents whose symbol the text names, or whose title, symbol or authors hold every
        word of it, case and accents folded as the search folds them."""
        text = " ".join(value.split())[:MAX_QUERY_LENGTH]
        if not text:
            return queryset
        named = {symbol for _, _, symbol in symbols_in_words(text)} | {normalize_symbol(text)}
        words = fold(text).split()
        matching = [
            pk
            for pk, title, symbol, authors in queryset.values_list("pk", "title", "symbol", "authors")
            if symbol in named or all(word in fold(f"{title} {symbol} {authors}") for word in words)
        ]
        return queryset.filter(pk__in=matching)


class RelationFilterSet(django_filters.FilterSet):
    """Filters over the links between documents (cites, reaffirms, builds on, supersedes)."""

    kind = django_filters.MultipleChoiceFilter(
        choices=RelationKind.choices,
        label="Kind of link",
        help_text="Kind of link; repeat for several (any of them).",
    )
    document = DocumentFilter(
        method="filter_either_end",
        to_field_name="slug",
        queryset=Document.objects.published(),
        label="Document",
        help_text="Links from or to this document (slug or symbol); repeat for several.",
    )
    source = DocumentFilter(
        field_name="source_document__slug",
        to_field_name="slug",
        queryset=Document.objects.published(),
        label="Source document",
        help_text="Links made by this document (slug or symbol); repeat for several (any of them).",
    )
    target = DocumentFilter(
        field_name="target_document__slug",
        to_field_name="slug",
        queryset=Document.objects.published(),
        label="Target document",
        help_text="Links made to this document (slug or symbol); repeat for several (any of them).",
    )

    class Meta:
        model = Relation
        fields: list[str] = []

    def filter_either_end(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(models.Q(source_document__in=value) | models.Q(target_document__in=value))
