"""Facets and active filters of a search as links: each link is the current URL with one value
added or removed, so every state of a search is a URL that can be bookmarked and shared."""

from dataclasses import dataclass, field

from django.http import QueryDict

from search import SearchFilters
from web.facets import FACET_TITLES, FacetLabels, ordered_values
from web.querystring import query_with

SHOWN_PER_FACET = 8
# Folded away after the first few; past these, a facet only says how many values it has left
# (a search of the whole corpus matches thousands of documents: no one reads such a list).
FOLDED_PER_FACET = 40


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


def facet_groups(
    *, facets: dict[str, dict[str, int]], params: QueryDict, filters: SearchFilters, labels: FacetLabels
) -> list[FacetGroup]:
    """The facets of a result set in page order, the most frequent values first (years and
    decades in time order)."""
    groups = []
    for name, title in FACET_TITLES.items():
        items = ordered_values(name, facets.get(name) or {}, labels)
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
    ranked = [slug for slug, _ in ordered_values("document", facets.get("document") or {})]
    return [*ranked[: SHOWN_PER_FACET + FOLDED_PER_FACET], *filters.documents]


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
            active.append(
                ActiveFilter(title, labels.of(name, value), query_with(params, remove=(name, value)))
            )
    for name, title in (("year_from", "From"), ("year_to", "To")):
        if params.get(name):
            active.append(ActiveFilter(title, params[name], query_with(params, drop=(name,))))
    if params.get("commitments_only") in ("on", "true", "1", "True"):
        active.append(ActiveFilter("Only", "commitments", query_with(params, drop=("commitments_only",))))
    return active


def without_filters(params: QueryDict) -> str:
    """The same search with every filter dropped: only the query and its order remain."""
    return query_with(params, keep=("q", "order"))


def _option(
    name: str, value: str, count: int, selected: bool, params: QueryDict, labels: FacetLabels
) -> FacetOption:
    """A facet value with the link that selects it, or unselects it when ``selected``."""
    if name in ("year", "decade"):
        start = int(value.rstrip("s"))
        end = start if name == "year" else start + 9
        years = (
            {"year_from": "", "year_to": ""} if selected else {"year_from": str(start), "year_to": str(end)}
        )
        return FacetOption(value, count, selected, query_with(params, replace=years))
    change = {"remove": (name, value)} if selected else {"add": (name, value)}
    return FacetOption(labels.of(name, value), count, selected, query_with(params, **change))
