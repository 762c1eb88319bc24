"""Search answered by the ORM: the fallback when an index cannot answer.

Slow on a large corpus (it scans), but always agrees with the database because it is the
database. Understands the same query language in a simple form: words ANDed, quoted
phrases, ``OR`` between terms, ``-word`` and ``NOT word``, and document symbols.
"""

import re
import shlex
from collections import Counter

from django.db.models import Count, Q

from commitments.search.base import BaseSearchBackend
from commitments.search.highlight import highlight
from commitments.search.query import SearchHit, SearchRequest, SearchResults
from documents.symbols import normalize_symbol

_SYMBOL = re.compile(r"^[A-Za-z]+(\(\d+\))?\.[A-Za-z.]+/[\w./]+$")


def _tokens(query: str) -> list[str]:
    try:
        return shlex.split(query)
    except ValueError:  # unbalanced quotes: treat them as spaces
        return query.replace('"', " ").replace("'", " ").split()


def _term_q(term: str) -> Q:
    if _SYMBOL.match(term):
        return Q(document__symbol=normalize_symbol(term))
    return (
        Q(text__icontains=term)
        | Q(heading__icontains=term)
        | Q(document__title__icontains=term)
        | Q(document__symbol__iexact=term)
    )


def parse_query(query: str) -> tuple[Q, list[str]]:
    """Turn a query into a Q over provisions and the literal terms to highlight."""
    clauses: list[list[Q]] = []  # ANDed clauses, each an OR of terms
    excluded: list[Q] = []
    terms: list[str] = []
    join_with_previous = negate_next = False
    for token in _tokens(query):
        if token == "OR":
            join_with_previous = bool(clauses)
            continue
        if token == "NOT":
            negate_next = True
            continue
        if token.startswith("-") and len(token) > 1:
            token, negate_next = token[1:], True
        token = token.strip("*?()[]{}")
        if not token:
            continue
        if negate_next:
            excluded.append(_term_q(token))
        elif join_with_previous:
            clauses[-1].append(_term_q(token))
            terms.append(token)
        else:
            clauses.append([_term_q(token)])
            terms.append(token)
        join_with_previous = negate_next = False
    condition = Q()
    for alternatives in clauses:
        either = Q()
        for alternative in alternatives:
            either |= alternative
        condition &= either
    for term in excluded:
        condition &= ~term
    return condition, terms


class DatabaseSearchBackend(BaseSearchBackend):
    name = "database"

    def add(self, provision) -> None:
        pass  # the database is its own index

    def add_bulk(self, provisions) -> None:
        pass

    def delete(self, provision_id: int) -> None:
        pass

    def rebuild(self, provisions, progress=None) -> int:
        return provisions.count()

    def search(self, request: SearchRequest) -> SearchResults:
        from commitments.models import Provision

        condition, terms = parse_query(request.query)
        base = request.filters.apply_to(Provision.objects.published())
        matching = Provision.objects.filter(pk__in=base.filter(condition).values("pk"))
        total = matching.count()
        order = {
            "date": ["document__date", "document_id", "position"],
            "-date": ["-document__date", "document_id", "position"],
        }.get(request.order, ["-document__date", "document_id", "position"])
        page = matching.select_related("document").order_by(*order)[
            request.offset : request.offset + request.page_size
        ]
        hits = [SearchHit(p.pk, 1.0, highlight(p.text, terms)) for p in page]
        return SearchResults(
            request=request,
            total=total,
            hits=hits,
            facets=self._facets(matching),
            backend=self.name,
        )

    def _facets(self, matching) -> dict[str, dict[str, int]]:
        def counts(field: str) -> dict[str, int]:
            rows = (
                matching.exclude(**{f"{field}__isnull": True})
                .values(field)
                .annotate(n=Count("id", distinct=True))
                .order_by("-n", field)
            )
            return {str(row[field]): row["n"] for row in rows}

        years = counts("document__date__year")
        decades: Counter[str] = Counter()
        for year, n in years.items():
            decades[f"{int(year) // 10 * 10}s"] += n
        return {
            "dimension": counts("dimensions__slug"),
            "category": counts("categories__slug"),
            "year": years,
            "decade": dict(sorted(decades.items())),
            "kind": counts("document__kind"),
            "document": counts("document__slug"),
        }


SearchBackend = DatabaseSearchBackend
