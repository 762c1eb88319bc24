"""The Whoosh side of search: the schema, index documents, and the query compiler.

The compiler turns a parsed query (``search.parsing``) and ``SearchFilters``
into Whoosh query objects. User input never reaches Whoosh's own query parser, so field
syntax, wildcards and operators in a query mean only what ``parsing`` says they mean.
"""

from whoosh import query as wq
from whoosh.columns import NumericColumn
from whoosh.fields import BOOLEAN, COLUMN, ID, KEYWORD, STORED, Schema

from search import parsing
from search.backends.whoosh_indexing import SPELLING, STEMMING, SpellingText, StemmedText
from search.index import IndexedProvision
from search.query import SearchFilters

TEXT_FIELDS = {"text": 1.0, "heading": 1.5, "title": 2.0}
MAX_PREFIX_EXPANSION = 64
PROXIMITY_SLOP = 3
PROXIMITY_BOOST = 2.0

# The date order's keys are only ever sorted by, never searched: columns without postings (as
# NUMERIC fields they cost 40 of a provision's 170 postings, a quarter of a full build).
SCHEMA = Schema(
    id=ID(stored=True, unique=True),
    fingerprint=STORED(),
    document_id=COLUMN(NumericColumn("Q")),
    position=COLUMN(NumericColumn("Q")),
    date=ID(sortable=True),
    undated=COLUMN(NumericColumn("B")),
    symbol=ID(),
    label=KEYWORD(lowercase=True, scorable=True),
    title=StemmedText(),
    heading=StemmedText(),
    text=StemmedText(stored=True),
    spelling=SpellingText(),
    kind=ID(sortable=True),
    body=ID(sortable=True),
    document=ID(sortable=True),
    year=ID(sortable=True),
    decade=ID(sortable=True),
    dimension=KEYWORD(),
    category=KEYWORD(),
    commitment=BOOLEAN(),
)


def document_fields(record: IndexedProvision) -> dict:
    """The Whoosh document for one index record."""
    fields = {
        "id": str(record.id),
        "fingerprint": record.fingerprint,
        "document_id": record.document_id,
        "position": record.position,
        "date": record.date.isoformat() if record.date else "",
        "undated": 0 if record.date else 1,
        "label": record.label,
        "title": record.title_and_authors,
        "heading": record.heading,
        "text": record.text,
        "spelling": (record.title_and_authors, record.heading, record.text),
        "kind": record.kind,
        "body": record.body,
        "document": record.document_slug,
        "dimension": " ".join(record.dimensions),
        "category": " ".join(record.categories),
        "commitment": record.is_commitment,
    }
    if record.symbol:
        fields["symbol"] = record.symbol
    if record.date:
        fields["year"] = str(record.year)
        fields["decade"] = record.decade
    return fields


def analyzed(text: str, analyzer=STEMMING) -> list[str]:
    return [token.text for token in analyzer(text)]


class WhooshQueryCompiler:
    """Compiles one parsed query; collects the positive terms of the ``text`` field as it
    goes, for highlighting."""

    def __init__(self, reader):
        self.reader = reader
        self.highlight_terms: set[str] = set()
        self.searches_labels = False

    def compile(self, parsed: parsing.ParsedQuery) -> wq.Query:
        self.searches_labels = parsed.searches_labels
        if parsed.node is None:
            return wq.NullQuery if parsed.nothing_searchable else wq.Every()
        compiled = self._node(parsed.node, positive=True)
        return compiled if compiled is not None else wq.NullQuery

    def _node(self, node: parsing.Node, *, positive: bool) -> wq.Query | None:
        if isinstance(node, parsing.Symbol):
            return wq.Term("symbol", node.symbol)
        if isinstance(node, parsing.Word) and node.prefix:
            return self._prefix(node.text, positive=positive)
        if isinstance(node, parsing.Word | parsing.Phrase):
            return self._words(
                node.text, positive=positive, label=isinstance(node, parsing.Word) and self.searches_labels
            )
        if isinstance(node, parsing.Not):
            inner = self._node(node.node, positive=not positive)
            return wq.Not(inner) if inner is not None else None
        children = [c for c in (self._node(n, positive=positive) for n in node.nodes) if c is not None]
        if not children:
            return None
        if isinstance(node, parsing.AnyOf):
            return children[0] if len(children) == 1 else wq.Or(children)
        if all(isinstance(child, wq.Not) for child in children):
            children.insert(0, wq.Every())  # "NOT x" alone: everything but x
        required = children[0] if len(children) == 1 else wq.And(children)
        nearby = self._proximity(node) if positive else None
        # Words that stand together in the text rank above the same words scattered.
        return wq.AndMaybe(required, nearby) if nearby is not None else required

    def _proximity(self, node: parsing.All) -> wq.Query | None:
        words = [n.text for n in node.nodes if isinstance(n, parsing.Word) and not n.prefix]
        tokens = analyzed(" ".join(words))
        if len(tokens) < 2:
            return None
        return wq.Phrase("text", tokens, slop=PROXIMITY_SLOP, boost=PROXIMITY_BOOST)

    def _words(self, text: str, *, positive: bool, label: bool) -> wq.Query | None:
        tokens = analyzed(text)
        if not tokens:
            return None  # only stop words ("the"): dropped, as the index drops them
        if positive:
            self.highlight_terms.update(tokens)
        alternatives: list[wq.Query] = [wq.Term("label", text.lower(), boost=2.0)] if label else []
        for field, boost in TEXT_FIELDS.items():
            if len(tokens) == 1:
                alternatives.append(wq.Term(field, tokens[0], boost=boost))
            else:
                alternatives.append(wq.Phrase(field, tokens, boost=boost))
        return wq.Or(alternatives)

    def _prefix(self, text: str, *, positive: bool) -> wq.Query | None:
        words = analyzed(text, SPELLING)
        if len(words) != 1:
            return None
        prefix = words[0]
        if positive:
            expansions = self.reader.expand_prefix("text", prefix)
            for n, term in enumerate(expansions):
                if n >= MAX_PREFIX_EXPANSION:
                    break
                self.highlight_terms.add(term.decode() if isinstance(term, bytes) else term)
        return wq.Or([wq.Prefix(field, prefix, boost=boost) for field, boost in TEXT_FIELDS.items()])


def compile_filters(filters: SearchFilters) -> wq.Query | None:
    """The facet filters as one filter query, built from validated values only."""
    clauses: list[wq.Query] = []
    for field, values in (
        ("dimension", filters.dimensions),
        ("category", filters.categories),
        ("kind", filters.kinds),
        ("body", filters.bodies),
        ("document", filters.documents),
    ):
        if values:
            clauses.append(wq.Or([wq.Term(field, str(value)) for value in values]))
    if filters.year_from is not None or filters.year_to is not None:
        start = f"{filters.year_from:04d}" if filters.year_from is not None else None
        end = f"{filters.year_to:04d}" if filters.year_to is not None else None
        clauses.append(wq.TermRange("year", start, end))
    if filters.commitments_only:
        clauses.append(wq.Term("commitment", True))
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else wq.And(clauses)
