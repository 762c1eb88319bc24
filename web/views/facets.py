"""Facets and active filters of a search as links: each link is the current URL with one value
added or removed, so every state of a search is a URL that can be bookmarked and shared."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.http import QueryDict

from commitments.models import Dimension, MigrationCategory
from documents.models import Document, DocumentKind, IssuingBody
from search import SearchFilters

SHOWN_PER_FACET = 8
# Folded away after the first few; past these, a facet only says how many values it has left
# (a search of the whole corpus matches thousands of documents: no one reads such a list).
FOLDED_PER_FACET = 40
FACET_TITLES = {
    "dimension": "Dimension",
    "category": "Migration category",
    "decade": "Decade",
    "year": "Year",
    "kind": "Document kind",
    "document": "Document",
}


@dataclass
class FacetOption:
    label: str
    count: int
    selected: bool
    url: str


@dataclass
class FacetGroup:
    name: str
    title: str
    options: list[FacetOption] = field(default_factory=list)
    more: list[FacetOption] = field(default_factory=list)  # shown folded away
    hidden: int = 0  # values with fewer provisions than any shown, not listed at all


@dataclass
class ActiveFilter:
    title: str
    label: str
    remove_url: str


@dataclass
class FacetLabels:
    """Readable names of facet values, read once per page."""

    dimensions: dict[str, str]
    categories: dict[str, str]
    documents: dict[str, str]

    @classmethod
    def load(cls, *, document_slugs) -> "FacetLabels":
        documents = Document.objects.published().filter(slug__in=list(document_slugs))
        return cls(
            dimensions=dict(Dimension.objects.values_list("slug", "name")),
            categories=dict(MigrationCategory.objects.values_list("slug", "name")),
            documents={d.slug: d.symbol or d.title for d in documents.only("slug", "symbol", "title")},
        )

    def of(self, name: str, value: str) -> str:
        if name == "dimension":
            return self.dimensions.get(value, value)
        if name == "category":
            return self.categories.get(value, value)
        if name == "document":
            return self.documents.get(value, value)
        if name == "kind":
            return dict(DocumentKind.choices).get(value, value)
        if name == "body":
            return dict(IssuingBody.choices).get(value, value)
        return value


def facet_groups(
    *, facets: dict[str, dict[str, int]], params: QueryDict, filters: SearchFilters, labels: FacetLabels
) -> list[FacetGroup]:
    """The facets of a result set in page order, the most frequent values first (years and
    decades in time order)."""
    groups = []
    for name, title in FACET_TITLES.items():
        counts = facets.get(name) or {}
        if name == "dimension":
            order = list(labels.dimensions)
            items = sorted(counts.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 99)
        elif name == "category":
            order = list(labels.categories)
            items = sorted(counts.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 99)
        elif name in ("year", "decade"):
            items = sorted(counts.items(), key=lambda kv: kv[0], reverse=True)
        else:
            items = [(value, counts[value]) for value in _most_frequent_first(counts)]
        if not items:
            continue
        shown = SHOWN_PER_FACET if name in ("year", "document", "kind") else len(items)
        selected = _selected_values(name, params, filters)
        # Selected values stay in view even when they are not among the first few.
        first = items[:shown] + [(v, n) for v, n in items[shown:] if v in selected]
        rest = [(v, n) for v, n in items[shown:] if v not in selected]
        groups.append(
            FacetGroup(
                name=name,
                title=title,
                options=[_option(name, v, n, v in selected, params, labels) for v, n in first],
                more=[_option(name, v, n, False, params, labels) for v, n in rest[:FOLDED_PER_FACET]],
                hidden=max(0, len(rest) - FOLDED_PER_FACET),
            )
        )
    return groups


def documents_in_view(*, facets: dict[str, dict[str, int]], filters: SearchFilters) -> list[str]:
    """The document slugs the facets and filters of a page name: those whose labels it needs."""
    ranked = _most_frequent_first(facets.get("document") or {})
    return [*ranked[: SHOWN_PER_FACET + FOLDED_PER_FACET], *filters.documents]


def _most_frequent_first(counts: dict[str, int]) -> list[str]:
    return sorted(counts, key=lambda value: (-counts[value], value))


def _selected_values(name: str, params: QueryDict, filters: SearchFilters) -> set[str]:
    """The values of facet ``name`` the current filters select (a year or a decade is
    selected when the year range is exactly it)."""
    if name == "year" and filters.year_from is not None and filters.year_from == filters.year_to:
        return {str(filters.year_from)}
    if name == "decade" and filters.year_from is not None and filters.year_to == filters.year_from + 9:
        return {f"{filters.year_from}s"}
    return set(params.getlist(name))


def active_filters(*, params: QueryDict, labels: FacetLabels) -> list[ActiveFilter]:
    """Each filter value in ``params`` with the link that removes just that value."""
    active = []
    for name, title in (
        ("dimension", "Dimension"),
        ("category", "Migration category"),
        ("kind", "Document kind"),
        ("body", "Issuing body"),
        ("document", "Document"),
    ):
        for value in params.getlist(name):
            active.append(ActiveFilter(title, labels.of(name, value), _url(params, remove=(name, value))))
    for name, title in (("year_from", "From"), ("year_to", "To")):
        if params.get(name):
            active.append(ActiveFilter(title, params[name], _url(params, drop=(name,))))
    if params.get("commitments_only") in ("on", "true", "1", "True"):
        active.append(ActiveFilter("Only", "commitments", _url(params, drop=("commitments_only",))))
    return active


def without_filters(params: QueryDict) -> str:
    """The same search with every filter dropped: only the query and its order remain."""
    kept = QueryDict(mutable=True)
    for name in ("q", "order"):
        if params.get(name):
            kept[name] = params[name]
    return "?" + kept.urlencode()


def _option(
    name: str, value: str, count: int, selected: bool, params: QueryDict, labels: FacetLabels
) -> FacetOption:
    """A facet value with the link that selects it, or unselects it when ``selected``."""
    if name in ("year", "decade"):
        start = int(value.rstrip("s"))
        years = (start, start) if name == "year" else (start, start + 9)
        url = _url(params, drop=("year_from", "year_to")) if selected else _url(params, years=years)
        return FacetOption(value, count, selected, url)
    url = _url(params, remove=(name, value)) if selected else _url(params, add=(name, value))
    return FacetOption(labels.of(name, value), count, selected, url)


def _url(
    params: QueryDict,
    *,
    add: tuple[str, str] | None = None,
    remove: tuple[str, str] | None = None,
    drop: tuple[str, ...] = (),
    years: tuple[int, int] | None = None,
) -> str:
    # Pairs rather than QueryDict.copy(), which deep-copies: a page builds a hundred of these.
    dropped = {"page", *drop, *(("year_from", "year_to") if years else ())}
    pairs = [
        (name, value)
        for name, values in params.lists()
        if name not in dropped
        for value in values
        if (name, value) != remove
    ]
    if add:
        pairs.append(add)
    if years:
        pairs += [("year_from", str(years[0])), ("year_to", str(years[1]))]
    return "?" + urlencode(pairs)
