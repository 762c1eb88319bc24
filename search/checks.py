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


WHOOSH_BACKEND = "search.backends.whoosh"


@checks.register(checks.Tags.compatibility)
def check_whoosh_version(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """The Whoosh backend reads Whoosh's internals (``whoosh_internals``): on a version it
    was not tested with it could answer wrongly without failing, so it does not start."""
    if not any(
        params.get("BACKEND") == WHOOSH_BACKEND
        for params in getattr(settings, "SEARCH_BACKENDS", {}).values()
    ):
        return []
    from search.backends.whoosh_internals import version_problem

    problem = version_problem()
    if problem is None:
        return []
    return [
        checks.Error(
            problem,
            hint="Install the version in requirements.txt, or run the Whoosh tests and the whoosh-sweep "
            "target on this one and add it to whoosh_internals.TESTED_VERSIONS.",
            id="search.E003",
        )
    ]
