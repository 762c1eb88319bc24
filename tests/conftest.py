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
