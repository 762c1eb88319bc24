"""The PostgreSQL side of search: a parsed query and filters compiled to SQL conditions.

Every value from the user travels as a bound parameter; the SQL text is built only from
this module's own fragments. Each word becomes its own ``phraseto_tsquery``, combined with
SQL ``AND``/``OR``/``NOT`` so that a symbol (an exact column match) can sit beside words.
"""

import re
from dataclasses import dataclass, field

from search import parsing
from search.query import SearchFilters

TABLE = "search_provision"
ENGLISH = "osce_english"
SIMPLE = "osce_simple"
# ts_rank weights for D (text), C (unused), B (heading), A (title): the ratios of the
# Whoosh backend's field boosts.
RANK_WEIGHTS = "{0.4, 0.5, 0.6, 0.8}"
PROXIMITY_BOOST = 2.0

_NOT_PREFIX_CHARS = re.compile(r"[\W_]+")


@dataclass
class Sql:
    sql: str
    params: list = field(default_factory=list)


def stop_word_texts(cursor, parsed: parsing.ParsedQuery) -> set[str]:
    """The words and phrases of ``parsed`` that the English configuration reduces to
    nothing (``the``): like the Whoosh analyzer, the compiler drops them."""
    texts = sorted(_all_texts(parsed.node))
    if not texts:
        return set()
    cursor.execute(
        f"SELECT t FROM unnest(%s::text[]) AS t WHERE numnode(phraseto_tsquery('{ENGLISH}', t)) = 0",
        [texts],
    )
    return {row[0] for row in cursor.fetchall()}


def _all_texts(node: parsing.Node | None) -> set[str]:
    if isinstance(node, parsing.Word):
        return {_prefix_text(node.text) if node.prefix else node.text}
    if isinstance(node, parsing.Phrase):
        return {node.text}
    if isinstance(node, parsing.Not):
        return _all_texts(node.node)
    if isinstance(node, parsing.All | parsing.AnyOf):
        return set().union(*(_all_texts(child) for child in node.nodes))
    return set()


def _prefix_text(text: str) -> str:
    return _NOT_PREFIX_CHARS.sub("", text)


class PostgresQueryCompiler:
    """Compiles one parsed query to a WHERE condition on ``s`` (the search table), and
    gathers the positive tsqueries for ranking and headlines."""

    def __init__(self, stop_words: set[str]):
        self.stop_words = stop_words
        self.positive: list[Sql] = []
        self.proximity: Sql | None = None
        self.searches_labels = False

    def condition(self, parsed: parsing.ParsedQuery) -> Sql:
        self.searches_labels = parsed.searches_labels
        if parsed.node is None:
            return Sql("FALSE" if parsed.nothing_searchable else "TRUE")
        compiled = self._node(parsed.node, positive=True)
        return compiled if compiled is not None else Sql("FALSE")

    def _node(self, node: parsing.Node, *, positive: bool) -> Sql | None:
        if isinstance(node, parsing.Symbol):
            return Sql("s.symbol = %s", [node.symbol])
        if isinstance(node, parsing.Word) and node.prefix:
            text = _prefix_text(node.text)
            if not text or text in self.stop_words:
                return None
            return self._tsquery(Sql(f"to_tsquery('{ENGLISH}', %s)", [f"{text}:*"]), positive)
        if isinstance(node, parsing.Word | parsing.Phrase):
            if node.text in self.stop_words:
                return None
            match = self._tsquery(Sql(f"phraseto_tsquery('{ENGLISH}', %s)", [node.text]), positive)
            if isinstance(node, parsing.Word) and self.searches_labels:
                # A word of the label, as Whoosh's label field holds them: "c.1" of "Annex C.1".
                label_word = "%s = ANY(string_to_array(s.label_key, ' '))"
                return Sql(f"({match.sql} OR {label_word})", [*match.params, node.text.lower()])
            return match
        if isinstance(node, parsing.Not):
            inner = self._node(node.node, positive=not positive)
            return Sql(f"NOT {inner.sql}", inner.params) if inner is not None else None
        children = [c for c in (self._node(n, positive=positive) for n in node.nodes) if c is not None]
        if not children:
            return None
        joiner = " AND " if isinstance(node, parsing.All) else " OR "
        if positive and isinstance(node, parsing.All):
            self._proximity(node)
        return Sql(
            "(" + joiner.join(child.sql for child in children) + ")",
            [param for child in children for param in child.params],
        )

    def _tsquery(self, tsquery: Sql, positive: bool) -> Sql:
        if positive:
            self.positive.append(tsquery)
        return Sql(f"s.vector @@ {tsquery.sql}", tsquery.params)

    def _proximity(self, node: parsing.All) -> None:
        words = [n.text for n in node.nodes if isinstance(n, parsing.Word) and not n.prefix]
        words = [w for w in words if w not in self.stop_words]
        if len(words) >= 2:
            self.proximity = Sql(f"phraseto_tsquery('{ENGLISH}', %s)", [" ".join(words)])

    def rank(self) -> Sql:
        """Relevance: the rank of each positive term, plus a bonus when the words of the
        query stand together."""
        parts = [Sql(f"ts_rank('{RANK_WEIGHTS}', s.vector, {q.sql}, 1)", q.params) for q in self.positive]
        if self.proximity is not None:
            q = self.proximity
            parts.append(
                Sql(f"{PROXIMITY_BOOST} * ts_rank('{RANK_WEIGHTS}', s.vector, {q.sql}, 1)", q.params)
            )
        if not parts:
            return Sql("0")
        return Sql("(" + " + ".join(p.sql for p in parts) + ")", [x for p in parts for x in p.params])

    def headline_query(self) -> Sql | None:
        """One tsquery matching any positive term, for ``ts_headline``."""
        if not self.positive:
            return None
        return Sql(" || ".join(q.sql for q in self.positive), [x for q in self.positive for x in q.params])


def filter_condition(filters: SearchFilters) -> Sql:
    clauses: list[Sql] = []
    if filters.dimensions:
        clauses.append(Sql("s.dimensions && %s::text[]", [list(filters.dimensions)]))
    if filters.categories:
        clauses.append(Sql("s.categories && %s::text[]", [list(filters.categories)]))
    for column, values in (
        ("kind", filters.kinds),
        ("body", filters.bodies),
        ("document_slug", filters.documents),
    ):
        if values:
            clauses.append(Sql(f"s.{column} = ANY(%s::text[])", [list(values)]))
    if filters.year_from is not None:
        clauses.append(Sql("s.year >= %s", [filters.year_from]))
    if filters.year_to is not None:
        clauses.append(Sql("s.year <= %s", [filters.year_to]))
    if filters.commitments_only:
        clauses.append(Sql("s.is_commitment"))
    if not clauses:
        return Sql("TRUE")
    return Sql(" AND ".join(c.sql for c in clauses), [p for c in clauses for p in c.params])


ORDERS = {
    "relevance": "rank DESC, s.date DESC NULLS LAST, s.document_id, s.position",
    "date": "s.date ASC NULLS LAST, s.document_id, s.position",
    "-date": "s.date DESC NULLS LAST, s.document_id, s.position",
}
