from django.apps import AppConfig


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

        sync.register_signal_handlers()
        per_index.register_signal_handlers()
