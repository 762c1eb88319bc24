from django.apps import AppConfig
from django.db.backends.signals import connection_created


def _register_sqlite_functions(sender, connection, **kwargs) -> None:
    """The folding the database search asks SQLite for, which SQLite lacks (PostgreSQL has
    ``unaccent`` and regular expressions)."""
    if connection.vendor != "sqlite":
        return
    from search.folding import fold, searchable_heading

    def null_safe(function):
        return lambda text: None if text is None else function(text)

    connection.connection.create_function("kb_fold", 1, null_safe(fold), deterministic=True)
    connection.connection.create_function(
        "kb_searchable_heading", 1, null_safe(searchable_heading), deterministic=True
    )


class SearchConfig(AppConfig):
    """Search over provisions: its PostgreSQL migration, its checks and the index's signal handlers."""

    name = "search"
    verbose_name = "Search"

    def ready(self) -> None:
        from search import (
            checks,  # noqa: F401 - registers the system checks
            per_index,
            sync,
        )

        connection_created.connect(_register_sqlite_functions, dispatch_uid="search-sqlite-functions")
        sync.register_signal_handlers()
        per_index.register_signal_handlers()
