"""Rebuilding, checking and repairing an index against the database (``search_index``)."""

from collections.abc import Callable
from dataclasses import dataclass, field

from search import get_search_backend
from search.base import BaseSearchBackend
from search.index import iter_indexed_provisions


@dataclass
class IndexDifferences:
    """Where an index and the database disagree, by provision id."""

    missing: list[int] = field(default_factory=list)  # in the database, not in the index
    stale: list[int] = field(default_factory=list)  # in both, but the index holds an old version
    extra: list[int] = field(default_factory=list)  # in the index only (deleted or unpublished)

    @property
    def total(self) -> int:
        return len(self.missing) + len(self.stale) + len(self.extra)

    def __bool__(self) -> bool:
        return self.total > 0

    def ids(self) -> set[int]:
        return {*self.missing, *self.stale, *self.extra}


def rebuild_index(
    *, backend: BaseSearchBackend | None = None, progress: Callable[[int], None] | None = None
) -> int:
    """Build the index afresh beside the live one and swap it in; return how many
    provisions it holds."""
    return (backend or get_search_backend()).rebuild(progress=progress)


def compare_index(*, backend: BaseSearchBackend | None = None) -> IndexDifferences:
    """Compare every record of the index with the database's current state.

    Raises ``SearchUnavailable`` when the index cannot be read at all."""
    backend = backend or get_search_backend()
    indexed = backend.indexed_fingerprints()
    differences = IndexDifferences()
    for record in iter_indexed_provisions():
        fingerprint = indexed.pop(record.id, None)
        if fingerprint is None:
            differences.missing.append(record.id)
        elif fingerprint != record.fingerprint:
            differences.stale.append(record.id)
    differences.extra = sorted(indexed)
    return differences


def repair_index(*, backend: BaseSearchBackend | None = None) -> IndexDifferences:
    """Write the database's state for every provision the index disagrees on (and apply any
    queued writes); return what was repaired."""
    backend = backend or get_search_backend()
    differences = compare_index(backend=backend)
    backend.update(differences.ids())
    return differences
