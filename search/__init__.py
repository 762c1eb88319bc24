"""Search over provisions: backends chosen by ``settings.SEARCH_BACKENDS``, like caches."""

import importlib
import logging

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

from search.base import BaseSearchBackend, SearchUnavailable
from search.query import MatchingIds, SearchFilters, SearchHit, SearchRequest, SearchResults

__all__ = [
    "BaseSearchBackend",
    "MatchingIds",
    "SearchFilters",
    "SearchHit",
    "SearchRequest",
    "SearchResults",
    "SearchUnavailable",
    "get_search_backend",
    "matching_provision_ids",
    "reset_search_backends",
    "search_provisions",
]

logger = logging.getLogger(__name__)

_backends: dict[str, BaseSearchBackend] = {}


def get_search_backend(alias: str = "default") -> BaseSearchBackend:
    """The configured backend for ``alias``; one instance per process, so that its open
    searchers are reused from request to request."""
    backend = _backends.get(alias)
    if backend is None:
        params = dict(settings.SEARCH_BACKENDS[alias])
        module = importlib.import_module(params.pop("BACKEND"))
        backend = _backends.setdefault(alias, module.SearchBackend(params))
    return backend


def reset_search_backends() -> None:
    """Forget the backend instances (closing their searchers): the next call builds them
    from the settings as they are now."""
    while _backends:
        _, backend = _backends.popitem()
        backend.close()


@receiver(setting_changed)
def _settings_changed(*, setting: str, **kwargs) -> None:
    if setting in ("SEARCH_BACKENDS", "SEARCH_INDEX_DIR"):
        reset_search_backends()


def search_provisions(request: SearchRequest) -> SearchResults:
    """One page of hits from the default backend; from the database if it cannot answer."""
    return _answer("search", request)


def matching_provision_ids(request: SearchRequest) -> MatchingIds:
    """Every provision ``request`` finds, in order, from the default backend (or the database)."""
    return _answer("matching_ids", request)


def _answer(method: str, request: SearchRequest):
    backend = get_search_backend()
    try:
        return getattr(backend, method)(request)
    except SearchUnavailable as exc:
        logger.error(
            "Search backend %s unavailable, answering from the database: %s",
            backend.name,
            exc,
            exc_info=exc.__cause__ is not None,  # the engine's own error, when there was one
        )
        from search.backends.database import SearchBackend as DatabaseBackend

        return getattr(DatabaseBackend({}), method)(request)
