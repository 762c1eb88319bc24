"""Search over provisions: backends chosen by ``settings.SEARCH_BACKENDS``, like caches."""

import importlib
import logging
from functools import cache

from django.conf import settings

from commitments.search.base import BaseSearchBackend, SearchUnavailable
from commitments.search.query import SearchFilters, SearchHit, SearchRequest, SearchResults

__all__ = [
    "BaseSearchBackend",
    "SearchFilters",
    "SearchHit",
    "SearchRequest",
    "SearchResults",
    "SearchUnavailable",
    "get_search_backend",
    "search_provisions",
]

logger = logging.getLogger(__name__)


@cache
def _load_backend(alias: str, module_path: str) -> BaseSearchBackend:
    params = dict(settings.SEARCH_BACKENDS[alias])
    module = importlib.import_module(params.pop("BACKEND"))
    return module.SearchBackend(params)


def get_search_backend(alias: str = "default") -> BaseSearchBackend:
    """The configured backend for ``alias``; one instance per process."""
    return _load_backend(alias, settings.SEARCH_BACKENDS[alias]["BACKEND"])


def search_provisions(request: SearchRequest) -> SearchResults:
    """Search with the default backend; fall back to the database if it cannot answer."""
    backend = get_search_backend()
    try:
        return backend.search(request)
    except SearchUnavailable as exc:
        logger.error("Search backend %s unavailable, answering from the database: %s", backend.name, exc)
        from commitments.search.backends.database import SearchBackend as DatabaseBackend

        return DatabaseBackend({}).search(request)
