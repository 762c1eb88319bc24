"""System checks: the configured search backend can be loaded and can work here."""

import importlib

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.compatibility)
def check_search_backends(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    errors: list[checks.CheckMessage] = []
    for alias, params in getattr(settings, "SEARCH_BACKENDS", {}).items():
        path = params.get("BACKEND", "")
        try:
            module = importlib.import_module(path)
            backend_class = module.SearchBackend
        except (ImportError, AttributeError) as exc:
            errors.append(
                checks.Error(
                    f"Search backend {alias!r} cannot be loaded from {path!r}: {exc}",
                    hint="Set SEARCH_BACKEND to whoosh, postgres or database.",
                    id="search.E001",
                )
            )
            continue
        options = {key: value for key, value in params.items() if key != "BACKEND"}
        for problem in backend_class(options).configuration_errors():
            errors.append(checks.Error(f"Search backend {alias!r}: {problem}", id="search.E002"))
    return errors
