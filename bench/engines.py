"""The engines a query set is run through: the project's search layer and the peers.

Each engine answers the same ``BenchQuery`` with the same work — the total, facet counts over
the whole result set, and the top 20 hits with highlighted snippets — and says why it cannot
be measured on this branch rather than pretending to.
"""

import importlib.util
import inspect
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import reduce
from io import StringIO
from operator import and_, or_

from django.conf import settings
from django.core.management import call_command, get_commands
from django.db import OperationalError, connection
from django.db.models import Count, Q
from django.test.utils import override_settings
from django.utils.html import escape

from bench.queries import BenchQuery
from commitments.models import Provision
from documents.models import PublicationStatus
from search import SearchFilters, SearchRequest, get_search_backend, search_provisions

TOP_HITS = 20
# A scan of 100,000 rows with an m2m filter and DISTINCT counts can take minutes per query;
# engines that scan are stopped at this, and the stop is recorded as a sample at the cap.
SCAN_TIME_CAP_SECONDS = 30


@contextmanager
def capped_statements(seconds: int) -> Iterator[None]:
    """PostgreSQL's ``statement_timeout`` for the queries inside; nothing on other databases."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(f"SET statement_timeout = {int(seconds * 1000)}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = 0")


@dataclass(frozen=True)
class Answer:
    total: int
    snippets: int  # hits on the page whose snippet has a highlighted match
    facet_values: int  # facet values counted, over all facets
    message: str | None = None  # what the engine said about the query (e.g. a time limit hit)


class EngineFellBack(Exception):
    """The project's search layer answered from another backend than the one measured."""


class Engine:
    name = ""
    role = ""  # "project" or "peer"
    has_index = True

    def unavailable_reason(self) -> str | None:
        """Why this engine cannot run here, or None when it can."""
        return None

    @contextmanager
    def active(self) -> Iterator[None]:
        yield

    def build(self) -> int:
        """Index every published provision from scratch; return how many the index holds."""
        raise NotImplementedError

    def search(self, query: BenchQuery) -> Answer:
        raise NotImplementedError

    def after_save(self, provision: Provision) -> None:
        """What a deployment of this engine does when a provision is saved, beyond its own signals."""

    def timed_out(self, exc: Exception) -> bool:
        """Whether ``exc`` is this engine's query time cap (see ``capped_statements``)."""
        return isinstance(exc, OperationalError) and "statement timeout" in str(exc)

    def finds(self, word: str, provision: Provision) -> bool:
        """Whether a search for ``word`` through this engine returns ``provision``."""
        raise NotImplementedError


class ProjectEngine(Engine):
    """One backend of the project, through ``search.search_provisions``."""

    role = "project"

    def __init__(self, backend: str):
        self.name = backend
        self.module = f"search.backends.{backend}"
        self.has_index = backend != "database"

    def unavailable_reason(self) -> str | None:
        if importlib.util.find_spec(self.module) is None:
            return f"{self.module} is not on this branch yet"
        if self.name == "postgres" and connection.vendor != "postgresql":
            return f"the postgres backend needs PostgreSQL; this run's database is {connection.vendor}"
        return None

    @contextmanager
    def active(self) -> Iterator[None]:
        backends = {**settings.SEARCH_BACKENDS, "default": settings.BENCH_BACKENDS[self.name]}
        with override_settings(SEARCH_BACKENDS=backends):
            if self.has_index:
                yield
            else:
                with capped_statements(SCAN_TIME_CAP_SECONDS):
                    yield

    def build(self) -> int:
        with self.active():
            if "search_index" in get_commands():
                call_command("search_index", "rebuild", stdout=StringIO(), stderr=StringIO())
                return Provision.objects.published().count()
            backend = get_search_backend()
            if "provisions" in inspect.signature(backend.rebuild).parameters:
                return backend.rebuild(Provision.objects.published().with_related())
            return backend.rebuild()

    def _search(self, request: SearchRequest):
        results = search_provisions(request)
        if results.backend and results.backend != self.name:
            raise EngineFellBack(f"asked {self.name}, answered by {results.backend}: {results.message or ''}")
        return results

    def search(self, query: BenchQuery) -> Answer:
        results = self._search(
            SearchRequest(
                query=query.as_project_query(),
                filters=query.filters,
                page_size=TOP_HITS,
                with_facets=True,
                with_snippets=True,
                with_suggestion=True,
            )
        )
        return Answer(
            total=results.total,
            snippets=sum(1 for hit in results.hits if "<mark>" in hit.highlight),
            facet_values=sum(len(values) for values in results.facets.values()),
            message=results.message,
        )

    def finds(self, word: str, provision: Provision) -> bool:
        # Narrowed to the provision's document so that a backend that scans stays quick.
        filters = SearchFilters(documents=(provision.document.slug,))
        results = self._search(SearchRequest(query=word, filters=filters, page_size=TOP_HITS))
        return any(hit.provision_id == provision.pk for hit in results.hits)


class HaystackEngine(Engine):
    """django-haystack with its Whoosh backend, used the way its documentation shows."""

    name = "haystack-whoosh"
    role = "peer"
    _facets = ("dimensions", "categories", "year", "kind", "document")

    def unavailable_reason(self) -> str | None:
        if importlib.util.find_spec("haystack") is None:
            return "django-haystack is not installed (pip install -r requirements-bench.txt)"
        return None

    def build(self) -> int:
        call_command("rebuild_index", interactive=False, verbosity=0, stdout=StringIO())
        return Provision.objects.published().count()

    def _queryset(self, query: BenchQuery):
        from haystack.inputs import Exact
        from haystack.query import SQ, SearchQuerySet

        def term(text: str):
            return SQ(content=Exact(text)) if " " in text else SQ(content=text)

        condition = reduce(and_, (reduce(or_, (term(t) for t in clause)) for clause in query.clauses))
        sqs = SearchQuerySet().filter(condition)
        filters = query.filters
        if filters.dimensions:
            sqs = sqs.filter(dimensions__in=list(filters.dimensions))
        if filters.categories:
            sqs = sqs.filter(categories__in=list(filters.categories))
        if filters.year_from is not None:
            sqs = sqs.filter(year__gte=filters.year_from)
        if filters.year_to is not None:
            sqs = sqs.filter(year__lte=filters.year_to)
        return sqs

    def search(self, query: BenchQuery) -> Answer:
        sqs = self._queryset(query).highlight()
        for facet in self._facets:
            sqs = sqs.facet(facet)
        page = list(sqs[:TOP_HITS])
        facet_counts = sqs.facet_counts().get("fields", {})
        return Answer(
            total=sqs.count(),
            snippets=sum(1 for result in page if result.highlighted),
            facet_values=sum(len(values) for values in facet_counts.values()),
        )

    def after_save(self, provision: Provision) -> None:
        # What haystack's RealtimeSignalProcessor does on post_save.
        from haystack import connections

        connections["default"].get_unified_index().get_index(Provision).update_object(provision)

    def finds(self, word: str, provision: Provision) -> bool:
        from haystack.query import SearchQuerySet

        return any(int(r.pk) == provision.pk for r in SearchQuerySet().filter(content=word)[:TOP_HITS])


class OrmScanEngine(Engine):
    """What a developer writes without a search engine: ``icontains`` filters and ``Count``."""

    name = "orm-icontains"
    role = "peer"
    has_index = False
    _facets = {
        "dimension": "dimensions__slug",
        "category": "categories__slug",
        "year": "document__date__year",
        "kind": "document__kind",
        "document": "document__slug",
    }

    @contextmanager
    def active(self) -> Iterator[None]:
        with capped_statements(SCAN_TIME_CAP_SECONDS):
            yield

    def _queryset(self, query: BenchQuery):
        qs = Provision.objects.filter(document__status=PublicationStatus.PUBLISHED)
        for clause in query.clauses:
            qs = qs.filter(reduce(or_, (Q(text__icontains=term) for term in clause)))
        filters = query.filters
        if filters.dimensions:
            qs = qs.filter(dimensions__slug__in=filters.dimensions)
        if filters.categories:
            qs = qs.filter(categories__slug__in=filters.categories)
        if filters.year_from is not None:
            qs = qs.filter(document__date__year__gte=filters.year_from)
        if filters.year_to is not None:
            qs = qs.filter(document__date__year__lte=filters.year_to)
        if filters.dimensions or filters.categories:
            qs = qs.distinct()
        return qs

    def search(self, query: BenchQuery) -> Answer:
        qs = self._queryset(query)
        total = qs.count()
        facet_values = 0
        for field in self._facets.values():
            facet_values += len(qs.values(field).annotate(n=Count("id", distinct=True)).order_by())
        pattern = re.compile("|".join(re.escape(term) for term in query.terms), re.I)
        top = qs.select_related("document").order_by("-document__date", "id")[:TOP_HITS]
        snippets = [_marked(p.text, pattern) for p in top]
        return Answer(
            total=total, snippets=sum(1 for s in snippets if "<mark>" in s), facet_values=facet_values
        )

    def finds(self, word: str, provision: Provision) -> bool:
        return Provision.objects.filter(pk=provision.pk, text__icontains=word).exists()


def _marked(text: str, pattern: re.Pattern) -> str:
    pieces, last = [], 0
    for match in pattern.finditer(text):
        pieces += [escape(text[last : match.start()]), f"<mark>{escape(match.group())}</mark>"]
        last = match.end()
    return "".join(pieces) + escape(text[last:])


def all_engines() -> list[Engine]:
    """The project's backends first, then the peers they are compared with."""
    from bench.tantivy_engine import TantivyEngine

    return [
        ProjectEngine("whoosh"),
        ProjectEngine("postgres"),
        ProjectEngine("database"),
        HaystackEngine(),
        OrmScanEngine(),
        TantivyEngine(),
    ]


# Each project backend against each peer, for the ratios.
PAIRS = [
    ("whoosh", "tantivy"),
    ("postgres", "tantivy"),
    ("whoosh", "haystack-whoosh"),
    ("whoosh", "orm-icontains"),
    ("postgres", "haystack-whoosh"),
    ("postgres", "orm-icontains"),
    ("database", "orm-icontains"),
]
