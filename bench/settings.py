"""Settings for the benchmark harness only: the project's settings plus the peers it is compared with.

django-haystack lives here and nowhere else, so the project itself never depends on it.
Every search backend of the project gets an alias, so one process can measure them all.
"""

import os
from pathlib import Path

from osce_kb.settings import *  # noqa: F403
from osce_kb.settings import INSTALLED_APPS, SEARCH_BACKENDS, VAR_DIR

BENCH_WORK_DIR = Path(os.environ.get("BENCH_WORK_DIR", str(VAR_DIR / "bench")))

# As deployed: with DEBUG on, Django would record every SQL query and slow the database paths.
DEBUG = False

INSTALLED_APPS = [*INSTALLED_APPS, "haystack", "bench"]

# The project's backends, each under its own alias; measurements switch "default" between them.
# Each keeps the deployed options (time limit, write timeout) of the project's own settings.
_DEPLOYED = {k: v for k, v in SEARCH_BACKENDS["default"].items() if k not in ("BACKEND", "PATH")}
BENCH_BACKENDS = {
    name: {
        **_DEPLOYED,
        "BACKEND": f"search.backends.{name}",
        "PATH": BENCH_WORK_DIR / f"index-{name}",
    }
    for name in ("whoosh", "postgres", "database")
}
SEARCH_BACKENDS = {**SEARCH_BACKENDS, **BENCH_BACKENDS}

# The peer: django-haystack over Whoosh, set up the way its documentation shows. Index updates
# are made explicitly by the harness, as its RealtimeSignalProcessor would on save.
HAYSTACK_CONNECTIONS = {
    "default": {
        "ENGINE": "haystack.backends.whoosh_backend.WhooshEngine",
        "PATH": str(BENCH_WORK_DIR / "haystack-whoosh"),
    },
}
HAYSTACK_SIGNAL_PROCESSOR = "haystack.signals.BaseSignalProcessor"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# A backend that reads the index location from settings rather than its params finds it here too.
SEARCH_INDEX_DIR = BENCH_BACKENDS["whoosh"]["PATH"]
# Outside a measurement the database backend is the default, so generating the corpus never
# writes to an index; each measurement makes the backend it measures the default.
SEARCH_BACKENDS["default"] = BENCH_BACKENDS["database"]
