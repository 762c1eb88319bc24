"""What a search asks for and what it answers, independent of the engine behind it."""

from dataclasses import dataclass, field

MAX_PAGE_SIZE = 100
MAX_QUERY_LENGTH = 500
FACET_NAMES = ("dimension", "category", "year", "decade", "kind", "document")


@dataclass(frozen=True)
class SearchFilters:
    """Facet filters, applied by each backend in code, never pasted into the query string."""

    dimensions: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    bodies: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()  # document slugs
    year_from: int | None = None
    year_to: int | None = None
    commitments_only: bool = False

    def apply_to(self, provisions):
        """Narrow a Provision queryset by these filters: the database's own definition of them."""
        from commitments.public_tags import tag_filter

        qs = provisions
        if self.dimensions:
            qs = qs.filter(tag_filter("dimension", self.dimensions))
        if self.categories:
            qs = qs.filter(tag_filter("category", self.categories))
        if self.kinds:
            qs = qs.filter(document__kind__in=self.kinds)
        if self.bodies:
            qs = qs.filter(document__body__in=self.bodies)
        if self.documents:
            qs = qs.filter(document__slug__in=self.documents)
        if self.year_from is not None:
            qs = qs.filter(document__date__year__gte=self.year_from)
        if self.year_to is not None:
            qs = qs.filter(document__date__year__lte=self.year_to)
        if self.commitments_only:
            qs = qs.filter(is_commitment=True)
        if self.dimensions or self.categories:
            qs = qs.distinct()
        return qs


@dataclass(frozen=True)
class SearchRequest:
    """What to search for. The query is cut to ``MAX_QUERY_LENGTH`` characters (``truncated``
    says so), NUL bytes become spaces, and the page size is kept within ``MAX_PAGE_SIZE``."""

    query: str = ""
    filters: SearchFilters = field(default_factory=SearchFilters)
    order: str = "relevance"  # "relevance", "date" (oldest first) or "-date"
    page: int = 1
    page_size: int = 20
    truncated: bool = field(default=False, init=False, compare=False)

    def __post_init__(self):
        query = str(self.query or "").replace("\x00", " ")
        object.__setattr__(self, "truncated", len(query) > MAX_QUERY_LENGTH)
        object.__setattr__(self, "query", query[:MAX_QUERY_LENGTH])
        object.__setattr__(self, "page", max(1, self.page))
        object.__setattr__(self, "page_size", min(max(1, self.page_size), MAX_PAGE_SIZE))
        if self.order not in ("relevance", "date", "-date"):
            object.__setattr__(self, "order", "relevance")

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


def ordered_facets(counts: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    """Facet counts in the order every backend gives them: most frequent first, then by value;
    decades in time order. Every name of ``FACET_NAMES`` is present."""
    ordered = {}
    for name in FACET_NAMES:
        values = {str(k): v for k, v in counts.get(name, {}).items() if v}
        if name == "decade":
            ordered[name] = dict(sorted(values.items()))
        else:
            ordered[name] = dict(sorted(values.items(), key=lambda item: (-item[1], item[0])))
    return ordered


def decade_of(year: int) -> str:
    return f"{year // 10 * 10}s"


@dataclass
class SearchHit:
    provision_id: int
    score: float = 0.0
    highlight: str = ""  # safe HTML: escaped text with <mark> around matches


@dataclass
class SearchResults:
    """One page of hits, with facet counts over the whole result set."""

    request: SearchRequest
    total: int
    hits: list[SearchHit]
    facets: dict[str, dict[str, int]]
    suggestion: str | None = None
    message: str | None = None  # e.g. why part of the query was ignored
    backend: str = ""

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.total // self.request.page_size))

    def provisions(self):
        """The page's provisions in hit order, each with ``.highlight`` and ``.score`` set."""
        from commitments.models import Provision

        by_id = Provision.objects.with_related().in_bulk([hit.provision_id for hit in self.hits])
        ordered = []
        for hit in self.hits:
            provision = by_id.get(hit.provision_id)
            if provision is not None:
                provision.highlight = hit.highlight
                provision.score = hit.score
                ordered.append(provision)
        return ordered
