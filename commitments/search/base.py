"""The interface every search backend implements (in the spirit of Wagtail's backends)."""

from collections.abc import Callable, Iterable

from commitments.search.query import SearchRequest, SearchResults


class SearchUnavailable(Exception):
    """The backend cannot answer now (missing or corrupt index, engine down)."""


class BaseSearchBackend:
    name = "base"

    def __init__(self, params: dict):
        self.params = params

    def add(self, provision) -> None:
        """Index one provision, replacing what the index had for it."""
        raise NotImplementedError

    def add_bulk(self, provisions: Iterable) -> None:
        raise NotImplementedError

    def delete(self, provision_id: int) -> None:
        raise NotImplementedError

    def rebuild(self, provisions: Iterable, progress: Callable[[int], None] | None = None) -> int:
        """Rebuild the whole index from ``provisions``; return how many were indexed."""
        raise NotImplementedError

    def search(self, request: SearchRequest) -> SearchResults:
        raise NotImplementedError

    def suggest(self, query: str) -> str | None:
        """A corrected query when ``query`` finds little, or None."""
        return None
