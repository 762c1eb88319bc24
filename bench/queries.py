"""The fixed query set: what researchers type, each asked plain and with filters.

A query is held as clauses (ANDed), each a list of alternatives (ORed), each a word or a
phrase, so that every engine is asked exactly the same thing in its own language.
"""

from dataclasses import dataclass, field

from search import SearchFilters


@dataclass(frozen=True)
class BenchQuery:
    name: str
    kind: str  # "word", "and", "phrase" or "or"
    clauses: tuple[tuple[str, ...], ...]
    filters: SearchFilters = field(default_factory=SearchFilters)

    @property
    def filtered(self) -> bool:
        return self.filters != SearchFilters()

    @property
    def terms(self) -> list[str]:
        return [term for clause in self.clauses for term in clause]

    def as_project_query(self) -> str:
        """The query in the project's language: words ANDed, ``"phrases"``, ``OR``."""
        return " ".join(" OR ".join(_quoted(term) for term in clause) for clause in self.clauses)


def _quoted(term: str) -> str:
    return f'"{term}"' if " " in term else term


_BASE = [
    ("word", ("migration",)),
    ("word", ("trafficking",)),
    ("word", ("asylum",)),
    ("and", ("border", "security")),
    ("and", ("labour", "migrants")),
    ("and", ("human", "rights", "migrants")),
    ("phrase", ("illegal migration",)),
    ("phrase", ("human rights",)),
    ("phrase", ("field missions",)),
    ("or", (("migration", "migrants", "refugees"),)),
    ("or", (("security", "crisis"),)),
    ("or", (("smuggling", "trafficking"),)),
]
_FILTER_SETS = [
    ("dimension=human", SearchFilters(dimensions=("human",))),
    ("category=labour", SearchFilters(categories=("labour",))),
    ("years 2000-2010", SearchFilters(year_from=2000, year_to=2010)),
    (
        "dimension=politico-military category=illegal years 1990-2017",
        SearchFilters(
            dimensions=("politico-military",), categories=("illegal",), year_from=1990, year_to=2017
        ),
    ),
]


def _clauses(kind: str, spec: tuple) -> tuple[tuple[str, ...], ...]:
    if kind == "or":
        return (tuple(spec[0]),)
    return tuple((term,) for term in spec)


def query_set() -> list[BenchQuery]:
    """Twelve queries of four kinds, each plain and with one of four filter sets: 24 in all."""
    queries = []
    for i, (kind, spec) in enumerate(_BASE):
        clauses = _clauses(kind, spec)
        plain = BenchQuery(name="", kind=kind, clauses=clauses)
        label = plain.as_project_query()
        queries.append(BenchQuery(name=label, kind=kind, clauses=clauses))
        filter_label, filters = _FILTER_SETS[i % len(_FILTER_SETS)]
        queries.append(
            BenchQuery(name=f"{label} [{filter_label}]", kind=kind, clauses=clauses, filters=filters)
        )
    return queries
