"""Values read once per state of the search index instead of once per request.

A page's facet labels and the taxonomy's order change only when what the index holds
changes: a document's title or a taxon's name is part of what its provisions are indexed
with, so saving either re-indexes them and moves the index's generation. ``per_index``
keeps one value per name in this process and reads it afresh when the generation it was
read at is no longer the backend's. A taxon or document saved in this process also clears
the cache at once (one without provisions moves no index). Backends that cannot tell their
generation cheaply (``generation()`` is None) get no caching: every call reads afresh.
"""

import threading
from collections.abc import Callable
from typing import TypeVar

from django.db.models.signals import post_delete, post_save

from search import get_search_backend

T = TypeVar("T")

_values: dict[str, tuple[str, object]] = {}
_lock = threading.Lock()


def per_index(name: str, read: Callable[[], T], *, uncached: Callable[[], T] | None = None) -> T:
    """The value ``read()`` gave at the index's current generation; ``uncached()`` (or
    ``read()``) on a backend without generations."""
    generation = get_search_backend().generation()
    if generation is None:
        return (uncached or read)()
    entry = _values.get(name)
    if entry is not None and entry[0] == generation:
        return entry[1]  # type: ignore[return-value]
    value = read()
    with _lock:
        _values[name] = (generation, value)
    return value


def forget(**kwargs) -> None:
    """Drop every cached value (the next call reads afresh)."""
    with _lock:
        _values.clear()


def register_signal_handlers() -> None:
    from commitments.models import Dimension, MigrationCategory
    from documents.models import Document

    for model in (Dimension, MigrationCategory, Document):
        post_save.connect(forget, sender=model, dispatch_uid=f"per-index-{model.__name__}-saved")
        post_delete.connect(forget, sender=model, dispatch_uid=f"per-index-{model.__name__}-deleted")
