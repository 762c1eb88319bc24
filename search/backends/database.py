"""Search answered by the ORM: the fallback when an index cannot answer.

Slow on a large corpus (it scans), but always agrees with the database because it is the
database. Understands the same query language in a simple form: words ANDed, quoted
phrases, ``OR`` between terms, ``-word`` and ``NOT word``, and document symbols.
"""

from collections import Counter

from django.db.models import Count, F, Func, Q, TextField, Value

from search import parsing
from search.base import BaseSearchBackend
from search.folding import HEADING_LOCATOR
from search.highlight import highlight
from search.query import MatchingIds, SearchHit, SearchRequest, SearchResults, decade_of


class Folded(Func):
    """Text with case and accents folded (``search.folding``): by ``unaccent`` on PostgreSQL,
    the folding of its text search too, and by ``fold`` itself on SQLite (``kb_fold``)."""

    function = "kb_fold"
    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="lower(unaccent(%(expressions)s))", **extra_context)


class WithoutLocators(Func):
    """A heading without its section numbers: ``search.folding.searchable_heading``, by a
    regular expression on PostgreSQL and by the function itself on SQLite."""

    function = "kb_searchable_heading"
    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra_context):
        sql, params = self.as_sql(
            compiler, connection, template="regexp_replace(%(expressions)s, %%s, %%s, 'g')", **extra_context
        )
        return sql, (*params, HEADING_LOCATOR, "\\1")


FOLDED_FIELDS = {
    "text": Folded(F("text")),
    "heading": Folded(WithoutLocators(F("heading"))),
    "title": Folded(F("document__title")),
    "authors": Folded(F("document__authors")),
}


def _word_q(text: str, *, label: bool) -> Q:
    folded = Folded(Value(text))
    condition = Q()
    for name in FOLDED_FIELDS:
        condition |= Q(**{f"_folded_{name}__contains": folded})
    if label:
        # One word of the label, as the index backends hold them: "c.1" of "Annex C.1".
        condition |= (
            Q(label__iexact=text)
            | Q(label__istartswith=f"{text} ")
            | Q(label__iendswith=f" {text}")
            | Q(label__icontains=f" {text} ")
        )
    return condition


def _node_q(node: parsing.Node, *, labels: bool) -> Q:
    if isinstance(node, parsing.Symbol):
        return Q(document__symbol=node.symbol)
    if isinstance(node, parsing.Word | parsing.Phrase):
        return _word_q(node.text, label=labels and isinstance(node, parsing.Word))
    if isinstance(node, parsing.Not):
        return ~_node_q(node.node, labels=labels)
    children = [_node_q(child, labels=labels) for child in node.nodes]
    combined = children[0]
    for child in children[1:]:
        combined = (combined & child) if isinstance(node, parsing.All) else (combined | child)
    return combined


def _condition(parsed: parsing.ParsedQuery) -> tuple[Q, list[str]]:
    """A parsed query as a Q over provisions, and the literal terms to highlight."""
    if parsed.node is None:
        return (Q(pk__in=[]) if parsed.nothing_searchable else Q()), []
    return _node_q(parsed.node, labels=parsed.searches_labels), parsed.positive_texts()


class DatabaseSearchBackend(BaseSearchBackend):
    name = "database"
    keeps_index = False

    def update(self, provision_ids) -> None:
        pass  # the database is its own index

    def rebuild(self, progress=None) -> int:
        from search.index import count_indexable

        return count_indexable()

    def indexed_fingerprints(self) -> dict[int, str]:
        from search.index import iter_indexed_provisions

        return {record.id: record.fingerprint for record in iter_indexed_provisions()}

    def search(self, request: SearchRequest) -> SearchResults:
        matching, terms = self._matching(request)
        page = matching.select_related("document").order_by(*self._order(request))[
            request.offset : request.offset + request.page_size
        ]
        hits = [SearchHit(p.pk, 1.0, highlight(p.text, terms) if request.with_snippets else "") for p in page]
        return SearchResults(
            request=request,
            total=matching.count(),
            hits=hits,
            facets=self._facets(matching) if request.with_facets else {},
            notes=request.notes,
            backend=self.name,
        )

    def matching_ids(self, request: SearchRequest) -> MatchingIds:
        matching, _ = self._matching(request)
        return MatchingIds(list(matching.order_by(*self._order(request)).values_list("pk", flat=True)))

    def _matching(self, request: SearchRequest):
        from commitments.models import Provision

        condition, terms = _condition(request.parsed)
        base = request.filters.apply_to(Provision.objects.published())
        if request.parsed.node is not None:
            base = base.alias(**{f"_folded_{name}": value for name, value in FOLDED_FIELDS.items()})
        return Provision.objects.filter(pk__in=base.filter(condition).values("pk")), terms

    def _order(self, request: SearchRequest) -> list:
        # Every match ranks alike here, so relevance is the newest first.
        if request.effective_order == "date":
            return [F("document__date").asc(nulls_last=True), "document_id", "position", "pk"]
        return [F("document__date").desc(nulls_last=True), "document_id", "position", "pk"]

    def _facets(self, matching) -> dict[str, dict[str, int]]:
        def counts(field: str) -> dict[str, int]:
            rows = (
                matching.exclude(**{f"{field}__isnull": True})
                .values(field)
                .annotate(n=Count("id", distinct=True))
                .order_by()
            )
            return {str(row[field]): row["n"] for row in rows}

        years = counts("document__date__year")
        decades: Counter[str] = Counter()
        for year, n in years.items():
            decades[decade_of(int(year))] += n
        return {
            "dimension": counts("dimensions__slug"),
            "category": counts("categories__slug"),
            "year": years,
            "decade": decades,
            "kind": counts("document__kind"),
            "document": counts("document__slug"),
        }


SearchBackend = DatabaseSearchBackend
