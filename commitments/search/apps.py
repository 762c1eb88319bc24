from django.apps import AppConfig


class SearchConfig(AppConfig):
    """The search package as an app of its own, for its PostgreSQL migration and checks."""

    name = "commitments.search"
    label = "search"
    verbose_name = "Search"

    def ready(self) -> None:
        from commitments.search import checks  # noqa: F401 - registers the system checks
