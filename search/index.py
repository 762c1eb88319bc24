"""What an index holds for each provision: one flat record, built from the database.

Every backend that keeps an index stores these records and their ``fingerprint``, so
``search_index check`` can tell a missing, stale or extra entry from the database's truth
the same way whatever the engine.
"""

import datetime
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields

from search.folding import searchable_heading
from search.query import decade_of

CHUNK_SIZE = 500


@dataclass(frozen=True)
class IndexedProvision:
    id: int
    document_id: int
    document_slug: str
    symbol: str
    title: str
    kind: str
    body: str
    date: datetime.date | None
    position: int
    label: str
    heading: str
    text: str
    dimensions: tuple[str, ...]
    categories: tuple[str, ...]
    is_commitment: bool
    authors: str = ""  # a study's personal authors; blank for an institution's text

    @property
    def title_and_authors(self) -> str:
        """What a search finds a provision's document by besides its symbol: the title, and the
        personal authors a study is cited with."""
        return f"{self.title} {self.authors}".strip()

    @property
    def year(self) -> int | None:
        return self.date.year if self.date else None

    @property
    def decade(self) -> str | None:
        return decade_of(self.date.year) if self.date else None

    @property
    def fingerprint(self) -> str:
        """Changes whenever anything the index holds for this provision changes."""
        # What dataclasses.asdict would give, without its deep copy of every value.
        values = {name: getattr(self, name) for name in _FIELD_NAMES}
        values["date"] = self.date.isoformat() if self.date else None
        encoded = json.dumps(values, sort_keys=True, ensure_ascii=True).encode()
        return hashlib.sha256(encoded).hexdigest()[:32]


_FIELD_NAMES = tuple(field.name for field in fields(IndexedProvision))


# The columns of a record, in IndexedProvision's order up to ``text``, then ``is_commitment``
# and ``authors``.
_ROW = (
    "pk",
    "document_id",
    "document__slug",
    "document__symbol",
    "document__title",
    "document__kind",
    "document__body",
    "document__date",
    "position",
    "label",
    "heading",
    "text",
    "is_commitment",
    "document__authors",
)


def indexable_provisions():
    """The provisions an index must hold: those of published documents, and nothing else."""
    from commitments.models import Provision

    return Provision.objects.published().order_by("pk")


def indexable_ids() -> list[int]:
    return list(indexable_provisions().values_list("pk", flat=True))


def iter_indexed_provisions() -> Iterator[IndexedProvision]:
    """Every record the index should hold, read from the database in chunks."""
    for records in indexed_provision_chunks(indexable_ids()):
        yield from records


def indexed_provision_chunks(ids: list[int]) -> Iterator[list[IndexedProvision]]:
    """The records of those of ``ids`` still indexable, ``CHUNK_SIZE`` ids at a time."""
    for start in range(0, len(ids), CHUNK_SIZE):
        yield _records(ids[start : start + CHUNK_SIZE])


def indexed_provisions_for(ids: Iterable[int]) -> dict[int, IndexedProvision]:
    """Records for those of ``ids`` that should be in the index now; absent ids should not."""
    return {record.id: record for records in indexed_provision_chunks(sorted(set(ids))) for record in records}


def _records(ids: list[int]) -> list[IndexedProvision]:
    """The records of those of ``ids`` that are indexable, in id order: three queries."""
    from commitments.public_tags import public_slugs

    rows = indexable_provisions().filter(pk__in=ids).values_list(*_ROW)
    heading = _ROW.index("heading")
    dimensions = public_slugs(ids, "dimension")
    categories = public_slugs(ids, "category")
    return [
        IndexedProvision(
            *row[:heading],
            searchable_heading(row[heading]),
            *row[heading + 1 : -2],
            dimensions=dimensions.get(row[0], ()),
            categories=categories.get(row[0], ()),
            is_commitment=row[-2],
            authors=row[-1],
        )
        for row in rows
    ]


def count_indexable() -> int:
    return indexable_provisions().count()
