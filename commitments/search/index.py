"""What an index holds for each provision: one flat record, built from the database.

Every backend that keeps an index stores these records and their ``fingerprint``, so
``search_index check`` can tell a missing, stale or extra entry from the database's truth
the same way whatever the engine.
"""

import datetime
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass

from commitments.search.query import decade_of

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

    @property
    def year(self) -> int | None:
        return self.date.year if self.date else None

    @property
    def decade(self) -> str | None:
        return decade_of(self.date.year) if self.date else None

    @property
    def fingerprint(self) -> str:
        """Changes whenever anything the index holds for this provision changes."""
        values = asdict(self)
        values["date"] = self.date.isoformat() if self.date else None
        encoded = json.dumps(values, sort_keys=True, ensure_ascii=True).encode()
        return hashlib.sha256(encoded).hexdigest()[:32]


def indexable_provisions():
    """The provisions an index must hold: those of published documents, and nothing else."""
    from commitments.models import Provision

    return (
        Provision.objects.published()
        .select_related("document")
        .prefetch_related("dimensions", "categories")
        .order_by("pk")
    )


def indexed_provision(provision) -> IndexedProvision:
    """The index record of ``provision`` (its document, dimensions and categories loaded)."""
    document = provision.document
    return IndexedProvision(
        id=provision.pk,
        document_id=document.pk,
        document_slug=document.slug,
        symbol=document.symbol,
        title=document.title,
        kind=document.kind,
        body=document.body,
        date=document.date,
        position=provision.position,
        label=provision.label,
        heading=provision.heading,
        text=provision.text,
        dimensions=tuple(sorted(d.slug for d in provision.dimensions.all())),
        categories=tuple(sorted(c.slug for c in provision.categories.all())),
        is_commitment=provision.is_commitment,
    )


def iter_indexed_provisions() -> Iterator[IndexedProvision]:
    """Every record the index should hold, read from the database in chunks."""
    for provision in indexable_provisions().iterator(chunk_size=CHUNK_SIZE):
        yield indexed_provision(provision)


def indexed_provisions_for(ids: Iterable[int]) -> dict[int, IndexedProvision]:
    """Records for those of ``ids`` that should be in the index now; absent ids should not."""
    ids = sorted(set(ids))
    found: dict[int, IndexedProvision] = {}
    for start in range(0, len(ids), CHUNK_SIZE):
        for provision in indexable_provisions().filter(pk__in=ids[start : start + CHUNK_SIZE]):
            found[provision.pk] = indexed_provision(provision)
    return found


def count_indexable() -> int:
    return indexable_provisions().count()
