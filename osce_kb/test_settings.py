"""Settings for the test suite: the real settings, only made faster and isolated.

Tests use PostgreSQL when ``DATABASE_URL`` says so or a server answers on 127.0.0.1:5432,
and SQLite otherwise; ``DATABASE_URL=sqlite://`` forces SQLite.
"""

import os
import socket
import tempfile

from osce_kb.env import env_str


def _postgres_answers(host: str = "127.0.0.1", port: int = 5432) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


if not env_str("DATABASE_URL") and _postgres_answers():
    os.environ["DATABASE_URL"] = "postgres://postgres@127.0.0.1:5432/osce_kb"
os.environ.setdefault("VAR_DIR", tempfile.mkdtemp(prefix="osce-kb-test-"))

from osce_kb.settings import *  # noqa: E402,F403

STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    # A file rather than memory, so that tests starting other processes share the database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-db.sqlite3")}  # noqa: F405
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
