"""The interface every search backend implements (in the spirit of Wagtail's backends).

A backend keeps an index of provisions (a cache the database can always rebuild) and
answers ``SearchRequest``s from it. Writes name provisions by id and the backend reads
their current state from the database itself, under its own write lock, so that whichever
writer comes last writes the newest state: concurrent writers cannot leave an older
version behind.
"""

from collections.abc import Callable, Iterable

from search.query import MatchingIds, SearchRequest, SearchResults


class SearchUnavailable(Exception):
    """The backend cannot answer now (missing or corrupt index, engine down)."""


class IndexMissing(SearchUnavailable):
    """No index has been built yet where the backend looks for it (or it was deleted)."""


class BaseSearchBackend:
    name = "base"
    #: False for a backend that reads the database directly and keeps no index.
    keeps_index = True

    def __init__(self, params: dict):
        self.params = params

    def update(self, provision_ids: Iterable[int]) -> None:
        """Make the index agree with the database for these provisions: index those that
        exist and are published, remove the others; apply any ids earlier writers left
        queued (even when ``provision_ids`` is empty). Raises ``SearchUnavailable`` when the
        index cannot be written."""
        raise NotImplementedError

    def rebuild(self, progress: Callable[[int], None] | None = None) -> int:
        """Build the whole index afresh from the database, swapping it in at once at the end;
        ``progress`` is called with the number of provisions indexed so far. Returns the
        number indexed."""
        raise NotImplementedError

    def indexed_fingerprints(self) -> dict[int, str]:
        """Provision id to the fingerprint of what the index holds for it."""
        raise NotImplementedError

    def search(self, request: SearchRequest) -> SearchResults:
        """One page of hits; facets, snippets and a suggestion only as ``request`` asks."""
        raise NotImplementedError

    def matching_ids(self, request: SearchRequest) -> MatchingIds:
        """Every provision ``request`` finds, in its order (its page and page size aside)."""
        raise NotImplementedError

    def generation(self) -> str | None:
        """A token that changes whenever what the index holds changes, or None when the
        backend cannot tell it cheaply (then nothing is cached per index: ``search.per_index``)."""
        return None

    def configuration_errors(self) -> list[str]:
        """What stops this backend from working in this deployment (for system checks)."""
        return []

    def close(self) -> None:
        """Release open files or connections (tests, settings changes)."""
