"""Shared fixtures."""

import os

import pytest
from hypothesis import settings as hypothesis_settings

from tests.chromium import CHROMIUM, CHROMIUM_ARGS

# `make test` draws the same generated cases at every run, so a red CI names a change rather
# than a new draw; the long sweeps (`make pdf-sweep`, `make whoosh-sweep`) explore afresh, and a
# case a sweep finds failing becomes a fixed test.
hypothesis_settings.register_profile("make-test", derandomize=True)
hypothesis_settings.register_profile("sweep", derandomize=False)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "make-test"))

# Playwright's sync API keeps an event loop running in this thread for the whole session once
# a browser has started; the ORM calls tests make beside it are ordinary synchronous ones.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _is_transactional(request) -> bool:
    marker = request.node.get_closest_marker("django_db")
    uses_marker = marker is not None and (
        marker.kwargs.get("transaction") or (marker.args and marker.args[0])
    )
    return bool(uses_marker) or bool({"transactional_db", "live_server"} & set(request.fixturenames))


@pytest.fixture(autouse=True)
def _rows_from_data_migrations(request):
    """Put back the rows data migrations create, which a transactional test's flush removes.

    (``serialized_rollback`` would do it too, but clashes with the content types that
    ``flush`` recreates after a transactional test without it.)
    """
    if _is_transactional(request):
        request.getfixturevalue("transactional_db")
        from commitments.taxonomy import ensure_taxonomy
        from curation.roles import apply_roles

        ensure_taxonomy()
        apply_roles()


@pytest.fixture
def admin_client_logged_in(client, django_user_model):
    """A client logged in as a superuser."""
    user = django_user_model.objects.create_superuser("admin", "admin@example.org", "a-long-password-1")
    client.force_login(user)
    return client


@pytest.fixture
def corpus(db):
    """The bundled corpus (fixtures/corpus) loaded into the test database.

    Works in transactional tests too (the taxonomy a flush removed is recreated). The first
    use in a process imports the corpus; later uses copy the same rows in bulk
    (tests/corpus_snapshot.py). Returns a
    ``importing.corpus.LoadedCorpus`` (``corpus.document("MC.DOC/2/05")``).
    """
    from tests.corpus_snapshot import load_test_corpus

    return load_test_corpus()


@pytest.fixture(autouse=True)
def _caches_of_a_fresh_process():
    """Each test starts as a newly started process would: no dataset version or per-index
    value remembered from another test's database."""
    from operations import dataset
    from search import per_index

    dataset.forget()
    per_index.forget()


@pytest.fixture
def whoosh_index(settings, tmp_path, db):
    """The real Whoosh backend as the default search backend, on an index of this test's own.

    The index is built from the test database as it is when this fixture runs: request
    ``corpus`` (or create rows) before it, or use ``corpus_index``. After changing rows, call
    ``whoosh_index.update(ids)`` or ``whoosh_index.rebuild()`` (saves in a test transaction do
    not reach the index, since ``on_commit`` never fires there).
    """
    from search import get_search_backend, reset_search_backends

    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    settings.SEARCH_BACKENDS = {
        "default": {"BACKEND": "search.backends.whoosh", "PATH": settings.SEARCH_INDEX_DIR}
    }
    backend = get_search_backend()
    backend.rebuild()
    yield backend
    reset_search_backends()


@pytest.fixture
def corpus_index(corpus, whoosh_index):
    """The bundled corpus, searchable through ``search_provisions`` with the real Whoosh
    backend (the corpus is loaded before the index is built). Returns the backend."""
    return whoosh_index


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session (Playwright's sync API allows one per thread).

    Without Chromium, browser tests skip, unless REQUIRE_BROWSER=1 (as in CI), when they fail.
    """
    if not CHROMIUM.exists():
        reason = f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 but {reason}", pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()
