"""What a search asks for and what it answers, independent of the engine behind it."""

from dataclasses import dataclass, field
from functools import cached_property

from search import parsing

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


ORDERS = ("relevance", "date", "-date")


@dataclass(frozen=True)
class SearchRequest:
    """What to search for, and what to compute besides the page's hits.

    Every rule about a request is decided here once, for every backend and every caller: the
    query is cut to ``MAX_QUERY_LENGTH`` characters (and a note says so), NUL bytes become
    spaces, the page size stays within ``MAX_PAGE_SIZE``, and an order left empty (or unknown)
    means relevance when the query has something to rank by and the newest first otherwise.
    Facet counts, snippets and a spelling suggestion cost work: a backend computes each only
    when ``with_facets``, ``with_snippets`` or ``with_suggestion`` asks for it.
    """

    query: str = ""
    filters: SearchFilters = field(default_factory=SearchFilters)
    order: str = ""  # "relevance", "date" (oldest first), "-date", or "" for the default
    page: int = 1
    page_size: int = 20
    with_facets: bool = False
    with_snippets: bool = False
    with_suggestion: bool = False
    truncated: bool = field(default=False, init=False, compare=False)

    def __post_init__(self):
        query = str(self.query or "").replace("\x00", " ")
        object.__setattr__(self, "truncated", len(query) > MAX_QUERY_LENGTH)
        object.__setattr__(self, "query", query[:MAX_QUERY_LENGTH])
        object.__setattr__(self, "page", max(1, self.page))
        object.__setattr__(self, "page_size", min(max(1, self.page_size), MAX_PAGE_SIZE))
        if self.order not in ORDERS:
            object.__setattr__(self, "order", "")

    @cached_property
    def parsed(self) -> parsing.ParsedQuery:
        return parsing.parse_query(self.query)

    @property
    def effective_order(self) -> str:
        """The order hits come in: relevance needs something in the query to rank by."""
        if self.parsed.node is None:
            return self.order if self.order in ("date", "-date") else "-date"
        return self.order or "relevance"

    @property
    def notes(self) -> list[str]:
        """What the user should know about how the query was read (cut, words ignored)."""
        return parsing.user_notes(self.parsed, truncated_to=MAX_QUERY_LENGTH if self.truncated else None)

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


def decade_of(year: int) -> str:
    return f"{year // 10 * 10}s"


@dataclass
class SearchHit:
    provision_id: int
    score: float = 0.0
    highlight: str = ""  # safe HTML: escaped text with <mark> around matches; "" unless asked


@dataclass
class SearchResults:
    """One page of hits; when asked for, facet counts over the whole result set (every name of
    ``FACET_NAMES``, values in no particular order: pages and the API order them for display)
    and a spelling suggestion. ``notes`` are what the user should be told."""

    request: SearchRequest
    total: int
    hits: list[SearchHit]
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    suggestion: str | None = None
    notes: list[str] = field(default_factory=list)
    backend: str = ""

    def __post_init__(self):
        counts = self.facets
        self.facets = {
            name: {str(value): n for value, n in counts.get(name, {}).items() if n} for name in FACET_NAMES
        }

    @property
    def message(self) -> str | None:
        return " ".join(self.notes) or None

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.total // self.request.page_size))

    def provisions(self):
        """The page's published provisions in hit order, each with ``.highlight`` and ``.score``
        set. The index is a cache: a hit whose provision is gone or no longer published (the
        index has not caught up yet) is left out."""
        from commitments.models import Provision

        by_id = Provision.objects.published().with_related().in_bulk([hit.provision_id for hit in self.hits])
        ordered = []
        for hit in self.hits:
            provision = by_id.get(hit.provision_id)
            if provision is not None:
                provision.highlight = hit.highlight
                provision.score = hit.score
                ordered.append(provision)
        return ordered


@dataclass
class MatchingIds:
    """Every provision a search finds, in its order, without facets or snippets (for exports).
    ``complete`` is False when the time limit stopped the search before the end."""

    ids: list[int]
    complete: bool = True
