"""Shared fixtures."""

import pytest


@pytest.fixture
def admin_client_logged_in(client, django_user_model):
    """A client logged in as a superuser."""
    user = django_user_model.objects.create_superuser("admin", "admin@example.org", "a-long-password-1")
    client.force_login(user)
    return client


@pytest.fixture
def corpus(db):
    """The bundled corpus (fixtures/corpus) loaded into the test database.

    Works in transactional tests too: ``load_corpus`` recreates the taxonomy a flush removed.
    Parsing is cached per process, so each use only pays for saving. Returns a
    ``documents.corpus.LoadedCorpus`` (``corpus.document("MC.DOC/2/05")``).
    """
    from documents.corpus import load_corpus

    return load_corpus(keep_files=False)


@pytest.fixture
def whoosh_index(settings, tmp_path, db):
    """The real Whoosh backend as the default search backend, on an index of this test's own.

    The index is built from the test database as it is when this fixture runs: request
    ``corpus`` (or create rows) before it, or use ``corpus_index``. After changing rows, call
    ``whoosh_index.update(ids)`` or ``whoosh_index.rebuild()`` (saves in a test transaction do
    not reach the index, since ``on_commit`` never fires there).
    """
    from commitments.search import get_search_backend, reset_search_backends

    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    settings.SEARCH_BACKENDS = {
        "default": {"BACKEND": "commitments.search.backends.whoosh", "PATH": settings.SEARCH_INDEX_DIR}
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
